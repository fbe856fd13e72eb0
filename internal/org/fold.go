package org

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s the way spil compares names: lower case, without accents
// and with single spaces, so "Özdemir" and "ozdemir" match and sort together
// on every database engine.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.TrimSpace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// SearchText is what the staff directory's search matches against: name,
// e-mail address and job title, folded.
func SearchText(name, email, jobTitle string) string {
	return Fold(name) + "\n" + Fold(email) + "\n" + Fold(jobTitle)
}
