package icalexport

import "strings"

// personProp writes an ORGANIZER or ATTENDEE line: CN, SENT-BY, extra
// parameters, then the mailto: URI.
func personProp(name string, p Person, extra string) string {
	var b strings.Builder
	b.WriteString(name)
	if p.Name != "" {
		b.WriteString(";CN=\"" + encodeParam(p.Name) + "\"")
	}
	if p.SentBy != "" {
		b.WriteString(";SENT-BY=\"mailto:" + encodeParam(cleanValue(strings.TrimSpace(p.SentBy))) + "\"")
	}
	b.WriteString(extra)
	b.WriteString(":mailto:")
	b.WriteString(cleanValue(strings.TrimSpace(p.Email)))
	return b.String()
}

// paramToken keeps the letters, digits and hyphens of an unquoted
// parameter value such as a PARTSTAT, upper case.
func paramToken(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return -1
	}, s)
}
