package ubl

import (
	"errors"
	"strings"
	"testing"

	"spil/internal/apperr"
)

// readRejects asserts Read refuses doc with an Invalid error containing
// each of want, and returns it.
func readRejects(t *testing.T, doc string, lim Limits, want ...string) *apperr.Error {
	t.Helper()
	d, err := ReadWith(strings.NewReader(doc), lim)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid {
		t.Fatalf("ReadWith = %v, %v; want an apperr.Invalid error", d, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	return ae
}

func TestReadRefusesHostileInput(t *testing.T) {
	deep := "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">" +
		strings.Repeat("<cac:X xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">", 100)
	wide := "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">" + strings.Repeat("<a/>", 2000) + "</Invoice>"
	cases := []struct {
		name string
		doc  string
		lim  Limits
		want []string
	}{
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>`, Limits{}, []string{"line 1", "DOCTYPE is not allowed"}},
		{"external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Invoice>&xxe;</Invoice>", Limits{}, []string{"line 2", "DOCTYPE is not allowed"}},
		{"undeclared entity", edit(t, dutchInvoice, "<cbc:Note>Schoonmaak maart</cbc:Note>", "<cbc:Note>&secret;</cbc:Note>"), Limits{}, []string{"line 11", "cbc:Note", "not well-formed XML", "entity"}},
		{"too large", dutchInvoice, Limits{MaxBytes: 1024}, []string{"larger than 1024 bytes (1 KiB)"}},
		{"too deep", deep, Limits{}, []string{"nested deeper than 64 levels", "cac:X/cac:X"}},
		{"too many elements", wide, Limits{MaxElements: 1000}, []string{"more than 1000 elements"}},
		{"not well-formed", edit(t, dutchInvoice, "</cbc:ID>", "</cbc:Id>"), Limits{}, []string{"line 7", "not well-formed XML", "cbc:ID"}},
		{"truncated", dutchInvoice[:2000], Limits{}, []string{"not well-formed XML", "unexpected EOF"}},
		{"empty", "", Limits{}, []string{"no document element"}},
		{"text", "just some text", Limits{}, []string{"text outside the document element"}},
		{"two roots", dutchInvoice + "<Invoice/>", Limits{}, []string{"a second document element"}},
		{"no namespace", "<Invoice><ID>1</ID></Invoice>", Limits{}, []string{"not a UBL 2.1 Invoice or CreditNote", "<Invoice> without the UBL namespace"}},
		{"wrong namespace", `<Invoice xmlns="urn:example:invoice"/>`, Limits{}, []string{`<Invoice> in namespace "urn:example:invoice" instead of the UBL one`}},
		{"order", `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>`, Limits{}, []string{"the document element is <Order>"}},
		{"CII", `<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>`, Limits{}, []string{"UN/CEFACT CII invoice, not UBL"}},
		{"HTML", "<html><body>Factuur</body></html>", Limits{}, []string{"the document element is <html>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ae := readRejects(t, c.doc, c.lim, c.want...)
			if len(ae.Fields) != 1 {
				t.Errorf("fields = %v, want one naming where", ae.Fields)
			}
		})
	}
}

func TestReadErrorNamesPath(t *testing.T) {
	ae := readRejects(t, edit(t, dutchInvoice, "<cbc:CityName>Utrecht</cbc:CityName>", "<cbc:CityName>Utrecht</cbc:City>"), Limits{})
	const path = "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CityName"
	if msg, ok := ae.Fields[path]; !ok || !strings.HasPrefix(msg, "line 59: ") {
		t.Errorf("fields = %v, want %s at line 59", ae.Fields, path)
	}
}
