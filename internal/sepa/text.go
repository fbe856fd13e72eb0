package sepa

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// sepaChar reports whether r is in the SEPA character set every bank in the
// scheme must accept (EPC guidelines, "Latin character set"): a–z, A–Z,
// 0–9 and / - ? : ( ) . , ' + and space.
func sepaChar(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return true
	case r == '/', r == '-', r == '?', r == ':', r == '(', r == ')', r == '.',
		r == ',', r == '\'', r == '+', r == ' ':
		return true
	}
	return false
}

// InSEPASet reports whether every character of s is in the SEPA character set.
func InSEPASet(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || !sepaChar(rune(s[i])) {
			return false
		}
	}
	return true
}

// Latin converts s to the SEPA character set the way banks do, so that the
// creditor sees a name or text close to what was typed instead of a rejected
// file:
//   - letters with accents, cedillas, rings … lose them (é→e, Ç→C, å→a,
//     ő→o), as do letters written as a base letter plus combining marks;
//   - letters without a decomposition are spelled out: ß→ss, æ→ae, œ→oe,
//     ø→o, ł→l, đ/ð→d, þ→th, ĳ→ij (and their capitals);
//   - white space of any kind becomes a space; leading and trailing spaces are
//     dropped;
//   - typographic quotes, the backtick and '"' become ', dashes and '_'
//     become -, & becomes +, ; becomes ",", [ { < become ( and ] } > become ),
//     \ becomes /, … becomes ... and € becomes EUR;
//   - other ASCII symbols (! # $ % * = @ ^ | ~) become '.'.
//
// Anything else — letters of other scripts, emoji, control characters — is
// refused: the error names the first such character. Text already in the set
// is returned unchanged (apart from trimming).
func Latin(s string) (string, error) {
	if InSEPASet(s) {
		return strings.TrimSpace(s), nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if sepaChar(r) {
			b.WriteRune(r)
			continue
		}
		if rep, ok := latinReplacement(r); ok {
			b.WriteString(rep)
			continue
		}
		if unicode.Is(unicode.Mn, r) { // a combining mark after its letter
			continue
		}
		rep, ok := stripMarks(r)
		if !ok {
			if r == utf8.RuneError {
				return "", fmt.Errorf("the text is not valid UTF-8")
			}
			return "", fmt.Errorf("character %q (%U) cannot be sent in a SEPA payment", r, r)
		}
		b.WriteString(rep)
	}
	return strings.TrimSpace(b.String()), nil
}

// latinReplacement returns the fixed replacement of r, if it has one.
func latinReplacement(r rune) (string, bool) {
	switch r {
	case 'ß':
		return "ss", true
	case 'ẞ':
		return "SS", true
	case 'æ':
		return "ae", true
	case 'Æ':
		return "AE", true
	case 'œ':
		return "oe", true
	case 'Œ':
		return "OE", true
	case 'ø':
		return "o", true
	case 'Ø':
		return "O", true
	case 'ł':
		return "l", true
	case 'Ł':
		return "L", true
	case 'đ', 'ð':
		return "d", true
	case 'Đ', 'Ð':
		return "D", true
	case 'þ':
		return "th", true
	case 'Þ':
		return "TH", true
	case 'ĳ':
		return "ij", true
	case 'Ĳ':
		return "IJ", true
	case 'ı':
		return "i", true
	case 'ħ':
		return "h", true
	case 'Ħ':
		return "H", true
	case 'ŧ':
		return "t", true
	case 'Ŧ':
		return "T", true
	case 'ſ':
		return "s", true
	case '‘', '’', '‚', '‛', '′', '´', '`', '"', '“', '”', '„', '‟', '″', '«', '»', '‹', '›':
		return "'", true
	case '‐', '‑', '‒', '–', '—', '―', '−', '_':
		return "-", true
	case '&':
		return "+", true
	case ';':
		return ",", true
	case '[', '{', '<':
		return "(", true
	case ']', '}', '>':
		return ")", true
	case '\\':
		return "/", true
	case '…':
		return "...", true
	case '€':
		return "EUR", true
	case '!', '#', '$', '%', '*', '=', '@', '^', '|', '~':
		return ".", true
	}
	if unicode.IsSpace(r) {
		return " ", true
	}
	return "", false
}

// stripMarks decomposes r (NFKD) and drops its combining marks; it succeeds
// when what remains is in the SEPA set (é → e, Å → A, ǆ → dz).
func stripMarks(r rune) (string, bool) {
	if !unicode.IsLetter(r) {
		return "", false
	}
	d := norm.NFKD.String(string(r))
	var b strings.Builder
	for _, c := range d {
		switch {
		case unicode.Is(unicode.Mn, c):
		case sepaChar(c) && c != ' ':
			b.WriteRune(c)
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// validID reports what is wrong with the identifier s (message, payment
// information or end-to-end ID), or "" when it is fine. Identifiers are
// matched by machines, so they are never converted, only checked.
func validID(s string) string {
	switch {
	case s == "":
		return "required"
	case utf8.RuneCountInString(s) > 35:
		return fmt.Sprintf("at most 35 characters (has %d)", utf8.RuneCountInString(s))
	case !InSEPASet(s):
		return "only letters, digits, spaces and / - ? : ( ) . , ' + are allowed"
	case s != strings.TrimSpace(s):
		return "must not start or end with a space"
	case strings.HasPrefix(s, "/") || strings.HasSuffix(s, "/"):
		return "must not start or end with '/'"
	case strings.Contains(s, "//"):
		return "must not contain '//'"
	}
	return ""
}
