package iban

import (
	"fmt"
	"strings"
)

// check returns raw normalized, and what is wrong with it as an IBAN or "".
func check(raw string) (s, msg string) {
	if len(raw) > maxInput {
		return "", "is too long for an IBAN"
	}
	s = Normalize(raw)
	if s == "" {
		return s, "enter an IBAN"
	}
	if ch, pos, bad := badChar(s); bad {
		return s, fmt.Sprintf("character %q at position %d is not allowed: an IBAN has only letters and digits", ch, pos)
	}
	if len(s) < 2 || !isLetter(s[0]) || !isLetter(s[1]) {
		return s, "an IBAN begins with a two-letter country code, such as NL"
	}
	cc := s[:2]
	c, ok := lookup(cc)
	if !ok {
		if parent, ok := territory(cc); ok {
			return s, fmt.Sprintf("accounts in %s have IBANs beginning with %s", cc, parent)
		}
		return s, fmt.Sprintf("unknown country code %q: it is not in the IBAN registry", cc)
	}
	if len(s) != c.length {
		return s, fmt.Sprintf("IBANs from %s have %d characters; this one has %d", cc, c.length, len(s))
	}
	if !isDigit(s[2]) || !isDigit(s[3]) {
		return s, fmt.Sprintf("characters 3 and 4 must be the check digits, two digits, not %q", s[2:4])
	}
	if pos, want := matchBBAN(s[4:], c.bban); pos >= 0 {
		return s, fmt.Sprintf("character %q at position %d must be %s (%s IBANs have %s after the check digits)",
			s[4+pos:5+pos], 5+pos, kindName(want), cc, describe(c.bban))
	}
	if cd := s[2:4]; mod97(s[4:]+s[:4]) != 1 || cd == "00" || cd == "01" || cd == "99" {
		return s, "the check digits do not match: check the IBAN for a typing error"
	}
	return s, ""
}

// mod97 returns s, upper-case letters and digits, as a number modulo 97,
// where A is 10, B 11, …, Z 35 (ISO 7064 MOD 97-10). A valid IBAN, with
// its first four characters moved to the end, gives 1.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

// matchBBAN checks bban against a registry format such as "4!a10!n". It
// returns -1 when every character fits, otherwise the position (from 0)
// of the first that does not and the kind ('n', 'a' or 'c') it should be.
func matchBBAN(bban, spec string) (int, byte) {
	pos := 0
	for i := 0; i < len(spec); {
		var n int
		var kind byte
		n, kind, i = nextSegment(spec, i)
		for k := 0; k < n; k++ {
			if pos >= len(bban) || !fits(bban[pos], kind) {
				return pos, kind
			}
			pos++
		}
	}
	if pos != len(bban) {
		return pos, 'c'
	}
	return -1, 0
}

// nextSegment reads one segment of a registry format from byte i: a count,
// "!", and a kind: 'n' digit, 'a' upper-case letter, 'c' either. It returns
// where the next segment starts. The formats are compiled-in constants,
// checked by TestRegistryFormats.
func nextSegment(spec string, i int) (n int, kind byte, next int) {
	for ; i < len(spec); i++ {
		switch c := spec[i]; {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == '!':
		default:
			return n, c, i + 1
		}
	}
	return n, 0, i
}

func fits(c byte, kind byte) bool {
	switch kind {
	case 'n':
		return isDigit(c)
	case 'a':
		return isLetter(c)
	}
	return isUpperAlnum(c)
}

func kindName(kind byte) string {
	switch kind {
	case 'n':
		return "a digit"
	case 'a':
		return "a letter"
	}
	return "a letter or a digit"
}

// describe puts a registry format in words: "4!a10!n" is "4 letters and 10
// digits"; neighbouring segments of one kind are counted together.
func describe(spec string) string {
	var parts []string
	var kinds []byte
	var counts []int
	for i := 0; i < len(spec); {
		var n int
		var kind byte
		n, kind, i = nextSegment(spec, i)
		if len(kinds) > 0 && kinds[len(kinds)-1] == kind {
			counts[len(counts)-1] += n
			continue
		}
		kinds, counts = append(kinds, kind), append(counts, n)
	}
	for k, kind := range kinds {
		n := counts[k]
		word := map[byte][2]string{'n': {"digit", "digits"}, 'a': {"letter", "letters"}, 'c': {"letter or digit", "letters or digits"}}[kind]
		w := word[1]
		if n == 1 {
			w = word[0]
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, w))
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }
