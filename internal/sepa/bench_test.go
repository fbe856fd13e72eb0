package sepa

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/shopspring/decimal"
)

// testIBAN returns a Dutch IBAN for bank code and account number n, with
// its check digits computed.
func testIBAN(bank string, n int) string {
	bban := fmt.Sprintf("%s%010d", bank, n)
	return fmt.Sprintf("NL%02d%s", 98-mod97(bban+"NL00"), bban)
}

// largeBatch returns a batch of n transfers in one payment information: one
// in ten creditor names needs conversion to the SEPA set, a third carry a
// betalingskenmerk, the others free text.
func largeBatch(n int) *Batch {
	b := sampleBatch()
	b.Payments = b.Payments[:1]
	p := &b.Payments[0]
	p.Transfers = make([]Transfer, n)
	for i := range p.Transfers {
		t := Transfer{
			EndToEndID:   fmt.Sprintf("SPIL-INV-%08d", i),
			Amount:       decimal.New(int64(1000+i*37%500000), -2),
			CreditorName: fmt.Sprintf("Leverancier %d B.V.", i),
			CreditorIBAN: testIBAN("RABO", 100000+i),
			Remittance:   Unstructured(fmt.Sprintf("Factuur %d van januari, klantnummer 12345", i)),
		}
		if i%10 == 0 {
			t.CreditorName = fmt.Sprintf("Café Ærø & Zoon %d", i)
		}
		if i%3 == 0 {
			t.Remittance = DutchReference("5000056789012345")
		}
		p.Transfers[i] = t
	}
	return b
}

// BenchmarkWrite10000 writes a batch of 10,000 transfers (validation,
// conversion and XML); the target is well under a second.
func BenchmarkWrite10000(b *testing.B) {
	for _, v := range []Version{V09, V03} {
		b.Run(string(v), func(b *testing.B) {
			batch := largeBatch(10000)
			doc, err := Marshal(batch, v, today)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, batch, v, today); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRead10000 reads the file of BenchmarkWrite10000 back.
func BenchmarkRead10000(b *testing.B) {
	doc, err := Marshal(largeBatch(10000), V09, today)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLargeBatchValidates writes the 10,000-transfer batch in both versions
// and checks it against the schemas and by reading it back.
func TestLargeBatchValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("a 10,000-transfer file in -short mode")
	}
	batch := largeBatch(10000)
	for _, v := range []Version{V09, V03} {
		doc, err := Marshal(batch, v, today)
		if err != nil {
			t.Fatal(err)
		}
		back, _, err := Read(bytes.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		n, sum := back.Totals()
		wn, wsum := batch.Totals()
		if n != 10000 || n != wn || !sum.Equal(wsum) {
			t.Errorf("%s: read %d transfers, %s; wrote %d, %s", v, n, sum, wn, wsum)
		}
		t.Run(string(v), func(t *testing.T) { schemaCheck(t, v, doc) })
	}
}
