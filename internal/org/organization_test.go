package org

import (
	"slices"
	"sync"
	"testing"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/password"
	"spil/internal/testutil"
)

func TestSetup(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		s, _ := newService(t, d)
		_, err := s.Organization(ctx)
		wantKind(t, err, apperr.NotFound)
		if done, err := s.IsSetUp(ctx); err != nil || done {
			t.Fatalf("IsSetUp before setup = %v, %v", done, err)
		}

		_, err = s.Setup(ctx, SetupInput{})
		wantField(t, err, "organization_name", "required")
		wantField(t, err, "admin_name", "required")
		wantField(t, err, "admin_email", "required")
		wantField(t, err, "admin_password", "at least 10")

		_, err = s.Setup(ctx, SetupInput{OrganizationName: "Bakker", Language: "de", TimeZone: "Mars/Olympus",
			AdminName: "Ada", AdminEmail: "Ada Admin <ada@example.nl>", AdminPassword: "short"})
		wantField(t, err, "language", "nl or en")
		wantField(t, err, "time_zone", "not a known time zone")
		wantField(t, err, "admin_email", "not a valid e-mail address")
		if done, _ := s.IsSetUp(ctx); done {
			t.Fatal("a rejected setup set spil up")
		}

		admin, err := s.Setup(ctx, SetupInput{OrganizationName: "  Bakker & Zn  ", AdminName: "Ada Admin",
			AdminEmail: " Ada@Example.NL ", AdminPassword: "correct horse battery"})
		noErr(t, err)
		if admin.Email != "ada@example.nl" || admin.Name != "Ada Admin" || !admin.Active || !admin.CanLogIn {
			t.Errorf("admin = %+v", admin)
		}
		if !slices.Equal(admin.Roles, []string{"admin"}) {
			t.Errorf("admin roles = %v", admin.Roles)
		}
		var hash string
		noErr(t, d.R.QueryRowContext(ctx, `SELECT password_hash FROM people WHERE id = $1`, admin.ID).Scan(&hash))
		if ok, err := password.Verify("correct horse battery", hash); err != nil || !ok {
			t.Errorf("stored password does not verify: %v %v", ok, err)
		}
		o, err := s.Organization(ctx)
		noErr(t, err)
		if o.Name != "Bakker & Zn" || o.Language != "nl" || o.TimeZone != "Europe/Amsterdam" || o.CreatedAt.IsZero() {
			t.Errorf("organization = %+v", o)
		}
		if done, _ := s.IsSetUp(ctx); !done {
			t.Error("IsSetUp after setup = false")
		}
		if got := auditSummaries(t, d, "person"); !slices.Equal(got, []string{"created person Ada Admin (administrator)"}) {
			t.Errorf("audit = %v", got)
		}

		_, err = s.Setup(ctx, SetupInput{OrganizationName: "Other", AdminName: "Eve", AdminEmail: "eve@example.nl",
			AdminPassword: "correct horse battery"})
		wantKind(t, err, apperr.Conflict)
	})
}

func TestSetupRace(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		s, _ := newService(t, d)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = s.Setup(ctx, SetupInput{OrganizationName: "Org", AdminName: "Admin",
					AdminEmail: []string{"a@example.nl", "b@example.nl"}[i], AdminPassword: "correct horse battery"})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if apperr.KindOf(err) != apperr.Conflict {
				t.Errorf("losing setup: %v, want a conflict", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d setups succeeded, want 1 (%v)", ok, errs)
		}
		var n int
		noErr(t, d.R.QueryRowContext(ctx, `SELECT count(*) FROM people`).Scan(&n))
		if n != 1 {
			t.Errorf("%d people after racing setups, want 1", n)
		}
	})
}

func TestUpdateOrganization(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		om := f.actor(t, authz.RoleOfficeManager)
		_, err := f.s.UpdateOrganization(ctx, om, Organization{Name: "X", Language: "nl", TimeZone: "Europe/Amsterdam"})
		wantKind(t, err, apperr.Forbidden)

		_, err = f.s.UpdateOrganization(ctx, f.adm, Organization{Name: " ", Language: "fr", TimeZone: ""})
		wantField(t, err, "name", "required")
		wantField(t, err, "language", "nl or en")
		wantField(t, err, "time_zone", "required")

		o, err := f.s.UpdateOrganization(ctx, f.adm, Organization{Name: "Bakker B.V.", Language: "en", TimeZone: "Europe/London"})
		noErr(t, err)
		if o.Name != "Bakker B.V." || o.Language != "en" || o.TimeZone != "Europe/London" {
			t.Errorf("updated = %+v", o)
		}
		if got, _ := f.s.Organization(ctx); got != o {
			t.Errorf("stored %+v, returned %+v", got, o)
		}
		if got := auditSummaries(t, d, "organization"); !slices.Contains(got, "changed the organization's settings") {
			t.Errorf("audit = %v", got)
		}
	})
}
