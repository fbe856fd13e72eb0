package icalexport

import (
	"io"
	"strings"
	"unicode/utf8"
)

// maxLine is the longest physical line in octets, without the CRLF
// (RFC 5545 3.1).
const maxLine = 75

// lineWriter writes content lines folded and CRLF-terminated, keeping the
// first write error.
type lineWriter struct {
	w   io.Writer
	err error
}

func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	_, lw.err = io.WriteString(lw.w, fold(s))
}

// fold splits a logical line into physical lines of at most maxLine octets
// each, continuation lines starting with one space, every line ending in
// CRLF. It never cuts inside a UTF-8 sequence.
func fold(s string) string {
	if len(s) <= maxLine {
		return s + "\r\n"
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/maxLine*3 + 2)
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

// cleanText makes s writable as a TEXT value: invalid UTF-8 becomes U+FFFD,
// CRLF and CR become LF (escaped later as \n), and other control
// characters, which RFC 5545 3.3.11 does not allow, are dropped (TAB is
// kept).
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// escapeText cleans and escapes a TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	s = cleanText(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanValue makes s writable as a non-TEXT value (RRULE, a mailto URI):
// control characters, line ends included, are dropped.
func cleanValue(s string) string {
	return strings.ReplaceAll(cleanText(s), "\n", "")
}

// encodeParam cleans a quoted parameter value and encodes it per RFC 6868:
// ^ as ^^, a newline as ^n, a double quote as ^'.
func encodeParam(s string) string {
	s = cleanText(s)
	r := strings.NewReplacer("^", "^^", "\n", "^n", `"`, "^'")
	return r.Replace(s)
}
