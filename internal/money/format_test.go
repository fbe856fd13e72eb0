package money

import "testing"

func TestFormatPerLanguage(t *testing.T) {
	cases := []struct {
		amount, cur, nl, en string
	}{
		{"1234.56", EUR, "€ 1.234,56", "€1,234.56"},
		{"-1234.56", EUR, "€ -1.234,56", "-€1,234.56"},
		{"0.05", EUR, "€ 0,05", "€0.05"},
		{"-0.05", EUR, "€ -0,05", "-€0.05"},
		{"12.5", EUR, "€ 12,50", "€12.50"},
		{"1234567.8", EUR, "€ 1.234.567,80", "€1,234,567.80"},
		{"100", EUR, "€ 100,00", "€100.00"},
		{"0.1234", EUR, "€ 0,1234", "€0.1234"}, // a unit price keeps its decimals
		{"1000000", "USD", "USD 1.000.000,00", "USD 1,000,000.00"},
		{"-3.2", "GBP", "GBP -3,20", "-GBP 3.20"},
		{"1234", "JPY", "JPY 1.234", "JPY 1,234"},
		{"1.5", "KWD", "KWD 1,500", "KWD 1.500"},
	}
	for _, tc := range cases {
		a, err := Parse("x", tc.amount, tc.cur)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Format("nl"); got != tc.nl {
			t.Errorf("Format(nl, %s %s) = %q, want %q", tc.cur, tc.amount, got, tc.nl)
		}
		if got := a.Format("en"); got != tc.en {
			t.Errorf("Format(en, %s %s) = %q, want %q", tc.cur, tc.amount, got, tc.en)
		}
		for _, lang := range []string{"nl", "en"} {
			if !a.InMinorUnits() {
				continue
			}
			back, err := ParseInput(lang, "x", a.Format(lang), tc.cur)
			if err != nil || !back.Equal(a) {
				t.Errorf("ParseInput(%s, %q) = %v, %v; want %v", lang, a.Format(lang), back, err, a)
			}
		}
	}
}

func TestTextAndString(t *testing.T) {
	cases := []struct{ amount, cur, text string }{
		{"1234.5", EUR, "1234.50"},
		{"-0.5", EUR, "-0.50"},
		{"12.3400", EUR, "12.34"},
		{"0.1234", EUR, "0.1234"},
		{"7", "JPY", "7"},
		{"7.000", "JPY", "7"},
		{"7", "BHD", "7.000"},
	}
	for _, tc := range cases {
		a, _ := Parse("x", tc.amount, tc.cur)
		if a.Text() != tc.text {
			t.Errorf("Text(%s %s) = %s, want %s", tc.cur, tc.amount, a.Text(), tc.text)
		}
		if a.String() != tc.cur+" "+tc.text {
			t.Errorf("String = %q", a.String())
		}
		back, err := Parse("x", a.Text(), a.Currency())
		if err != nil || !back.Equal(a) {
			t.Errorf("Parse(Text(%v)) = %v, %v", a, back, err)
		}
	}
}
