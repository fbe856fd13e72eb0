package catalogedit

import (
	"context"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/password"
	"spil/internal/testutil"
)

var ctx = context.Background()

type fixture struct {
	svc   *Service
	org   *org.Service
	roles *authz.Roles
	admin *authz.Actor
	om    *authz.Actor
	emp   *authz.Actor
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	roles, err := authz.FromCatalog(base)
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	o := &org.Service{DB: d, Clock: clk, Roles: roles, PasswordParams: password.Params{Memory: 1024, Time: 1, Threads: 1}}
	admin, err := o.Setup(ctx, org.SetupInput{OrganizationName: "Bureau", AdminName: "Ada Admin", AdminEmail: "ada@example.nl", AdminPassword: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{svc: &Service{DB: d, Clock: clk, Base: base, Book: catalog.NewBook(base), Roles: roles}, org: o, roles: roles}
	f.admin = authz.NewActor(admin.ID, admin.Name, admin.Email, admin.Roles, roles, nil)
	for _, p := range []struct {
		name, email, role string
		dst               **authz.Actor
	}{{"Olga Office", "olga@example.nl", authz.RoleOfficeManager, &f.om}, {"Eva Employee", "eva@example.nl", authz.RoleEmployee, &f.emp}} {
		person, err := o.CreatePerson(ctx, f.admin, org.PersonInput{Name: p.name, Email: p.email, Roles: []string{p.role}})
		if err != nil {
			t.Fatal(err)
		}
		*p.dst = authz.NewActor(person.ID, person.Name, person.Email, person.Roles, roles, nil)
	}
	return f
}

func want(t *testing.T, err error, k apperr.Kind, part string) {
	t.Helper()
	if apperr.KindOf(err) != k || !strings.Contains(err.Error(), part) {
		t.Fatalf("got %v, want kind %d mentioning %q", err, k, part)
	}
}

func TestAnOrganizationSetsItsOwnSalaryAndCanGoBack(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := SalaryInput{Average: 4100, Min: 3800, Max: 4500, AsOf: "2026-07-01", Source: "CAO Advocatuur 2026"}
		want(t, f.svc.SetSalary(ctx, f.emp, "management_assistant", in), apperr.Forbidden, "")
		if err := f.svc.SetSalary(ctx, f.om, "management_assistant", in); err != nil {
			t.Fatal(err)
		}
		ma, _ := f.svc.Book.Current().Role("management_assistant")
		if ma.Salary.Average != 4100 || ma.Salary.Source.NL != "CAO Advocatuur 2026" {
			t.Fatalf("salary in force %+v", ma.Salary)
		}
		if base, _ := f.svc.Base.Role("management_assistant"); base.Salary.Average != 3889 {
			t.Fatalf("the embedded default changed: %+v", base.Salary)
		}
		// Another instance on the same database loads the same catalog.
		other := &Service{DB: d, Clock: f.svc.Clock, Base: f.svc.Base, Book: catalog.NewBook(f.svc.Base), Roles: f.roles}
		if err := other.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if r, _ := other.Book.Current().Role("management_assistant"); r.Salary.Average != 4100 {
			t.Fatalf("another instance sees %+v", r.Salary)
		}
		bad := SalaryInput{Average: 5000, Min: 4800, Max: 4500, AsOf: "1 juli", Source: ""}
		err := f.svc.SetSalary(ctx, f.om, "management_assistant", bad)
		for _, field := range []string{"average", "as_of", "source"} {
			if apperr.FieldsOf(err)[field] == "" {
				t.Errorf("no message for %s: %v", field, err)
			}
		}
		want(t, f.svc.SetSalary(ctx, f.om, "astronaut", in), apperr.NotFound, "astronaut")
		if err := f.svc.ResetSalary(ctx, f.om, "management_assistant"); err != nil {
			t.Fatal(err)
		}
		if r, _ := f.svc.Book.Current().Role("management_assistant"); r.Salary.Average != 3889 {
			t.Fatalf("after reset %+v", r.Salary)
		}
		want(t, f.svc.ResetSalary(ctx, f.om, "management_assistant"), apperr.NotFound, "")
	})
}

func TestARoleOfTheOrganizationsOwnCanBeGivenAndIsNotRemovedWhileHeld(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := RoleInput{Key: "executive_assistant", Name: catalog.Text{NL: "Executive Assistant"},
			Summary: catalog.Text{NL: "Ondersteunt de directie op het hoogste niveau.", EN: "Supports the board at the highest level."},
			BasedOn: authz.RoleManagementAssistant,
			Salary:  &SalaryInput{Average: 4600, Min: 4200, Max: 5200, AsOf: "2026-07-01", Source: "own survey"}}
		r, err := f.svc.AddRole(ctx, f.om, in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Name.EN != "Executive Assistant" || r.Kind != catalog.KindJob || !strings.Contains(r.Scope.NL, "leidinggevenden") {
			t.Fatalf("role %+v", r)
		}
		// The role exists for authorization: it can be given, and grants the
		// permissions of the role it is based on.
		if !f.roles.Permissions([]string{"executive_assistant"})[authz.PrincipalsAssist] {
			t.Fatal("the new role does not grant the assistant's permissions")
		}
		_, err = f.svc.AddRole(ctx, f.om, in)
		if apperr.FieldsOf(err)["key"] == "" {
			t.Fatalf("a second role with the same key: %v", err)
		}
		_, err = f.svc.AddRole(ctx, f.om, RoleInput{Key: "Bad Key", BasedOn: "nobody"})
		for _, field := range []string{"key", "name", "summary", "based_on"} {
			if apperr.FieldsOf(err)[field] == "" {
				t.Errorf("no message for %s: %v", field, err)
			}
		}
		_, err = f.svc.AddRole(ctx, f.om, RoleInput{Key: "super_user", Name: catalog.Text{NL: "Super"}, Summary: catalog.Text{NL: "x"}, BasedOn: authz.RoleAdmin})
		want(t, err, apperr.Forbidden, "administrator")

		p, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: "Sanne Smit", Email: "sanne@example.nl", Roles: []string{"executive_assistant"}})
		if err != nil {
			t.Fatalf("giving the new role: %v", err)
		}
		want(t, f.svc.DeleteRole(ctx, f.om, "executive_assistant"), apperr.Conflict, "Sanne Smit")
		if _, ok := f.svc.Book.Current().Role("executive_assistant"); !ok {
			t.Fatal("a refused removal removed the role")
		}
		if _, err := f.org.SetRoles(ctx, f.admin, p.ID, []string{authz.RoleEmployee}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteRole(ctx, f.om, "executive_assistant"); err != nil {
			t.Fatal(err)
		}
		if _, ok := f.roles.Get("executive_assistant"); ok {
			t.Fatal("the removed role still exists for authorization")
		}
		want(t, f.svc.DeleteRole(ctx, f.om, authz.RoleOfficeManager), apperr.Conflict, "cannot be removed")
		changes, err := f.svc.Changes(ctx, f.admin)
		if err != nil || len(changes) != 0 {
			t.Fatalf("changes left: %v %v", changes, err)
		}
	})
}
