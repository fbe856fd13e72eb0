package org

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func ptr[T any](v T) *T { return &v }

func TestCreatePersonPermissions(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, tc := range []struct {
			role string
			may  bool
		}{
			{authz.RoleAdmin, true},
			{authz.RoleOfficeManager, true},
			{authz.RoleManagementAssistant, false},
			{authz.RolePrincipal, false},
			{authz.RoleEmployee, false},
			{authz.RoleSupportStaff, false},
		} {
			a := f.actor(t, tc.role)
			p, err := f.s.CreatePerson(ctx, a, PersonInput{Name: "New by " + tc.role, Email: "new-" + tc.role + "@example.nl"})
			if !tc.may {
				wantKind(t, err, apperr.Forbidden)
				continue
			}
			noErr(t, err)
			if !slices.Equal(p.Roles, []string{"employee"}) || !p.Active || p.CanLogIn {
				t.Errorf("%s created %+v; want an active employee who cannot log in yet", tc.role, p)
			}
		}

		noRoles := authz.NewActor("someone", "Someone", "someone@example.nl", nil, f.s.Roles, nil)
		_, err := f.s.CreatePerson(ctx, noRoles, PersonInput{Name: "X", Email: "x@example.nl"})
		wantKind(t, err, apperr.Forbidden)

		// An Office Manager adds people but does not hand out roles.
		officeManager := actorOf(f.s, f.person(t, "Olga Office", "olga@example.nl", "office_manager"))
		_, err = f.s.CreatePerson(ctx, officeManager, PersonInput{Name: "Piet", Email: "piet@example.nl", Roles: []string{"principal"}})
		wantKind(t, err, apperr.Forbidden)
		p, err := f.s.CreatePerson(ctx, officeManager, PersonInput{Name: "Piet", Email: "piet@example.nl", Roles: []string{"employee"}})
		noErr(t, err)
		if !slices.Equal(p.Roles, []string{"employee"}) {
			t.Errorf("roles = %v", p.Roles)
		}

		p, err = f.s.CreatePerson(ctx, f.adm, PersonInput{Name: "Dirk Directeur", Email: "dirk@example.nl",
			Roles: []string{"Principal", "employee", "principal"}})
		noErr(t, err)
		if !slices.Equal(p.Roles, []string{"employee", "principal"}) {
			t.Errorf("roles = %v", p.Roles)
		}
		_, err = f.s.CreatePerson(ctx, f.adm, PersonInput{Name: "Y", Email: "y@example.nl", Roles: []string{"king"}})
		wantField(t, err, "roles", `unknown role "king"`)
	})
}

func TestCreatePersonValidation(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.s.CreatePerson(ctx, f.adm, PersonInput{Name: "  ", Email: "not-an-address", Language: "de"})
		wantField(t, err, "name", "required")
		wantField(t, err, "email", "not a valid e-mail address")
		wantField(t, err, "language", "nl or en")

		_, err = f.s.CreatePerson(ctx, f.adm, PersonInput{Name: "Ada Two", Email: " ADA@example.nl"})
		wantField(t, err, "email", "already in use")

		_, err = f.s.CreatePerson(ctx, f.adm, PersonInput{Name: "Bram", Email: "bram@example.nl",
			DepartmentID: "nope", LocationID: "nope", ManagerID: "nope"})
		wantField(t, err, "department_id", "does not exist")
		wantField(t, err, "location_id", "does not exist")
		wantField(t, err, "manager_id", "does not exist")

		dep, err := f.s.CreateDepartment(ctx, f.adm, DepartmentInput{Name: "Finance"})
		noErr(t, err)
		loc, err := f.s.CreateLocation(ctx, f.adm, LocationInput{Name: "Utrecht"})
		noErr(t, err)
		p, err := f.s.CreatePerson(ctx, f.adm, PersonInput{Name: " Bram Bos ", Email: "Bram@Example.nl", Phone: "+31 6 1234 5678",
			JobTitle: "Controller", DepartmentID: dep.ID, LocationID: loc.ID, ManagerID: f.admin.ID, Language: "EN"})
		noErr(t, err)
		want := Person{ID: p.ID, Name: "Bram Bos", Email: "bram@example.nl", Phone: "+31 6 1234 5678", JobTitle: "Controller",
			DepartmentID: dep.ID, DepartmentName: "Finance", LocationID: loc.ID, LocationName: "Utrecht",
			ManagerID: f.admin.ID, ManagerName: "Ada Admin", Language: "en", Active: true, Roles: []string{"employee"},
			CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
		if fmt.Sprint(p) != fmt.Sprint(want) {
			t.Errorf("created\n %+v\nwant\n %+v", p, want)
		}
		got, err := f.s.Person(ctx, f.adm, p.ID)
		noErr(t, err)
		if fmt.Sprint(got) != fmt.Sprint(p) {
			t.Errorf("stored\n %+v\nreturned\n %+v", got, p)
		}
		if s := auditSummaries(t, d, "person"); !slices.Contains(s, "created person Bram Bos") {
			t.Errorf("audit = %v", s)
		}
	})
}

