package ubl

import (
	"github.com/shopspring/decimal"
)

// vatUse is a line, document level allowance or document level charge
// with its VAT category.
type vatUse struct {
	kind   byte // 'l' line, 'a' allowance, 'c' charge
	cat    TaxCategory
	amount decimal.Decimal // line net amount, allowance or charge amount
	n      *node           // the category element
}

// vatRow is a row of the VAT breakdown.
type vatRow struct {
	cat          TaxCategory
	taxable, tax Amount
	path         string // of the cac:TaxSubtotal
	n            *node  // the cac:TaxSubtotal
}

// vatSum is what the lines, allowances and charges of one category (for
// S: one rate) add up to.
type vatSum struct {
	total   decimal.Decimal
	matched bool
}

// rateKey groups standard rated uses by rate ("21" and "21.00" alike).
func rateKey(c TaxCategory) string {
	if !c.HasPercent {
		return "none"
	}
	return c.Percent.String()
}

// categoryName is a VAT category in words.
func categoryName(code string) string {
	switch code {
	case "S":
		return "standard rated"
	case "Z":
		return "zero rated"
	case "E":
		return "exempt"
	case "AE":
		return "reverse charge"
	case "O":
		return "not subject to VAT"
	}
	return code
}

// useKind numbers a use for the -02/-03/-04 rules and names it.
func useKind(k byte) (int, string) {
	switch k {
	case 'a':
		return 3, "an allowance"
	case 'c':
		return 4, "a charge"
	}
	return 2, "a line"
}

// vatRules checks the rules of the VAT categories S (BR-S-01…10), Z
// (BR-Z-01…10), E (BR-E-01…10), AE (BR-AE-01…10) and O (BR-O-01…14).
func (c *ruleCtx) vatRules() {
	var uses []vatUse
	for _, l := range c.lines() {
		for _, tc := range l.all("cac:Item", "cac:ClassifiedTaxCategory") {
			if vatScheme(tc) {
				uses = append(uses, vatUse{'l', taxCategoryOf(tc), amountOf(l.child("cbc:LineExtensionAmount")).Value, tc})
			}
		}
	}
	for _, ac := range c.r.children("cac:AllowanceCharge") {
		kind := byte('a')
		if isTrue(textOf(ac.child("cbc:ChargeIndicator"))) {
			kind = 'c'
		}
		for _, tc := range ac.children("cac:TaxCategory") {
			if vatScheme(tc) {
				uses = append(uses, vatUse{kind, taxCategoryOf(tc), amountOf(ac.child("cbc:Amount")).Value, tc})
			}
		}
	}
	var rows []vatRow
	for _, st := range c.r.all("cac:TaxTotal", "cac:TaxSubtotal") {
		for _, tc := range st.children("cac:TaxCategory") {
			if vatScheme(tc) {
				rows = append(rows, vatRow{taxCategoryOf(tc), amountOf(st.child("cbc:TaxableAmount")), amountOf(st.child("cbc:TaxAmount")), pathOf(st), st})
			}
		}
	}
	for _, code := range []string{"S", "Z", "E", "AE", "O"} {
		c.vatCategory(code, uses, rows)
	}
}

// partyTaxIDs says which VAT numbers the parties have.
func (c *ruleCtx) partyTaxIDs() (sellerAny, sellerVAT, repVAT, buyerVAT, buyerLegal bool) {
	sup := c.r.at("cac:AccountingSupplierParty", "cac:Party")
	for _, ts := range sup.children("cac:PartyTaxScheme") {
		if ts.child("cbc:CompanyID") != nil {
			sellerAny = true
			sellerVAT = sellerVAT || vatScheme(ts)
		}
	}
	for _, ts := range c.r.child("cac:TaxRepresentativeParty").children("cac:PartyTaxScheme") {
		repVAT = repVAT || (vatScheme(ts) && ts.child("cbc:CompanyID") != nil)
	}
	cus := c.r.at("cac:AccountingCustomerParty", "cac:Party")
	for _, ts := range cus.children("cac:PartyTaxScheme") {
		buyerVAT = buyerVAT || (vatScheme(ts) && ts.child("cbc:CompanyID") != nil)
	}
	buyerLegal = len(cus.all("cac:PartyLegalEntity", "cbc:CompanyID")) > 0
	return
}

