package org

import (
	"slices"
	"testing"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestDepartments(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		emp := f.actor(t, authz.RoleEmployee)
		_, err := f.s.CreateDepartment(ctx, emp, DepartmentInput{Name: "Sales"})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.s.Departments(ctx, authz.NewActor("x", "X", "x@example.nl", nil, f.s.Roles, nil))
		wantKind(t, err, apperr.Forbidden)

		om := f.actor(t, authz.RoleOfficeManager)
		ops, err := f.s.CreateDepartment(ctx, om, DepartmentInput{Name: " Operations "})
		noErr(t, err)
		if ops.Name != "Operations" || ops.ParentID != "" {
			t.Errorf("created %+v", ops)
		}
		_, err = f.s.CreateDepartment(ctx, om, DepartmentInput{Name: "operations"})
		wantField(t, err, "name", "already in use")
		_, err = f.s.CreateDepartment(ctx, om, DepartmentInput{Name: ""})
		wantField(t, err, "name", "required")
		_, err = f.s.CreateDepartment(ctx, om, DepartmentInput{Name: "Facilities", ParentID: "nope"})
		wantField(t, err, "parent_id", "does not exist")

		fac, err := f.s.CreateDepartment(ctx, om, DepartmentInput{Name: "Facilities", ParentID: ops.ID})
		noErr(t, err)
		if fac.ParentName != "Operations" {
			t.Errorf("parent name = %q", fac.ParentName)
		}
		cat, err := f.s.CreateDepartment(ctx, om, DepartmentInput{Name: "Catering", ParentID: fac.ID})
		noErr(t, err)

		_, err = f.s.UpdateDepartment(ctx, om, ops.ID, DepartmentInput{Name: "Operations", ParentID: ops.ID})
		wantField(t, err, "parent_id", "itself")
		_, err = f.s.UpdateDepartment(ctx, om, ops.ID, DepartmentInput{Name: "Operations", ParentID: cat.ID})
		wantField(t, err, "parent_id", "loop")
		_, err = f.s.UpdateDepartment(ctx, om, fac.ID, DepartmentInput{Name: "OPERATIONS", ParentID: ops.ID})
		wantField(t, err, "name", "already in use")
		_, err = f.s.UpdateDepartment(ctx, om, "missing", DepartmentInput{Name: "X"})
		wantKind(t, err, apperr.NotFound)
		fac, err = f.s.UpdateDepartment(ctx, om, fac.ID, DepartmentInput{Name: "Facility Services", ParentID: ops.ID})
		noErr(t, err)
		if fac.Name != "Facility Services" {
			t.Errorf("renamed to %q", fac.Name)
		}

		p1, err := f.s.CreatePerson(ctx, om, PersonInput{Name: "Karel", Email: "karel@example.nl", DepartmentID: fac.ID})
		noErr(t, err)
		p2, err := f.s.CreatePerson(ctx, om, PersonInput{Name: "Lotte", Email: "lotte@example.nl", DepartmentID: fac.ID})
		noErr(t, err)
		_, err = f.s.UpdatePerson(ctx, om, p2.ID, PersonInput{Name: p2.Name, Email: p2.Email, DepartmentID: fac.ID, Active: ptr(false)})
		noErr(t, err)

		list, err := f.s.Departments(ctx, emp)
		noErr(t, err)
		var got []string
		for _, dep := range list {
			got = append(got, dep.Name)
			if dep.ID == fac.ID && (dep.PeopleCount != 1 || dep.ParentName != "Operations") {
				t.Errorf("Facility Services = %+v, want 1 active person, under Operations", dep)
			}
		}
		if !slices.Equal(got, []string{"Catering", "Facility Services", "Operations"}) {
			t.Errorf("departments = %v", got)
		}

		noErr(t, f.s.DeleteDepartment(ctx, om, fac.ID))
		wantKind(t, f.s.DeleteDepartment(ctx, om, fac.ID), apperr.NotFound)
		wantKind(t, f.s.DeleteDepartment(ctx, emp, ops.ID), apperr.Forbidden)
		p, err := f.s.Person(ctx, om, p1.ID)
		noErr(t, err)
		if p.DepartmentID != "" {
			t.Errorf("person still in deleted department: %+v", p)
		}
		c, err := f.s.Department(ctx, emp, cat.ID)
		noErr(t, err)
		if c.ParentID != "" {
			t.Errorf("sub-department of a deleted department: %+v", c)
		}
		s := auditSummaries(t, d, "department")
		for _, want := range []string{"created department Operations", "changed department Facility Services", "deleted department Facility Services"} {
			if !slices.Contains(s, want) {
				t.Errorf("audit %v lacks %q", s, want)
			}
		}
	})
}
