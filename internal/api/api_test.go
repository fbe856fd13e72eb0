package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/identity"
	"spil/internal/testutil"
)

func TestAuthentication(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)

		r := f.get(t, "/api/v1/people", "")
		wantStatus(t, r, http.StatusUnauthorized)
		r.problem(t)
		if got := r.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
			t.Errorf("WWW-Authenticate %q", got)
		}

		for _, auth := range []string{"Bearer spil_nonsense", "Basic YWRhOnB3", "Bearer "} {
			r := f.do(t, request{method: http.MethodGet, path: "/api/v1/me", header: http.Header{"Authorization": {auth}}})
			wantStatus(t, r, http.StatusUnauthorized)
			r.problem(t)
		}

		// A revoked token stops working at once.
		tok := f.token(t, f.admin.ID)
		wantStatus(t, f.get(t, "/api/v1/me", tok), http.StatusOK)
		var list List[identity.APIToken]
		f.get(t, "/api/v1/tokens", tok).decode(t, &list)
		if list.Total != 1 {
			t.Fatalf("tokens %+v", list)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/tokens/" + list.Items[0].ID, token: tok}), http.StatusNoContent)
		wantStatus(t, f.get(t, "/api/v1/me", tok), http.StatusUnauthorized)
	})
}

func TestSessionCookie(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		session, _, err := f.deps.Identity.Login(ctx, identity.LoginInput{Email: "ada@example.nl", Password: adminPassword, Address: "127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		cookie := http.Header{"Cookie": {sessionCookie + "=" + session}}

		r := f.do(t, request{method: http.MethodGet, path: "/api/v1/me", header: cookie})
		wantStatus(t, r, http.StatusOK)
		var me Me
		r.decode(t, &me)
		if me.Person.ID != f.admin.ID || me.Via != "session" {
			t.Errorf("me = %+v", me)
		}

		// Same-origin writes work; cross-origin ones are refused, since the
		// browser sends the cookie by itself.
		same := http.Header{"Cookie": cookie["Cookie"], "Sec-Fetch-Site": {"same-origin"}}
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/tokens", header: same, body: TokenInput{Name: "ui"}}), http.StatusCreated)
		cross := http.Header{"Cookie": cookie["Cookie"], "Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/tokens", header: cross, body: TokenInput{Name: "evil"}})
		wantStatus(t, r, http.StatusForbidden)
		r.problem(t)

		// An ended session is no login.
		if err := f.deps.Identity.Logout(ctx, session); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, f.do(t, request{method: http.MethodGet, path: "/api/v1/me", header: cookie}), http.StatusUnauthorized)
	})
}

func TestPermissionDenied(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		emp := f.person(t, "Eva Employee", "eva@example.nl")
		tok := f.token(t, emp.ID)

		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/people", token: tok,
			body: map[string]any{"name": "New Person", "email": "new@example.nl"}})
		wantStatus(t, r, http.StatusForbidden)
		if p := r.problem(t); !strings.Contains(p.Detail, "people.manage") {
			t.Errorf("detail %q", p.Detail)
		}
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/organization", token: tok,
			body: OrganizationInput{Name: "X", TimeZone: "Europe/Amsterdam"}}), http.StatusForbidden)
		// Reading is fine.
		wantStatus(t, f.get(t, "/api/v1/people", tok), http.StatusOK)
		wantStatus(t, f.get(t, "/api/v1/organization", tok), http.StatusOK)
	})
}

