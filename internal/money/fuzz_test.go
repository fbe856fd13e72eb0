package money

import (
	"testing"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
)

// FuzzParse checks that the XML reader never panics, refuses only with
// Invalid errors naming the field, and that what it reads is written back
// by Text and read again to the same amount.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1234.56", "-0.5", "+.5", "5.", " 12 ", "1E3", "1,5", "", "-", "0000.000", "99999999999999999999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse("f", s, EUR)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid || apperr.FieldsOf(err)["f"] == "" {
				t.Fatalf("Parse(%q): %v is not an Invalid error for the field", s, err)
			}
			return
		}
		back, err := Parse("f", a.Text(), EUR)
		if err != nil || !back.Equal(a) {
			t.Fatalf("Parse(%q) = %v; Parse(Text) = %v, %v", s, a, back, err)
		}
		for _, lang := range []string{"nl", "en"} {
			a.Format(lang) // must not panic
		}
	})
}

// FuzzParseInput checks that the form reader never panics, refuses only with
// Invalid errors, returns amounts in minor units, and that Format of what it
// read reads back to the same amount in both languages.
func FuzzParseInput(f *testing.F) {
	for _, s := range []string{"€ 1.234,56", "1,234.56", "-€1,234.56", "€ 25,-", "1 234,56", "12.50", "1.250", "eur 3", "$ 5", "−7,5", ",5", "1\u00a0000"} {
		f.Add("nl", s)
		f.Add("en", s)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		for _, cur := range []string{EUR, "JPY", "KWD"} {
			a, err := ParseInput(lang, "f", s, cur)
			if err != nil {
				if apperr.KindOf(err) != apperr.Invalid || apperr.FieldsOf(err)["f"] == "" {
					t.Fatalf("ParseInput(%q, %q): %v is not an Invalid error for the field", lang, s, err)
				}
				continue
			}
			if !a.InMinorUnits() {
				t.Fatalf("ParseInput(%q, %q, %s) = %v, more decimals than the currency has", lang, s, cur, a)
			}
			for _, out := range []string{"nl", "en"} {
				text := a.Format(out)
				back, err := ParseInput(out, "f", text, cur)
				if err != nil || !back.Equal(a) {
					t.Fatalf("ParseInput(%q, %q) = %v; Format(%s) = %q reads as %v, %v", lang, s, a, out, text, back, err)
				}
			}
		}
	})
}

// FuzzFormatRoundTrip starts from amounts in minor units: every one of them
// is written by Format and read back by ParseInput, and by Text and Parse.
func FuzzFormatRoundTrip(f *testing.F) {
	for _, n := range []int64{0, 1, -1, 5, 123456, -123456, 100000000, 9223372036854775807, -9223372036854775808} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, units int64) {
		for _, cur := range []string{EUR, "JPY", "KWD", "USD"} {
			a, err := FromMinor(units, cur)
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"nl", "en"} {
				back, err := ParseInput(lang, "f", a.Format(lang), cur)
				if err != nil || !back.Equal(a) {
					t.Fatalf("%s %d: Format(%s) = %q reads as %v, %v", cur, units, lang, a.Format(lang), back, err)
				}
			}
			back, err := Parse("f", a.Text(), cur)
			if err != nil || !back.Equal(a) {
				t.Fatalf("%s %d: Text = %q reads as %v, %v", cur, units, a.Text(), back, err)
			}
			if n, err := back.Minor(); err != nil || n != units {
				t.Fatalf("%s %d: Minor = %d, %v", cur, units, n, err)
			}
			if !a.Round().Equal(a) || a.Decimal().Cmp(decimal.New(units, -int32(mustMinor(cur)))) != 0 {
				t.Fatalf("%s %d: Round or Decimal changed the amount", cur, units)
			}
		}
	})
}

func mustMinor(cur string) int {
	m, _ := MinorUnits(cur)
	return m
}
