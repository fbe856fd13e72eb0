package iban

import (
	"fmt"
	"strings"
	"unicode"

	"spil/internal/apperr"
)

// BIC is a valid Business Identifier Code (ISO 9362, the "SWIFT code") in
// upper case without spaces: four letters for the institution, the two-letter
// country code, two letters or digits for the location and optionally three
// for the branch: "INGBNL2A", "ABNCNL2AGIR". The zero BIC is empty; obtain one
// from ParseBIC or IBAN.BIC.
type BIC struct {
	s string
}

// ParseBIC removes white space from s, upper-cases it and checks it: 8 or
// 11 letters and digits, letters in the first six, a country code of ISO
// 3166 (or XK, which SWIFT uses for Kosovo) in the fifth and sixth, and a
// location code that is not 0 or 1 in the seventh and not the letter O in
// the eighth, as the pattern of the SEPA schemas says. A wrong BIC returns an apperr Invalid error with a message for field such as
//
//	a BIC has 8 or 11 characters; this one has 9
//	character "1" at position 3 must be a letter (a BIC begins with four letters for the bank)
//	unknown country code "QQ" at positions 5 and 6
func ParseBIC(field, s string) (BIC, error) {
	msg, b := checkBIC(s)
	if msg != "" {
		var f apperr.Fields
		f.Add(field, msg)
		return BIC{}, f.Err()
	}
	return BIC{s: b}, nil
}

func checkBIC(raw string) (string, string) {
	if len(raw) > maxInput {
		return "is too long for a BIC", ""
	}
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, raw)
	if s == "" {
		return "enter a BIC", ""
	}
	if ch, pos, bad := badChar(s); bad {
		return fmt.Sprintf("character %q at position %d is not allowed: a BIC has only letters and digits", ch, pos), ""
	}
	if len(s) != 8 && len(s) != 11 {
		return fmt.Sprintf("a BIC has 8 or 11 characters; this one has %d", len(s)), ""
	}
	for i := 0; i < 4; i++ {
		if !isLetter(s[i]) {
			return fmt.Sprintf("character %q at position %d must be a letter (a BIC begins with four letters for the bank)", s[i:i+1], i+1), ""
		}
	}
	if !knownCountry(s[4:6]) {
		return fmt.Sprintf("unknown country code %q at positions 5 and 6", s[4:6]), ""
	}
	if s[6] == '0' || s[6] == '1' {
		return fmt.Sprintf("character %q at position 7 cannot begin the location code: BICs use a letter or 2–9 there", s[6:7]), ""
	}
	if s[7] == 'O' {
		return "the letter O cannot end the location code at position 8: BICs use the digit 0 there", ""
	}
	return "", s
}

// String returns the BIC as parsed, 8 or 11 characters.
func (b BIC) String() string { return b.s }

// IsZero reports whether b is the zero BIC.
func (b BIC) IsZero() bool { return b.s == "" }

// Institution returns the first four characters, "INGB".
func (b BIC) Institution() string { return prefix(b.s, 4) }

// Country returns characters 5 and 6, "NL".
func (b BIC) Country() string {
	if len(b.s) < 6 {
		return ""
	}
	return b.s[4:6]
}

// Location returns characters 7 and 8, "2A".
func (b BIC) Location() string {
	if len(b.s) < 8 {
		return ""
	}
	return b.s[6:8]
}

// Branch returns characters 9 to 11, "" for an 8-character BIC. "XXX"
// means the primary office.
func (b BIC) Branch() string {
	if len(b.s) < 11 {
		return ""
	}
	return b.s[8:]
}

// IsTest reports whether the BIC belongs to SWIFT's test and training
// network (a "0" as the eighth character); payments never go there.
func (b BIC) IsTest() bool { return len(b.s) >= 8 && b.s[7] == '0' }

// SameAs reports whether b and o name the same office: equal, or equal in
// their first eight characters where one has no branch and the other the
// primary office "XXX" (INGBNL2A and INGBNL2AXXX).
func (b BIC) SameAs(o BIC) bool {
	return b.primary() == o.primary()
}

func (b BIC) primary() string {
	if strings.HasSuffix(b.s, "XXX") && len(b.s) == 11 {
		return b.s[:8]
	}
	return b.s
}
