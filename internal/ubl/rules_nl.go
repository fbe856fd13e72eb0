package ubl

import (
	"strings"
)

// supplierInNL reports whether the supplier's address is in the
// Netherlands; most Dutch rules apply only then.
func (c *ruleCtx) supplierInNL() bool { return c.d.Supplier.Address.Country == "NL" }

// hasKvKOrOIN reports whether one of the legal identifiers has scheme
// 0106 (KvK) or 0190 (OIN).
func hasKvKOrOIN(ids []*node) bool {
	for _, id := range ids {
		s, _ := id.attr("schemeID")
		if s == SchemeKvK || s == SchemeOIN {
			return true
		}
	}
	return false
}

// anyFilled reports whether one of the nodes has non-space text.
func anyFilled(ids []*node) bool {
	for _, id := range ids {
		if normText(id) != "" {
			return true
		}
	}
	return false
}

// addressComplete checks that an address has street, city and postal
// code elements (the Dutch rules ask for the elements, not their text).
func addressComplete(a *node) bool {
	return a.child("cbc:StreetName") != nil && a.child("cbc:CityName") != nil && a.child("cbc:PostalZone") != nil
}

// missingAddressParts names what addressComplete misses.
func missingAddressParts(a *node) string {
	var miss []string
	for _, el := range []string{"cbc:StreetName", "cbc:CityName", "cbc:PostalZone"} {
		if a.child(el) == nil {
			miss = append(miss, el)
		}
	}
	return strings.Join(miss, ", ")
}

