package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
)

func eur(t testing.TB, s string) Amount {
	t.Helper()
	a, err := Parse("amount", s, EUR)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return a
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestMinorUnits(t *testing.T) {
	for code, want := range map[string]int{"EUR": 2, "USD": 2, "GBP": 2, "JPY": 0, "ISK": 0, "KWD": 3, "BHD": 3, "HUF": 2, "XCG": 2} {
		got, err := MinorUnits(code)
		if err != nil || got != want {
			t.Errorf("MinorUnits(%s) = %d, %v; want %d", code, got, err, want)
		}
	}
	for _, code := range []string{"", "eur", "EU", "EURO", "XXX", "XAU", "HRK", "ABC", "NL"} {
		_, err := MinorUnits(code)
		if apperr.KindOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "unknown currency") {
			t.Errorf("MinorUnits(%q) = %v, want Invalid unknown currency", code, err)
		}
	}
	all := Currencies()
	if len(all) < 150 || all[0] != "AED" || !KnownCurrency("ZAR") {
		t.Errorf("Currencies() = %d codes starting %v", len(all), all[:3])
	}
	for i := 1; i < len(all); i++ {
		if all[i] <= all[i-1] {
			t.Errorf("Currencies not sorted or duplicated at %s, %s", all[i-1], all[i])
		}
		if !KnownCurrency(all[i]) {
			t.Errorf("%s listed but not known", all[i])
		}
	}
}

func TestNewRefusesUnknownCurrency(t *testing.T) {
	if _, err := New(dec("1"), "XYZ"); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("New in XYZ: %v, want Invalid", err)
	}
	if _, err := FromMinor(100, "eur"); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("FromMinor in eur: %v, want Invalid", err)
	}
}

func TestArithmeticNeedsOneCurrency(t *testing.T) {
	a, b := eur(t, "10.10"), eur(t, "0.905")
	sum, err := a.Add(b)
	if err != nil || sum.Text() != "11.005" {
		t.Errorf("10.10 + 0.905 = %v, %v", sum, err)
	}
	diff, err := a.Sub(b)
	if err != nil || diff.Text() != "9.195" {
		t.Errorf("10.10 - 0.905 = %v, %v", diff, err)
	}
	if c, err := a.Cmp(b); err != nil || c != 1 {
		t.Errorf("Cmp = %d, %v", c, err)
	}
	usd, _ := Parse("x", "1", "USD")
	for name, f := range map[string]func() error{
		"add":      func() error { _, err := a.Add(usd); return err },
		"subtract": func() error { _, err := a.Sub(usd); return err },
		"compare":  func() error { _, err := a.Cmp(usd); return err },
		"sum":      func() error { _, err := Sum(EUR, a, usd); return err },
		"no currency": func() error {
			_, err := a.Add(Amount{})
			return err
		},
	} {
		err := f()
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("%s across currencies: %v, want Invalid", name, err)
		}
	}
	if _, err := a.Add(usd); !strings.Contains(err.Error(), "EUR and USD") {
		t.Errorf("message %q does not name both currencies", err)
	}
	total, err := Sum(EUR, eur(t, "0.10"), eur(t, "0.20"), eur(t, "0.30"))
	if err != nil || !total.Equal(eur(t, "0.6")) {
		t.Errorf("0.10+0.20+0.30 = %v, %v; want exactly 0.60", total, err)
	}
	if empty, err := Sum("JPY"); err != nil || !empty.IsZero() || empty.Currency() != "JPY" {
		t.Errorf("empty Sum = %v, %v", empty, err)
	}
}

func TestRoundHalfAwayFromZero(t *testing.T) {
	cases := []struct{ in, cur, want string }{
		{"0.125", EUR, "0.13"},
		{"-0.125", EUR, "-0.13"},
		{"0.124999", EUR, "0.12"},
		{"2.675", EUR, "2.68"}, // 2.675 as a float is 2.67499…; as a decimal it rounds up
		{"1.005", EUR, "1.01"},
		{"-1.005", EUR, "-1.01"},
		{"0.5", "JPY", "1"},
		{"-0.5", "JPY", "-1"},
		{"1.0005", "KWD", "1.001"},
		{"12.30", EUR, "12.30"},
	}
	for _, tc := range cases {
		a, _ := Parse("x", tc.in, tc.cur)
		if got := a.Round().Text(); got != tc.want {
			t.Errorf("Round(%s %s) = %s, want %s", tc.in, tc.cur, got, tc.want)
		}
	}
	// VAT on a base: 21 % of 10.05 is 2.1105 → 2.11; 9 % of 0.50 is 0.045 → 0.05.
	if got := eur(t, "10.05").Percent(dec("21")).Round().Text(); got != "2.11" {
		t.Errorf("21%% of 10.05 = %s", got)
	}
	if got := eur(t, "0.50").Percent(dec("9")).Round().Text(); got != "0.05" {
		t.Errorf("9%% of 0.50 = %s", got)
	}
	if got := eur(t, "3.335").Mul(dec("3")).Text(); got != "10.005" {
		t.Errorf("3 × 3.335 = %s (Mul must not round)", got)
	}
}

