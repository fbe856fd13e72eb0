package ubl

import (
	"strings"
)

// normText is XPath normalize-space() of the node's text ("" when absent).
func normText(n *node) string { return collapse(textOf(n)) }

// vatScheme reports whether a tax category or party tax scheme node
// belongs to VAT (cac:TaxScheme/cbc:ID = VAT, case-insensitive).
func vatScheme(n *node) bool {
	return strings.EqualFold(normText(n.at("cac:TaxScheme", "cbc:ID")), "VAT")
}

// mandatory checks the EN 16931 rules on mandatory document elements:
// BR-01…BR-16, the party, period, allowance, VAT breakdown, payment and
// reference rules, BR-CO-09, BR-CO-18 and BR-CO-26.
func (c *ruleCtx) mandatory() {
	d, r, fs := c.d, c.r, c.fs
	if d.CustomizationID == "" {
		fs.errorf("BR-01", "cbc:CustomizationID", "the specification identifier (cbc:CustomizationID) is missing")
	}
	if normText(r.child("cbc:ID")) == "" {
		fs.errorf("BR-02", "cbc:ID", "the invoice number (cbc:ID) is missing")
	}
	if normText(r.child("cbc:IssueDate")) == "" {
		fs.errorf("BR-03", "cbc:IssueDate", "the issue date (cbc:IssueDate) is missing")
	}
	typeName := "cbc:InvoiceTypeCode"
	if d.Kind == KindCreditNote {
		typeName = "cbc:CreditNoteTypeCode"
	}
	if normText(r.child(typeName)) == "" {
		fs.errorf("BR-04", typeName, "the document type code (%s) is missing", typeName)
	}
	if normText(r.child("cbc:DocumentCurrencyCode")) == "" {
		fs.errorf("BR-05", "cbc:DocumentCurrencyCode", "the invoice currency (cbc:DocumentCurrencyCode) is missing")
	}
	for _, p := range []struct {
		party            string
		name, addr, ctry string
		who              string
	}{
		{"cac:AccountingSupplierParty", "BR-06", "BR-08", "BR-09", "supplier"},
		{"cac:AccountingCustomerParty", "BR-07", "BR-10", "BR-11", "customer"},
	} {
		party := r.at(p.party, "cac:Party")
		base := p.party + "/cac:Party"
		if normText(party.at("cac:PartyLegalEntity", "cbc:RegistrationName")) == "" {
			fs.errorf(p.name, base+"/cac:PartyLegalEntity/cbc:RegistrationName", "the %s's legal name (cac:PartyLegalEntity/cbc:RegistrationName) is missing", p.who)
		}
		addr := party.child("cac:PostalAddress")
		if addr == nil {
			fs.errorf(p.addr, base+"/cac:PostalAddress", "the %s's postal address (cac:PostalAddress) is missing", p.who)
		} else if normText(addr.at("cac:Country", "cbc:IdentificationCode")) == "" {
			fs.errorf(p.ctry, pathOf(addr)+"/cac:Country/cbc:IdentificationCode", "the %s's country code is missing", p.who)
		}
		if ep := party.child("cbc:EndpointID"); ep != nil {
			if _, ok := ep.attr("schemeID"); !ok {
				rule := map[string]string{"supplier": "BR-62", "customer": "BR-63"}[p.who]
				fs.errorf(rule, pathOf(ep), "the %s's electronic address (cbc:EndpointID) has no schemeID", p.who)
			}
		}
	}
	if sup := r.child("cac:AccountingSupplierParty"); sup != nil {
		p := sup.child("cac:Party")
		hasVAT := false
		for _, ts := range p.children("cac:PartyTaxScheme") {
			hasVAT = hasVAT || (vatScheme(ts) && ts.child("cbc:CompanyID") != nil)
		}
		if !hasVAT && len(p.all("cac:PartyIdentification", "cbc:ID")) == 0 && len(p.all("cac:PartyLegalEntity", "cbc:CompanyID")) == 0 {
			fs.errorf("BR-CO-26", "cac:AccountingSupplierParty/cac:Party", "the supplier has no VAT number, party identifier or legal registration number, so the buyer cannot identify it")
		}
	}
	if lmt := r.child("cac:LegalMonetaryTotal"); lmt != nil {
		for _, t := range []struct{ rule, el, what string }{
			{"BR-12", "cbc:LineExtensionAmount", "the sum of the line net amounts"},
			{"BR-13", "cbc:TaxExclusiveAmount", "the total without VAT"},
			{"BR-14", "cbc:TaxInclusiveAmount", "the total with VAT"},
			{"BR-15", "cbc:PayableAmount", "the amount due for payment"},
		} {
			if lmt.child(t.el) == nil {
				fs.errorf(t.rule, "cac:LegalMonetaryTotal/"+t.el, "%s (%s) is missing", t.what, t.el)
			}
		}
	}
	if len(c.lines()) == 0 {
		fs.errorf("BR-16", c.d.lineName(), "the document has no lines (%s)", c.d.lineName())
	}
	if len(r.all("cac:TaxTotal", "cac:TaxSubtotal")) == 0 {
		fs.errorf("BR-CO-18", "cac:TaxTotal/cac:TaxSubtotal", "the VAT breakdown (cac:TaxTotal/cac:TaxSubtotal) is missing")
	}
	c.periodRule("BR-29", r.child("cac:InvoicePeriod"))
	c.documentAllowances()
	c.breakdownRules()
	c.paymentRules()
	c.referenceRules()
}

