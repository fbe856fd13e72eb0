package rooms

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
	"spil/internal/jobs"
)

var ctx = context.Background()

var ams = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return l
}()

// at is a wall-clock time in Amsterdam.
func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ams) }

// fixture is an organization with an office manager, a principal with an
// assistant, and two employees, on one database. The clock stands on
// Monday 2 November 2026, 08:00 in Amsterdam.
type fixture struct {
	db                      *db.DB
	svc                     *Service
	clock                   *clock.Manual
	roles                   *authz.Roles
	loc                     string
	om, boss, ma, emp, emp2 string
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(at(2026, 11, 2, 8, 0))
	q := &jobs.Queue{DB: d, Clock: clk}
	f := &fixture{db: d, svc: &Service{DB: d, Clock: clk, Jobs: q, BaseURL: "https://spil.example.nl"}, clock: clk, roles: roles}
	if _, err := d.W.Exec(`INSERT INTO organization (id, name, language, time_zone, created_at) VALUES (1, 'Test', 'nl', 'Europe/Amsterdam', $1)`, clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.loc = uuid.Must(uuid.NewV7()).String()
	if _, err := d.W.Exec(`INSERT INTO locations (id, name, created_at, updated_at) VALUES ($1, 'Utrecht', $2, $2)`, f.loc, clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.om = f.person(t, "Olivia Office", authz.RoleOfficeManager, authz.RoleEmployee)
	f.boss = f.person(t, "Bea Baas", authz.RolePrincipal)
	f.ma = f.person(t, "Mara Assistent", authz.RoleManagementAssistant)
	f.emp = f.person(t, "Erik Medewerker", authz.RoleEmployee)
	f.emp2 = f.person(t, "Eva Collega", authz.RoleEmployee)
	f.mandate(t, f.boss, f.ma, "agenda.see agenda.edit")
	return f
}

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

func (f *fixture) actor(t testing.TB, id string) *authz.Actor {
	t.Helper()
	a, err := (&authz.Resolver{DB: f.db, Roles: f.roles}).Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// room creates a room as the office manager; change adjusts the input.
func (f *fixture) room(t testing.TB, name string, change func(*RoomInput)) Room {
	t.Helper()
	in := RoomInput{LocationID: f.loc, Name: name, Capacity: 8, Equipment: []string{"screen"}}
	if change != nil {
		change(&in)
	}
	r, err := f.svc.Create(ctx, f.actor(t, f.om), in)
	if err != nil {
		t.Fatalf("create room %s: %v", name, err)
	}
	return r
}

func (f *fixture) book(t testing.TB, who string, in BookingInput) Booking {
	t.Helper()
	b, err := f.svc.Book(ctx, f.actor(t, who), in)
	if err != nil {
		t.Fatalf("book %q: %v", in.Title, err)
	}
	return b
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
