package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"spil/internal/identity"
	"spil/internal/testutil"
)

// FuzzLoginForm posts arbitrary login forms. Whatever is sent, the answer is
// a redirect (right password) or the form again with 401 — never a server
// error — the redirect stays on this site, and nothing sent comes back
// unescaped. The engine does not matter here; SQLite is enough.
func FuzzLoginForm(f *testing.F) {
	fx := newFixture(f, testutil.NewSQLite(f))
	for _, seed := range []struct{ email, password, next string }{
		{"ada@example.nl", testPassword, "/people?q=anna"},
		{" ADA@Example.NL ", testPassword, ""},
		{"ada@example.nl", testPassword, "//evil.example"},
		{"ada@example.nl", testPassword, "/\t/evil.example"},
		{"ada@example.nl", testPassword, "/\\evil.example"},
		{"ada@example.nl", testPassword, "https://evil.example/"},
		{"ada@example.nl", testPassword, "javascript:alert(1)"},
		{"ada@example.nl", "wrong password", "/"},
		{"", "", ""},
		{`<script>alert(1)</script>@example.nl`, "x", `"><script>alert(2)</script>`},
		{"ada@example.nl\x00", testPassword + "\x00", "/\x00"},
		{"ada@example.nl", strings.Repeat("é", 300), "/"},
	} {
		f.Add(seed.email, seed.password, seed.next)
	}
	f.Fuzz(func(t *testing.T, email, password, next string) {
		// Each attempt starts after the throttling window of the last.
		fx.clock.Advance(identity.FailureWindow + time.Second)
		res := fx.post(t, "", "/login", url.Values{"email": {email}, "password": {password}, "next": {next}})
		switch res.Status {
		case http.StatusSeeOther:
			if password != testPassword {
				t.Fatalf("logged in with password %q", password)
			}
			loc := res.Location
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\\t\n\r") {
				t.Fatalf("next %q: redirect to %q leaves the site", next, loc)
			}
		case http.StatusUnauthorized:
			// The form comes back with the e-mail address as typed, a
			// safe next and an empty password field; what was sent
			// cannot break out of the attributes.
			if got, ok := inputValue(res.Body, "email"); !ok || (utf8.ValidString(email) && !strings.ContainsRune(email, 0) && got != email) {
				t.Fatalf("e-mail %q comes back as %q (found %v)", email, got, ok)
			}
			if got, ok := inputValue(res.Body, "next"); !ok || got != safeNext(next) {
				t.Fatalf("next %q comes back as %q (found %v)", next, got, ok)
			}
			if m := inputRe("password").FindString(res.Body); m == "" || strings.Contains(m, "value=") {
				t.Fatalf("password field %q", m)
			}
		default:
			t.Fatalf("email %q password %q next %q: status %d\n%s", email, password, next, res.Status, excerpt(res.Body))
		}
	})
}

func inputRe(name string) *regexp.Regexp {
	return regexp.MustCompile(`<input[^>]* name="` + name + `"[^>]*>`)
}

var valueRe = regexp.MustCompile(` value="([^"]*)"`)

// inputValue returns the unescaped value of the form field name.
func inputValue(body, name string) (string, bool) {
	m := valueRe.FindStringSubmatch(inputRe(name).FindString(body))
	if m == nil {
		return "", false
	}
	return html.UnescapeString(m[1]), true
}
