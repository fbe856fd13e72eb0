package ubl

import (
	"github.com/shopspring/decimal"
)

// round2 rounds to cents the way the EN 16931 Schematron does
// (round(x * 100) div 100, where XPath's round takes halves up).
func round2(x decimal.Decimal) decimal.Decimal {
	return x.Shift(2).Add(decimal.New(5, -1)).Floor().Shift(-2)
}

// totals checks the arithmetic of the document totals: BR-CO-10…BR-CO-16
// and, for EN 16931 invoices, BR-CO-25. With c.sev Warning (plain UBL)
// only totals that are present are compared.
func (c *ruleCtx) totals() {
	d, r := c.d, c.r
	lmt := r.child("cac:LegalMonetaryTotal")
	if lmt == nil {
		return
	}
	t := d.Totals
	at := func(el string) string { return "cac:LegalMonetaryTotal/" + el }

	if t.LineExtension.Present {
		var lines []Amount
		for _, l := range d.Lines {
			lines = append(lines, l.NetAmount)
		}
		if want := round2(sum(lines...)); !t.LineExtension.Value.Equal(want) {
			c.fs.add(c.sev, "BR-CO-10", at("cbc:LineExtensionAmount"), "the line net amounts add up to %s, but cbc:LineExtensionAmount is %s", want, t.LineExtension.Value)
		}
	}
	var allowances, charges []Amount
	for _, ac := range d.AllowanceCharges {
		if ac.Charge {
			charges = append(charges, ac.Amount)
		} else {
			allowances = append(allowances, ac.Amount)
		}
	}
	c.acTotal("BR-CO-11", t.AllowanceTotal, allowances, "cbc:AllowanceTotalAmount", "allowances")
	c.acTotal("BR-CO-12", t.ChargeTotal, charges, "cbc:ChargeTotalAmount", "charges")

	if t.TaxExclusive.Present && t.LineExtension.Present {
		want := round2(t.LineExtension.Value.Add(t.ChargeTotal.Value).Sub(t.AllowanceTotal.Value))
		if !t.TaxExclusive.Value.Equal(want) {
			c.fs.add(c.sev, "BR-CO-13", at("cbc:TaxExclusiveAmount"), "the total without VAT should be %s (lines %s - allowances %s + charges %s), but cbc:TaxExclusiveAmount is %s",
				want, t.LineExtension.Value, t.AllowanceTotal.Value, t.ChargeTotal.Value, t.TaxExclusive.Value)
		}
	}
	for i, tt := range r.children("cac:TaxTotal") {
		subs := d.TaxTotals[i].Subtotals
		if len(subs) == 0 || !d.TaxTotals[i].Amount.Present {
			continue
		}
		var taxes []Amount
		for _, s := range subs {
			taxes = append(taxes, s.Tax)
		}
		if want := round2(sum(taxes...)); !d.TaxTotals[i].Amount.Value.Equal(want) {
			c.fs.add(c.sev, "BR-CO-14", pathOf(tt)+"/cbc:TaxAmount", "the VAT breakdown adds up to %s, but the VAT total is %s", want, d.TaxTotals[i].Amount.Value)
		}
	}
	c.inclusiveTotal()
	c.payable()
	if c.sev == Error && d.Kind == KindInvoice && t.Payable.Present && t.Payable.Value.IsPositive() {
		if r.child("cbc:DueDate") == nil && len(r.all("cac:PaymentTerms", "cbc:Note")) == 0 {
			c.fs.errorf("BR-CO-25", "cbc:DueDate", "%s is to be paid, but the invoice has neither a due date (cbc:DueDate) nor payment terms (cac:PaymentTerms/cbc:Note)", t.Payable)
		}
	}
}

// acTotal checks a document level allowance or charge total (el in
// cac:LegalMonetaryTotal) against the allowances or charges.
func (c *ruleCtx) acTotal(rule string, total Amount, items []Amount, el, what string) {
	path := "cac:LegalMonetaryTotal/" + el
	if !total.Present {
		if len(items) > 0 && c.sev == Error && c.r.at("cac:LegalMonetaryTotal", el) == nil {
			c.fs.errorf(rule, path, "the document has %d %s adding up to %s, but no total of them (%s)", len(items), what, round2(sum(items...)), el)
		}
		return
	}
	if want := round2(sum(items...)); !total.Value.Equal(want) {
		c.fs.add(c.sev, rule, path, "the document level %s add up to %s, but their total is %s", what, want, total.Value)
	}
}

