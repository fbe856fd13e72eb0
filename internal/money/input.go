package money

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// ParseDutch reads an amount as a Dutch-speaking person types it; it is
// ParseInput with lang "nl".
func ParseDutch(field, s, currency string) (Amount, error) {
	return ParseInput("nl", field, s, currency)
}

// ParseInput reads an amount of currency as a person types it in a form in
// lang ("nl"; anything else reads as English). It accepts what people
// write and what Format writes:
//
//   - the currency as "€" or "euro" (euro only), "£" (pound only), "$" (US
//     dollar only) or its ISO code in any case, before or after the number,
//     with or without a space: "€ 12,50", "12,50 EUR", "eur12,50",
//     "12 euro";
//   - a minus ("-" or "−") before or after the currency sign: "-€ 12,50",
//     "€ -12,50"; a "+" is allowed and ignored;
//   - grouping by thousands with points, commas or spaces (also the
//     no-break spaces that copying from a page brings along), in groups of
//     three: "1.234.567,89", "1,234,567.89", "1 234 567,89";
//   - the Dutch ",-" for whole amounts: "€ 25,-".
//
// Which of "." and "," is the decimal separator:
//
//   - both occur: the last one ("1.234,56" and "1,234.56" are 1234.56 in
//     either language);
//   - one occurs once: it is the decimal separator when it is the
//     language's own ("," in Dutch, "." in English) or when it is not
//     followed by exactly three digits; otherwise it groups thousands. So in
//     Dutch "12,50" and "12.50" are 12.50 and "1.250" is 1250; in English
//     "1,250" is 1250;
//   - one occurs more than once, or spaces group the digits: it groups
//     thousands ("1.234.567").
//
// At most the currency's minor units may follow the decimal separator (two
// for EUR, none for JPY): "1,234" in Dutch is refused rather than read as
// 1.234 euros, which catches an English "1,234" typed in a Dutch form. The
// result has exactly the currency's minor units (Text gives "12.50").
//
// Errors are Invalid with a message for field: "enter an amount", "is not
// an amount; write it like 1.234,56" (or "like 1,234.56" in English), "use
// at most 2 decimals", "enter a whole amount, without decimals", "is in
// another currency than EUR", "unknown currency" for an unknown currency
// argument, "is too long for an amount", "is too large".
func ParseInput(lang, field, s, currency string) (Amount, error) {
	minor, err := MinorUnits(currency)
	if err != nil {
		return Amount{}, fieldErr(field, fmt.Sprintf("unknown currency %q", clip(currency)))
	}
	v, msg := parseInput(lang == "nl", s, currency, minor)
	if msg != "" {
		return Amount{}, fieldErr(field, msg)
	}
	return Amount{value: v, currency: currency}, nil
}

func parseInput(dutch bool, s, currency string, minor int) (decimal.Decimal, string) {
	notAmount := "is not an amount; write it like 1,234.56"
	if dutch {
		notAmount = "is not an amount; write it like 1.234,56"
	}
	if len(s) > maxInput {
		return decimal.Decimal{}, "is too long for an amount"
	}
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return decimal.Decimal{}, "enter an amount"
	}
	neg, signed := false, false
	sign := func() {
		if signed {
			return
		}
		r, n := utf8.DecodeRuneInString(s)
		switch r {
		case '-', '−':
			neg, signed = true, true
		case '+':
			signed = true
		default:
			return
		}
		s = strings.TrimLeftFunc(s[n:], unicode.IsSpace)
	}
	sign()
	s = trimMarker(s, currency, true)
	sign()
	s = trimMarker(s, currency, false)
	s, whole := trimDashes(s)

	// What remains must be digits, separators and single spaces.
	var clean strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',':
			clean.WriteRune(r)
		case unicode.IsSpace(r):
			clean.WriteByte(' ')
		case unicode.IsLetter(r) || strings.ContainsRune("€£$¥", r):
			if code := strings.ToUpper(lettersAt(s, i)); code != currency && KnownCurrency(code) || !unicode.IsLetter(r) {
				return decimal.Decimal{}, "is in another currency than " + currency
			}
			return decimal.Decimal{}, notAmount
		default:
			return decimal.Decimal{}, fmt.Sprintf("character %q is not allowed in an amount", r)
		}
	}
	body := clean.String()
	if body == "" || strings.Contains(body, "  ") {
		return decimal.Decimal{}, notAmount
	}
	dec, grp := separators(body, dutch)
	if dec == 0 && grp == 0 && strings.Contains(body, " ") {
		grp = ' '
	}
	if whole && dec != 0 {
		return decimal.Decimal{}, notAmount
	}
	intPart, frac := body, ""
	if dec != 0 {
		i := strings.LastIndexByte(body, dec)
		intPart, frac = body[:i], body[i+1:]
		if frac == "" || !allDigits(frac) {
			return decimal.Decimal{}, notAmount
		}
	}
	digits, ok := ungroup(intPart, grp, frac != "")
	if !ok {
		return decimal.Decimal{}, notAmount
	}
	if len(frac) > minor {
		if minor == 0 {
			return decimal.Decimal{}, "enter a whole amount, without decimals"
		}
		return decimal.Decimal{}, fmt.Sprintf("use at most %d decimals", minor)
	}
	if len(strings.TrimLeft(digits, "0"))+minor > MaxDigits {
		return decimal.Decimal{}, "is too large"
	}
	return build(neg, digits, frac+strings.Repeat("0", minor-len(frac))), ""
}

