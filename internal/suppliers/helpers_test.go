package suppliers

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
)

var ctx = context.Background()

// fixture is an organization with an Office Manager, an assistant who
// registers invoices and an employee, on one database.
type fixture struct {
	db          *db.DB
	svc         *Service
	clock       *clock.Manual
	roles       *authz.Roles
	om, ma, emp *authz.Actor
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	texts, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	q := &jobs.Queue{DB: d, Clock: clk}
	f := &fixture{db: d, clock: clk, roles: roles,
		svc: &Service{DB: d, Clock: clk, Jobs: q, Texts: texts, BaseURL: "https://spil.example.nl"}}
	if _, err := d.W.Exec(`INSERT INTO organization (id, name, language, time_zone, created_at) VALUES (1, 'Test', 'nl', 'Europe/Amsterdam', $1)`, clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.om = f.person(t, "Olga Office", authz.RoleOfficeManager)
	f.ma = f.person(t, "Mara Assistent", authz.RoleManagementAssistant)
	f.emp = f.person(t, "Erik Medewerker", authz.RoleEmployee)
	return f
}

// person inserts a person with roles and returns them as an actor.
func (f *fixture) person(t testing.TB, name string, roles ...string) *authz.Actor {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	email := id[len(id)-12:] + "@example.nl"
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, name, email, now); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := f.db.W.Exec(`INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return authz.NewActor(id, name, email, roles, f.roles, nil)
}

// cleaner is a valid supplier input: a cleaning company with a trusted-to-be
// account.
func cleaner() SupplierInput {
	return SupplierInput{
		Name: "Schoon & Snel B.V.", KvKNumber: "1234 5678", VATNumber: "NL 0044.95445.B01", Category: "cleaning",
		Street: "Keizersgracht 1", Postcode: "1015cj", City: "Amsterdam",
		Contacts: []Contact{{Name: "Jan Schoon", Role: "accountmanager", Email: "jan@schoon.example"}},
		Accounts: []AccountInput{{IBAN: "NL91 ABNA 0417 1643 00", Holder: "Schoon & Snel B.V."}},
	}
}