// inclusiveTotal checks BR-CO-15: total with VAT = total without VAT +
// the one VAT total in the document currency.
func (c *ruleCtx) inclusiveTotal() {
	d, r := c.d, c.r
	cur := textOf(r.child("cbc:DocumentCurrencyCode"))
	var vat []Amount
	for _, ta := range r.all("cac:TaxTotal", "cbc:TaxAmount") {
		if v, _ := ta.attr("currencyID"); v == cur {
			vat = append(vat, amountOf(ta))
		}
	}
	t := d.Totals
	if !t.TaxInclusive.Present || !t.TaxExclusive.Present {
		return
	}
	if len(vat) != 1 {
		if c.sev == Error {
			c.fs.errorf("BR-CO-15", "cac:TaxTotal", "there must be exactly one VAT total in the document currency %s, not %d", collapse(cur), len(vat))
		}
		return
	}
	if want := round2(t.TaxExclusive.Value.Add(vat[0].Value)); !t.TaxInclusive.Value.Equal(want) {
		c.fs.add(c.sev, "BR-CO-15", "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "the total with VAT should be %s (%s without VAT + %s VAT), but cbc:TaxInclusiveAmount is %s",
			want, t.TaxExclusive.Value, vat[0].Value, t.TaxInclusive.Value)
	}
}

// payable checks BR-CO-16: amount due = total with VAT - prepaid +
// rounding.
func (c *ruleCtx) payable() {
	t := c.d.Totals
	if !t.Payable.Present || !t.TaxInclusive.Present {
		return
	}
	left := t.Payable.Value
	if t.Rounding.Present {
		left = round2(left.Sub(t.Rounding.Value))
	}
	right := t.TaxInclusive.Value
	if t.Prepaid.Present {
		right = round2(right.Sub(t.Prepaid.Value))
	}
	if !left.Equal(right) {
		want := round2(right.Add(t.Rounding.Value))
		c.fs.add(c.sev, "BR-CO-16", "cac:LegalMonetaryTotal/cbc:PayableAmount", "the amount due should be %s (%s with VAT - %s prepaid + %s rounding), but cbc:PayableAmount is %s",
			want, t.TaxInclusive.Value, t.Prepaid.Value, t.Rounding.Value, t.Payable.Value)
	}
}

// decimals checks BR-DEC: document and line amounts have at most two
// decimals (prices and quantities may have more).
func (c *ruleCtx) decimals() {
	r := c.r
	check := func(rule string, n *node) {
		if a := amountOf(n); a.Present && a.Decimals > 2 {
			c.fs.errorf(rule, pathOf(n), "%s %s has %d decimals; at most 2 are allowed", n.name, clip(n.text), a.Decimals)
		}
	}
	for _, ac := range r.children("cac:AllowanceCharge") {
		amount, base := "BR-DEC-01", "BR-DEC-02"
		if isTrue(textOf(ac.child("cbc:ChargeIndicator"))) {
			amount, base = "BR-DEC-05", "BR-DEC-06"
		}
		check(amount, ac.child("cbc:Amount"))
		check(base, ac.child("cbc:BaseAmount"))
	}
	if lmt := r.child("cac:LegalMonetaryTotal"); lmt != nil {
		for _, x := range []struct{ rule, el string }{
			{"BR-DEC-09", "cbc:LineExtensionAmount"}, {"BR-DEC-10", "cbc:AllowanceTotalAmount"},
			{"BR-DEC-11", "cbc:ChargeTotalAmount"}, {"BR-DEC-12", "cbc:TaxExclusiveAmount"},
			{"BR-DEC-14", "cbc:TaxInclusiveAmount"}, {"BR-DEC-16", "cbc:PrepaidAmount"},
			{"BR-DEC-17", "cbc:PayableRoundingAmount"}, {"BR-DEC-18", "cbc:PayableAmount"},
		} {
			check(x.rule, lmt.child(x.el))
		}
	}
	doc, tax := textOf(r.child("cbc:DocumentCurrencyCode")), textOf(r.child("cbc:TaxCurrencyCode"))
	for _, tt := range r.children("cac:TaxTotal") {
		ta := tt.child("cbc:TaxAmount")
		switch cur, _ := ta.attr("currencyID"); {
		case cur == doc:
			check("BR-DEC-13", ta)
		case cur == tax:
			check("BR-DEC-15", ta)
		}
		for _, st := range tt.children("cac:TaxSubtotal") {
			check("BR-DEC-19", st.child("cbc:TaxableAmount"))
			check("BR-DEC-20", st.child("cbc:TaxAmount"))
		}
	}
	for _, l := range c.lines() {
		check("BR-DEC-23", l.child("cbc:LineExtensionAmount"))
		for _, ac := range l.children("cac:AllowanceCharge") {
			amount, base := "BR-DEC-24", "BR-DEC-25"
			if isTrue(textOf(ac.child("cbc:ChargeIndicator"))) {
				amount, base = "BR-DEC-27", "BR-DEC-28"
			}
			check(amount, ac.child("cbc:Amount"))
			check(base, ac.child("cbc:BaseAmount"))
		}
	}
}
