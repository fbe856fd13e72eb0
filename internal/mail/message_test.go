package mail

import (
	"strings"
	"testing"

	"spil/internal/apperr"
)

func TestCheckAddress(t *testing.T) {
	for _, ok := range []string{"jan@example.org", "j.de.vries+spil@mail.example.co.uk", "müller@bücher.de", "o'brien@example.ie"} {
		if err := CheckAddress(ok); err != nil {
			t.Errorf("CheckAddress(%q): %v", ok, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"", "no e-mail address"},
		{"jan", "expected name@domain"},
		{"jan@", "expected name@domain"},
		{"@example.org", "expected name@domain"},
		{"jan@localhost", "is not a domain name"},
		{"jan@example..org", "is not a domain name"},
		{"jan de vries@example.org", "spaces"},
		{"jan@example.org\r\nBcc: x@evil.example", "control characters"},
		{"Jan <jan@example.org>", "spaces"},
		{"<jan@example.org>", "not a valid e-mail address"},
		{"jan@@example.org", "not a valid"},
		{strings.Repeat("a", 250) + "@example.org", "longer than 254"},
	} {
		err := CheckAddress(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckAddress(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestValidateNamesFields(t *testing.T) {
	m := Message{
		From:        Address{Email: "director@example"},
		Sender:      Address{Name: "Assistant"},
		Cc:          []Address{{Email: "ok@example.org"}, {Email: "kees"}},
		Parts:       []Part{{ContentType: "text/calendar; method=REQUEST"}},
		Attachments: []Attachment{{Filename: "../etc/passwd", ContentType: "application/pdf"}},
	}
	err := m.Validate()
	if apperr.KindOf(err) != apperr.Invalid {
		t.Fatalf("Validate: %v, want Invalid", err)
	}
	f := apperr.FieldsOf(err)
	for field, want := range map[string]string{
		"from":                    `"director@example"`,
		"sender":                  "no e-mail address",
		"cc[1]":                   `"kees"`,
		"text":                    "no plain-text body",
		"parts[0].content_type":   "not a media type",
		"attachments[0].filename": "not a file name",
	} {
		if !strings.Contains(f[field], want) {
			t.Errorf("%s: %q, want it to contain %q", field, f[field], want)
		}
	}
	if _, ok := f["to"]; ok {
		t.Errorf("to: %q, but a Cc recipient is enough", f["to"])
	}
	if f := apperr.FieldsOf((&Message{From: Address{Email: "a@example.org"}, Text: "x"}).Validate()); f["to"] != "no recipient" {
		t.Errorf("no recipients: %v", f)
	}
}

func TestRenderStripsHeaderInjection(t *testing.T) {
	b, err := Render(Message{From: Address{Name: "Jan\r\nBcc: evil@example.org", Email: "jan@example.org"},
		To: []Address{{Email: "piet@example.org"}}, Subject: "Hoi\r\nBcc: evil@example.org", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "\r\nBcc:") {
		t.Errorf("a header was injected:\n%s", b)
	}
}
