package ubl

import (
	"strings"

	"spil/internal/money"
)

// lineRules checks the EN 16931 rules on each line: BR-21…BR-28, BR-30,
// BR-41…BR-44 and BR-CO-04.
func (c *ruleCtx) lineRules() {
	qtyName := "cbc:InvoicedQuantity"
	if c.d.Kind == KindCreditNote {
		qtyName = "cbc:CreditedQuantity"
	}
	for _, l := range c.lines() {
		p := pathOf(l)
		if normText(l.child("cbc:ID")) == "" {
			c.fs.errorf("BR-21", p+"/cbc:ID", "the line has no line number (cbc:ID)")
		}
		if q := l.child(qtyName); q == nil {
			c.fs.errorf("BR-22", p+"/"+qtyName, "the line has no quantity (%s)", qtyName)
		} else if _, ok := q.attr("unitCode"); !ok {
			c.fs.errorf("BR-23", pathOf(q), "the line quantity has no unit of measure (unitCode)")
		}
		if l.child("cbc:LineExtensionAmount") == nil {
			c.fs.errorf("BR-24", p+"/cbc:LineExtensionAmount", "the line has no net amount (cbc:LineExtensionAmount)")
		}
		if normText(l.at("cac:Item", "cbc:Name")) == "" {
			c.fs.errorf("BR-25", p+"/cac:Item/cbc:Name", "the line has no item name (cac:Item/cbc:Name)")
		}
		if price := l.at("cac:Price", "cbc:PriceAmount"); price == nil {
			c.fs.errorf("BR-26", p+"/cac:Price/cbc:PriceAmount", "the line has no item net price (cac:Price/cbc:PriceAmount)")
		} else if a := amountOf(price); a.Present && a.Value.IsNegative() {
			c.fs.errorf("BR-27", pathOf(price), "the item net price %s is negative", a.Value)
		}
		for _, base := range l.all("cac:Price", "cac:AllowanceCharge", "cbc:BaseAmount") {
			if a := amountOf(base); a.Present && a.Value.IsNegative() {
				c.fs.errorf("BR-28", pathOf(base), "the item gross price %s is negative", a.Value)
			}
		}
		c.periodRule("BR-30", l.child("cac:InvoicePeriod"))
		for _, ac := range l.children("cac:AllowanceCharge") {
			rules, what := [2]string{"BR-41", "BR-42"}, "allowance"
			if isTrue(textOf(ac.child("cbc:ChargeIndicator"))) {
				rules, what = [2]string{"BR-43", "BR-44"}, "charge"
			}
			if ac.child("cbc:Amount") == nil {
				c.fs.errorf(rules[0], pathOf(ac)+"/cbc:Amount", "the line %s has no amount", what)
			}
			if ac.child("cbc:AllowanceChargeReason") == nil && ac.child("cbc:AllowanceChargeReasonCode") == nil {
				c.fs.errorf(rules[1], pathOf(ac)+"/cbc:AllowanceChargeReason", "the line %s has neither a reason nor a reason code", what)
			}
		}
		hasCat := false
		for _, tc := range l.all("cac:Item", "cac:ClassifiedTaxCategory") {
			hasCat = hasCat || (vatScheme(tc) && tc.child("cbc:ID") != nil)
		}
		if !hasCat {
			c.fs.errorf("BR-CO-04", p+"/cac:Item/cac:ClassifiedTaxCategory", "the line has no VAT category (cac:Item/cac:ClassifiedTaxCategory)")
		}
	}
}

