package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"spil/internal/agenda"
	"strings"
	"testing"
	"time"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/coverage"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/identity"
	"spil/internal/mandate"
	"spil/internal/org"
	"spil/internal/password"
)

const testPassword = "correct horse battery"

// fixture is a web server on a fresh database (see testutil.Engines) with real services
// and an organization set up by an administrator.
type fixture struct {
	srv     *Server
	mux     *http.ServeMux
	org     *org.Service
	id      *identity.Service
	man     *mandate.Service
	clock   *clock.Manual
	admin   *authz.Actor
	adminID string
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	resolver := &authz.Resolver{DB: d, Roles: roles}
	f := &fixture{
		org:   &org.Service{DB: d, Clock: clk, Roles: roles},
		id:    &identity.Service{DB: d, Clock: clk, Resolver: resolver, Params: password.Params{Memory: 1024, Time: 1, Threads: 1}},
		man:   &mandate.Service{DB: d, Clock: clk},
		clock: clk,
	}
	roleCatalog, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.srv, err = New(Deps{Org: f.org, Identity: f.id, Mandates: f.man, Audit: &audit.Log{DB: d}, Clock: clk, Roles: roles,
		Catalog: catalog.NewBook(roleCatalog), Coverage: &coverage.Service{DB: d, Clock: clk, Catalog: catalog.NewBook(roleCatalog)},
		Agenda: &agenda.Service{DB: d, Clock: clk, Resolver: resolver}, I18n: cat, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.mux = http.NewServeMux()
	f.srv.Register(f.mux)
	admin, err := f.org.Setup(ctx, org.SetupInput{OrganizationName: "Kantoor Test", Language: "nl", TimeZone: "Europe/Amsterdam",
		AdminName: "Ada Admin", AdminEmail: "ada@example.nl", AdminPassword: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	f.adminID = admin.ID
	if f.admin, err = resolver.Resolve(ctx, admin.ID, authz.ViaSession); err != nil {
		t.Fatal(err)
	}
	return f
}

// person adds an active person with a password and the given roles (none:
// employee) and returns their ID.
func (f *fixture) person(t *testing.T, name, email string, roles ...string) string {
	t.Helper()
	in := org.PersonInput{Name: name, Email: email}
	if len(roles) > 0 {
		in.Roles = roles
	}
	p, err := f.org.CreatePerson(context.Background(), f.admin, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.id.SetPassword(context.Background(), f.admin, p.ID, testPassword); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// login returns a session token for email.
func (f *fixture) login(t *testing.T, email string) string {
	t.Helper()
	token, _, err := f.id.Login(context.Background(), identity.LoginInput{Email: email, Password: testPassword, Address: "192.0.2.1", UserAgent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// actor resolves a person as the services see them.
func (f *fixture) actor(t *testing.T, id string) *authz.Actor {
	t.Helper()
	a, err := f.id.Resolver.Resolve(context.Background(), id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// response is a finished request.
type response struct {
	Status   int
	Header   http.Header
	Body     string
	Location string
}

func (f *fixture) do(t *testing.T, token string, r *http.Request) response {
	t.Helper()
	if token != "" {
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	w := httptest.NewRecorder()
	f.mux.ServeHTTP(w, r)
	res := w.Result()
	body, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: string(body), Location: res.Header.Get("Location")}
}

func (f *fixture) get(t *testing.T, token, path string) response {
	t.Helper()
	return f.do(t, token, httptest.NewRequest(http.MethodGet, path, nil))
}

func (f *fixture) post(t *testing.T, token, path string, form url.Values) response {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.do(t, token, r)
}

// upload posts a multipart form with one file.
func (f *fixture) upload(t *testing.T, token, path, field, filename string, content []byte, fields url.Values) response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if field != "" {
		fw, err := mw.CreateFormFile(field, filename)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return f.do(t, token, r)
}

// follow GETs the redirect target of res.
func (f *fixture) follow(t *testing.T, token string, res response) response {
	t.Helper()
	if res.Status != http.StatusSeeOther && res.Status != http.StatusFound {
		t.Fatalf("want a redirect, got %d:\n%s", res.Status, excerpt(res.Body))
	}
	target, _, _ := strings.Cut(res.Location, "#") // browsers keep the fragment to themselves
	return f.get(t, token, target)
}

func wantStatus(t *testing.T, res response, status int) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %d, want %d; location %q\n%s", res.Status, status, res.Location, excerpt(res.Body))
	}
}

func wantContains(t *testing.T, res response, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(res.Body, p) {
			t.Errorf("page does not contain %q:\n%s", p, excerpt(res.Body))
		}
	}
}

// wantNotContains checks the main area of the page (the header names the
// logged-in person).
func wantNotContains(t *testing.T, res response, parts ...string) {
	t.Helper()
	body := res.Body
	if m := mainRe.FindStringSubmatch(body); m != nil {
		body = m[1]
	}
	for _, p := range parts {
		if strings.Contains(body, p) {
			t.Errorf("page contains %q", p)
		}
	}
}

var mainRe = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)

// excerpt is the main part of a page, for failure messages.
func excerpt(body string) string {
	if m := mainRe.FindStringSubmatch(body); m != nil {
		body = m[1]
	}
	if len(body) > 4000 {
		body = body[:4000] + "…"
	}
	return body
}
