package ubl

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestReadInvoice(t *testing.T) {
	d := mustRead(t, dutchInvoice)
	if fs := d.Validate(); len(fs) != 0 {
		t.Fatalf("the valid invoice has findings:\n%s", listFindings(fs))
	}
	if d.Kind != KindInvoice || d.Profile() != ProfileNLCIUS || d.ID != "F2024-0117" || d.TypeCode != "380" || d.Currency != "EUR" {
		t.Errorf("header = %v %v %q %q %q", d.Kind, d.Profile(), d.ID, d.TypeCode, d.Currency)
	}
	if d.IssueDate != (Date{2024, time.March, 1}) || d.DueDate.String() != "2024-03-31" {
		t.Errorf("dates = %v, %v", d.IssueDate, d.DueDate)
	}
	if d.BuyerReference != "KOST-4711" || d.OrderReference != "PO-2024-12" {
		t.Errorf("references = %q, %q", d.BuyerReference, d.OrderReference)
	}
	s := d.Supplier
	if s.DisplayName() != "Glans Schoonmaak B.V." || s.Name != "Glans Schoonmaak" || s.KvK() != "12345678" || s.VATNumber != "NL001234567B01" {
		t.Errorf("supplier = %+v", s)
	}
	if s.Endpoint != (Identifier{"12345678", "0106"}) || s.Address.City != "Amsterdam" || s.Address.Country != "NL" || s.Contact.Email != "facturen@glans.example" {
		t.Errorf("supplier endpoint/address/contact = %+v %+v %+v", s.Endpoint, s.Address, s.Contact)
	}
	if d.Customer.KvK() != "87654321" || d.Customer.OIN() != "" {
		t.Errorf("customer = %+v", d.Customer)
	}
	if len(d.PaymentMeans) != 1 {
		t.Fatalf("payment means = %+v", d.PaymentMeans)
	}
	pm := d.PaymentMeans[0]
	if pm.Code != "30" || pm.Account != "NL91ABNA0417164300" || pm.BIC != "ABNANL2A" || pm.PaymentID != "F2024-0117" {
		t.Errorf("payment means = %+v", pm)
	}
	if len(d.PaymentTerms) != 1 || d.PaymentTerms[0] != "Betaling binnen 30 dagen" {
		t.Errorf("payment terms = %q", d.PaymentTerms)
	}
	tot := d.Totals
	for _, c := range []struct {
		name string
		got  Amount
		want string
	}{
		{"line extension", tot.LineExtension, "205"}, {"tax exclusive", tot.TaxExclusive, "200"},
		{"tax inclusive", tot.TaxInclusive, "232.4"}, {"allowances", tot.AllowanceTotal, "5"}, {"payable", tot.Payable, "232.40"},
	} {
		if !c.got.Present || !c.got.Value.Equal(dec(c.want)) || c.got.Currency != "EUR" {
			t.Errorf("%s = %+v, want %s EUR", c.name, c.got, c.want)
		}
	}
	if tot.Prepaid.Present || tot.ChargeTotal.Present {
		t.Errorf("absent totals read as present: %+v %+v", tot.Prepaid, tot.ChargeTotal)
	}
	if tot.Payable.String() != "232.4 EUR" || tot.Payable.Decimals != 2 {
		t.Errorf("payable = %q with %d decimals", tot.Payable.String(), tot.Payable.Decimals)
	}
	vat := d.VAT()
	if vat == nil || !vat.Amount.Value.Equal(dec("32.40")) || len(d.Breakdown()) != 2 {
		t.Fatalf("VAT = %+v", vat)
	}
	row := d.Breakdown()[1]
	if row.Category.ID != "S" || !row.Category.Percent.Equal(dec("9")) || !row.Taxable.Value.Equal(dec("80")) || !row.Tax.Value.Equal(dec("7.2")) {
		t.Errorf("breakdown row 2 = %+v", row)
	}
	if len(d.AllowanceCharges) != 1 || d.AllowanceCharges[0].Charge || d.AllowanceCharges[0].Reason != "Korting" || d.AllowanceCharges[0].Tax.ID != "S" {
		t.Errorf("allowances = %+v", d.AllowanceCharges)
	}
	if len(d.Lines) != 2 {
		t.Fatalf("lines = %d", len(d.Lines))
	}
	l := d.Lines[0]
	if l.ID != "1" || !l.Quantity.Value.Equal(dec("10")) || l.Quantity.UnitCode != "HUR" || !l.NetAmount.Value.Equal(dec("125")) ||
		l.Name != "Schoonmaak" || l.Description != "Kantoorschoonmaak, week 9-12" || !l.Price.Value.Equal(dec("12.5")) ||
		l.Tax.ID != "S" || !l.Tax.Percent.Equal(dec("21")) || !l.Tax.HasPercent {
		t.Errorf("line 1 = %+v", l)
	}
	if len(d.Attachments) != 1 {
		t.Fatalf("attachments = %+v", d.Attachments)
	}
	a := d.Attachments[0]
	if a.ID != "UREN-03" || a.MimeCode != "application/pdf" || a.Filename != "urenstaat.pdf" || string(a.Data) != "%PDF-1.4\n" || a.Size != 9 || !a.Embedded {
		t.Errorf("attachment = %+v", a)
	}
}

