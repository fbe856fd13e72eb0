package api

import (
	"net/http"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
	"spil/internal/db"
	"spil/internal/testutil"
)

// catalogEditFixture is an API fixture that can adjust the role catalog:
// the service works on the API's own catalog book and role definitions.
func catalogEditFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := newFixture(t, d)
	if f.api.CatalogEdit == nil {
		base, err := catalog.Default()
		if err != nil {
			t.Fatal(err)
		}
		f.api.Catalog = catalog.NewBook(base)
		f.api.CatalogEdit = &catalogedit.Service{DB: d, Clock: f.deps.Org.Clock, Base: base, Book: f.api.Catalog, Roles: f.api.Roles}
	}
	return f
}

// catalogRoleOf returns role key from get-role-catalog.
func catalogRoleOf(t *testing.T, f *fixture, token, key string) (RoleCatalogRole, bool) {
	t.Helper()
	r := f.get(t, "/api/v1/roles/catalog", token)
	wantStatus(t, r, http.StatusOK)
	var c RoleCatalog
	r.decode(t, &c)
	for _, role := range c.Roles {
		if role.Key == key {
			return role, true
		}
	}
	return RoleCatalogRole{}, false
}

func TestCatalogEditOperations(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := catalogEditFixture(t, d)
		om := f.token(t, f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager).ID)
		emp := f.token(t, f.person(t, "Eva Employee", "eva@example.nl").ID)
		erik := f.person(t, "Erik Exec", "erik@example.nl")
		salary := map[string]any{"min_cents": 400000, "average_cents": 420000, "max_cents": 450000, "as_of": "2026-03-01", "source": "CAO 2026"}

		// An employee may do none of it.
		for _, rq := range []request{
			{method: http.MethodGet, path: "/api/v1/roles/catalog/changes"},
			{method: http.MethodPut, path: "/api/v1/roles/catalog/roles/management_assistant/salary", body: salary},
			{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/management_assistant/salary"},
			{method: http.MethodPost, path: "/api/v1/roles/catalog/roles", body: map[string]any{"key": "x_role"}},
			{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/x_role"},
		} {
			rq.token = emp
			r := f.do(t, rq)
			wantStatus(t, r, http.StatusForbidden)
			r.problem(t)
		}

		// A range that does not hold together: 422 at the fields, named as the input names them.
		r := f.do(t, request{method: http.MethodPut, path: "/api/v1/roles/catalog/roles/management_assistant/salary", token: om,
			body: map[string]any{"min_cents": 500000, "average_cents": 450000, "max_cents": 400000, "as_of": "01-03-2026", "source": ""}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		locations := map[string]string{}
		for _, e := range r.problem(t).Errors {
			locations[e.Location] = e.Message
		}
		if !strings.Contains(locations["body.average_cents"], "between the lowest and the highest") ||
			locations["body.as_of"] == "" || locations["body.source"] == "" {
			t.Errorf("errors %v", locations)
		}
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/roles/catalog/roles/management_assistant/salary", token: om,
			body: map[string]any{"min_cents": 400050, "average_cents": 420000, "max_cents": 450000, "as_of": "2026-03-01", "source": "x"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/roles/catalog/roles/nobody/salary", token: om, body: salary}), http.StatusNotFound)

		// The Office Manager's own range is in force, then reset to the article's.
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/roles/catalog/roles/management_assistant/salary", token: om, body: salary})
		wantStatus(t, r, http.StatusOK)
		var role RoleCatalogRole
		r.decode(t, &role)
		if s := role.Salary; s == nil || s.AverageCents != 420000 || s.MinCents != 400000 || s.MaxCents != 450000 || s.Source.NL != "CAO 2026" || s.AsOf != "2026-03-01" {
			t.Errorf("salary after set %+v", role.Salary)
		}
		if ma, _ := catalogRoleOf(t, f, om, "management_assistant"); ma.Salary == nil || ma.Salary.AverageCents != 420000 {
			t.Errorf("get-role-catalog salary %+v", ma.Salary)
		}
		r = f.get(t, "/api/v1/roles/catalog/changes", om)
		wantStatus(t, r, http.StatusOK)
		var changes List[CatalogChange]
		r.decode(t, &changes)
		if changes.Total != 1 || changes.Items[0].Key != "management_assistant" || changes.Items[0].Custom ||
			changes.Items[0].Salary == nil || changes.Items[0].Salary.AverageCents != 420000 || changes.Items[0].UpdatedBy != "Olga Office" {
			t.Errorf("changes %+v", changes)
		}
		r = f.do(t, request{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/management_assistant/salary", token: om})
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &role)
		if s := role.Salary; s == nil || s.AverageCents != 388900 {
			t.Errorf("salary after reset %+v, want the article's € 3.889", role.Salary)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/management_assistant/salary", token: om}), http.StatusNotFound)

		// A role of the organization's own, based on the Management Assistant.
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/catalog/roles", token: om,
			body: map[string]any{"key": "Executive", "name": map[string]any{}, "summary": map[string]any{"en": "x"}, "based_on": "nobody",
				"salary": map[string]any{"min_cents": 300000, "average_cents": 0, "max_cents": 0, "as_of": "2026-01-01", "source": "x"}}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		locations = map[string]string{}
		for _, e := range r.problem(t).Errors {
			locations[e.Location] = e.Message
		}
		for _, loc := range []string{"body.key", "body.name", "body.based_on", "body.salary.average_cents"} {
			if locations[loc] == "" {
				t.Errorf("no message at %s: %v", loc, locations)
			}
		}
		add := map[string]any{"key": "executive_assistant", "name": map[string]any{"nl": "Executive Assistant"},
			"summary": map[string]any{"nl": "Ondersteunt de directie.", "en": "Supports the board."}, "based_on": authz.RoleManagementAssistant}
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/catalog/roles", token: om, body: add})
		wantStatus(t, r, http.StatusCreated)
		r.decode(t, &role)
		ma, _ := catalogRoleOf(t, f, om, "management_assistant")
		if role.Key != "executive_assistant" || role.Name.EN != "Executive Assistant" || role.Kind != "job" ||
			strings.Join(permStrings(role.Permissions), ",") != strings.Join(permStrings(ma.Permissions), ",") {
			t.Errorf("added role %+v", role)
		}
		r = f.get(t, "/api/v1/roles", om)
		wantStatus(t, r, http.StatusOK)
		var roles List[RoleInfo]
		r.decode(t, &roles)
		found := false
		for _, ri := range roles.Items {
			found = found || ri.Key == "executive_assistant"
		}
		if !found {
			t.Errorf("list-roles lacks the new role: %+v", roles.Items)
		}
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/catalog/roles", token: om, body: add}), http.StatusUnprocessableEntity)

		// An administrator gives it to Erik: it cannot be deleted while he holds it.
		admin := f.token(t, f.admin.ID)
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/people/" + erik.ID + "/roles", token: admin,
			body: map[string]any{"roles": []string{"executive_assistant"}}})
		wantStatus(t, r, http.StatusOK)
		r = f.do(t, request{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/executive_assistant", token: om})
		wantStatus(t, r, http.StatusConflict)
		if p := r.problem(t); !strings.Contains(p.Detail, "Erik Exec") {
			t.Errorf("refusal %q does not name the holder", p.Detail)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/office_manager", token: om}), http.StatusConflict)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/nobody_here", token: om}), http.StatusNotFound)

		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/people/" + erik.ID + "/roles", token: admin,
			body: map[string]any{"roles": []string{authz.RoleEmployee}}})
		wantStatus(t, r, http.StatusOK)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/roles/catalog/roles/executive_assistant", token: om}), http.StatusNoContent)
		if _, ok := catalogRoleOf(t, f, om, "executive_assistant"); ok {
			t.Error("the deleted role is still in the catalog")
		}
	})
}

func permStrings(ps []authz.Permission) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	return out
}
