package ubl

import (
	"strings"
	"testing"

	"spil/internal/apperr"
)

// exemptRow turns the 9 % line and breakdown row into exempt (E) ones.
func exemptRow(t *testing.T, doc, reason string) string {
	t.Helper()
	doc = edit(t, doc,
		"<cbc:TaxAmount currencyID=\"EUR\">32.40</cbc:TaxAmount>", "<cbc:TaxAmount currencyID=\"EUR\">25.20</cbc:TaxAmount>",
		"<cbc:TaxAmount currencyID=\"EUR\">7.20</cbc:TaxAmount>\n      <cac:TaxCategory>\n        <cbc:ID>S</cbc:ID>\n        <cbc:Percent>9</cbc:Percent>",
		"<cbc:TaxAmount currencyID=\"EUR\">0.00</cbc:TaxAmount>\n      <cac:TaxCategory>\n        <cbc:ID>E</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>"+reason,
		"<cbc:TaxInclusiveAmount currencyID=\"EUR\">232.40</cbc:TaxInclusiveAmount>", "<cbc:TaxInclusiveAmount currencyID=\"EUR\">225.20</cbc:TaxInclusiveAmount>",
		"<cbc:PayableAmount currencyID=\"EUR\">232.40</cbc:PayableAmount>", "<cbc:PayableAmount currencyID=\"EUR\">225.20</cbc:PayableAmount>",
		"<cbc:ID>S</cbc:ID>\n        <cbc:Percent>9</cbc:Percent>", "<cbc:ID>E</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>")
	return doc
}

