package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/testutil"
)

func TestPeopleListShowsAndFilters(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		dep, err := f.org.CreateDepartment(ctx, f.admin, org.DepartmentInput{Name: "Financiën"})
		if err != nil {
			t.Fatal(err)
		}
		loc, err := f.org.CreateLocation(ctx, f.admin, org.LocationInput{Name: "Amsterdam Zuid"})
		if err != nil {
			t.Fatal(err)
		}
		ben, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: "Ben Boekhouder", Email: "ben@example.nl", JobTitle: "Controller",
			DepartmentID: dep.ID, LocationID: loc.ID, Roles: []string{authz.RoleEmployee, authz.RolePrincipal}})
		if err != nil {
			t.Fatal(err)
		}
		off := false
		if _, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: "Oud Medewerker", Email: "oud@example.nl", Active: &off}); err != nil {
			t.Fatal(err)
		}
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")

		res := f.get(t, eva, "/people")
		wantStatus(t, res, http.StatusOK)
		// Every active person shows, with job title, department, location and
		// role names; the deactivated one does not by default.
		wantContains(t, res, "Ada Admin", "Ben Boekhouder", "Eva Employee", "Controller", "Financiën", "Amsterdam Zuid",
			"Manager / directeur", "Medewerker", `href="/people/`+ben.ID+`"`)
		wantNotContains(t, res, "Oud Medewerker", `href="/people/new"`)
		wantContains(t, f.get(t, eva, "/people?inactive=1"), "Oud Medewerker", "inactief")

		// Search and filters narrow the list.
		res = f.get(t, eva, "/people?q=boek")
		wantContains(t, res, "Ben Boekhouder")
		wantNotContains(t, res, "Eva Employee")
		res = f.get(t, eva, "/people?department="+dep.ID)
		wantContains(t, res, "Ben Boekhouder")
		wantNotContains(t, res, "Ada Admin")
		res = f.get(t, eva, "/people?location="+loc.ID+"&role=principal")
		wantContains(t, res, "Ben Boekhouder")
		wantNotContains(t, res, "Eva Employee")
		res = f.get(t, eva, "/people?q=niemand-heet-zo")
		wantContains(t, res, "Niemand voldoet aan deze zoekopdracht.")

		// The live search asks for the whole page and selects the results.
		r := httptest.NewRequest(http.MethodGet, "/people?q=eva", nil)
		r.Header.Set("HX-Request", "true")
		r.Header.Set("HX-Target", "people-results")
		res = f.do(t, eva, r)
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `id="people-results"`, "Eva Employee")
	})
}

func TestPeoplePaging(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		for i := range 55 {
			name := "Persoon " + string(rune('A'+i/26)) + string(rune('a'+i%26))
			if _, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.nl"}); err != nil {
				t.Fatal(err)
			}
		}
		ada := f.login(t, "ada@example.nl")
		res := f.get(t, ada, "/people")
		wantContains(t, res, "1–50 van 56 personen.", `href="/people?page=2"`)
		wantNotContains(t, res, `rel="prev"`)
		res = f.get(t, ada, "/people?page=2")
		wantContains(t, res, "51–56 van 56 personen.", `rel="prev"`)
		if n := strings.Count(res.Body, `<tr>`); n != 1+6 {
			t.Errorf("page 2 has %d rows, want 6 and a header", n-1)
		}
	})
}

func TestPersonPage(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		boss := f.person(t, "Bea Baas", "bea@example.nl", authz.RolePrincipal)
		emp, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: "Tim Team", Email: "tim@example.nl", Phone: "+31 20 555 0101", ManagerID: boss})
		if err != nil {
			t.Fatal(err)
		}
		ada := f.login(t, "ada@example.nl")
		res := f.get(t, ada, "/people/"+emp.ID)
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Tim Team", `href="mailto:tim@example.nl"`, `href="tel:`, `href="/people/`+boss+`"`, "Bea Baas",
			"Kan niet inloggen", `action="/people/`+emp.ID+`/password"`)
		res = f.get(t, ada, "/people/"+boss)
		wantContains(t, res, "Directe medewerkers", `href="/people/`+emp.ID+`"`)
		wantStatus(t, f.get(t, ada, "/people/no-such-person"), http.StatusNotFound)

		// An employee sees the page, without edit or password forms.
		bea := f.login(t, "bea@example.nl")
		res = f.get(t, bea, "/people/"+emp.ID)
		wantStatus(t, res, http.StatusOK)
		wantNotContains(t, res, "/edit", "/password")
	})
}

func TestPersonFormBadEmailIsShownAtTheField(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ada := f.login(t, "ada@example.nl")
		res := f.post(t, ada, "/people", url.Values{"name": {"Kees"}, "email": {"kees-at-example"}, "active": {"1"}, "roles_shown": {"1"}, "roles": {"employee"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res,
			`id="email" name="email" value="kees-at-example"`,
			`aria-invalid="true" aria-describedby="email-error"`,
			`<p class="field-error" id="email-error">is geen geldig e-mailadres</p>`,
			`value="Kees"`)
		if strings.Contains(res.Body, `id="name-error"`) {
			t.Error("the name has no error but shows one")
		}
		// In English for an English reader.
		if _, err := f.org.UpdateProfile(context.Background(), f.admin, "", "en"); err != nil {
			t.Fatal(err)
		}
		res = f.post(t, ada, "/people", url.Values{"name": {""}, "email": {"x"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="email-error">is not a valid e-mail address</p>`, `id="name-error">is required</p>`)
	})
}