func TestPeople(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		tok := f.token(t, f.admin.ID)

		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/departments", token: tok, body: DepartmentInput{Name: "Finance"}})
		wantStatus(t, r, http.StatusCreated)
		deptID, _ := r.body["id"].(string)

		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/people", token: tok, body: NewPerson{
			PersonInput: PersonInput{Name: "Bram Boekhouder", Email: "Bram@Example.nl", JobTitle: "Controller", DepartmentID: deptID},
			Roles:       []string{"principal"},
		}})
		wantStatus(t, r, http.StatusCreated)
		var created struct {
			ID             string   `json:"id"`
			Email          string   `json:"email"`
			DepartmentName string   `json:"department_name"`
			Roles          []string `json:"roles"`
			Active         bool     `json:"active"`
		}
		r.decode(t, &created)
		if created.Email != "bram@example.nl" || created.DepartmentName != "Finance" || !slices.Equal(created.Roles, []string{"principal"}) || !created.Active {
			t.Errorf("created %+v", created)
		}
		if loc := r.Header.Get("Location"); loc != "/api/v1/people/"+created.ID {
			t.Errorf("Location %q", loc)
		}

		r = f.get(t, "/api/v1/people/"+created.ID, tok)
		wantStatus(t, r, http.StatusOK)
		if r.body["name"] != "Bram Boekhouder" || r.body["job_title"] != "Controller" {
			t.Errorf("get %s", r.raw)
		}
		wantStatus(t, f.get(t, "/api/v1/people/nobody", tok), http.StatusNotFound)

		r = f.get(t, "/api/v1/people?q=boek", tok)
		wantStatus(t, r, http.StatusOK)
		var list struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			Total int `json:"total"`
		}
		r.decode(t, &list)
		if list.Total != 1 || len(list.Items) != 1 || list.Items[0].ID != created.ID {
			t.Errorf("list q=boek: %s", r.raw)
		}
		f.get(t, "/api/v1/people?limit=1", tok).decode(t, &list)
		if list.Total != 2 || len(list.Items) != 1 {
			t.Errorf("list limit=1: %+v", list)
		}
		f.get(t, "/api/v1/people?role=principal&department_id="+deptID, tok).decode(t, &list)
		if list.Total != 1 {
			t.Errorf("list by role and department: %+v", list)
		}
		wantStatus(t, f.get(t, "/api/v1/people?limit=9999", tok), http.StatusUnprocessableEntity)

		// Update replaces the editable fields.
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/people/" + created.ID, token: tok,
			body: PersonInput{Name: "Bram B.", Email: "bram@example.nl"}})
		wantStatus(t, r, http.StatusOK)
		if r.body["name"] != "Bram B." || r.body["job_title"] != "" || r.body["department_id"] != nil {
			t.Errorf("updated %s", r.raw)
		}
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/people/" + created.ID + "/roles", token: tok,
			body: RolesInput{Roles: []string{"employee", "principal"}}})
		wantStatus(t, r, http.StatusOK)
		if roles, _ := r.body["roles"].([]any); len(roles) != 2 {
			t.Errorf("roles %s", r.raw)
		}
		// The last administrator keeps the admin role.
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/people/" + f.admin.ID + "/roles", token: tok,
			body: RolesInput{Roles: []string{"employee"}}})
		wantStatus(t, r, http.StatusConflict)
		r.problem(t)
	})
}

func TestValidation(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		tok := f.token(t, f.admin.ID)
		post := func(body any) *response {
			return f.do(t, request{method: http.MethodPost, path: "/api/v1/people", token: tok, body: body})
		}
		hasLocation := func(t *testing.T, p problem, loc string) {
			t.Helper()
			for _, e := range p.Errors {
				if e.Location == loc {
					return
				}
			}
			t.Errorf("no error at %s in %+v", loc, p)
		}

		t.Run("invalid e-mail", func(t *testing.T) {
			r := post(map[string]any{"name": "X", "email": "not an address"})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			hasLocation(t, r.problem(t), "body.email")
		})
		t.Run("e-mail in use (service rule)", func(t *testing.T) {
			r := post(map[string]any{"name": "Ada Again", "email": "ADA@example.nl"})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			p := r.problem(t)
			hasLocation(t, p, "body.email")
			if len(p.Errors) != 1 || p.Errors[0].Value != "ADA@example.nl" || p.Errors[0].Message == "" {
				t.Errorf("problem %+v", p)
			}
		})
		t.Run("unknown department (service rule)", func(t *testing.T) {
			r := post(map[string]any{"name": "X", "email": "x@example.nl", "department_id": "nope"})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			hasLocation(t, r.problem(t), "body.department_id")
		})
		t.Run("missing field", func(t *testing.T) {
			r := post(map[string]any{"email": "x@example.nl"})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if p := r.problem(t); !strings.Contains(string(r.raw), "name") {
				t.Errorf("problem does not name the field: %+v", p)
			}
		})
		t.Run("unknown field", func(t *testing.T) {
			r := post(map[string]any{"name": "X", "email": "x@example.nl", "salary": 100})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			p := r.problem(t)
			found := false
			for _, e := range p.Errors {
				found = found || strings.Contains(e.Location+" "+e.Message, "salary")
			}
			if !found {
				t.Errorf("problem does not name the unknown field: %s", r.raw)
			}
		})
		t.Run("malformed JSON", func(t *testing.T) {
			r := post(`{"name": "X", "email": `)
			wantStatus(t, r, http.StatusBadRequest)
			r.problem(t)
		})
		t.Run("not JSON", func(t *testing.T) {
			r := f.do(t, request{method: http.MethodPost, path: "/api/v1/people", token: tok,
				body: `name=X`, contentType: "application/x-www-form-urlencoded"})
			wantStatus(t, r, http.StatusUnsupportedMediaType)
			r.problem(t)
		})
		t.Run("unknown scope", func(t *testing.T) {
			r := f.do(t, request{method: http.MethodPut, path: "/api/v1/mandates", token: tok,
				body: map[string]any{"principal_id": "a", "assistant_id": "b", "scopes": []string{"agenda.burn"}}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			hasLocation(t, r.problem(t), "body.scopes[0]")
		})
	})
}