func TestPersonVisibility(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		nobody := f.person(t, "Nora Noroles", "nora@example.nl")
		nobody, err := f.s.SetRoles(ctx, f.adm, nobody.ID, []string{})
		noErr(t, err)
		nora := actorOf(f.s, nobody)
		emp := f.actor(t, authz.RoleEmployee)

		if _, err := f.s.Person(ctx, emp, f.admin.ID); err != nil {
			t.Errorf("employee reading a colleague: %v", err)
		}
		if _, err := f.s.Person(ctx, nora, nobody.ID); err != nil {
			t.Errorf("reading oneself without people.read: %v", err)
		}
		_, err = f.s.Person(ctx, nora, f.admin.ID)
		wantKind(t, err, apperr.NotFound)
		_, err = f.s.PersonByEmail(ctx, nora, "ada@example.nl")
		wantKind(t, err, apperr.NotFound)
		_, _, err = f.s.ListPeople(ctx, nora, PeopleFilter{})
		wantKind(t, err, apperr.Forbidden)

		p, err := f.s.PersonByEmail(ctx, emp, "  ADA@example.NL")
		noErr(t, err)
		if p.ID != f.admin.ID {
			t.Errorf("by e-mail found %s", p.Name)
		}
		_, err = f.s.Person(ctx, f.adm, "missing")
		wantKind(t, err, apperr.NotFound)
	})
}

func TestListPeople(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		fin, err := f.s.CreateDepartment(ctx, f.adm, DepartmentInput{Name: "Finance"})
		noErr(t, err)
		mk := func(name, email, title string, dep string, roles ...string) Person {
			p, err := f.s.CreatePerson(ctx, f.adm, PersonInput{Name: name, Email: email, JobTitle: title, DepartmentID: dep, Roles: roles})
			noErr(t, err)
			return p
		}
		anna := mk("Anna de Vries", "anna@example.nl", "Controller", fin.ID, "principal", "employee")
		mk("Bert Jansen", "bert@bakker.nl", "Receptionist", "")
		mk("Chris 100% Peters", "chris@example.nl", "Office_Support", "", "support_staff")
		dina := mk("dina de Wit", "dina@example.nl", "Boekhouder", fin.ID)
		_, err = f.s.UpdatePerson(ctx, f.adm, dina.ID, PersonInput{Name: dina.Name, Email: dina.Email, DepartmentID: fin.ID, Active: ptr(false)})
		noErr(t, err)

		emp := actorOf(f.s, mk("Emma Employee", "emma@example.nl", "", ""))
		names := func(fl PeopleFilter) ([]string, int) {
			t.Helper()
			ps, total, err := f.s.ListPeople(ctx, emp, fl)
			noErr(t, err)
			out := make([]string, len(ps))
			for i, p := range ps {
				out[i] = p.Name
			}
			return out, total
		}
		check := func(fl PeopleFilter, want ...string) {
			t.Helper()
			got, total := names(fl)
			if !slices.Equal(got, want) || total != len(want) {
				t.Errorf("%+v: got %v (total %d), want %v", fl, got, total, want)
			}
		}
		check(PeopleFilter{}, "Ada Admin", "Anna de Vries", "Bert Jansen", "Chris 100% Peters", "dina de Wit", "Emma Employee")
		check(PeopleFilter{Query: "DE V"}, "Anna de Vries")
		check(PeopleFilter{Query: "bakker.nl"}, "Bert Jansen")
		check(PeopleFilter{Query: "controller"}, "Anna de Vries")
		check(PeopleFilter{Query: "%"}, "Chris 100% Peters")
		check(PeopleFilter{Query: "t_j"}) // "_" is no wildcard: "Bert Jansen" does not match
		check(PeopleFilter{Query: "office_"}, "Chris 100% Peters")
		check(PeopleFilter{DepartmentID: fin.ID}, "Anna de Vries", "dina de Wit")
		check(PeopleFilter{DepartmentID: fin.ID, ActiveOnly: true}, "Anna de Vries")
		check(PeopleFilter{Role: "principal"}, "Anna de Vries")
		check(PeopleFilter{ManagerID: f.admin.ID})

		page, total, err := f.s.ListPeople(ctx, emp, PeopleFilter{Limit: 2, Offset: 1})
		noErr(t, err)
		if total != 6 || len(page) != 2 || page[0].Name != "Anna de Vries" || page[1].Name != "Bert Jansen" {
			t.Errorf("page = %v, total %d", page, total)
		}
		if !slices.Equal(page[0].Roles, []string{"employee", "principal"}) || !slices.Equal(page[1].Roles, []string{"employee"}) {
			t.Errorf("roles on page: %v, %v", page[0].Roles, page[1].Roles)
		}
		if page[0].DepartmentName != "Finance" || page[0].ID != anna.ID {
			t.Errorf("anna on page = %+v", page[0])
		}
		page, total, err = f.s.ListPeople(ctx, emp, PeopleFilter{Offset: 99})
		noErr(t, err)
		if len(page) != 0 || total != 6 {
			t.Errorf("past the end: %d people, total %d", len(page), total)
		}
	})
}

