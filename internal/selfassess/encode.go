package selfassess

import (
	"strings"

	"spil/internal/apperr"
)

// codeVersion starts every code; it changes whenever the questions or
// their order change, so an old link is refused rather than misread.
const codeVersion = "1."

// Messages of Decode, in English; transports translate them.
const (
	MsgNoCode       = "the link holds no answers"
	MsgOtherVersion = "this link comes from another version of the self-assessment; please answer the questions again"
	MsgDamaged      = "this link is damaged: it does not hold the answers of a self-assessment"
)

// Encode writes answers in a compact form for a share link: the version
// "1." followed by one digit per question in the order of Questions, 0 for
// a question not answered (or answered out of range), e.g.
// "1.253141524231402". The code holds the answers themselves, so sharing
// a result stores nothing on the server.
func Encode(answers map[string]int) string {
	var b strings.Builder
	b.WriteString(codeVersion)
	for _, q := range Questions() {
		v, ok := answers[q.ID]
		if !ok || !q.valid(v) {
			v = 0
		}
		b.WriteByte(byte('0' + v))
	}
	return b.String()
}

// Decode reads a code made by Encode back into answers. It refuses
// anything else with an Invalid error: an empty code (MsgNoCode), a code of
// another version (MsgOtherVersion), or one of the wrong length, with a
// character that is not a digit or an answer out of a question's range
// (MsgDamaged). A well-formed code may still hold too few answers for
// Score.
func Decode(code string) (map[string]int, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, apperr.New(apperr.Invalid, MsgNoCode)
	}
	version, digits, ok := strings.Cut(code, ".")
	if !ok {
		return nil, apperr.New(apperr.Invalid, MsgDamaged)
	}
	if version+"." != codeVersion {
		if isDigits(version) {
			return nil, apperr.New(apperr.Invalid, MsgOtherVersion)
		}
		return nil, apperr.New(apperr.Invalid, MsgDamaged)
	}
	qs := Questions()
	if len(digits) != len(qs) || !isDigits(digits) {
		return nil, apperr.New(apperr.Invalid, MsgDamaged)
	}
	answers := map[string]int{}
	for i, q := range qs {
		v := int(digits[i] - '0')
		if v == 0 {
			continue
		}
		if !q.valid(v) {
			return nil, apperr.New(apperr.Invalid, MsgDamaged)
		}
		answers[q.ID] = v
	}
	return answers, nil
}

func isDigits(s string) bool {
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