func TestMinorUnitConversion(t *testing.T) {
	cases := []struct {
		units int64
		cur   string
		text  string
	}{
		{123456, EUR, "1234.56"},
		{-5, EUR, "-0.05"},
		{0, EUR, "0.00"},
		{1234, "JPY", "1234"},
		{1500, "KWD", "1.500"},
		{9223372036854775807, EUR, "92233720368547758.07"},
	}
	for _, tc := range cases {
		a, err := FromMinor(tc.units, tc.cur)
		if err != nil || a.Text() != tc.text {
			t.Errorf("FromMinor(%d, %s) = %s, %v; want %s", tc.units, tc.cur, a.Text(), err, tc.text)
			continue
		}
		back, err := a.Minor()
		if err != nil || back != tc.units {
			t.Errorf("Minor(%s) = %d, %v; want %d", a, back, err, tc.units)
		}
	}
	if n, err := eur(t, "12.5").Minor(); err != nil || n != 1250 {
		t.Errorf("12.5 EUR in cents = %d, %v", n, err)
	}
	if _, err := eur(t, "12.505").Minor(); apperr.KindOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "round") {
		t.Errorf("Minor of 12.505 EUR: %v, want Invalid asking to round", err)
	}
	if _, err := eur(t, "92233720368547758.08").Minor(); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("Minor beyond int64: %v, want Invalid", err)
	}
	if _, err := (Amount{}).Minor(); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("Minor of the zero Amount: %v, want Invalid", err)
	}
	if !eur(t, "12.50").InMinorUnits() || !eur(t, "12.5000").InMinorUnits() || eur(t, "12.505").InMinorUnits() {
		t.Error("InMinorUnits wrong")
	}
}

func TestSplitAddsUp(t *testing.T) {
	parts, err := eur(t, "100").Split(3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range parts {
		got = append(got, p.Text())
	}
	if strings.Join(got, " ") != "33.34 33.33 33.33" {
		t.Errorf("100 in 3 = %v", got)
	}
	for _, tc := range []struct {
		amount string
		n      int
	}{{"1000.00", 12}, {"-1000.00", 12}, {"0.05", 12}, {"-0.07", 3}, {"12345.67", 7}} {
		parts, err := eur(t, tc.amount).Split(tc.n)
		if err != nil || len(parts) != tc.n {
			t.Fatalf("Split(%s, %d): %d parts, %v", tc.amount, tc.n, len(parts), err)
		}
		total, _ := Sum(EUR, parts...)
		if !total.Equal(eur(t, tc.amount)) {
			t.Errorf("parts of %s add up to %s", tc.amount, total)
		}
		for _, p := range parts {
			d, _ := p.Sub(parts[len(parts)-1])
			if d.Abs().Decimal().GreaterThan(dec("0.01")) {
				t.Errorf("parts of %s differ by more than a cent: %v", tc.amount, parts)
			}
		}
	}
	if _, err := eur(t, "1").Split(0); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("Split(0): %v", err)
	}
	if _, err := eur(t, "1.001").Split(2); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("Split of an unrounded amount: %v", err)
	}
}

func TestEqualIgnoresTrailingZeros(t *testing.T) {
	if !eur(t, "1.5").Equal(eur(t, "1.50")) {
		t.Error("1.5 and 1.50 differ")
	}
	usd, _ := Parse("x", "1.5", "USD")
	if eur(t, "1.5").Equal(usd) {
		t.Error("EUR 1.5 equals USD 1.5")
	}
	if eur(t, "-0").Sign() != 0 || !eur(t, "0.00").IsZero() {
		t.Error("zero is not zero")
	}
}