func TestUpdatePerson(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		bram := f.person(t, "Bram Bos", "bram@example.nl")
		om := actorOf(f.s, f.person(t, "Olga Office", "olga@example.nl", "office_manager"))
		emp := actorOf(f.s, f.person(t, "Emma Employee", "emma@example.nl"))

		_, err := f.s.UpdatePerson(ctx, emp, bram.ID, PersonInput{Name: "Bram", Email: bram.Email})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.s.UpdatePerson(ctx, om, "missing", PersonInput{Name: "Bram", Email: bram.Email})
		wantKind(t, err, apperr.NotFound)
		_, err = f.s.UpdatePerson(ctx, om, bram.ID, PersonInput{Name: "Bram", Email: "emma@example.nl"})
		wantField(t, err, "email", "already in use")

		f.clock.Advance(3600e9)
		p, err := f.s.UpdatePerson(ctx, om, bram.ID, PersonInput{Name: "Bram van Bos", Email: "BRAM@example.nl", JobTitle: "Facilitair",
			ManagerID: f.admin.ID})
		noErr(t, err)
		if p.Name != "Bram van Bos" || p.Email != "bram@example.nl" || p.ManagerName != "Ada Admin" || !p.Active ||
			!p.UpdatedAt.After(p.CreatedAt) || !slices.Equal(p.Roles, []string{"employee"}) {
			t.Errorf("updated = %+v", p)
		}

		// Roles: the Office Manager may send the roles unchanged, not change them.
		_, err = f.s.UpdatePerson(ctx, om, bram.ID, PersonInput{Name: p.Name, Email: p.Email, Roles: []string{"employee"}})
		noErr(t, err)
		_, err = f.s.UpdatePerson(ctx, om, bram.ID, PersonInput{Name: p.Name, Email: p.Email, Roles: []string{"admin"}})
		wantKind(t, err, apperr.Forbidden)
		p, err = f.s.UpdatePerson(ctx, f.adm, bram.ID, PersonInput{Name: p.Name, Email: p.Email, Roles: []string{"support_staff"}})
		noErr(t, err)
		if !slices.Equal(p.Roles, []string{"support_staff"}) {
			t.Errorf("roles = %v", p.Roles)
		}

		// Nor may the Office Manager take over or lock out an administrator.
		_, err = f.s.UpdatePerson(ctx, om, f.admin.ID, PersonInput{Name: "Ada Admin", Email: "olga2@example.nl"})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.s.UpdatePerson(ctx, om, f.admin.ID, PersonInput{Name: "Ada A. Admin", Email: "ada@example.nl"})
		noErr(t, err)

		p, err = f.s.UpdatePerson(ctx, om, bram.ID, PersonInput{Name: p.Name, Email: p.Email, Active: ptr(false)})
		noErr(t, err)
		if p.Active {
			t.Error("not deactivated")
		}
		p, err = f.s.UpdatePerson(ctx, om, bram.ID, PersonInput{Name: p.Name, Email: p.Email})
		noErr(t, err)
		if p.Active {
			t.Error("Active nil changed the active state")
		}
		s := auditSummaries(t, d, "person")
		for _, want := range []string{"changed person Bram van Bos", "deactivated person Bram van Bos"} {
			if !slices.Contains(s, want) {
				t.Errorf("audit %v lacks %q", s, want)
			}
		}
	})
}

func TestManagerLoop(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.person(t, "A", "a@example.nl")
		b := f.person(t, "B", "b@example.nl")
		c := f.person(t, "C", "c@example.nl")
		setManager := func(p, m Person) error {
			_, err := f.s.UpdatePerson(ctx, f.adm, p.ID, PersonInput{Name: p.Name, Email: p.Email, ManagerID: m.ID})
			return err
		}
		noErr(t, setManager(b, a)) // A manages B
		noErr(t, setManager(c, b)) // B manages C
		wantField(t, setManager(a, c), "manager_id", "loop")
		wantField(t, setManager(a, a), "manager_id", "themselves")
		noErr(t, setManager(a, f.admin))
	})
}

