package money

import (
	"testing"

	"github.com/shopspring/decimal"
)

// BenchmarkParse reads one amount as the UBL reader does.
func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("cbc:PayableAmount", "1234.56", EUR); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDutch reads one amount as a Dutch form sends it.
func BenchmarkParseDutch(b *testing.B) {
	for b.Loop() {
		if _, err := ParseDutch("amount", "€ 1.234,56", EUR); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormat writes one amount for a Dutch page.
func BenchmarkFormat(b *testing.B) {
	a, _ := FromMinor(123456, EUR)
	for b.Loop() {
		_ = a.Format("nl")
	}
}

// BenchmarkInvoiceTotals adds 100 invoice lines with 21 % VAT rounded per
// line, the arithmetic of checking one invoice's totals.
func BenchmarkInvoiceTotals(b *testing.B) {
	lines := make([]Amount, 100)
	for i := range lines {
		lines[i], _ = FromMinor(int64(1000+37*i), EUR)
	}
	rate := decimal.NewFromInt(21)
	for b.Loop() {
		total, _ := Zero(EUR)
		for _, l := range lines {
			withVAT, _ := l.Add(l.Percent(rate).Round())
			total, _ = total.Add(withVAT)
		}
		if _, err := total.Minor(); err != nil {
			b.Fatal(err)
		}
	}
}