// trimMarker removes the currency sign or code from the start (or the end)
// of s, with the spaces next to it. Another currency's sign or code stays,
// for the caller to report.
func trimMarker(s, currency string, start bool) string {
	var markers []string // longest first
	switch currency {
	case EUR:
		markers = []string{"euros", "euro", EUR, "€"}
	case "GBP":
		markers = []string{currency, "£"}
	case "USD":
		markers = []string{currency, "$"}
	default:
		markers = []string{currency}
	}
	for _, m := range markers {
		if start && len(s) >= len(m) && strings.EqualFold(s[:len(m)], m) {
			return strings.TrimLeftFunc(s[len(m):], unicode.IsSpace)
		}
		if !start && len(s) >= len(m) && strings.EqualFold(s[len(s)-len(m):], m) {
			return strings.TrimRightFunc(s[:len(s)-len(m)], unicode.IsSpace)
		}
	}
	return s
}

// trimDashes removes the ",-" (or ".-", ",--", ",–") that marks a whole
// amount in Dutch: "€ 25,-".
func trimDashes(s string) (string, bool) {
	for _, suffix := range []string{",--", ".--", ",-", ".-", ",–", ".–", ",—", ".—"} {
		if strings.HasSuffix(s, suffix) {
			return s[:len(s)-len(suffix)], true
		}
	}
	return s, false
}

// separators decides which byte of body is the decimal separator and which
// groups thousands (0 for none), by the rules in ParseInput's
// documentation. It returns 0, 0 for a body that mixes them impossibly,
// which ungroup then refuses.
func separators(body string, dutch bool) (dec, grp byte) {
	dots, commas, spaces := strings.Count(body, "."), strings.Count(body, ","), strings.Count(body, " ")
	switch {
	case dots > 0 && commas > 0:
		dec, grp = '.', ','
		if strings.LastIndexByte(body, ',') > strings.LastIndexByte(body, '.') {
			dec, grp = ',', '.'
		}
		if strings.Count(body, string(dec)) > 1 || spaces > 0 {
			return 0, 0
		}
		return dec, grp
	case dots == 0 && commas == 0:
		return 0, 0
	}
	sep, n := byte('.'), dots
	if commas > 0 {
		sep, n = ',', commas
	}
	switch {
	case spaces > 0:
		if n > 1 {
			return 0, 0
		}
		return sep, ' '
	case n > 1:
		return 0, sep
	}
	own := byte('.')
	if dutch {
		own = ','
	}
	if sep != own && len(body)-strings.IndexByte(body, sep)-1 == 3 {
		return 0, sep
	}
	return sep, 0
}

// ungroup checks the integer part of an amount, grouped by grp in groups of
// three when grp is set, and returns its digits. An empty integer part is
// allowed only before decimals (",50").
func ungroup(intPart string, grp byte, hasFrac bool) (string, bool) {
	if intPart == "" {
		return "", hasFrac
	}
	if grp == 0 || !strings.Contains(intPart, string(grp)) {
		return intPart, allDigits(intPart)
	}
	groups := strings.Split(intPart, string(grp))
	for i, g := range groups {
		if !allDigits(g) || (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lettersAt returns the run of letters in s that starts at byte i.
func lettersAt(s string, i int) string {
	end := i
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += n
	}
	return s[i:end]
}