// syntaxRules checks the UBL syntax binding of EN 16931: elements UBL
// allows several times but EN 16931 only once (UBL-SR), and UBL-CR-561.
func (c *ruleCtx) syntaxRules() {
	r := c.r
	sup, cus := r.at("cac:AccountingSupplierParty", "cac:Party"), r.at("cac:AccountingCustomerParty", "cac:Party")
	var vatIDs, taxIDs []*node
	for _, ts := range sup.children("cac:PartyTaxScheme") {
		if vatScheme(ts) {
			vatIDs = append(vatIDs, ts.children("cbc:CompanyID")...)
		} else {
			taxIDs = append(taxIDs, ts.children("cbc:CompanyID")...)
		}
	}
	var cusVAT []*node
	for _, ts := range cus.children("cac:PartyTaxScheme") {
		if vatScheme(ts) {
			cusVAT = append(cusVAT, ts.children("cbc:CompanyID")...)
		}
	}
	once := []onceRule{
		{"UBL-SR-01", r.all("cac:ContractDocumentReference", "cbc:ID"), "contract reference"},
		{"UBL-SR-02", r.all("cac:ReceiptDocumentReference", "cbc:ID"), "receiving advice reference"},
		{"UBL-SR-03", r.all("cac:DespatchDocumentReference", "cbc:ID"), "despatch advice reference"},
		{"UBL-SR-05", r.all("cac:PaymentTerms", "cbc:Note"), "payment terms note"},
		{"UBL-SR-08", r.children("cac:InvoicePeriod"), "invoice period"},
		{"UBL-SR-09", sup.all("cac:PartyLegalEntity", "cbc:RegistrationName"), "supplier legal name"},
		{"UBL-SR-10", sup.all("cac:PartyName", "cbc:Name"), "supplier trading name"},
		{"UBL-SR-11", sup.all("cac:PartyLegalEntity", "cbc:CompanyID"), "supplier legal registration number"},
		{"UBL-SR-12", vatIDs, "supplier VAT number"},
		{"UBL-SR-13", taxIDs, "supplier tax registration number"},
		{"UBL-SR-14", sup.all("cac:PartyLegalEntity", "cbc:CompanyLegalForm"), "supplier additional legal information"},
		{"UBL-SR-15", cus.all("cac:PartyLegalEntity", "cbc:RegistrationName"), "customer legal name"},
		{"UBL-SR-16", cus.all("cac:PartyIdentification", "cbc:ID"), "customer identifier"},
		{"UBL-SR-17", cus.all("cac:PartyLegalEntity", "cbc:CompanyID"), "customer legal registration number"},
		{"UBL-SR-18", cusVAT, "customer VAT number"},
		{"UBL-SR-24", r.children("cac:Delivery"), "delivery"},
		{"UBL-SR-39", r.all("cac:ProjectReference", "cbc:ID"), "project reference"},
		{"UBL-SR-40", cus.all("cac:PartyName", "cbc:Name"), "customer trading name"},
	}
	for _, l := range c.lines() {
		once = append(once,
			onceRule{"UBL-SR-34", l.children("cbc:Note"), "line note"},
			onceRule{"UBL-SR-35", l.all("cac:OrderLineReference", "cbc:LineID"), "line order reference"},
			onceRule{"UBL-SR-36", l.children("cac:InvoicePeriod"), "line period"},
			onceRule{"UBL-SR-50", l.all("cac:Item", "cbc:Description"), "item description"},
		)
		if n := len(l.all("cac:Item", "cac:ClassifiedTaxCategory")); n > 1 {
			c.fs.errorf("UBL-SR-48", pathOf(l)+"/cac:Item", "the item has %d VAT categories; it must have exactly one", n)
		}
		if tt := l.child("cac:TaxTotal"); tt != nil {
			c.fs.warnf("UBL-CR-561", pathOf(tt), "EN 16931 does not use a VAT total on a line (cac:TaxTotal in %s); it is ignored", c.d.lineName())
		}
	}
	for _, o := range once {
		if len(o.nodes) > 1 {
			c.fs.errorf(o.rule, pathOf(o.nodes[1]), "the %s may occur only once, not %d times", o.what, len(o.nodes))
		}
	}
	for _, pm := range r.children("cac:PaymentMeans") {
		if ids := pm.children("cbc:PaymentID"); len(ids) > 1 {
			c.fs.errorf("UBL-SR-26", pathOf(ids[1]), "the payment reference may occur only once per payment instruction")
		}
	}
	c.distinct("UBL-SR-44", r.all("cac:PaymentMeans", "cbc:PaymentID"), "payment references (cbc:PaymentID)")
	c.distinct("UBL-SR-47", r.all("cac:PaymentMeans", "cbc:PaymentMeansCode"), "payment means codes")
}

