package iban

import "testing"

// BenchmarkParse validates one IBAN as a supplier form or an e-invoice
// brings it: with spaces, in print form.
func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("iban", "NL91 ABNA 0417 1643 00"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLongest validates the longest IBAN format (Saint Lucia, 32
// characters) in electronic form.
func BenchmarkParseLongest(b *testing.B) {
	i, err := FromBBAN("LC", "HEMM000100010012001200023015")
	if err != nil {
		b.Fatal(err)
	}
	s := i.String()
	for b.Loop() {
		if _, err := Parse("iban", s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseBIC validates one BIC.
func BenchmarkParseBIC(b *testing.B) {
	for b.Loop() {
		if _, err := ParseBIC("bic", "ABNCNL2AGIR"); err != nil {
			b.Fatal(err)
		}
	}
}