// vatCategory checks the ten (for O fourteen) rules of one category.
func (c *ruleCtx) vatCategory(code string, uses []vatUse, rows []vatRow) {
	rule := func(n string) string { return "BR-" + code + "-" + n }
	name := categoryName(code)
	var mine []vatUse
	var myRows []vatRow
	for _, u := range uses {
		if u.cat.ID == code {
			mine = append(mine, u)
		}
	}
	for _, r := range rows {
		if r.cat.ID == code {
			myRows = append(myRows, r)
		}
	}
	if len(mine) == 0 && len(myRows) == 0 {
		return
	}
	// -01: the breakdown has the category (S: at least one row per use and
	// no row without use; others: exactly one row).
	switch {
	case code == "S" && len(mine) > 0 && len(myRows) == 0:
		c.fs.errorf(rule("01"), "cac:TaxTotal", "lines, allowances or charges are %s (S), but the VAT breakdown has no S row", name)
	case code == "S" && len(mine) == 0:
		c.fs.errorf(rule("01"), myRows[0].path, "the VAT breakdown has a %s (S) row, but no line, allowance or charge is S", name)
	case code != "S" && len(myRows) != 1:
		c.fs.errorf(rule("01"), "cac:TaxTotal", "the VAT breakdown must have exactly one %s (%s) row, not %d", name, code, len(myRows))
	}
	// -02…-04: the VAT numbers the category needs; -05…-07: the rate.
	sellerAny, sellerVAT, repVAT, buyerVAT, buyerLegal := c.partyTaxIDs()
	for _, u := range mine {
		n, what := useKind(u.kind)
		switch code {
		case "S", "Z", "E":
			if !sellerAny && !repVAT {
				c.fs.errorf(rule("0"+itoa(n)), pathOf(u.n), "%s is %s (%s), but the supplier has no VAT number (nor a tax representative with one)", what, name, code)
			}
		case "AE":
			if (!sellerAny && !repVAT) || (!buyerVAT && !buyerLegal) {
				c.fs.errorf(rule("0"+itoa(n)), pathOf(u.n), "%s is reverse charge (AE), which needs the VAT number of the supplier (or its tax representative) and of the customer", what)
			}
		case "O":
			if sellerVAT || repVAT || buyerVAT {
				c.fs.errorf(rule("0"+itoa(n)), pathOf(u.n), "%s is not subject to VAT (O), so neither supplier, tax representative nor customer may give a VAT number", what)
			}
		}
		rp := func() string { return pathOf(u.n) + "/cbc:Percent" }
		switch {
		case code == "S" && !(u.cat.HasPercent && u.cat.Percent.IsPositive()):
			c.fs.errorf(rule("0"+itoa(n+3)), rp(), "%s is standard rated (S) but its VAT rate is not above zero", what)
		case (code == "Z" || code == "E" || code == "AE") && !(u.cat.HasPercent && u.cat.Percent.IsZero()):
			c.fs.errorf(rule("0"+itoa(n+3)), rp(), "%s is %s (%s), so its VAT rate must be 0", what, name, code)
		case code == "O" && u.cat.HasPercent:
			c.fs.errorf(rule("0"+itoa(n+3)), rp(), "%s is not subject to VAT (O), so it may not have a VAT rate", what)
		}
	}
	// -08…-10: each breakdown row, against the sum of its uses.
	sums := map[string]*vatSum{}
	for _, u := range mine {
		key := "all"
		if code == "S" {
			key = rateKey(u.cat)
		}
		sm := sums[key]
		if sm == nil {
			sm = &vatSum{}
			sums[key] = sm
		}
		sm.matched = true
		if u.kind == 'a' {
			sm.total = sm.total.Sub(u.amount)
		} else {
			sm.total = sm.total.Add(u.amount)
		}
	}
	for _, r := range myRows {
		key := "all"
		if code == "S" {
			key = rateKey(r.cat)
		}
		sm := sums[key]
		if sm == nil || (code == "S" && !r.cat.HasPercent) {
			sm = &vatSum{}
		}
		c.vatRow(code, r, *sm)
	}
	if code == "O" && len(myRows) > 0 {
		c.onlyO(uses, rows)
	}
}

