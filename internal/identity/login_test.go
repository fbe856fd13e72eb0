package identity

import (
	"context"
	"fmt"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestLogin(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		id := f.person(t, "Anna de Vries", "Anna@Example.nl", goodPassword, authz.RolePrincipal)
		f.person(t, "No Password", "nopw@example.nl", "", authz.RoleEmployee)
		inactive := f.person(t, "Gone", "gone@example.nl", goodPassword, authz.RoleEmployee)
		if _, err := d.W.Exec(`UPDATE people SET active = FALSE WHERE id = $1`, inactive); err != nil {
			t.Fatal(err)
		}

		token, actor, err := f.login(" anna@example.NL ", goodPassword, "192.0.2.1:5555")
		if err != nil {
			t.Fatal(err)
		}
		if actor.PersonID != id || actor.Via != authz.ViaSession || !actor.HasRole(authz.RolePrincipal) {
			t.Errorf("actor = %+v", actor)
		}
		if len(token) != 43 {
			t.Errorf("token %q: want 43 base64url characters", token)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE id_hash = $1`, token); n != 0 {
			t.Error("the session token is stored in plain text")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE id_hash = $1 AND address = '192.0.2.1' AND user_agent = 'test'`, hashSecret(token)); n != 1 {
			t.Error("session not stored by hash with its address")
		}
		got, err := f.svc.Session(context.Background(), token)
		if err != nil || got.PersonID != id {
			t.Fatalf("Session = %v, %v", got, err)
		}

		var msgs []string
		for _, c := range []struct{ email, pw string }{
			{"anna@example.nl", "wrong password!"},
			{"nobody@example.nl", goodPassword},
			{"nopw@example.nl", ""},
			{"gone@example.nl", goodPassword},
		} {
			_, _, err := f.login(c.email, c.pw, "192.0.2.2")
			wantKind(t, err, apperr.Unauthorized)
			msgs = append(msgs, apperr.MessageOf(err))
		}
		for _, m := range msgs[1:] {
			if m != msgs[0] {
				t.Errorf("messages differ: %q", msgs)
			}
		}
	})
}

func TestLoginThrottlePerAccount(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)

		// A success clears earlier failures.
		for range 3 {
			_, _, err := f.login("anna@example.nl", "wrong password!", "192.0.2.1")
			wantKind(t, err, apperr.Unauthorized)
		}
		if _, _, err := f.login("anna@example.nl", goodPassword, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		for i := range MaxAccountFailures {
			f.clock.Advance(time.Second)
			_, _, err := f.login("anna@example.nl", "wrong password!", "192.0.2.1")
			if apperr.KindOf(err) != apperr.Unauthorized {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		// The sixth attempt from that address is refused, even with the right password.
		_, _, err := f.login("anna@example.nl", "wrong password!", "192.0.2.1")
		wantKind(t, err, apperr.TooMany)
		_, _, err = f.login("anna@example.nl", goodPassword, "192.0.2.1")
		wantKind(t, err, apperr.TooMany)

		// A different service (another server process) sees the same lock-out.
		other := *f.svc
		_, _, err = other.Login(context.Background(), LoginInput{Email: "anna@example.nl", Password: goodPassword, Address: "192.0.2.1"})
		wantKind(t, err, apperr.TooMany)

		// Anna herself, at another desk, is not locked out by someone guessing
		// from 192.0.2.1.
		if _, _, err := f.login("anna@example.nl", goodPassword, "198.51.100.7"); err != nil {
			t.Fatalf("the right password from another address: %v", err)
		}
		f.clock.Advance(time.Second)
		_, _, err = f.login("anna@example.nl", "wrong password!", "192.0.2.1")
		wantKind(t, err, apperr.TooMany) // still locked for that address

		f.clock.Advance(FailureWindow)
		if _, _, err := f.login("anna@example.nl", goodPassword, "192.0.2.1"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM login_failures WHERE key = 'account:anna@example.nl'`); n != 0 {
			t.Errorf("%d account failures left after a successful login", n)
		}
	})
}

func TestLoginThrottlePerAddress(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)
		// Failures spread over many accounts from one address.
		for i := range MaxAddressFailures {
			_, _, err := f.login("guess"+string(rune('a'+i))+"@example.nl", "whatever password", "203.0.113.9")
			wantKind(t, err, apperr.Unauthorized)
		}
		_, _, err := f.login("anna@example.nl", goodPassword, "203.0.113.9")
		wantKind(t, err, apperr.TooMany)
		if _, _, err := f.login("anna@example.nl", goodPassword, "203.0.113.10"); err != nil {
			t.Fatalf("another address: %v", err)
		}
		f.clock.Advance(FailureWindow + time.Second)
		n, err := f.svc.PruneSessions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != MaxAddressFailures*3 { // account, account-and-address, address
			t.Errorf("pruned %d rows, want %d", n, MaxAddressFailures*3)
		}
		if _, _, err := f.login("anna@example.nl", goodPassword, "203.0.113.9"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func TestLoginThrottleStopsGuessingOneAccountFromManyAddresses(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleEmployee)
		for i := range MaxAccountFailuresAnywhere {
			addr := fmt.Sprintf("198.51.100.%d", i+1)
			_, _, err := f.login("anna@example.nl", "wrong password!", addr)
			wantKind(t, err, apperr.Unauthorized)
		}
		_, _, err := f.login("anna@example.nl", goodPassword, "203.0.113.200")
		wantKind(t, err, apperr.TooMany)
		f.clock.Advance(FailureWindow + time.Second)
		if _, _, err := f.login("anna@example.nl", goodPassword, "203.0.113.200"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}
