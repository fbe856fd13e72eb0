package money

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
)

// MaxDigits is the most digits a parsed number may have, before and after
// the point together, leading and trailing zeros not counted: 38, as many as a decimal128 holds and far more than
// any amount an organization pays. Longer input is refused before any
// arithmetic, so a hostile document cannot make spil compute with
// megabyte-long numbers.
const MaxDigits = 38

// maxInput bounds the length of the text looked at, signs, separators and
// currency signs included.
const maxInput = 100

// ParseDecimal reads a number in the lexical form of XML Schema's
// xs:decimal, which UBL amounts, quantities and percentages use and which
// JSON APIs send as strings: an optional sign, digits, and optionally a
// point with more digits ("1234.56", "-0.5", "+12", ".5", "12."). Leading
// and trailing XML white space is ignored, as the schema's whiteSpace
// collapse facet says. Refused, with an Invalid error whose message for
// field says why: empty text, thousands separators, a decimal comma, an
// exponent ("1E3"), any other character, and more than MaxDigits digits.
// The value is kept exactly as written (not rounded).
func ParseDecimal(field, s string) (decimal.Decimal, error) {
	d, msg := parseDecimal(s)
	if msg != "" {
		return decimal.Decimal{}, fieldErr(field, msg)
	}
	return d, nil
}

// Parse reads an amount written as ParseDecimal reads it, in currency (the
// currencyID of a UBL amount, the currency of an API payload). An unknown
// currency or a malformed number returns an Invalid error naming field.
// The value is kept exactly as written: a unit price may have more decimals
// than the currency; use InMinorUnits to check and Round to round.
func Parse(field, s, currency string) (Amount, error) {
	if _, err := MinorUnits(currency); err != nil {
		return Amount{}, fieldErr(field, fmt.Sprintf("unknown currency %q", clip(currency)))
	}
	d, err := ParseDecimal(field, s)
	if err != nil {
		return Amount{}, err
	}
	return Amount{value: d, currency: currency}, nil
}

func fieldErr(field, msg string) error {
	var f apperr.Fields
	f.Add(field, msg)
	return f.Err()
}

// clip shortens s for quoting in a message.
func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

// parseDecimal returns the number or a message saying what is wrong.
func parseDecimal(s string) (decimal.Decimal, string) {
	s = strings.Trim(s, " \t\r\n")
	if s == "" {
		return decimal.Decimal{}, "is empty; a number such as 1234.56 is expected"
	}
	if len(s) > maxInput {
		return decimal.Decimal{}, "is too long for a number"
	}
	body := s
	neg := false
	if body[0] == '-' || body[0] == '+' {
		neg = body[0] == '-'
		body = body[1:]
	}
	intPart, frac, _ := strings.Cut(body, ".")
	if msg := checkDigits(s, intPart, frac); msg != "" {
		return decimal.Decimal{}, msg
	}
	return build(neg, intPart, frac), ""
}

// checkDigits explains what is wrong with the parts of an xs:decimal, or
// returns "".
func checkDigits(s, intPart, frac string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c == '.':
		case (c == '-' || c == '+') && i == 0:
		case c == ',':
			if strings.Contains(s, ".") || strings.Count(s, ",") > 1 {
				return "must not contain thousands separators; write 1234.56"
			}
			return "must use a point as the decimal separator, not a comma; write 1234.56"
		case c == 'e' || c == 'E':
			return "must not use an exponent (such as 1E3); write the number in full"
		default:
			return fmt.Sprintf("character %q at position %d is not allowed in a number", runeAt(s, i), i+1)
		}
	}
	if strings.Contains(frac, ".") {
		return "has more than one decimal point"
	}
	if intPart == "" && frac == "" {
		return "is not a number; a number such as 1234.56 is expected"
	}
	if len(strings.TrimLeft(intPart, "0"))+len(strings.TrimRight(frac, "0")) > MaxDigits {
		return fmt.Sprintf("has more than %d digits", MaxDigits)
	}
	return ""
}

// runeAt returns the character that starts at byte i of s.
func runeAt(s string, i int) string {
	for j, r := range s {
		if j >= i {
			return string(r)
		}
	}
	return ""
}

// build makes the decimal from checked digit strings: intPart and frac hold
// only ASCII digits and together at most MaxDigits significant digits.
func build(neg bool, intPart, frac string) decimal.Decimal {
	n, _ := new(big.Int).SetString("0"+intPart+frac, 10) // only digits: always ok
	if neg {
		n.Neg(n)
	}
	return decimal.NewFromBigInt(n, -int32(len(frac)))
}
