package ubl

import "strings"

// peppolNL checks the Dutch rules of Peppol BIS Billing 3.0, NL-R-001…009,
// which apply when the supplier is in the Netherlands (NL-R-004, 005 and
// 008 only when the customer is too, NL-R-006 when the tax
// representative is). They are the
// NLCIUS rules BR-NL-1…13 as Peppol adopted them: a legal identifier need
// not be given, but when it is it must be a KvK number or OIN.
func (c *ruleCtx) peppolNL() {
	if !c.supplierInNL() {
		return
	}
	r, fs := c.r, c.fs
	country := func(path ...string) string {
		return strings.ToUpper(normText(r.at(append(path, "cac:PostalAddress", "cac:Country", "cbc:IdentificationCode")...)))
	}
	cusInNL := country("cac:AccountingCustomerParty", "cac:Party") == "NL"
	repInNL := country("cac:TaxRepresentativeParty") == "NL"

	if c.d.Kind == KindCreditNote && r.child("cbc:CreditNoteTypeCode") != nil && r.at("cac:BillingReference", "cac:InvoiceDocumentReference", "cbc:ID") == nil {
		fs.errorf("NL-R-001", "cac:BillingReference", "a credit note from a Dutch supplier must refer to the invoice it credits (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)")
	}
	sup := r.at("cac:AccountingSupplierParty", "cac:Party")
	if a := sup.child("cac:PostalAddress"); a != nil && !addressComplete(a) {
		fs.errorf("NL-R-002", pathOf(a), "a Dutch supplier's address must have street, city and postal code; missing %s", missingAddressParts(a))
	}
	for _, id := range sup.all("cac:PartyLegalEntity", "cbc:CompanyID") {
		if !hasKvKOrOIN([]*node{id}) || normText(id) == "" {
			fs.errorf("NL-R-003", pathOf(id), "a Dutch supplier's legal registration number must be a KvK number (schemeID 0106) or OIN (schemeID 0190)")
		}
	}
	cus := r.at("cac:AccountingCustomerParty", "cac:Party")
	if a := cus.child("cac:PostalAddress"); a != nil && cusInNL && !addressComplete(a) {
		fs.errorf("NL-R-004", pathOf(a), "a customer in the Netherlands must have an address with street, city and postal code; missing %s", missingAddressParts(a))
	}
	if cusInNL {
		for _, id := range cus.all("cac:PartyLegalEntity", "cbc:CompanyID") {
			if !hasKvKOrOIN([]*node{id}) || normText(id) == "" {
				fs.errorf("NL-R-005", pathOf(id), "the legal registration number of a customer in the Netherlands must be a KvK number (schemeID 0106) or OIN (schemeID 0190)")
			}
		}
	}
	if a := r.at("cac:TaxRepresentativeParty", "cac:PostalAddress"); a != nil && repInNL && !addressComplete(a) {
		fs.errorf("NL-R-006", pathOf(a), "a tax representative in the Netherlands must have an address with street, city and postal code; missing %s", missingAddressParts(a))
	}
	if lmt := r.child("cac:LegalMonetaryTotal"); lmt != nil && len(r.children("cac:PaymentMeans")) == 0 {
		pay := amountOf(lmt.child("cbc:PayableAmount"))
		noPayment := pay.Present && ((c.d.Kind == KindInvoice && !pay.Value.IsPositive()) || (c.d.Kind == KindCreditNote && !pay.Value.IsNegative()))
		if !noPayment {
			fs.errorf("NL-R-007", "cac:PaymentMeans", "a Dutch supplier asking for payment must say how to pay (cac:PaymentMeans)")
		}
	}
	for _, pm := range r.children("cac:PaymentMeans") {
		if !cusInNL {
			break // NL-R-008 applies to Dutch customers only
		}
		if code := normText(pm.child("cbc:PaymentMeansCode")); !inList("30 48 49 57 58 59", code) {
			fs.errorf("NL-R-008", pathOf(pm)+"/cbc:PaymentMeansCode", "a Dutch supplier may only use payment means 30, 48, 49, 57, 58 or 59, not %q", clip(code))
		}
	}
	if lids := r.all(c.d.lineName(), "cac:OrderLineReference", "cbc:LineID"); len(lids) > 0 && r.at("cac:OrderReference", "cbc:ID") == nil {
		fs.errorf("NL-R-009", pathOf(lids[0]), "a line refers to an order line, so the document must give the order number (cac:OrderReference/cbc:ID)")
	}
}