func TestPersonCreateAndEdit(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		dep, err := f.org.CreateDepartment(ctx, f.admin, org.DepartmentInput{Name: "Directie"})
		if err != nil {
			t.Fatal(err)
		}
		ada := f.login(t, "ada@example.nl")
		form := f.get(t, ada, "/people/new")
		wantStatus(t, form, http.StatusOK)
		wantContains(t, form, `name="roles" value="admin"`, `name="roles_shown"`, `<option value="`+dep.ID+`">Directie</option>`)

		res := f.post(t, ada, "/people", url.Values{"name": {"Pia Principaal"}, "email": {"Pia@Example.nl"}, "job_title": {"Directeur"},
			"department_id": {dep.ID}, "language": {"en"}, "active": {"1"}, "roles_shown": {"1"}, "roles": {"principal", "employee"}})
		wantStatus(t, res, http.StatusSeeOther)
		page := f.follow(t, ada, res)
		wantContains(t, page, "De persoon is toegevoegd.", "Pia Principaal", "pia@example.nl", "Manager / directeur", "Directie")
		id := strings.TrimPrefix(strings.SplitN(res.Location, "?", 2)[0], "/people/")
		p, err := f.org.Person(ctx, f.admin, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Language != "en" || len(p.Roles) != 2 {
			t.Errorf("stored %+v", p)
		}

		// An Office Manager edits without role boxes; the roles stay.
		f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		olga := f.login(t, "olga@example.nl")
		edit := f.get(t, olga, "/people/"+id+"/edit")
		wantStatus(t, edit, http.StatusOK)
		wantNotContains(t, edit, `name="roles"`)
		wantContains(t, edit, `value="Pia Principaal"`, `name="active" value="1" aria-describedby="active-hint" checked`)
		res = f.post(t, olga, "/people/"+id, url.Values{"name": {"Pia P."}, "email": {"pia@example.nl"}, "language": {"en"}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, olga, res), "De wijzigingen zijn opgeslagen.", "Pia P.", "inactief")
		p, _ = f.org.Person(ctx, f.admin, id)
		if p.Active || len(p.Roles) != 2 || p.DepartmentID != "" {
			t.Errorf("after edit: active %v roles %v department %q", p.Active, p.Roles, p.DepartmentID)
		}

		// A bad manager re-renders the edit form.
		res = f.post(t, olga, "/people/"+id, url.Values{"name": {"Pia P."}, "email": {"pia@example.nl"}, "manager_id": {id}, "active": {"1"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="manager_id-error">kan niet de persoon zelf zijn</p>`)
	})
}

func TestEmployeeMayNotManagePeople(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")
		for _, path := range []string{"/people/new", "/people/import", "/people/" + f.adminID + "/edit", "/people/import/example.csv", "/admin/organization", "/admin/roles"} {
			res := f.get(t, eva, path)
			wantStatus(t, res, http.StatusForbidden)
			wantContains(t, res, "U heeft geen toegang tot deze pagina.")
		}
		res := f.post(t, eva, "/people", url.Values{"name": {"X"}, "email": {"x@example.nl"}})
		wantStatus(t, res, http.StatusForbidden)
		res = f.post(t, eva, "/people/"+f.adminID+"/password", url.Values{"password": {"another long password"}})
		wantStatus(t, res, http.StatusForbidden)
		// Not logged in: to the login page.
		res = f.get(t, "", "/people")
		wantStatus(t, res, http.StatusFound)
		if !strings.HasPrefix(res.Location, "/login?next=") {
			t.Errorf("redirect to %q", res.Location)
		}
	})
}

func TestSetPasswordByAdmin(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		id := f.person(t, "Eva Employee", "eva@example.nl")
		ada := f.login(t, "ada@example.nl")
		res := f.post(t, ada, "/people/"+id+"/password", url.Values{"password": {"kort"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `aria-invalid="true"`, `id="password-error">gebruik minstens 10 tekens</p>`)
		res = f.post(t, ada, "/people/"+id+"/password", url.Values{"password": {"een nieuw lang wachtwoord"}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, ada, res), "Het nieuwe wachtwoord is ingesteld.")
		// Nobody sets their own password here.
		if res := f.get(t, ada, "/people/"+f.adminID); strings.Contains(res.Body, "/password") {
			t.Error("the own page offers to set the password")
		}
	})
}

func TestPersonFormExplainsRefusedChanges(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		olga := f.login(t, "olga@example.nl")
		// An Office Manager may not deactivate an administrator.
		res := f.post(t, olga, "/people/"+f.adminID, url.Values{"name": {"Ada Admin"}, "email": {"ada@example.nl"}})
		wantStatus(t, res, http.StatusForbidden)
		wantContains(t, res, `<p class="alert" role="alert">alleen een beheerder mag het e-mailadres of de actieve status van een beheerder wijzigen</p>`, `value="Ada Admin"`)
		// The last administrator cannot switch herself off.
		ada := f.login(t, "ada@example.nl")
		res = f.post(t, ada, "/people/"+f.adminID, url.Values{"name": {"Ada Admin"}, "email": {"ada@example.nl"}, "roles_shown": {"1"}, "roles": {"admin"}})
		wantStatus(t, res, http.StatusConflict)
		wantContains(t, res, "Ada Admin is de laatste actieve beheerder; maak eerst iemand anders beheerder")
	})
}
