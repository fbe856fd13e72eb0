package ubl

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchDocument reads and validates doc b.N times and reports invoices/s.
func benchDocument(b *testing.B, doc []byte) {
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := Read(bytes.NewReader(doc))
		if err != nil {
			b.Fatal(err)
		}
		_ = d.Validate()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "invoices/s")
}

// BenchmarkReadValidate parses and validates: the Dutch test invoice, the
// Peppol base example (a typical Peppol invoice), the largest corpus
// document (Calc.xml, 21 KB) and an invoice of 1000 lines.
func BenchmarkReadValidate(b *testing.B) {
	b.Run("dutch-invoice", func(b *testing.B) { benchDocument(b, []byte(dutchInvoice)) })
	for _, c := range []struct{ name, file string }{
		{"peppol-base-example", "peppol-bis3/examples/base-example.xml"},
		{"largest-corpus-Calc", "peppol-bis3/snippets/Calc.xml"},
	} {
		b.Run(c.name, func(b *testing.B) {
			doc, err := os.ReadFile(filepath.Join(corpusDir(b), filepath.FromSlash(c.file)))
			if err != nil {
				b.Fatal(err)
			}
			benchDocument(b, doc)
		})
	}
	b.Run("1000-lines", func(b *testing.B) { benchDocument(b, []byte(manyLines(1000))) })
}

// manyLines is the Dutch invoice with n lines of 10.00 at 21 %.
func manyLines(n int) string {
	i := strings.Index(dutchInvoice, "<cac:AllowanceCharge>")
	var lines strings.Builder
	for k := 1; k <= n; k++ {
		fmt.Fprintf(&lines, `<cac:InvoiceLine><cbc:ID>%d</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>`+
			`<cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Item %d</cbc:Name>`+
			`<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>`+
			`<cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`, k, k)
	}
	net := fmt.Sprintf("%d.00", 10*n)
	vat := fmt.Sprintf("%d.%02d", 21*n/10, (21*n)%10*10)
	total := fmt.Sprintf("%d.%02d", (121*n)/10, (121*n)%10*10)
	return dutchInvoice[:i] + fmt.Sprintf(`<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">%s</cbc:TaxAmount><cac:TaxSubtotal>`+
		`<cbc:TaxableAmount currencyID="EUR">%s</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">%s</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID>`+
		`<cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>`+
		`<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">%s</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">%s</cbc:TaxExclusiveAmount>`+
		`<cbc:TaxInclusiveAmount currencyID="EUR">%s</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">%s</cbc:PayableAmount></cac:LegalMonetaryTotal>`,
		vat, net, vat, net, net, total, total) + lines.String() + "</Invoice>\n"
}

func TestManyLinesIsValid(t *testing.T) {
	if fs := mustRead(t, manyLines(1000)).Validate(); len(fs) != 0 {
		t.Fatalf("1000-line invoice:\n%s", listFindings(fs))
	}
}