// periodRule checks that a period does not end before it starts.
func (c *ruleCtx) periodRule(rule string, p *node) {
	if p == nil {
		return
	}
	start, end := dateOf(p.child("cbc:StartDate")), dateOf(p.child("cbc:EndDate"))
	if !start.IsZero() && !end.IsZero() && end.Time().Before(start.Time()) {
		c.fs.errorf(rule, pathOf(p)+"/cbc:EndDate", "the period ends (%s) before it starts (%s)", end, start)
	}
}

// documentAllowances checks BR-31…BR-33 (allowances) and BR-36…BR-38
// (charges) on the document level.
func (c *ruleCtx) documentAllowances() {
	for _, ac := range c.r.children("cac:AllowanceCharge") {
		charge := isTrue(textOf(ac.child("cbc:ChargeIndicator")))
		rules, what := [3]string{"BR-31", "BR-32", "BR-33"}, "allowance"
		if charge {
			rules, what = [3]string{"BR-36", "BR-37", "BR-38"}, "charge"
		}
		p := pathOf(ac)
		if ac.child("cbc:Amount") == nil {
			c.fs.errorf(rules[0], p+"/cbc:Amount", "the document level %s has no amount", what)
		}
		hasCat := false
		for _, tc := range ac.children("cac:TaxCategory") {
			hasCat = hasCat || (vatScheme(tc) && tc.child("cbc:ID") != nil)
		}
		if !hasCat {
			c.fs.errorf(rules[1], p+"/cac:TaxCategory", "the document level %s has no VAT category", what)
		}
		if ac.child("cbc:AllowanceChargeReason") == nil && ac.child("cbc:AllowanceChargeReasonCode") == nil {
			c.fs.errorf(rules[2], p+"/cbc:AllowanceChargeReason", "the document level %s has neither a reason nor a reason code", what)
		}
	}
}