func TestLastAdministrator(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.s.UpdatePerson(ctx, f.adm, f.admin.ID, PersonInput{Name: "Ada Admin", Email: "ada@example.nl", Active: ptr(false)})
		wantKind(t, err, apperr.Conflict)
		_, err = f.s.SetRoles(ctx, f.adm, f.admin.ID, []string{"employee"})
		wantKind(t, err, apperr.Conflict)
		_, err = f.s.UpdatePerson(ctx, f.adm, f.admin.ID, PersonInput{Name: "Ada Admin", Email: "ada@example.nl", Roles: []string{"office_manager"}})
		wantKind(t, err, apperr.Conflict)

		// An inactive administrator does not count.
		ben := f.person(t, "Ben Beheer", "ben@example.nl", "admin")
		_, err = f.s.UpdatePerson(ctx, f.adm, ben.ID, PersonInput{Name: ben.Name, Email: ben.Email, Active: ptr(false)})
		noErr(t, err)
		_, err = f.s.SetRoles(ctx, f.adm, f.admin.ID, []string{"employee"})
		wantKind(t, err, apperr.Conflict)

		_, err = f.s.UpdatePerson(ctx, f.adm, ben.ID, PersonInput{Name: ben.Name, Email: ben.Email, Active: ptr(true)})
		noErr(t, err)
		p, err := f.s.SetRoles(ctx, f.adm, f.admin.ID, []string{"employee", "office_manager"})
		noErr(t, err)
		if !slices.Equal(p.Roles, []string{"employee", "office_manager"}) {
			t.Errorf("roles = %v", p.Roles)
		}
		benActor := actorOf(f.s, ben)
		_, err = f.s.UpdatePerson(ctx, benActor, ben.ID, PersonInput{Name: ben.Name, Email: ben.Email, Active: ptr(false)})
		wantKind(t, err, apperr.Conflict)
		if s := auditSummaries(t, d, "person"); !slices.Contains(s, "set roles of Ada Admin to employee, office_manager") {
			t.Errorf("audit = %v", s)
		}
	})
}

// Two administrators demoting each other at the same moment must not both
// succeed.
func TestLastAdministratorRace(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ben := f.person(t, "Ben Beheer", "ben@example.nl", "admin")
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, target := range []Person{ben, f.admin} {
			wg.Go(func() { _, errs[i] = f.s.SetRoles(ctx, f.adm, target.ID, []string{"employee"}) })
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("errors %v; want exactly one refused", errs)
		}
		for _, err := range errs {
			if err != nil {
				wantKind(t, err, apperr.Conflict)
			}
		}
		ps, total, err := f.s.ListPeople(ctx, f.adm, PeopleFilter{Role: "admin", ActiveOnly: true})
		noErr(t, err)
		if total != 1 || len(ps) != 1 {
			t.Errorf("%d administrators left, want 1", total)
		}
	})
}

func TestSetRoles(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		bram := f.person(t, "Bram", "bram@example.nl")
		om := f.actor(t, authz.RoleOfficeManager)
		_, err := f.s.SetRoles(ctx, om, bram.ID, []string{"principal"})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.s.SetRoles(ctx, f.adm, bram.ID, []string{"principal", "wizard"})
		wantField(t, err, "roles", `unknown role "wizard"`)
		_, err = f.s.SetRoles(ctx, f.adm, "missing", []string{"principal"})
		wantKind(t, err, apperr.NotFound)
		p, err := f.s.SetRoles(ctx, f.adm, bram.ID, []string{"principal", "employee"})
		noErr(t, err)
		if !slices.Equal(p.Roles, []string{"employee", "principal"}) {
			t.Errorf("roles = %v", p.Roles)
		}
		got, err := f.s.Person(ctx, f.adm, bram.ID)
		noErr(t, err)
		if !slices.Equal(got.Roles, p.Roles) {
			t.Errorf("stored roles = %v", got.Roles)
		}
	})
}

func TestUpdateProfile(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		emma := f.person(t, "Emma", "emma@example.nl")
		a := actorOf(f.s, emma)
		_, err := f.s.UpdateProfile(ctx, a, "", "fr")
		wantField(t, err, "language", "nl or en")
		p, err := f.s.UpdateProfile(ctx, a, " 030 123 4567 ", "en")
		noErr(t, err)
		if p.ID != emma.ID || p.Phone != "030 123 4567" || p.Language != "en" {
			t.Errorf("profile = %+v", p)
		}
		_, err = f.s.UpdateProfile(ctx, authz.System("cli"), "", "")
		wantKind(t, err, apperr.Forbidden)
	})
}