// vatRow checks the taxable amount (-08), the VAT amount (-09) and the
// exemption reason (-10) of one breakdown row.
func (c *ruleCtx) vatRow(code string, r vatRow, sm vatSum) {
	rule := func(n string) string { return "BR-" + code + "-" + n }
	want, matched := sm.total, sm.matched
	if code == "S" {
		if r.cat.HasPercent && r.taxable.Present {
			diff := r.taxable.Value.Sub(want).Abs()
			if !matched || diff.GreaterThanOrEqual(decimal.NewFromInt(1)) {
				c.fs.errorf(rule("08"), r.path+"/cbc:TaxableAmount", "the VAT breakdown gives %s taxable at %s%%, but the lines, allowances and charges at that rate add up to %s", r.taxable.Value, r.cat.Percent, want)
			}
		}
		if r.cat.HasPercent && r.taxable.Present && r.tax.Present {
			calc := round2(r.taxable.Value.Abs().Mul(r.cat.Percent).Div(decimal.NewFromInt(100)))
			if r.tax.Value.Abs().Sub(calc).Abs().GreaterThanOrEqual(decimal.NewFromInt(1)) {
				c.fs.errorf(rule("09"), r.path+"/cbc:TaxAmount", "the VAT at %s%% of %s is %s, but the breakdown says %s", r.cat.Percent, r.taxable.Value, calc, r.tax.Value)
			}
		} else if !r.cat.HasPercent {
			c.fs.errorf(rule("09"), r.path+"/cac:TaxCategory/cbc:Percent", "the standard rated row has no VAT rate to compute its VAT with")
		}
	} else {
		if r.taxable.Present && !r.taxable.Value.Equal(want) {
			c.fs.errorf(rule("08"), r.path+"/cbc:TaxableAmount", "the VAT breakdown gives %s taxable as %s (%s), but those lines, allowances and charges add up to %s", r.taxable.Value, categoryName(code), code, want)
		}
		if r.tax.Present && !r.tax.Value.IsZero() {
			c.fs.errorf(rule("09"), r.path+"/cbc:TaxAmount", "the VAT of a %s (%s) row must be 0, not %s", categoryName(code), code, r.tax.Value)
		}
	}
	hasReason := r.n.at("cac:TaxCategory", "cbc:TaxExemptionReason") != nil ||
		r.n.at("cac:TaxCategory", "cbc:TaxExemptionReasonCode") != nil
	switch code {
	case "S", "Z":
		if hasReason {
			c.fs.errorf(rule("10"), r.path+"/cac:TaxCategory", "a %s (%s) row may not give a VAT exemption reason", categoryName(code), code)
		}
	default:
		if !hasReason {
			c.fs.errorf(rule("10"), r.path+"/cac:TaxCategory", "a %s (%s) row must give the exemption reason (cbc:TaxExemptionReason or cbc:TaxExemptionReasonCode)", categoryName(code), code)
		}
	}
}

// onlyO checks BR-O-11…14: a document with an O row has no other
// categories.
func (c *ruleCtx) onlyO(uses []vatUse, rows []vatRow) {
	for _, r := range rows {
		if r.cat.ID != "O" {
			c.fs.errorf("BR-O-11", r.path, "a document not subject to VAT (O) may not have a %s row in its VAT breakdown", r.cat.ID)
		}
	}
	for _, u := range uses {
		if u.cat.ID == "O" {
			continue
		}
		n, _ := useKind(u.kind)
		rule := "BR-O-1" + itoa(n)
		c.fs.errorf(rule, pathOf(u.n), "a document not subject to VAT (O) may not have lines, allowances or charges of category %s", u.cat.ID)
	}
}

func itoa(n int) string { return string(rune('0' + n)) }