func TestTokens(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		emp := f.person(t, "Eva Employee", "eva@example.nl")
		tok := f.token(t, emp.ID)
		// A token cannot mint tokens that would outlive it.
		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/tokens", token: tok, body: TokenInput{Name: "script"}})
		wantStatus(t, r, http.StatusForbidden)
		// A browser session can.
		session, _, err := f.deps.Identity.Login(ctx, identity.LoginInput{Email: "ada@example.nl", Password: adminPassword, Address: "127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		cookie := http.Header{"Cookie": {sessionCookie + "=" + session}}
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/tokens", header: cookie, body: TokenInput{Name: "script"}})
		wantStatus(t, r, http.StatusCreated)
		var nt NewToken
		r.decode(t, &nt)
		if !strings.HasPrefix(nt.Token, identity.TokenPrefix) || nt.APIToken.Name != "script" || nt.APIToken.ID == "" {
			t.Fatalf("new token %s", r.raw)
		}
		wantStatus(t, f.get(t, "/api/v1/me", nt.Token), http.StatusOK)
		// Another person's token is not found.
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/tokens/" + nt.APIToken.ID, token: tok}), http.StatusNotFound)
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/tokens", header: cookie, body: TokenInput{Name: strings.Repeat("x", 101)}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.problem(t); len(p.Errors) != 1 || p.Errors[0].Location != "body.name" {
			t.Errorf("problem %+v", p)
		}
	})
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		se := f.api.problem(ctx, "test-op", nil, errors.New("pq: password authentication failed for secret-host"))
		b, _ := json.Marshal(se)
		if se.GetStatus() != http.StatusInternalServerError || strings.Contains(string(b), "secret-host") {
			t.Errorf("internal error answered %d %s", se.GetStatus(), b)
		}
		if !strings.Contains(f.logs.String(), "secret-host") {
			t.Errorf("cause not logged: %q", f.logs.String())
		}
		for k, want := range map[apperr.Kind]int{
			apperr.NotFound: 404, apperr.Conflict: 409, apperr.Forbidden: 403, apperr.Unauthorized: 401, apperr.TooMany: 429,
		} {
			if got := f.api.problem(ctx, "x", nil, apperr.New(k, "m")).GetStatus(); got != want {
				t.Errorf("kind %d → %d, want %d", k, got, want)
			}
		}
	})
}

func TestRegisterRefusesUndeclaredAccess(t *testing.T) {
	// The engine does not matter here; SQLite is enough.
	f := newFixture(t, testutil.NewSQLite(t))
	defer func() {
		if recover() == nil {
			t.Error("an operation without access was registered")
		}
	}()
	register(f.api, op{ID: "sneaky", Method: http.MethodGet, Path: "/sneaky", Tag: "X", Summary: "s", Description: "d"},
		func(context.Context, *struct{}) (*struct{}, error) { return nil, nil })
}
