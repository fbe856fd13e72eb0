package identity

import (
	"context"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

const newPassword = "a brand new password"

func TestSetPassword(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		adminID := f.person(t, "Admin", "admin@example.nl", goodPassword, authz.RoleAdmin)
		omID := f.person(t, "Olga", "olga@example.nl", goodPassword, authz.RoleOfficeManager)
		empID := f.person(t, "Erik", "erik@example.nl", goodPassword, authz.RoleEmployee)
		admin2ID := f.person(t, "Second Admin", "admin2@example.nl", goodPassword, authz.RoleAdmin)
		directorID := f.person(t, "Dirk Directeur", "dirk@example.nl", goodPassword, authz.RolePrincipal)
		assistantID := f.person(t, "Anna Assistent", "anna@example.nl", goodPassword, authz.RoleManagementAssistant)
		admin, om, emp := f.actor(t, adminID), f.actor(t, omID), f.actor(t, empID)
		// An Office Manager onboards staff but cannot take over a principal's
		// or an assistant's account by setting its password.
		wantKind(t, f.svc.SetPassword(ctx, om, directorID, newPassword), apperr.Forbidden)
		wantKind(t, f.svc.SetPassword(ctx, om, assistantID, newPassword), apperr.Forbidden)
		if err := f.svc.SetPassword(ctx, admin, directorID, newPassword); err != nil {
			t.Fatalf("an administrator resets a director's password: %v", err)
		}

		token, _, err := f.login("erik@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}

		wantKind(t, f.svc.SetPassword(ctx, emp, omID, newPassword), apperr.Forbidden)
		wantKind(t, f.svc.SetPassword(ctx, emp, empID, newPassword), apperr.Forbidden)
		wantKind(t, f.svc.SetPassword(ctx, om, admin2ID, newPassword), apperr.Forbidden)
		wantKind(t, f.svc.SetPassword(ctx, om, "no-such-person", newPassword), apperr.NotFound)
		err = f.svc.SetPassword(ctx, om, empID, "short")
		wantKind(t, err, apperr.Invalid)
		if apperr.FieldsOf(err)["password"] == "" {
			t.Errorf("no password field: %v", err)
		}

		if err := f.svc.SetPassword(ctx, om, empID, newPassword); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Session(ctx, token)
		wantKind(t, err, apperr.Unauthorized)
		_, _, err = f.login("erik@example.nl", goodPassword, "")
		wantKind(t, err, apperr.Unauthorized)
		if _, _, err := f.login("erik@example.nl", newPassword, ""); err != nil {
			t.Fatal(err)
		}

		if err := f.svc.SetPassword(ctx, admin, admin2ID, newPassword); err != nil {
			t.Fatalf("admin sets another admin's password: %v", err)
		}
		if err := f.svc.SetPassword(ctx, authz.System("cli"), adminID, newPassword); err != nil {
			t.Fatalf("command line: %v", err)
		}

		entries, err := (&audit.Log{DB: d}).List(ctx, admin, audit.Filter{ObjectType: "person"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 4 {
			t.Fatalf("audit: %+v", entries)
		}
		for _, e := range entries {
			if strings.Contains(e.Before+e.After+e.Summary, newPassword) || strings.Contains(e.Before+e.After, "argon2") {
				t.Errorf("audit entry reveals the password: %+v", e)
			}
		}
		if entries[2].Summary != "set the password of Erik, ended their sessions and revoked their API tokens" || entries[2].ActorID != omID {
			t.Errorf("audit %+v", entries[2])
		}
	})
}

func TestChangePassword(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		id := f.person(t, "Erik", "erik@example.nl", goodPassword, authz.RoleEmployee)
		keep, actor, err := f.login("erik@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		other, _, err := f.login("erik@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}

		err = f.svc.ChangePassword(ctx, actor, "not my password", "short", keep)
		wantKind(t, err, apperr.Invalid)
		if fs := apperr.FieldsOf(err); fs["old_password"] == "" || fs["new_password"] == "" {
			t.Errorf("fields %v", fs)
		}

		if err := f.svc.ChangePassword(ctx, actor, goodPassword, newPassword, keep); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Session(ctx, keep); err != nil {
			t.Errorf("the current session ended: %v", err)
		}
		_, err = f.svc.Session(ctx, other)
		wantKind(t, err, apperr.Unauthorized)
		if _, _, err := f.login("erik@example.nl", newPassword, ""); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE object_id = $1 AND summary = 'changed own password'`, id); n != 1 {
			t.Errorf("%d audit entries", n)
		}

		// Guessing the old password is throttled like logging in.
		for range MaxAccountFailures {
			wantKind(t, f.svc.ChangePassword(ctx, actor, "guess guess guess", newPassword+"!", keep), apperr.Invalid)
		}
		wantKind(t, f.svc.ChangePassword(ctx, actor, newPassword, newPassword+"!", keep), apperr.TooMany)
	})
}