func TestReadCreditNote(t *testing.T) {
	doc := edit(t, dutchInvoice,
		`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"`, `<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"`,
		"</Invoice>", "</CreditNote>",
		"<cbc:DueDate>2024-03-31</cbc:DueDate>\n", "",
		"<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>",
		"<cac:AdditionalDocumentReference>", "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>F2024-0100</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference><cac:AdditionalDocumentReference>",
		"<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>", "<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2024-04-15</cbc:PaymentDueDate>")
	doc = strings.ReplaceAll(doc, "InvoiceLine>", "CreditNoteLine>")
	doc = strings.ReplaceAll(doc, "InvoicedQuantity", "CreditedQuantity")
	d := mustRead(t, doc)
	if fs := d.Validate(); len(fs) != 0 {
		t.Fatalf("credit note has findings:\n%s", listFindings(fs))
	}
	if d.Kind != KindCreditNote || d.Kind.String() != "credit note" || d.TypeCode != "381" || len(d.Lines) != 2 || !d.Lines[1].Quantity.Value.Equal(dec("2")) {
		t.Errorf("credit note = %v %q %d lines", d.Kind, d.TypeCode, len(d.Lines))
	}
	if d.DueDate.String() != "2024-04-15" || len(d.BillingReferences) != 1 || d.BillingReferences[0].ID != "F2024-0100" {
		t.Errorf("due %v, billing references %+v", d.DueDate, d.BillingReferences)
	}
}

func TestReadAttachmentLimit(t *testing.T) {
	big := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte("%PDF"), 1000)) // 4000 bytes
	doc := edit(t, dutchInvoice, "JVBERi0xLjQK", big)
	d, err := ReadWith(strings.NewReader(doc), Limits{MaxAttachmentBytes: 3999})
	if err != nil {
		t.Fatal(err)
	}
	a := d.Attachments[0]
	if a.Data != nil || a.Size != 4000 || !a.Embedded {
		t.Errorf("over-limit attachment = size %d, data %d bytes", a.Size, len(a.Data))
	}
	f := findRule(t, d.Validate(), "SPIL-ATT-01")
	if f.Severity != Warning || f.Path != "cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject" || f.Line != 21 {
		t.Errorf("finding = %+v", f)
	}
	d, err = ReadWith(strings.NewReader(doc), Limits{MaxAttachmentBytes: 4000})
	if err != nil || len(d.Attachments[0].Data) != 4000 {
		t.Errorf("at the limit: %v, %d bytes", err, len(d.Attachments[0].Data))
	}
}

func TestReadEncodings(t *testing.T) {
	latin := edit(t, dutchInvoice, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, "Koffie en thee", "Café crème")
	enc, err := charmap.ISO8859_1.NewEncoder().String(latin)
	if err != nil {
		t.Fatal(err)
	}
	if d := mustRead(t, enc); d.Lines[1].Name != "Café crème" {
		t.Errorf("ISO-8859-1 name = %q", d.Lines[1].Name)
	}
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(edit(t, latin, `encoding="ISO-8859-1"`, `encoding="UTF-16"`))
	if err != nil {
		t.Fatal(err)
	}
	if d := mustRead(t, u16); d.Lines[1].Name != "Café crème" {
		t.Errorf("UTF-16 name = %q", d.Lines[1].Name)
	}
	if d := mustRead(t, "\uFEFF"+dutchInvoice); d.ID != "F2024-0117" {
		t.Errorf("UTF-8 with BOM: ID = %q", d.ID)
	}
	_, err = Read(strings.NewReader(edit(t, dutchInvoice, `encoding="UTF-8"`, `encoding="EBCDIC-US"`)))
	if err == nil || !strings.Contains(err.Error(), "unsupported character encoding") {
		t.Errorf("EBCDIC: %v", err)
	}
}

func TestValuesWritten(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		dec  int
		ok   bool
	}{
		{"1656.25", "1656.25", 2, true}, {" -3.5 ", "-3.5", 1, true}, {"+.5", "0.5", 1, true}, {"7.", "7", 0, true},
		{"100.000", "100", 3, true}, {"-0.00", "0", 2, true},
		{"1e3", "", 0, false}, {"1,5", "", 0, false}, {"", "", 0, false}, {".", "", 0, false}, {"NaN", "", 0, false}, {"--1", "", 0, false},
	} {
		v, d, ok := parseDecimal(c.in)
		if ok != c.ok || (ok && (!v.Equal(dec(c.want)) || d != c.dec)) {
			t.Errorf("parseDecimal(%q) = %v, %d, %v; want %s, %d, %v", c.in, v, d, ok, c.want, c.dec, c.ok)
		}
	}
	for in, want := range map[string]string{
		"2024-02-29": "2024-02-29", "2024-03-01Z": "2024-03-01", "2024-03-01+01:00": "2024-03-01", " 2024-03-01\n": "2024-03-01",
		"2023-02-29": "", "2024-3-1": "", "01-03-2024": "", "2024-03-01T00:00:00": "", "2024-03-01+15:00": "", "": "",
	} {
		got, _ := parseDate(in)
		if got.String() != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}
