package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/coverage"
	"spil/internal/db"
	"spil/internal/identity"
	"spil/internal/mandate"
	"spil/internal/org"
	"spil/internal/password"
)

var ctx = context.Background()

const adminPassword = "correct horse battery staple"

// fixture is a set-up organization served by the API over httptest.
type fixture struct {
	api   *API
	srv   *httptest.Server
	deps  Deps
	admin org.Person
	logs  *bytes.Buffer
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Now().UTC().Truncate(time.Second))
	logs := &bytes.Buffer{}
	deps := Deps{
		Org: &org.Service{DB: d, Clock: clk, Roles: roles},
		Identity: &identity.Service{DB: d, Clock: clk, Resolver: &authz.Resolver{DB: d, Roles: roles},
			Params: password.Params{Memory: 1024, Time: 1, Threads: 1}},
		Mandates: &mandate.Service{DB: d, Clock: clk},
		Audit:    &audit.Log{DB: d},
		Roles:    roles,
		Logger:   slog.New(slog.NewTextHandler(logs, nil)),
	}
	roleCatalog, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	deps.Catalog = catalog.NewBook(roleCatalog)
	deps.Coverage = &coverage.Service{DB: d, Clock: clk, Catalog: catalog.NewBook(roleCatalog)}
	admin, err := deps.Org.Setup(ctx, org.SetupInput{OrganizationName: "Bakker & Zn", AdminName: "Ada Admin",
		AdminEmail: "ada@example.nl", AdminPassword: adminPassword})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	mux := http.NewServeMux()
	a := New(deps, mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &fixture{api: a, srv: srv, deps: deps, admin: admin, logs: logs}
}

// person adds a person with roles (none: employee) as the system.
func (f *fixture) person(t *testing.T, name, email string, roles ...string) org.Person {
	t.Helper()
	p, err := f.deps.Org.CreatePerson(ctx, authz.System("test"), org.PersonInput{Name: name, Email: email})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	if len(roles) > 0 {
		if p, err = f.deps.Org.SetRoles(ctx, authz.System("test"), p.ID, roles); err != nil {
			t.Fatalf("roles of %s: %v", name, err)
		}
	}
	return p
}

// actor returns the person as a resolved actor.
func (f *fixture) actor(t *testing.T, id string) *authz.Actor {
	t.Helper()
	a, err := f.deps.Identity.Resolver.Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// token makes an API token for person id.
func (f *fixture) token(t *testing.T, id string) string {
	t.Helper()
	plain, _, err := f.deps.Identity.CreateToken(ctx, f.actor(t, id), "test")
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

// response is a decoded answer.
type response struct {
	*http.Response
	raw  []byte
	body map[string]any
}

// problem is the RFC 9457 body of an error answer.
type problem struct {
	Status int    `json:"status"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Errors []struct {
		Message  string `json:"message"`
		Location string `json:"location"`
		Value    any    `json:"value"`
	} `json:"errors"`
}

func (r *response) problem(t *testing.T) problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("content type %q, want application/problem+json; body %s", ct, r.raw)
	}
	var p problem
	if err := json.Unmarshal(r.raw, &p); err != nil {
		t.Fatalf("problem body %s: %v", r.raw, err)
	}
	if p.Status != r.StatusCode {
		t.Errorf("problem status %d, response status %d", p.Status, r.StatusCode)
	}
	return p
}

func (r *response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		t.Fatalf("decode %s: %v", r.raw, err)
	}
}

// request describes a call; body is JSON-encoded unless it is a string or
// []byte, which are sent as they are.
type request struct {
	method, path, token string
	body                any
	contentType         string
	header              http.Header
}

func (f *fixture) do(t *testing.T, rq request) *response {
	t.Helper()
	var rd io.Reader
	ct := rq.contentType
	switch b := rq.body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	if rd != nil && ct == "" {
		ct = "application/json"
	}
	req, err := http.NewRequest(rq.method, f.srv.URL+rq.path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if rq.token != "" {
		req.Header.Set("Authorization", "Bearer "+rq.token)
	}
	for k, vs := range rq.header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	res, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &response{Response: res, raw: raw}
	if len(raw) > 0 && strings.Contains(res.Header.Get("Content-Type"), "json") {
		_ = json.Unmarshal(raw, &out.body)
	}
	return out
}

func (f *fixture) get(t *testing.T, path, token string) *response {
	t.Helper()
	return f.do(t, request{method: http.MethodGet, path: path, token: token})
}

func wantStatus(t *testing.T, r *response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.raw)
	}
}
