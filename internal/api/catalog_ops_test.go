package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"spil/internal/catalog"
	"spil/internal/db"
	"spil/internal/testutil"
)

// catalogFixture is an API fixture with the embedded role catalog.
func catalogFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := newFixture(t, d)
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.api.Catalog = catalog.NewBook(c)
	return f
}

// TestGetRoleCatalog reads the catalog as a client without an account would,
// and checks what the article says: both job roles with their salaries in
// cents, and every task in Dutch and English with a known module or none.
func TestGetRoleCatalog(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := catalogFixture(t, d)
		r := f.get(t, "/api/v1/roles/catalog", "")
		wantStatus(t, r, http.StatusOK)
		var c RoleCatalog
		r.decode(t, &c)
		if c.Version != "2026.1" || c.Source.Publisher != "2Assistu" || c.Source.Retrieved == "" || c.Shared.NL == "" || c.Shared.EN == "" {
			t.Errorf("catalog head %+v / %+v", c.Version, c.Source)
		}
		modules := map[string]RoleCatalogModule{}
		for _, m := range c.Modules {
			modules[m.Key] = m
		}
		if m := modules["onboarding"]; m.Path != "/people/import" || m.Status != "partial" {
			t.Errorf("onboarding module %+v", m)
		}
		roles := map[string]RoleCatalogRole{}
		for _, role := range c.Roles {
			roles[role.Key] = role
		}
		salaries := map[string][3]int64{"office_manager": {351300, 319600, 383000}, "management_assistant": {388900, 349900, 420000}}
		for key, want := range salaries {
			role, ok := roles[key]
			if !ok || role.Kind != "job" {
				t.Fatalf("job role %s missing: %+v", key, role)
			}
			s := role.Salary
			if s == nil || s.Currency != "EUR" || [3]int64{s.AverageCents, s.MinCents, s.MaxCents} != want || s.AsOf == "" || s.Source.NL == "" || s.Source.EN == "" {
				t.Errorf("%s salary %+v, want %v", key, s, want)
			}
			if role.Scope == nil || role.Responsibility == nil || role.Authority == nil || role.Focus == nil {
				t.Errorf("%s lacks scope, responsibility, authority or focus", key)
			}
			if len(role.TaskAreas) < 4 || len(role.Competencies) != 4 || len(role.Traits) != 5 || len(role.CareerPaths) != 4 ||
				len(role.SoftSkills) == 0 || len(role.DigitalSkills) == 0 || len(role.Education) == 0 || len(role.Examples) == 0 {
				t.Errorf("%s is incomplete: %+v", key, role)
			}
		}
		if f := roles["office_manager"].Focus; f == nil || f.NL != "Strategisch en operationeel." {
			t.Errorf("Office Manager focus %+v", f)
		}
		n := 0
		for _, role := range c.Roles {
			for _, area := range role.TaskAreas {
				for _, task := range area.Tasks {
					n++
					if task.Name.NL == "" || task.Name.EN == "" || task.Description.NL == "" || task.Description.EN == "" {
						t.Errorf("task %s lacks a language: %+v", task.Key, task)
					}
					if _, ok := modules[task.Module]; task.Module != "" && !ok {
						t.Errorf("task %s names unknown module %q", task.Key, task.Module)
					}
				}
			}
		}
		if n < 25 {
			t.Errorf("only %d tasks", n)
		}
		// System roles come without job knowledge, yet every list is there.
		var raw struct {
			Roles []map[string]json.RawMessage `json:"roles"`
		}
		r.decode(t, &raw)
		for _, role := range raw.Roles {
			var key string
			json.Unmarshal(role["key"], &key)
			if key != "admin" {
				continue
			}
			if _, ok := role["salary"]; ok {
				t.Errorf("administrator has a salary")
			}
			for _, list := range []string{"task_areas", "competencies", "traits", "career_paths", "examples", "permissions"} {
				if v := string(role[list]); v == "" || v == "null" {
					t.Errorf("administrator %s = %q, want a list", list, v)
				}
			}
		}

		// A logged-in client gets the same; a bad token is refused.
		tok := f.token(t, f.admin.ID)
		wantStatus(t, f.get(t, "/api/v1/roles/catalog", tok), http.StatusOK)
		bad := f.get(t, "/api/v1/roles/catalog", "spil_nonsense")
		wantStatus(t, bad, http.StatusUnauthorized)
		bad.problem(t)
	})
}

// TestRoleCatalogIsDocumented: the operation is in the OpenAPI document as
// public (anonymous or with credentials), under its own path next to
// list-roles, with a documented response schema.
func TestRoleCatalogIsDocumented(t *testing.T) {
	f := catalogFixture(t, testutil.NewSQLite(t))
	r := f.get(t, "/api/v1/openapi.json", "")
	wantStatus(t, r, http.StatusOK)
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string                `json:"operationId"`
			Security    []map[string][]string `json:"security"`
			Responses   map[string]struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]struct {
				Description string                    `json:"description"`
				Properties  map[string]map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	r.decode(t, &doc)
	get := doc.Paths["/api/v1/roles/catalog"]["get"]
	if get.OperationID != "get-role-catalog" {
		t.Fatalf("get-role-catalog not at GET /api/v1/roles/catalog: %+v", doc.Paths["/api/v1/roles/catalog"])
	}
	if doc.Paths["/api/v1/roles"]["get"].OperationID != "list-roles" {
		t.Errorf("list-roles moved")
	}
	if len(get.Security) != 3 || len(get.Security[0]) != 0 {
		t.Errorf("security %v, want anonymous or a scheme", get.Security)
	}
	if _, ok := get.Responses["401"].Content["application/problem+json"]; !ok {
		t.Errorf("401 for a bad token not documented")
	}
	if ref := get.Responses["200"].Content["application/json"].Schema["$ref"]; ref != "#/components/schemas/RoleCatalog" {
		t.Errorf("200 schema %v", ref)
	}
	for name, fields := range map[string][]string{
		"RoleCatalog":       {"version", "source", "modules", "roles"},
		"RoleCatalogRole":   {"scope", "task_areas", "salary", "career_paths"},
		"RoleCatalogTask":   {"module", "scope"},
		"RoleCatalogSalary": {"average_cents", "min_cents", "max_cents", "as_of", "source"},
	} {
		s, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s missing", name)
			continue
		}
		for _, field := range fields {
			if d, _ := s.Properties[field]["description"].(string); d == "" {
				t.Errorf("%s.%s has no description", name, field)
			}
		}
	}
}
