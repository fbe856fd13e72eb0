package identity

import (
	"context"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestSessionExpiry(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)

		// Idle: used within the idle timeout it lives on; unused longer, it ends.
		token, _, err := f.login("anna@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			f.clock.Advance(f.svc.IdleTimeout - time.Minute)
			if _, err := f.svc.Session(ctx, token); err != nil {
				t.Fatalf("active session ended: %v", err)
			}
		}
		f.clock.Advance(f.svc.IdleTimeout + time.Second)
		_, err = f.svc.Session(ctx, token)
		wantKind(t, err, apperr.Unauthorized)
		if n := f.count(t, `SELECT COUNT(*) FROM sessions`); n != 0 {
			t.Errorf("idle session not deleted")
		}

		// Absolute: even a busy session ends after MaxAge.
		token, _, err = f.login("anna@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		for elapsed := time.Duration(0); elapsed < f.svc.MaxAge-time.Hour; elapsed += time.Hour {
			f.clock.Advance(time.Hour)
			if _, err := f.svc.Session(ctx, token); err != nil {
				t.Fatalf("after %v: %v", elapsed+time.Hour, err)
			}
		}
		f.clock.Advance(time.Hour)
		_, err = f.svc.Session(ctx, token)
		wantKind(t, err, apperr.Unauthorized)

		_, err = f.svc.Session(ctx, "made-up")
		wantKind(t, err, apperr.Unauthorized)
		_, err = f.svc.Session(ctx, "")
		wantKind(t, err, apperr.Unauthorized)
	})
}

func TestSessionTouchedAtMostOncePerMinute(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)
		token, _, err := f.login("anna@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		lastSeen := func() time.Time {
			var ts time.Time
			if err := d.R.QueryRow(`SELECT last_seen_at FROM sessions WHERE id_hash = $1`, hashSecret(token)).Scan(&ts); err != nil {
				t.Fatal(err)
			}
			return ts.UTC()
		}
		f.clock.Advance(30 * time.Second)
		if _, err := f.svc.Session(ctx, token); err != nil {
			t.Fatal(err)
		}
		if got := lastSeen(); !got.Equal(t0) {
			t.Errorf("last_seen_at = %v after 30s, want unchanged %v", got, t0)
		}
		f.clock.Advance(31 * time.Second)
		if _, err := f.svc.Session(ctx, token); err != nil {
			t.Fatal(err)
		}
		if got, want := lastSeen(), f.clock.Now(); !got.Equal(want) {
			t.Errorf("last_seen_at = %v, want %v", got, want)
		}
	})
}

func TestRotationAndLogout(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		id := f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)
		first, _, err := f.login("anna@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		second, _, err := f.svc.Login(ctx, LoginInput{Email: "anna@example.nl", Password: goodPassword, PreviousToken: first})
		if err != nil {
			t.Fatal(err)
		}
		if second == first {
			t.Fatal("login reused the previous token")
		}
		_, err = f.svc.Session(ctx, first)
		wantKind(t, err, apperr.Unauthorized)
		if _, err := f.svc.Session(ctx, second); err != nil {
			t.Fatal(err)
		}

		if err := f.svc.Logout(ctx, second); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Session(ctx, second)
		wantKind(t, err, apperr.Unauthorized)
		if err := f.svc.Logout(ctx, second); err != nil {
			t.Errorf("second logout: %v", err)
		}

		a, _, _ := f.login("anna@example.nl", goodPassword, "")
		b, _, _ := f.login("anna@example.nl", goodPassword, "")
		if err := f.svc.EndSessions(ctx, id); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{a, b} {
			_, err = f.svc.Session(ctx, tok)
			wantKind(t, err, apperr.Unauthorized)
		}
	})
}

func TestSessionOfDeactivatedPerson(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		id := f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)
		token, _, err := f.login("anna@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`UPDATE people SET active = FALSE WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Session(context.Background(), token)
		wantKind(t, err, apperr.Unauthorized)
	})
}

func TestPruneSessions(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)
		if _, _, err := f.login("anna@example.nl", goodPassword, ""); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(time.Hour)
		fresh, _, err := f.login("anna@example.nl", goodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(f.svc.IdleTimeout - time.Minute) // the first is now idle too long
		n, err := f.svc.PruneSessions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("pruned %d, want 1", n)
		}
		if _, err := f.svc.Session(ctx, fresh); err != nil {
			t.Errorf("fresh session pruned: %v", err)
		}
	})
}
