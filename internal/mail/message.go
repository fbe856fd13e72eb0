package mail

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	netmail "net/mail"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"spil/internal/apperr"
)

// Address is a mailbox: an e-mail address with an optional display name.
type Address struct {
	Name  string // display name; may be empty
	Email string // required, e.g. jan@example.org
}

// Message is one mail. From is whose mail it is; when someone sends it on
// From's behalf (an assistant for a principal), Sender is that someone
// (RFC 5322 3.6.2) — recipients then see "Sender on behalf of From" and
// answers go to From. A Sender equal to From is dropped.
type Message struct {
	From    Address
	Sender  Address // zero when From sends it personally
	ReplyTo []Address
	To, Cc  []Address
	Bcc     []Address // envelope recipients only, never in the header
	Subject string
	// Text is the plain-text body, required. HTML is an optional rich
	// alternative. Parts are further alternatives after them, such as
	// a text/calendar part of an invitation.
	Text, HTML  string
	Parts       []Part
	Attachments []Attachment
	// Date is the Date header; zero means the time of rendering.
	Date time.Time
	// MessageID is the Message-ID without angle brackets; empty means a
	// random one at From's domain.
	MessageID string
}

// Part is an extra alternative body, e.g. ContentType "text/calendar"
// with Params {"method": "REQUEST", "charset": "UTF-8"}. It is sent
// base64-encoded.
type Part struct {
	ContentType string // a media type without parameters
	Params      map[string]string
	Body        []byte
}

// Attachment is a file sent with the message (base64-encoded).
type Attachment struct {
	Filename    string // shown to the recipient; no directories
	ContentType string // a media type without parameters
	Body        []byte
}

// CheckAddress reports whether email is a plain e-mail address
// (local@domain.tld, no display name, no angle brackets, no spaces or
// line breaks). The error says what is wrong, for a field message.
func CheckAddress(email string) error {
	switch {
	case email == "":
		return errors.New("no e-mail address")
	case len(email) > 254:
		return errors.New("e-mail address longer than 254 characters")
	case !utf8.ValidString(email) || strings.IndexFunc(email, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return fmt.Errorf("%q is not a valid e-mail address: it contains spaces or control characters", clip(email, 80))
	}
	at := strings.LastIndexByte(email, '@')
	if at <= 0 || at == len(email)-1 {
		return fmt.Errorf("%q is not a valid e-mail address: expected name@domain", clip(email, 80))
	}
	domain := email[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") ||
		strings.ContainsAny(domain, "@<>()[]\\,;:\"") {
		return fmt.Errorf("%q is not a valid e-mail address: the domain %q is not a domain name", clip(email, 80), clip(domain, 60))
	}
	a, err := netmail.ParseAddress("<" + email + ">")
	if err != nil || a.Address != email {
		return fmt.Errorf("%q is not a valid e-mail address", clip(email, 80))
	}
	return nil
}

// Validate checks m: From and at least one recipient are required, every
// address must pass CheckAddress, Text is required, parts and attachments
// need a media type (and attachments a file name). The error is
// apperr.Invalid with one message per field, e.g. "to[1]": "\"piet@\" is
// not a valid e-mail address: expected name@domain".
func (m *Message) Validate() error {
	var f apperr.Fields
	addr := func(field string, a Address) {
		if err := CheckAddress(strings.TrimSpace(a.Email)); err != nil {
			f.Add(field, err.Error())
		}
	}
	addr("from", m.From)
	if m.Sender.Email != "" || m.Sender.Name != "" {
		addr("sender", m.Sender)
	}
	list := func(field string, as []Address) {
		for i, a := range as {
			addr(fmt.Sprintf("%s[%d]", field, i), a)
		}
	}
	list("reply_to", m.ReplyTo)
	list("to", m.To)
	list("cc", m.Cc)
	list("bcc", m.Bcc)
	if len(m.To)+len(m.Cc)+len(m.Bcc) == 0 {
		f.Add("to", "no recipient")
	}
	if strings.TrimSpace(m.Text) == "" {
		f.Add("text", "no plain-text body")
	}
	for i, p := range m.Parts {
		if !plainMediaType(p.ContentType) {
			f.Add(fmt.Sprintf("parts[%d].content_type", i), fmt.Sprintf("%q is not a media type such as text/calendar", clip(p.ContentType, 60)))
		}
	}
	for i, a := range m.Attachments {
		if !plainMediaType(a.ContentType) {
			f.Add(fmt.Sprintf("attachments[%d].content_type", i), fmt.Sprintf("%q is not a media type such as application/pdf", clip(a.ContentType, 60)))
		}
		if n := cleanLine(a.Filename); n == "" || n != path.Base(strings.ReplaceAll(n, "\\", "/")) {
			f.Add(fmt.Sprintf("attachments[%d].filename", i), fmt.Sprintf("%q is not a file name", clip(a.Filename, 60)))
		}
	}
	return f.Err()
}

func plainMediaType(t string) bool {
	mt, params, err := mime.ParseMediaType(t)
	return err == nil && len(params) == 0 && strings.Contains(mt, "/") && !strings.HasPrefix(mt, "multipart/")
}

// Recipients returns the envelope recipients (To, Cc and Bcc), each once,
// in that order.
func (m *Message) Recipients() []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range [][]Address{m.To, m.Cc, m.Bcc} {
		for _, a := range l {
			e := strings.TrimSpace(a.Email)
			if k := strings.ToLower(e); !seen[k] {
				seen[k] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// envelopeFrom is the MAIL FROM address: Sender when set, else From.
func (m *Message) envelopeFrom() string {
	if s := strings.TrimSpace(m.Sender.Email); s != "" {
		return s
	}
	return strings.TrimSpace(m.From.Email)
}

// hasSender reports whether m has a Sender different from From.
func (m *Message) hasSender() bool {
	s := strings.TrimSpace(m.Sender.Email)
	return s != "" && !strings.EqualFold(s, strings.TrimSpace(m.From.Email))
}

func newMessageID(from string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	domain := "spil.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 {
		domain = from[at+1:]
	}
	return hex.EncodeToString(b[:]) + "@" + domain
}

// cleanLine makes s safe for a header: invalid UTF-8 replaced, line
// breaks and other control characters turned into spaces, trimmed.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