// breakdownRules checks BR-45…BR-48 on each VAT breakdown row and BR-53.
func (c *ruleCtx) breakdownRules() {
	for _, st := range c.r.all("cac:TaxTotal", "cac:TaxSubtotal") {
		p := pathOf(st)
		if st.child("cbc:TaxableAmount") == nil {
			c.fs.errorf("BR-45", p+"/cbc:TaxableAmount", "the VAT breakdown row has no taxable amount")
		}
		if st.child("cbc:TaxAmount") == nil {
			c.fs.errorf("BR-46", p+"/cbc:TaxAmount", "the VAT breakdown row has no VAT amount")
		}
		var vat *node
		for _, tc := range st.children("cac:TaxCategory") {
			if vatScheme(tc) {
				vat = tc
			}
		}
		if vat == nil || vat.child("cbc:ID") == nil {
			c.fs.errorf("BR-47", p+"/cac:TaxCategory/cbc:ID", "the VAT breakdown row has no VAT category code")
		} else if vat.child("cbc:Percent") == nil && normText(vat.child("cbc:ID")) != "O" {
			c.fs.errorf("BR-48", p+"/cac:TaxCategory/cbc:Percent", "the VAT breakdown row for category %s has no VAT rate", normText(vat.child("cbc:ID")))
		}
	}
	if tc := c.r.child("cbc:TaxCurrencyCode"); tc != nil {
		cur := textOf(tc)
		found := false
		for _, ta := range c.r.all("cac:TaxTotal", "cbc:TaxAmount") {
			if v, _ := ta.attr("currencyID"); v == cur {
				found = true
			}
		}
		if !found {
			c.fs.errorf("BR-53", "cbc:TaxCurrencyCode", "the VAT accounting currency %s is given but no VAT total in %s", collapse(cur), collapse(cur))
		}
	}
}

// paymentRules checks BR-49, BR-50 and BR-61.
func (c *ruleCtx) paymentRules() {
	for _, pm := range c.r.children("cac:PaymentMeans") {
		p := pathOf(pm)
		code := normText(pm.child("cbc:PaymentMeansCode"))
		if pm.child("cbc:PaymentMeansCode") == nil {
			c.fs.errorf("BR-49", p+"/cbc:PaymentMeansCode", "the payment instructions have no payment means code")
		}
		if code != "30" && code != "58" {
			continue
		}
		acct := pm.child("cac:PayeeFinancialAccount")
		if acct == nil || acct.child("cbc:ID") == nil {
			c.fs.errorf("BR-61", p+"/cac:PayeeFinancialAccount/cbc:ID", "a credit transfer (payment means %s) needs the account to pay to (cac:PayeeFinancialAccount/cbc:ID)", code)
		} else if normText(acct.child("cbc:ID")) == "" {
			c.fs.errorf("BR-50", pathOf(acct)+"/cbc:ID", "the account to pay to (cac:PayeeFinancialAccount/cbc:ID) is empty")
		}
	}
}

// referenceRules checks BR-52, BR-55 and BR-CO-09.
func (c *ruleCtx) referenceRules() {
	for _, a := range c.r.children("cac:AdditionalDocumentReference") {
		if normText(a.child("cbc:ID")) == "" {
			c.fs.errorf("BR-52", pathOf(a)+"/cbc:ID", "the supporting document has no reference (cbc:ID)")
		}
	}
	for _, b := range c.r.children("cac:BillingReference") {
		if b.at("cac:InvoiceDocumentReference", "cbc:ID") == nil {
			c.fs.errorf("BR-55", pathOf(b)+"/cac:InvoiceDocumentReference/cbc:ID", "the preceding invoice reference has no invoice number")
		}
	}
	var schemes []*node
	for _, party := range []*node{
		c.r.at("cac:AccountingSupplierParty", "cac:Party"), c.r.at("cac:AccountingCustomerParty", "cac:Party"),
		c.r.child("cac:PayeeParty"), c.r.child("cac:TaxRepresentativeParty"),
	} {
		schemes = append(schemes, party.children("cac:PartyTaxScheme")...)
	}
	for _, ts := range schemes {
		id := ts.child("cbc:CompanyID")
		if id == nil || !vatScheme(ts) {
			continue
		}
		v := textOf(id)
		if len(v) < 2 || !inList(vatPrefixes, v[:2]) {
			c.fs.errorf("BR-CO-09", pathOf(id), "the VAT number %q does not start with a country code (ISO 3166-1 alpha-2, EL for Greece)", clip(v))
		}
	}
}
