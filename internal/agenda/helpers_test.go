package agenda

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
)

var ctx = context.Background()

var ams = mustZone("Europe/Amsterdam")

func mustZone(n string) *time.Location {
	l, err := time.LoadLocation(n)
	if err != nil {
		panic(err)
	}
	return l
}

// at is a wall-clock time in Amsterdam.
func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ams) }

// fixture is an organization with a principal, their assistants and a
// colleague, on one database.
type fixture struct {
	db    *db.DB
	svc   *Service
	clock *clock.Manual
	roles *authz.Roles
	// people
	boss, ma, maSee, emp, other string
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	f := &fixture{db: d, svc: &Service{DB: d, Clock: clk}, clock: clk, roles: roles}
	if _, err := d.W.Exec(`INSERT INTO organization (id, name, language, time_zone, created_at) VALUES (1, 'Test', 'nl', 'Europe/Amsterdam', $1)`, clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.boss = f.person(t, "Bea Baas", authz.RolePrincipal)
	f.ma = f.person(t, "Mara Assistent", authz.RoleManagementAssistant)
	f.maSee = f.person(t, "Mo Meekijker", authz.RoleManagementAssistant)
	f.emp = f.person(t, "Erik Medewerker", authz.RoleEmployee)
	f.other = f.person(t, "Olga Ander", authz.RolePrincipal)
	f.mandate(t, f.boss, f.ma, "agenda.see agenda.see_private agenda.edit agenda.respond")
	f.mandate(t, f.boss, f.maSee, "agenda.see")
	return f
}

// person inserts a person with roles and returns the ID.
func (f *fixture) person(t testing.TB, name string, roles ...string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, name, id+"@example.nl", now); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := f.db.W.Exec(`INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (f *fixture) mandate(t testing.TB, principal, assistant, scopes string) {
	t.Helper()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO mandates (id, principal_id, assistant_id, scopes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		uuid.Must(uuid.NewV7()).String(), principal, assistant, scopes, now); err != nil {
		t.Fatal(err)
	}
}

// actor is the person as they would be after logging in.
func (f *fixture) actor(t testing.TB, id string) *authz.Actor {
	t.Helper()
	r := &authz.Resolver{DB: f.db, Roles: f.roles}
	a, err := r.Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// create adds an item to owner's agenda as owner.
func (f *fixture) create(t testing.TB, owner string, in Input) Appointment {
	t.Helper()
	ap, err := f.svc.Create(ctx, f.actor(t, owner), owner, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Title, err)
	}
	return ap
}

func wantKind(t testing.TB, err error, k apperr.Kind) {
	t.Helper()
	if got := apperr.KindOf(err); err == nil || got != k {
		t.Fatalf("got %v (kind %d), want kind %d", err, got, k)
	}
}

func wantField(t testing.TB, err error, field string) {
	t.Helper()
	wantKind(t, err, apperr.Invalid)
	if apperr.FieldsOf(err)[field] == "" {
		t.Fatalf("no message for %s: %v (%v)", field, err, apperr.FieldsOf(err))
	}
}

func titles(list []Occurrence) []string {
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.Title
		if o.Hidden {
			out[i] = "(busy)"
		}
	}
	return out
}
