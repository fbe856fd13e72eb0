package money

import (
	"strings"
	"testing"

	"spil/internal/apperr"
)

const payable = "cac:LegalMonetaryTotal/cbc:PayableAmount"

func TestParseReadsXMLDecimals(t *testing.T) {
	cases := map[string]string{
		"1234.56":       "1234.56",
		"-1234.56":      "-1234.56",
		"+12":           "12.00",
		"0":             "0.00",
		"-0.00":         "0.00",
		".5":            "0.50",
		"5.":            "5.00",
		"007.10":        "7.10",
		" \n 12.30\t":   "12.30", // XML white space around the value is collapsed
		"0.1234":        "0.1234",
		"12.3400":       "12.34",
		"1000000000000": "1000000000000.00",
	}
	for in, want := range cases {
		a, err := Parse(payable, in, EUR)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if a.Text() != want || a.Currency() != EUR {
			t.Errorf("Parse(%q) = %s %s, want %s", in, a.Currency(), a.Text(), want)
		}
	}
	if a, err := Parse("x", "1234.5678", "JPY"); err != nil || a.Text() != "1234.5678" || a.InMinorUnits() {
		t.Errorf("JPY with decimals: %v %v", a, err)
	}
}

func TestParseNamesTheFieldAndTheProblem(t *testing.T) {
	cases := map[string]string{
		"":                             "is empty",
		"   ":                          "is empty",
		"1,234.56":                     "thousands separators",
		"1.234.56":                     "more than one decimal point",
		"12,50":                        "decimal separator, not a comma",
		"1E3":                          "exponent",
		"1.5e-2":                       "exponent",
		"€12":                          `character "€" at position 1`,
		"12 EUR":                       `character " " at position 3`,
		"--1":                          `character "-" at position 2`,
		"1-":                           `character "-" at position 2`,
		"-":                            "is not a number",
		".":                            "is not a number",
		"NaN":                          `character "N"`,
		"0x10":                         `character "x"`,
		"１２":                           `character "１"`,
		strings.Repeat("9", 39):        "more than 38 digits",
		"0." + strings.Repeat("1", 39): "more than 38 digits",
		strings.Repeat("1", 101):       "too long",
	}
	for in, want := range cases {
		_, err := Parse(payable, in, EUR)
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("Parse(%q) = %v, want Invalid", in, err)
			continue
		}
		msg := apperr.FieldsOf(err)[payable]
		if !strings.Contains(msg, want) {
			t.Errorf("Parse(%q): field message %q, want it to contain %q", in, msg, want)
		}
	}
	// 38 digits are fine, and so are leading zeros.
	if _, err := Parse("x", strings.Repeat("9", 36)+".99", EUR); err != nil {
		t.Errorf("38 digits: %v", err)
	}
	if _, err := Parse("x", "000000"+strings.Repeat("9", 38), EUR); err != nil {
		t.Errorf("38 digits after leading zeros: %v", err)
	}
}

func TestParseRefusesUnknownCurrency(t *testing.T) {
	field := payable + "/@currencyID"
	for _, cur := range []string{"", "eur", "EURO", "XXX", "ZZZ"} {
		_, err := Parse(field, "1.00", cur)
		msg := apperr.FieldsOf(err)[field]
		if apperr.KindOf(err) != apperr.Invalid || !strings.Contains(msg, "unknown currency") {
			t.Errorf("Parse in %q: %v", cur, err)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	d, err := ParseDecimal("cbc:Percent", "21")
	if err != nil || d.String() != "21" {
		t.Errorf("ParseDecimal(21) = %v, %v", d, err)
	}
	if _, err := ParseDecimal("cbc:InvoicedQuantity", "1,5"); apperr.FieldsOf(err)["cbc:InvoicedQuantity"] == "" {
		t.Errorf("ParseDecimal(1,5) = %v, want a message for the field", err)
	}
}
