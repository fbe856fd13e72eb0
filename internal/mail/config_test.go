package mail

import (
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want Config
	}{
		{"smtp://localhost:25", Config{Host: "localhost", Port: 25, TLS: TLSNone, Timeout: DefaultTimeout}},
		{"smtp://relay.example.org", Config{Host: "relay.example.org", Port: 25, TLS: TLSNone, Timeout: DefaultTimeout}},
		{"smtp://user:pass@smtp.example.org:587?starttls=1", Config{Host: "smtp.example.org", Port: 587, TLS: TLSStartTLS, Username: "user", Password: "pass", Timeout: DefaultTimeout}},
		{"smtp://user:pass@smtp.example.org?starttls=true", Config{Host: "smtp.example.org", Port: 587, TLS: TLSStartTLS, Username: "user", Password: "pass", Timeout: DefaultTimeout}},
		{"smtps://user%40example.org:p%3Ass%40@smtp.example.org:465", Config{Host: "smtp.example.org", Port: 465, TLS: TLSImplicit, Username: "user@example.org", Password: "p:ss@", Timeout: DefaultTimeout}},
		{"smtps://smtp.example.org", Config{Host: "smtp.example.org", Port: 465, TLS: TLSImplicit, Timeout: DefaultTimeout}},
		{"SMTP://u:p@127.0.0.1:2525", Config{Host: "127.0.0.1", Port: 2525, TLS: TLSNone, Username: "u", Password: "p", Timeout: DefaultTimeout}},
		{"smtp://[::1]:25?timeout=5s&helo=spil.example.org&envelope_from=bounce@example.org", Config{Host: "::1", Port: 25, TLS: TLSNone, Timeout: 5 * time.Second, HeloName: "spil.example.org", EnvelopeFrom: "bounce@example.org"}},
		{"smtp://relay.example.org:25?starttls=0", Config{Host: "relay.example.org", Port: 25, TLS: TLSNone, Timeout: DefaultTimeout}},
	} {
		got, err := ParseURL(tc.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tc.url, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseURL(%q) = %+v, want %+v", tc.url, got, tc.want)
		}
	}
}

func TestParseURLRejects(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"", "empty"},
		{"http://relay.example.org", `scheme "http" is not smtp or smtps`},
		{"relay.example.org:25", "scheme"},
		{"smtp://", "no host"},
		{"smtp://relay.example.org:0", `port "0" is not a number from 1 to 65535`},
		{"smtp://relay.example.org:99999", "port"},
		{"smtp://relay.example.org:25/inbox", "unexpected path"},
		{"smtp://relay.example.org?starttls=maybe", `starttls="maybe" is not 1 or 0`},
		{"smtps://relay.example.org?starttls=1", "smtps is already TLS"},
		{"smtp://relay.example.org?timeout=forever", "timeout"},
		{"smtp://relay.example.org?timeout=-1s", "timeout"},
		{"smtp://relay.example.org?tls=1", `unknown parameter "tls"`},
		{"smtp://relay.example.org?envelope_from=bounce", "envelope_from"},
		{"smtp://user:secret@relay.example.org:25", "unencrypted"},
		{"smtp://:secret@relay.example.org:587?starttls=1", "password without user name"},
		{"smtp://user:sec%zzret@relay.example.org", "not a URL"},
	} {
		_, err := ParseURL(tc.url)
		if err == nil {
			t.Errorf("ParseURL(%q) accepted", tc.url)
			continue
		}
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("ParseURL(%q): kind %v, want Invalid", tc.url, apperr.KindOf(err))
		}
		msg := apperr.FieldsOf(err)["smtp_url"]
		if !strings.Contains(msg, tc.want) {
			t.Errorf("ParseURL(%q): %q, want it to contain %q", tc.url, msg, tc.want)
		}
		if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "sec%zzret") {
			t.Errorf("ParseURL(%q): error shows the password: %v", tc.url, err)
		}
	}
}

func TestConfigStringHidesPassword(t *testing.T) {
	c, err := ParseURL("smtp://jan:geheim@smtp.example.org:587?starttls=1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "smtp://jan@smtp.example.org:587?starttls=1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
