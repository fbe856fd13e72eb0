package identity

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/password"
)

var testParams = password.Params{Memory: 1024, Time: 1, Threads: 1}

const goodPassword = "correct horse battery"

var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

type fixture struct {
	db    *db.DB
	clock *clock.Manual
	svc   *Service
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(t0)
	return &fixture{db: d, clock: clk, svc: &Service{
		DB: d, Clock: clk, Resolver: &authz.Resolver{DB: d, Roles: roles},
		IdleTimeout: 2 * time.Hour, MaxAge: 7 * 24 * time.Hour, Params: testParams,
	}}
}

// person inserts a person with a password (pw "" for none) and roles, and
// returns the ID.
func (f *fixture) person(t *testing.T, name, email, pw string, roles ...string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	hash := ""
	if pw != "" {
		var err error
		if hash, err = password.Hash(pw, testParams); err != nil {
			t.Fatal(err)
		}
	}
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at, password_hash) VALUES ($1, $2, $3, $4, $4, $5)`,
		id, name, email, now, hash); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := f.db.W.Exec(`INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (f *fixture) actor(t *testing.T, id string) *authz.Actor {
	t.Helper()
	a, err := f.svc.Resolver.Resolve(context.Background(), id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.R.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantKind(t *testing.T, err error, k apperr.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %d", k)
	}
	if got := apperr.KindOf(err); got != k {
		t.Fatalf("got kind %d (%v), want %d", got, err, k)
	}
}

func (f *fixture) login(email, pw, addr string) (string, *authz.Actor, error) {
	return f.svc.Login(context.Background(), LoginInput{Email: email, Password: pw, Address: addr, UserAgent: "test"})
}
