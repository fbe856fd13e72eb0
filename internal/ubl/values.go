package ubl

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// xmlSpace are the four characters XML and XPath count as whitespace (a
// no-break space is not one of them).
const xmlSpace = " \t\r\n"

// trimXML removes surrounding XML whitespace.
func trimXML(s string) string { return strings.Trim(s, xmlSpace) }

// collapse applies XML Schema's whitespace collapse (and XPath's
// normalize-space): trims and folds runs of space, tab, CR and LF into
// one space.
func collapse(s string) string {
	s = trimXML(s)
	if !strings.ContainsAny(s, "\t\r\n") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(xmlSpace, s[i]) >= 0 {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// decimalLexical reports whether s (already collapsed) is an xsd:decimal:
// an optional sign, digits, an optional point and digits, no exponent.
func decimalLexical(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

// parseDecimal reads an xsd:decimal; ok is false when s is not one.
// decimals is the number of digits after the point as written.
func parseDecimal(s string) (v decimal.Decimal, decimals int, ok bool) {
	s = collapse(s)
	if !decimalLexical(s) {
		return decimal.Decimal{}, 0, false
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	// A bare "5." or ".5" is valid xsd:decimal but not for shopspring.
	t := strings.TrimSuffix(s, ".")
	if strings.HasPrefix(t, ".") || strings.HasPrefix(t, "-.") || strings.HasPrefix(t, "+.") {
		t = strings.Replace(t, ".", "0.", 1)
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, 0, false
	}
	return v, decimals, true
}

// parseDate reads an xsd:date ("2017-11-13", optionally with a zone such
// as "Z" or "+01:00", which is dropped). ok is false when s is not one.
func parseDate(s string) (Date, bool) {
	s = collapse(s)
	body := s
	if strings.HasSuffix(body, "Z") {
		body = body[:len(body)-1]
	} else if len(body) > 6 && (body[len(body)-6] == '+' || body[len(body)-6] == '-') && body[len(body)-3] == ':' {
		if !validZone(body[len(body)-6:]) {
			return Date{}, false
		}
		body = body[:len(body)-6]
	}
	neg := strings.HasPrefix(body, "-")
	if neg {
		body = body[1:]
	}
	parts := strings.Split(body, "-")
	if len(parts) != 3 || len(parts[0]) < 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return Date{}, false
	}
	if len(parts[0]) > 4 && parts[0][0] == '0' {
		return Date{}, false
	}
	y, err1 := atoiDigits(parts[0])
	m, err2 := atoiDigits(parts[1])
	d, err3 := atoiDigits(parts[2])
	if !err1 || !err2 || !err3 || y == 0 || m < 1 || m > 12 || d < 1 {
		return Date{}, false
	}
	if neg {
		y = -y // XML Schema 1.0 allows years before the common era
	}
	if d > daysIn(y, time.Month(m)) {
		return Date{}, false
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, true
}

func validZone(z string) bool {
	h, ok1 := atoiDigits(z[1:3])
	m, ok2 := atoiDigits(z[4:6])
	return ok1 && ok2 && m < 60 && (h < 14 || (h == 14 && m == 0))
}

func atoiDigits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// timeLexical reports whether s is an xsd:time (hh:mm:ss[.fff][zone]).
func timeLexical(s string) bool {
	s = collapse(s)
	if strings.HasSuffix(s, "Z") {
		s = s[:len(s)-1]
	} else if len(s) > 8 && (s[len(s)-6] == '+' || s[len(s)-6] == '-') && s[len(s)-3] == ':' {
		if !validZone(s[len(s)-6:]) {
			return false
		}
		s = s[:len(s)-6]
	}
	if len(s) < 8 || s[2] != ':' || s[5] != ':' {
		return false
	}
	h, ok1 := atoiDigits(s[0:2])
	m, ok2 := atoiDigits(s[3:5])
	sec, ok3 := atoiDigits(s[6:8])
	if !ok1 || !ok2 || !ok3 || m > 59 || sec > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0)) {
		return false
	}
	if rest := s[8:]; rest != "" {
		if rest[0] != '.' || len(rest) == 1 {
			return false
		}
		for _, c := range rest[1:] {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// booleanLexical reports whether s is an xsd:boolean.
func booleanLexical(s string) bool {
	switch collapse(s) {
	case "true", "false", "1", "0":
		return true
	}
	return false
}

// isTrue reads an xsd:boolean.
func isTrue(s string) bool {
	v := collapse(s)
	return v == "true" || v == "1"
}

// amountOf reads an amount element; absent or unreadable gives a zero
// Amount with Present false.
func amountOf(n *node) Amount {
	if n == nil {
		return Amount{}
	}
	cur, _ := n.attr("currencyID")
	v, dec, ok := parseDecimal(n.text)
	if !ok {
		return Amount{Currency: strings.TrimSpace(cur)}
	}
	return Amount{Value: v, Currency: strings.TrimSpace(cur), Present: true, Decimals: dec}
}

// quantityOf reads a quantity element.
func quantityOf(n *node) Quantity {
	if n == nil {
		return Quantity{}
	}
	unit, _ := n.attr("unitCode")
	v, _, ok := parseDecimal(n.text)
	return Quantity{Value: v, UnitCode: strings.TrimSpace(unit), Present: ok}
}

// identifierOf reads an identifier with its schemeID.
func identifierOf(n *node) Identifier {
	if n == nil {
		return Identifier{}
	}
	s, _ := n.attr("schemeID")
	return Identifier{Value: strings.TrimSpace(n.text), Scheme: strings.TrimSpace(s)}
}

// dateOf reads a date element; the zero Date when absent or unreadable.
func dateOf(n *node) Date {
	if n == nil {
		return Date{}
	}
	d, _ := parseDate(n.text)
	return d
}