func TestValidateRules(t *testing.T) {
	cases := []struct {
		name  string
		doc   func(t *testing.T) string
		rule  string
		sev   Severity
		path  string
		text  string // part of the message
		clean bool   // the only finding (besides SI-UBL-2 for empty elements)
	}{
		{"payable off by a cent", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:PayableAmount currencyID="EUR">232.40</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">232.41</cbc:PayableAmount>`)
		}, "BR-CO-16", Error, "cac:LegalMonetaryTotal/cbc:PayableAmount", "the amount due should be 232.4", true},
		{"line sum", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:LineExtensionAmount currencyID="EUR">205.00</cbc:LineExtensionAmount>`, `<cbc:LineExtensionAmount currencyID="EUR">215.00</cbc:LineExtensionAmount>`)
		}, "BR-CO-10", Error, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount", "add up to 205", false},
		{"allowance total", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:AllowanceTotalAmount currencyID="EUR">5.00</cbc:AllowanceTotalAmount>`, "")
		}, "BR-CO-11", Error, "cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount", "no total of them", false},
		{"VAT total", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:TaxAmount currencyID="EUR">32.40</cbc:TaxAmount>`, `<cbc:TaxAmount currencyID="EUR">32.50</cbc:TaxAmount>`)
		}, "BR-CO-14", Error, "cac:TaxTotal/cbc:TaxAmount", "adds up to 32.4", false},
		{"VAT of a rate", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:TaxAmount currencyID="EUR">25.20</cbc:TaxAmount>`, `<cbc:TaxAmount currencyID="EUR">27.20</cbc:TaxAmount>`)
		}, "BR-S-09", Error, "cac:TaxTotal/cac:TaxSubtotal[1]/cbc:TaxAmount", "the VAT at 21% of 120 is 25.2", false},
		{"taxable of a rate", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:TaxableAmount currencyID="EUR">120.00</cbc:TaxableAmount>`, `<cbc:TaxableAmount currencyID="EUR">125.00</cbc:TaxableAmount>`)
		}, "BR-S-08", Error, "cac:TaxTotal/cac:TaxSubtotal[1]/cbc:TaxableAmount", "add up to 120", false},
		{"three decimals", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:PayableAmount currencyID="EUR">232.40</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">232.400</cbc:PayableAmount>`)
		}, "BR-DEC-18", Error, "cac:LegalMonetaryTotal/cbc:PayableAmount", "3 decimals", true},
		{"no due date nor terms", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:DueDate>2024-03-31</cbc:DueDate>", "", "<cac:PaymentTerms>\n    <cbc:Note>Betaling binnen 30 dagen</cbc:Note>\n  </cac:PaymentTerms>", "")
		}, "BR-CO-25", Error, "cbc:DueDate", "neither a due date", true},
		{"no item name", func(t *testing.T) string { return edit(t, dutchInvoice, "<cbc:Name>Koffie en thee</cbc:Name>", "") }, "BR-25", Error, "cac:InvoiceLine[2]/cac:Item/cbc:Name", "no item name", true},
		{"no lines", func(t *testing.T) string {
			i, j := strings.Index(dutchInvoice, "<cac:InvoiceLine>"), strings.Index(dutchInvoice, "</Invoice>")
			return dutchInvoice[:i] + dutchInvoice[j:]
		}, "BR-16", Error, "cac:InvoiceLine", "no lines", false},
		{"negative price", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:PriceAmount currencyID="EUR">40.00</cbc:PriceAmount>`, `<cbc:PriceAmount currencyID="EUR">-40.00</cbc:PriceAmount>`)
		}, "BR-27", Error, "cac:InvoiceLine[2]/cac:Price/cbc:PriceAmount", "negative", true},
		{"unknown currency", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", "<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>")
		}, "BR-CL-04", Error, "cbc:DocumentCurrencyCode", `"EURO" is not an ISO 4217 currency code`, false},
		{"unknown amount currency", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:PriceAmount currencyID="EUR">40.00</cbc:PriceAmount>`, `<cbc:PriceAmount currencyID="XYZ">40.00</cbc:PriceAmount>`)
		}, "BR-CL-03", Error, "cac:InvoiceLine[2]/cac:Price/cbc:PriceAmount", `"XYZ"`, true},
		{"standard rate zero", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:ID>S</cbc:ID>\n        <cbc:Percent>9</cbc:Percent>\n        <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>",
				"<cbc:ID>S</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>\n        <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>")
		}, "BR-S-05", Error, "cac:InvoiceLine[2]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "not above zero", false},
		{"exempt without reason", func(t *testing.T) string { return exemptRow(t, dutchInvoice, "") }, "BR-E-10", Error, "cac:TaxTotal/cac:TaxSubtotal[2]/cac:TaxCategory", "exemption reason", true},
		{"supplier KvK scheme", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:CompanyID schemeID="0106">12345678</cbc:CompanyID>`, `<cbc:CompanyID schemeID="0109">12345678</cbc:CompanyID>`)
		}, "BR-NL-1", Error, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID", "KvK number", true},
		{"no payment means", func(t *testing.T) string {
			i, j := strings.Index(dutchInvoice, "<cac:PaymentMeans>"), strings.Index(dutchInvoice, "<cac:PaymentTerms>")
			return dutchInvoice[:i] + dutchInvoice[j:]
		}, "BR-NL-11", Error, "cac:PaymentMeans", "how to pay", true},
		{"BIC on SEPA", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>", "<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>")
		}, "BR-NL-31", Warning, "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", "BIC", true},
		{"empty element", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:Note>Schoonmaak maart</cbc:Note>", "<cbc:Note></cbc:Note>")
		}, "SI-UBL-2", Warning, "cbc:Note", "empty", true},
		{"two legal names", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:RegistrationName>Glans Schoonmaak B.V.</cbc:RegistrationName>", "<cbc:RegistrationName>Glans Schoonmaak B.V.</cbc:RegistrationName></cac:PartyLegalEntity><cac:PartyLegalEntity><cbc:RegistrationName>Glans</cbc:RegistrationName>")
		}, "UBL-SR-09", Error, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity[2]/cbc:RegistrationName", "only once", false},
		{"schema: out of order", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:IssueDate>2024-03-01</cbc:IssueDate>\n  <cbc:DueDate>2024-03-31</cbc:DueDate>", "<cbc:DueDate>2024-03-31</cbc:DueDate>\n  <cbc:IssueDate>2024-03-01</cbc:IssueDate>")
		}, ruleXSD, Error, "cbc:IssueDate", "out of order", false},
		{"schema: not a number", func(t *testing.T) string {
			return edit(t, dutchInvoice, `<cbc:PayableAmount currencyID="EUR">232.40</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">232,40</cbc:PayableAmount>`)
		}, ruleXSD, Error, "cac:LegalMonetaryTotal/cbc:PayableAmount", `must be a decimal number such as 1234.56, not "232,40"`, true},
		{"schema: missing", func(t *testing.T) string {
			return edit(t, dutchInvoice, "<cbc:IssueDate>2024-03-01</cbc:IssueDate>", "")
		}, ruleXSD, Error, "cbc:IssueDate", "cbc:IssueDate is missing before cbc:DueDate", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := mustRead(t, c.doc(t)).Validate()
			f := findRule(t, fs, c.rule)
			if f.Severity != c.sev || f.Path != c.path || !strings.Contains(f.Message, c.text) || f.Line == 0 {
				t.Errorf("finding = %+v\nwant %v at %s with %q and a line", f, c.sev, c.path, c.text)
			}
			if c.clean && len(fs) != 1 {
				t.Errorf("want only %s, got:\n%s", c.rule, listFindings(fs))
			}
		})
	}
}

func TestValidateExemptWithReason(t *testing.T) {
	doc := exemptRow(t, dutchInvoice, "\n        <cbc:TaxExemptionReason>Vrijgesteld</cbc:TaxExemptionReason>")
	if fs := mustRead(t, doc).Validate(); len(fs) != 0 {
		t.Errorf("exempt row with reason:\n%s", listFindings(fs))
	}
}