// onceRule is an element EN 16931 allows at most once.
type onceRule struct {
	rule  string
	nodes []*node
	what  string
}

// distinct reports when nodes carry more than one distinct value.
func (c *ruleCtx) distinct(rule string, nodes []*node, what string) {
	seen := map[string]bool{}
	for _, n := range nodes {
		seen[textOf(n)] = true
		if len(seen) > 1 {
			c.fs.errorf(rule, pathOf(n), "the %s differ; when there are several they must be equal", what)
			return
		}
	}
}

// codeLists checks coded values against EN 16931's code lists: BR-CL-01
// (type code), BR-CL-03/04/05 (currencies: those internal/money knows), BR-CL-14 (countries),
// BR-CL-16 (payment means), BR-CL-17/18 (VAT categories) and BR-CL-24
// (attachment MIME codes).
func (c *ruleCtx) codeLists() {
	r := c.r
	typeName := "cbc:InvoiceTypeCode"
	if c.d.Kind == KindCreditNote {
		typeName = "cbc:CreditNoteTypeCode"
	}
	if t := r.child(typeName); t != nil && normText(t) != "" && !inList(uncl1001, normText(t)) {
		c.fs.errorf("BR-CL-01", typeName, "%q is not a document type code (UNCL 1001) for invoices and credit notes", clip(t.text))
	}
	for _, x := range []struct{ rule, el string }{{"BR-CL-04", "cbc:DocumentCurrencyCode"}, {"BR-CL-05", "cbc:TaxCurrencyCode"}} {
		if n := r.child(x.el); n != nil && normText(n) != "" && !money.KnownCurrency(normText(n)) {
			c.fs.errorf(x.rule, x.el, "%q is not an ISO 4217 currency code", clip(n.text))
		}
	}
	walk(r, func(n *node) {
		if cur, ok := n.attr("currencyID"); ok && !money.KnownCurrency(cur) {
			c.fs.errorf("BR-CL-03", pathOf(n), "currency %q of %s is not an ISO 4217 currency code", clip(cur), n.name)
		}
		switch n.name {
		case "cac:Country":
			if code := n.child("cbc:IdentificationCode"); code != nil && !inList(iso3166, textOf(code)) {
				c.fs.errorf("BR-CL-14", pathOf(code), "%q is not an ISO 3166-1 alpha-2 country code", clip(code.text))
			}
		case "cac:PaymentMeans":
			if code := n.child("cbc:PaymentMeansCode"); code != nil && !inList(uncl4461, normText(code)) {
				c.fs.errorf("BR-CL-16", pathOf(code), "%q is not a payment means code (UNCL 4461)", clip(code.text))
			}
		case "cac:TaxCategory", "cac:ClassifiedTaxCategory":
			if id := n.child("cbc:ID"); id != nil && vatScheme(n) && !inList(uncl5305, normText(id)) {
				rule := "BR-CL-18"
				if n.parent != nil && n.parent.name == "cac:TaxSubtotal" {
					rule = "BR-CL-17"
				}
				c.fs.errorf(rule, pathOf(id), "%q is not a VAT category code (UNCL 5305: S, Z, E, AE, K, G, O, L, M)", clip(id.text))
			}
		case "cbc:EmbeddedDocumentBinaryObject":
			if m, ok := n.attr("mimeCode"); ok && !inList(mimeCodes, strings.TrimSpace(m)) {
				c.fs.errorf("BR-CL-24", pathOf(n), "attachments may be PDF, PNG, JPEG, CSV, XLSX or ODS, not %q", clip(m))
			}
		}
	})
}

// walk visits n and its descendants in document order.
func walk(n *node, visit func(*node)) {
	visit(n)
	for _, k := range n.kids {
		if k.name != "ext:UBLExtensions" {
			walk(k, visit)
		}
	}
}
