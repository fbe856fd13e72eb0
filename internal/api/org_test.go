package api

import (
	"net/http"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

func TestImportPeople(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		tok := f.token(t, f.admin.ID)
		post := func(query, csv string) *response {
			return f.do(t, request{method: http.MethodPost, path: "/api/v1/people/import" + query, token: tok, body: csv, contentType: "text/csv"})
		}
		const file = "name,email,job_title\nAnna Jansen,anna@example.nl,Secretary\nBad Row,not-an-address,\nCor de Wit,cor@example.nl,\n"

		r := post("", file)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		p := r.problem(t)
		if len(p.Errors) != 1 || p.Errors[0].Location != "line 3, column email" || p.Errors[0].Message == "" {
			t.Fatalf("problem %s", r.raw)
		}
		var list List[struct{}]
		f.get(t, "/api/v1/people", tok).decode(t, &list)
		if list.Total != 1 {
			t.Fatalf("a failed import added people: %d", list.Total)
		}

		r = post("?valid_only=true", file)
		wantStatus(t, r, http.StatusOK)
		var rep struct {
			Rows     int `json:"rows"`
			Imported int `json:"imported"`
			Errors   []struct {
				Line   int    `json:"line"`
				Column string `json:"column"`
			} `json:"errors"`
		}
		r.decode(t, &rep)
		if rep.Rows != 3 || rep.Imported != 2 || len(rep.Errors) != 1 || rep.Errors[0].Line != 3 {
			t.Errorf("report %s", r.raw)
		}

		emp := f.person(t, "Eva Employee", "eva@example.nl")
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/people/import", token: f.token(t, emp.ID),
			body: file, contentType: "text/csv"}), http.StatusForbidden)
	})
}

func TestDepartmentsAndLocations(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		tok := f.token(t, f.admin.ID)
		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/locations", token: tok,
			body: LocationInput{Name: "Head office", Postcode: "1015cc", City: "Amsterdam"}})
		wantStatus(t, r, http.StatusCreated)
		id, _ := r.body["id"].(string)
		if r.body["country"] != "NL" {
			t.Errorf("location %s", r.raw)
		}
		wantStatus(t, f.get(t, "/api/v1/locations/"+id, tok), http.StatusOK)
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/locations/" + id, token: tok, body: LocationInput{Name: "HQ"}})
		wantStatus(t, r, http.StatusOK)
		if r.body["name"] != "HQ" {
			t.Errorf("updated %s", r.raw)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/locations/" + id, token: tok}), http.StatusNoContent)
		wantStatus(t, f.get(t, "/api/v1/locations/"+id, tok), http.StatusNotFound)

		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/departments", token: tok, body: DepartmentInput{Name: "Sales"}})
		wantStatus(t, r, http.StatusCreated)
		id, _ = r.body["id"].(string)
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/departments", token: tok, body: DepartmentInput{Name: "sales"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/departments/" + id, token: tok, body: DepartmentInput{Name: "Sales", ParentID: id}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		var list List[struct{}]
		f.get(t, "/api/v1/departments", tok).decode(t, &list)
		if list.Total != 1 {
			t.Errorf("departments %+v", list)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/departments/" + id, token: tok}), http.StatusNoContent)
		wantStatus(t, f.get(t, "/api/v1/departments/"+id, tok), http.StatusNotFound)
	})
}

func TestRolesAndOrganization(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		tok := f.token(t, f.admin.ID)
		var roles List[RoleInfo]
		f.get(t, "/api/v1/roles", tok).decode(t, &roles)
		if roles.Total != len(f.deps.Roles.All()) || roles.Items[0].Name.NL == "" || roles.Items[0].Name.EN == "" {
			t.Errorf("roles %+v", roles)
		}
		r := f.do(t, request{method: http.MethodPut, path: "/api/v1/organization", token: tok,
			body: OrganizationInput{Name: "Bakker & Zonen", Language: "en", TimeZone: "Europe/Brussels"}})
		wantStatus(t, r, http.StatusOK)
		if r.body["name"] != "Bakker & Zonen" || r.body["time_zone"] != "Europe/Brussels" {
			t.Errorf("organization %s", r.raw)
		}
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/organization", token: tok,
			body: OrganizationInput{Name: "X", TimeZone: "Mars/Olympus"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.problem(t); len(p.Errors) != 1 || p.Errors[0].Location != "body.time_zone" {
			t.Errorf("problem %+v", p)
		}
	})
}