func TestValidateReverseCharge(t *testing.T) {
	doc := exemptRow(t, dutchInvoice, "\n        <cbc:TaxExemptionReason>Verlegd</cbc:TaxExemptionReason>")
	doc = strings.ReplaceAll(doc, "<cbc:ID>E</cbc:ID>", "<cbc:ID>AE</cbc:ID>")
	// The customer has a KvK number, which EN 16931 accepts instead of a
	// VAT number for reverse charge.
	if fs := mustRead(t, doc).Validate(); len(fs) != 0 {
		t.Errorf("reverse charge:\n%s", listFindings(fs))
	}
	doc = edit(t, doc, `<cbc:CompanyID schemeID="0106">87654321</cbc:CompanyID>`, "")
	fs := mustRead(t, doc).Validate()
	f := findRule(t, fs, "BR-AE-02")
	if f.Path != "cac:InvoiceLine[2]/cac:Item/cac:ClassifiedTaxCategory" {
		t.Errorf("BR-AE-02 at %s", f.Path)
	}
}

func TestValidatePeppolNL(t *testing.T) {
	peppol := edit(t, dutchInvoice, "urn:fdc:nen.nl:nlcius:v1.0", "urn:fdc:peppol.eu:2017:poacc:billing:3.0")
	d := mustRead(t, peppol)
	if d.Profile() != ProfilePeppol {
		t.Fatalf("profile = %v", d.Profile())
	}
	if fs := d.Validate(); len(fs) != 0 {
		t.Fatalf("Peppol invoice:\n%s", listFindings(fs))
	}
	// Peppol does not require a KvK number, but one that is given must be
	// one: the empty element is refused by NL-R-003, not by a BR-NL rule.
	fs := mustRead(t, edit(t, peppol, `<cbc:CompanyID schemeID="0106">12345678</cbc:CompanyID>`, `<cbc:CompanyID schemeID="0106"></cbc:CompanyID>`)).Validate()
	findRule(t, fs, "NL-R-003")
	if hasRule(fs, "BR-NL-1") || hasRule(fs, "SI-UBL-2") {
		t.Errorf("NLCIUS rules applied to a Peppol document:\n%s", listFindings(fs))
	}
	// A foreign supplier is not held to the Dutch rules.
	foreign := edit(t, peppol, "<cbc:IdentificationCode>NL</cbc:IdentificationCode>", "<cbc:IdentificationCode>BE</cbc:IdentificationCode>",
		"<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>", "<cbc:PaymentMeansCode>1</cbc:PaymentMeansCode>")
	if fs := mustRead(t, foreign).Validate(); len(fs) != 0 {
		t.Errorf("Belgian supplier:\n%s", listFindings(fs))
	}
}

func TestProfile(t *testing.T) {
	for id, want := range map[string]Profile{
		"urn:cen.eu:en16931:2017": ProfileEN16931,
		"urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0": ProfilePeppol,
		"urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0":               ProfileNLCIUS,
		"urn:cen.eu:en16931:2017#conformant#urn:fdc:nen.nl:gaccount:v1.0":            ProfileNLCIUS,
		"urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0":      ProfileEN16931,
		"\n   urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0\n  ":      ProfileNLCIUS,
		"1.9": ProfileUBL,
	} {
		doc := edit(t, dutchInvoice, "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0", id)
		if got := mustRead(t, doc).Profile(); got != want {
			t.Errorf("CustomizationID %q: profile %v, want %v", id, got, want)
		}
	}
}

func TestValidatePlainUBL(t *testing.T) {
	doc := edit(t, dutchInvoice,
		"<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>\n  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>", "",
		"<cbc:RegistrationName>Glans Schoonmaak B.V.</cbc:RegistrationName>", "",
		`<cbc:PayableAmount currencyID="EUR">232.40</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">232.00</cbc:PayableAmount>`)
	fs := mustRead(t, doc).Validate()
	if OutcomeOf(fs) != OutcomeWarning || len(fs) != 2 {
		t.Fatalf("plain UBL: %s\n%s", OutcomeOf(fs), listFindings(fs))
	}
	findRule(t, fs, "SPIL-UBL-01")
	if f := findRule(t, fs, "BR-CO-16"); f.Severity != Warning {
		t.Errorf("totals of plain UBL reported as %v", f.Severity)
	}
	// Without CustomizationID but with a Peppol process it is EN 16931.
	doc = edit(t, dutchInvoice, "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>", "")
	findRule(t, mustRead(t, doc).Validate(), "BR-01")
}

func TestErr(t *testing.T) {
	if err := Err(mustRead(t, dutchInvoice).Validate()); err != nil {
		t.Errorf("Err of a valid invoice = %v", err)
	}
	warn := edit(t, dutchInvoice, "<cbc:Note>Schoonmaak maart</cbc:Note>", "<cbc:Note/>")
	if err := Err(mustRead(t, warn).Validate()); err != nil {
		t.Errorf("warnings made an error: %v", err)
	}
	bad := edit(t, dutchInvoice, `<cbc:PayableAmount currencyID="EUR">232.40</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">1232.40</cbc:PayableAmount>`)
	err := Err(mustRead(t, bad).Validate())
	if apperr.KindOf(err) != apperr.Invalid {
		t.Fatalf("Err = %v, want Invalid", err)
	}
	msg := apperr.FieldsOf(err)["cac:LegalMonetaryTotal/cbc:PayableAmount"]
	if !strings.HasPrefix(msg, "BR-CO-16: the amount due should be 232.4") {
		t.Errorf("field message = %q", msg)
	}
}
