package money

import (
	"strings"
	"testing"

	"spil/internal/apperr"
)

func TestParseInputReadsWhatPeopleType(t *testing.T) {
	cases := []struct {
		lang, in, cur, want string
	}{
		// Dutch
		{"nl", "1.234,56", EUR, "1234.56"},
		{"nl", "1234,56", EUR, "1234.56"},
		{"nl", "€ 1.234,56", EUR, "1234.56"},
		{"nl", "€1.234,56", EUR, "1234.56"},
		{"nl", "€ -1.234,56", EUR, "-1234.56"},
		{"nl", "-€ 1.234,56", EUR, "-1234.56"},
		{"nl", "- € 12,50", EUR, "-12.50"},
		{"nl", "−12,50", EUR, "-12.50"}, // the minus sign copied from a formatted page
		{"nl", "+12,50", EUR, "12.50"},
		{"nl", "12,50 EUR", EUR, "12.50"},
		{"nl", "eur 12,50", EUR, "12.50"},
		{"nl", "12 euro", EUR, "12.00"},
		{"nl", "€ 25,-", EUR, "25.00"},
		{"nl", "1.250,--", EUR, "1250.00"},
		{"nl", "25,–", EUR, "25.00"},
		{"nl", "12,5", EUR, "12.50"},
		{"nl", ",50", EUR, "0.50"},
		{"nl", "12", EUR, "12.00"},
		{"nl", "12.50", EUR, "12.50"}, // a point followed by two digits is a decimal point
		{"nl", "1.250", EUR, "1250.00"},
		{"nl", "1.234.567", EUR, "1234567.00"},
		{"nl", "1.234.567,89", EUR, "1234567.89"},
		{"nl", "1,234.56", EUR, "1234.56"}, // English in a Dutch form: both separators, the last is decimal
		{"nl", "1 234,56", EUR, "1234.56"},
		{"nl", "1\u00a0234,56", EUR, "1234.56"},
		{"nl", "1\u202f234\u202f567,89", EUR, "1234567.89"},
		{"nl", "  € 0,05  ", EUR, "0.05"},
		{"nl", "JPY 1.235", "JPY", "1235"},
		{"nl", "KWD 1.234,567", "KWD", "1234.567"},
		{"nl", "£ 3,20", "GBP", "3.20"},
		{"nl", "$3,20", "USD", "3.20"},
		// English
		{"en", "1,234.56", EUR, "1234.56"},
		{"en", "€1,234.56", EUR, "1234.56"},
		{"en", "-€1,234.56", EUR, "-1234.56"},
		{"en", "1,234", EUR, "1234.00"},
		{"en", "12,50", EUR, "12.50"},
		{"en", "1234.5", EUR, "1234.50"},
		{"en", "1.234,56", EUR, "1234.56"},
		{"en", "USD 1,000,000.00", "USD", "1000000.00"},
		{"en", "JPY 1,234,567", "JPY", "1234567"},
		{"", "1,234.56", EUR, "1234.56"}, // unknown language reads as English
	}
	for _, tc := range cases {
		a, err := ParseInput(tc.lang, "amount", tc.in, tc.cur)
		if err != nil {
			t.Errorf("ParseInput(%s, %q): %v", tc.lang, tc.in, err)
			continue
		}
		if a.Text() != tc.want || a.Currency() != tc.cur {
			t.Errorf("ParseInput(%s, %q) = %s, want %s %s", tc.lang, tc.in, a, tc.cur, tc.want)
		}
	}
	if a, err := ParseDutch("amount", "€ 1.234,56", EUR); err != nil || a.Text() != "1234.56" {
		t.Errorf("ParseDutch = %v, %v", a, err)
	}
}

func TestParseInputExplainsWhatIsWrong(t *testing.T) {
	cases := []struct {
		lang, in, cur, want string
	}{
		{"nl", "", EUR, "enter an amount"},
		{"nl", "  ", EUR, "enter an amount"},
		{"nl", "€", EUR, "is not an amount; write it like 1.234,56"},
		{"en", "abc", EUR, "is not an amount; write it like 1,234.56"},
		{"nl", "1,234", EUR, "use at most 2 decimals"}, // an English thousand in a Dutch form
		{"en", "1.234", EUR, "use at most 2 decimals"},
		{"nl", "12,345", EUR, "use at most 2 decimals"},
		{"nl", "12,5", "JPY", "enter a whole amount, without decimals"},
		{"nl", "1,2345", "KWD", "use at most 3 decimals"},
		{"nl", "12.34.5", EUR, "is not an amount"},
		{"nl", "1.23.456", EUR, "is not an amount"},
		{"nl", "1234.567,89", EUR, "is not an amount"},
		{"nl", "1,234,56", EUR, "is not an amount"},
		{"nl", "1.234,56,7", EUR, "is not an amount"},
		{"nl", "1 234.567 8", EUR, "is not an amount"},
		{"nl", "12  345", EUR, "is not an amount"},
		{"nl", "12,", EUR, "is not an amount"},
		{"nl", "25,50,-", EUR, "is not an amount"},
		{"nl", "--12", EUR, "character '-'"},
		{"nl", "12-", EUR, "character '-'"},
		{"nl", "$ 12", EUR, "is in another currency than EUR"},
		{"nl", "USD 12", EUR, "is in another currency than EUR"},
		{"nl", "€ 12", "USD", "is in another currency than USD"},
		{"nl", "12 dollar", EUR, "is not an amount"},
		{"nl", "1e3", EUR, "is not an amount"},
		{"nl", "12%", EUR, "character '%'"},
		{"nl", strings.Repeat("9", 37), EUR, "is too large"},
		{"nl", strings.Repeat("1", 101), EUR, "too long"},
		{"nl", "12", "XYZ", "unknown currency"},
	}
	for _, tc := range cases {
		_, err := ParseInput(tc.lang, "amount", tc.in, tc.cur)
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("ParseInput(%s, %q) = %v, want Invalid", tc.lang, tc.in, err)
			continue
		}
		if msg := apperr.FieldsOf(err)["amount"]; !strings.Contains(msg, tc.want) {
			t.Errorf("ParseInput(%s, %q): %q, want %q", tc.lang, tc.in, msg, tc.want)
		}
	}
}