// nlcius checks the rules of NLCIUS / SI-UBL 2.0 (BR-NL-1…35, as the
// SimplerInvoicing validation artefacts implement them) and SI-UBL-2.
// Apart from BR-NL-13 and SI-UBL-2 they apply to suppliers in the
// Netherlands only.
func (c *ruleCtx) nlcius() {
	r, fs := c.r, c.fs
	for _, lid := range r.all(c.d.lineName(), "cac:OrderLineReference", "cbc:LineID") {
		if r.at("cac:OrderReference", "cbc:ID") == nil {
			fs.errorf("BR-NL-13", pathOf(lid), "a line refers to an order line, so the document must give the order number (cac:OrderReference/cbc:ID)")
			break
		}
	}
	c.emptyElements()
	if !c.supplierInNL() {
		return
	}
	sup := r.at("cac:AccountingSupplierParty", "cac:Party")
	supIDs := sup.all("cac:PartyLegalEntity", "cbc:CompanyID")
	if sup != nil && !(hasKvKOrOIN(supIDs) && anyFilled(supIDs)) {
		fs.errorf("BR-NL-1", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID", "a Dutch supplier must give its KvK number (schemeID 0106) or OIN (schemeID 0190) as legal registration number")
	}
	if r.child("cbc:BuyerReference") == nil && r.at("cac:OrderReference", "cbc:ID") == nil {
		fs.errorf("BR-NL-2", "cbc:BuyerReference", "a Dutch supplier must give the buyer reference (cbc:BuyerReference) or the order number (cac:OrderReference/cbc:ID)")
	}
	if a := sup.child("cac:PostalAddress"); a != nil && !addressComplete(a) {
		fs.errorf("BR-NL-3", pathOf(a), "a Dutch supplier's address must have street, city and postal code; missing %s", missingAddressParts(a))
	}
	cus := r.at("cac:AccountingCustomerParty", "cac:Party")
	if a := cus.child("cac:PostalAddress"); a != nil && textOf(a.at("cac:Country", "cbc:IdentificationCode")) == "NL" && !addressComplete(a) {
		fs.errorf("BR-NL-4", pathOf(a), "a customer in the Netherlands must have an address with street, city and postal code; missing %s", missingAddressParts(a))
	}
	if a := r.at("cac:TaxRepresentativeParty", "cac:PostalAddress"); a != nil && textOf(a.at("cac:Country", "cbc:IdentificationCode")) == "NL" && !addressComplete(a) {
		fs.errorf("BR-NL-5", pathOf(a), "a tax representative in the Netherlands must have an address with street, city and postal code; missing %s", missingAddressParts(a))
	}
	c.nlTypeCode()
	cusInNL := textOf(cus.at("cac:PostalAddress", "cac:Country", "cbc:IdentificationCode")) == "NL"
	cusIDs := cus.all("cac:PartyLegalEntity", "cbc:CompanyID")
	for _, le := range cus.children("cac:PartyLegalEntity") {
		own := le.children("cbc:CompanyID")
		if (cusInNL && !hasKvKOrOIN(cusIDs)) || (len(own) > 0 && !anyFilled(own)) {
			fs.errorf("BR-NL-10", pathOf(le)+"/cbc:CompanyID", "a customer in the Netherlands must be identified by its KvK number (schemeID 0106) or OIN (schemeID 0190)")
		}
	}
	if c.d.Kind == KindInvoice {
		if lmt := r.child("cac:LegalMonetaryTotal"); lmt != nil {
			pay := amountOf(lmt.child("cbc:PayableAmount"))
			if !(pay.Present && !pay.Value.IsPositive()) && len(r.children("cac:PaymentMeans")) == 0 {
				fs.errorf("BR-NL-11", "cac:PaymentMeans", "a Dutch supplier asking for payment must say how to pay (cac:PaymentMeans)")
			}
		}
	}
	for _, pm := range r.children("cac:PaymentMeans") {
		code := normText(pm.child("cbc:PaymentMeansCode"))
		if !inList("30 48 49 57 58 59", code) {
			fs.errorf("BR-NL-12", pathOf(pm)+"/cbc:PaymentMeansCode", "a Dutch supplier may only use payment means 30, 48, 49, 57, 58 or 59, not %q", clip(code))
		}
		if (code == "58" || code == "59") && pm.at("cac:PayeeFinancialAccount", "cac:FinancialInstitutionBranch", "cbc:ID") != nil {
			fs.warnf("BR-NL-31", pathOf(pm)+"/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", "a BIC is not recommended for SEPA payments (payment means 58 or 59)")
		}
	}
	c.nlRecommendations()
}

// nlTypeCode checks BR-NL-7, BR-NL-8 and BR-NL-9 on the type code.
func (c *ruleCtx) nlTypeCode() {
	el := "cbc:InvoiceTypeCode"
	if c.d.Kind == KindCreditNote {
		el = "cbc:CreditNoteTypeCode"
	}
	t := c.r.child(el)
	if t == nil {
		return
	}
	v := t.text
	if v != "380" && v != "381" && v != "384" && v != "389" {
		c.fs.errorf("BR-NL-7", el, "the type code must be 380, 381, 384 or 389, not %q", clip(v))
	}
	if v == "381" && c.d.Kind == KindInvoice {
		c.fs.errorf("BR-NL-8", el, "type code 381 (credit note) must be sent as a UBL CreditNote, not an Invoice")
	}
	if v != "381" && c.d.Kind == KindCreditNote {
		c.fs.errorf("BR-NL-8", el, "a UBL CreditNote must have type code 381, not %q (use an Invoice)", clip(v))
	}
	if v == "384" && c.r.at("cac:BillingReference", "cac:InvoiceDocumentReference", "cbc:ID") == nil {
		c.fs.errorf("BR-NL-9", "cac:BillingReference", "a corrected invoice (384) must refer to the invoice it corrects (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)")
	}
}

// nlRecommendations reports the elements NLCIUS advises against
// (BR-NL-19…35, warnings).
func (c *ruleCtx) nlRecommendations() {
	r, fs := c.r, c.fs
	warnAll := func(rule, msg string, nodes []*node) {
		for _, n := range nodes {
			fs.warnf(rule, pathOf(n), "%s", msg)
		}
	}
	warnAll("BR-NL-19", "a VAT accounting currency (cbc:TaxCurrencyCode) is not recommended", r.children("cbc:TaxCurrencyCode"))
	warnAll("BR-NL-20", "a tax point date (cbc:TaxPointDate) is not recommended and is ignored", r.children("cbc:TaxPointDate"))
	periods := append(r.children("cac:InvoicePeriod"), r.all(c.d.lineName(), "cac:InvoicePeriod")...)
	for _, p := range periods {
		warnAll("BR-NL-21", "a tax point date code (cac:InvoicePeriod/cbc:DescriptionCode) is not recommended and is ignored", p.children("cbc:DescriptionCode"))
	}
	warnAll("BR-NL-24", "the issue date of the preceding invoice is not recommended", r.all("cac:BillingReference", "cac:InvoiceDocumentReference", "cbc:IssueDate"))
	sup := r.at("cac:AccountingSupplierParty", "cac:Party")
	for _, ts := range sup.children("cac:PartyTaxScheme") {
		if ts.child("cbc:CompanyID") != nil && textOf(ts.at("cac:TaxScheme", "cbc:ID")) != "VAT" {
			fs.warnf("BR-NL-25", pathOf(ts)+"/cbc:CompanyID", "a tax registration number under another scheme than VAT is not recommended for Dutch suppliers")
		}
	}
	warnAll("BR-NL-26", "additional legal information (cbc:CompanyLegalForm) is not recommended for Dutch suppliers", sup.all("cac:PartyLegalEntity", "cbc:CompanyLegalForm"))
	for _, a := range []*node{
		sup.child("cac:PostalAddress"),
		r.at("cac:AccountingCustomerParty", "cac:Party", "cac:PostalAddress"),
		r.at("cac:TaxRepresentativeParty", "cac:PostalAddress"),
	} {
		warnAll("BR-NL-27", "a third address line (cac:AddressLine) is not recommended", a.all("cac:AddressLine", "cbc:Line"))
		warnAll("BR-NL-28", "a country subdivision (cbc:CountrySubentity) is not recommended", a.children("cbc:CountrySubentity"))
	}
	for _, a := range r.all("cac:Delivery", "cac:DeliveryLocation", "cac:Address") {
		warnAll("BR-NL-27", "a third address line (cac:AddressLine) is not recommended", a.all("cac:AddressLine", "cbc:Line"))
		warnAll("BR-NL-28", "a country subdivision (cbc:CountrySubentity) is not recommended", a.children("cbc:CountrySubentity"))
	}
	for _, code := range r.all("cac:PaymentMeans", "cbc:PaymentMeansCode") {
		if _, ok := code.attr("name"); ok {
			fs.warnf("BR-NL-29", pathOf(code), "a payment means text (the name attribute) is not recommended")
		}
	}
	warnAll("BR-NL-30", "a payment account name (cac:PayeeFinancialAccount/cbc:Name) is not recommended", r.all("cac:PaymentMeans", "cac:PayeeFinancialAccount", "cbc:Name"))
	acs := append(r.children("cac:AllowanceCharge"), r.all(c.d.lineName(), "cac:AllowanceCharge")...)
	for _, ac := range acs {
		rule, what := "BR-NL-32", "an allowance reason code"
		if isTrue(textOf(ac.child("cbc:ChargeIndicator"))) {
			rule, what = "BR-NL-34", "a charge reason code"
		}
		warnAll(rule, what+" (cbc:AllowanceChargeReasonCode) is not recommended", ac.children("cbc:AllowanceChargeReasonCode"))
	}
	cur := textOf(r.child("cbc:DocumentCurrencyCode"))
	for _, ta := range r.all("cac:TaxTotal", "cbc:TaxAmount") {
		if v, _ := ta.attr("currencyID"); v != cur {
			fs.warnf("BR-NL-33", pathOf(ta), "a VAT total in another currency (%s) than the invoice's is not recommended", clip(v))
		}
	}
	warnAll("BR-NL-35", "a VAT exemption reason code is not recommended", r.all("cac:TaxTotal", "cac:TaxSubtotal", "cac:TaxCategory", "cbc:TaxExemptionReasonCode"))
}

// emptyElements reports elements without content (SI-UBL-2).
func (c *ruleCtx) emptyElements() {
	walk(c.r, func(n *node) {
		if len(n.kids) == 0 && trimXML(n.text) == "" {
			c.fs.warnf("SI-UBL-2", pathOf(n), "%s is empty; a document should not contain empty elements", n.name)
		}
	})
}
