package mail

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// Render validates m (see Validate) and writes it as an RFC 5322 message
// with CRLF line ends. The body is
//
//	text/plain                                   when there is nothing else;
//	multipart/alternative (text, html, parts…)   when there are alternatives;
//	multipart/mixed (the above, attachments…)    when there are attachments.
//
// Text and HTML are quoted-printable UTF-8; parts and attachments base64.
// Bcc is never written. Errors are apperr.Invalid from Validate.
func Render(m Message) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := render(&buf, &m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func render(w io.Writer, m *Message) error {
	var h gomail.Header
	h.SetAddressList("From", []*gomail.Address{addr(m.From)})
	if m.hasSender() {
		h.SetAddressList("Sender", []*gomail.Address{addr(m.Sender)})
	}
	if len(m.ReplyTo) > 0 {
		h.SetAddressList("Reply-To", addrs(m.ReplyTo))
	}
	if len(m.To) > 0 {
		h.SetAddressList("To", addrs(m.To))
	}
	if len(m.Cc) > 0 {
		h.SetAddressList("Cc", addrs(m.Cc))
	}
	h.SetSubject(cleanLine(m.Subject))
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.SetDate(date)
	id := cleanLine(strings.Trim(m.MessageID, "<> "))
	if id == "" {
		id = newMessageID(strings.TrimSpace(m.From.Email))
	}
	h.SetMessageID(id)
	h.Set("MIME-Version", "1.0")

	top := func(ph message.Header) (*message.Writer, error) {
		hh := h.Header.Copy()
		for f := ph.Fields(); f.Next(); {
			hh.Set(f.Key(), f.Value())
		}
		return message.CreateWriter(w, hh)
	}
	alts := alternatives(m)
	if len(m.Attachments) == 0 {
		return writeBody(top, alts)
	}
	var mh message.Header
	mh.SetContentType("multipart/mixed", nil)
	mw, err := top(mh)
	if err != nil {
		return err
	}
	if err := writeBody(mw.CreatePart, alts); err != nil {
		return err
	}
	for _, a := range m.Attachments {
		var ah message.Header
		ah.SetContentType(a.ContentType, map[string]string{"name": cleanLine(a.Filename)})
		ah.SetContentDisposition("attachment", map[string]string{"filename": cleanLine(a.Filename)})
		if err := writeLeaf(mw.CreatePart, ah, a.Body); err != nil {
			return err
		}
	}
	return mw.Close()
}

// creator makes a message or part writer for a header.
type creator func(h message.Header) (*message.Writer, error)

// leaf is one alternative body.
type leaf struct {
	typ    string
	params map[string]string
	body   []byte
	qp     bool
}

func alternatives(m *Message) []leaf {
	out := []leaf{{typ: "text/plain", params: map[string]string{"charset": "UTF-8"}, body: []byte(crlf(m.Text)), qp: true}}
	if m.HTML != "" {
		out = append(out, leaf{typ: "text/html", params: map[string]string{"charset": "UTF-8"}, body: []byte(crlf(m.HTML)), qp: true})
	}
	for _, p := range m.Parts {
		out = append(out, leaf{typ: p.ContentType, params: p.Params, body: p.Body})
	}
	return out
}

func leafHeader(l leaf, h message.Header) message.Header {
	h.SetContentType(l.typ, l.params)
	if l.qp {
		h.Set("Content-Transfer-Encoding", "quoted-printable")
	} else {
		h.Set("Content-Transfer-Encoding", "base64")
	}
	return h
}

func writeLeaf(create creator, h message.Header, body []byte) error {
	if h.Get("Content-Transfer-Encoding") == "" {
		h.Set("Content-Transfer-Encoding", "base64")
	}
	lw, err := create(h)
	if err != nil {
		return err
	}
	if _, err := lw.Write(body); err != nil {
		return err
	}
	return lw.Close()
}

// writeBody writes the alternatives: one leaf directly, several as
// multipart/alternative.
func writeBody(create creator, alts []leaf) error {
	if len(alts) == 1 {
		return writeLeaf(create, leafHeader(alts[0], message.Header{}), alts[0].body)
	}
	var h message.Header
	h.SetContentType("multipart/alternative", nil)
	aw, err := create(h)
	if err != nil {
		return err
	}
	for _, l := range alts {
		if err := writeLeaf(aw.CreatePart, leafHeader(l, message.Header{}), l.body); err != nil {
			return err
		}
	}
	return aw.Close()
}

func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return strings.ReplaceAll(s, "\n", "\r\n")
}

func addr(a Address) *gomail.Address {
	return &gomail.Address{Name: cleanLine(a.Name), Address: strings.TrimSpace(a.Email)}
}

func addrs(as []Address) []*gomail.Address {
	out := make([]*gomail.Address, len(as))
	for i, a := range as {
		out[i] = addr(a)
	}
	return out
}
