package budget

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
)

var ctx = context.Background()

type fixture struct {
	db    *db.DB
	clock *clock.Manual
	svc   *Service
	roles *authz.Roles
	om    *authz.Actor // Office Manager
	dir   *authz.Actor // principal: countersigns invoices
	emp   *authz.Actor // employee
	ma    *authz.Actor // management assistant
}

// newFixture is a budget service on d with the clock at 15 June 2026.
func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	rs, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: d, clock: clock.NewManual(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)), roles: rs}
	f.svc = &Service{DB: d, Clock: f.clock}
	f.om = f.person(t, "Olga Office", authz.RoleOfficeManager)
	f.dir = f.person(t, "Hendrik Director", authz.RolePrincipal)
	f.emp = f.person(t, "Daan Employee", authz.RoleEmployee)
	f.ma = f.person(t, "Lotte Assistant", authz.RoleManagementAssistant)
	return f
}

func (f *fixture) person(t testing.TB, name, role string) *authz.Actor {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, name, id+"@example.nl", now); err != nil {
		t.Fatal(err)
	}
	return authz.NewActor(id, name, id+"@example.nl", []string{role}, f.roles, nil)
}

// supplier inserts a supplier and returns its ID.
func (f *fixture) supplier(t testing.TB, name string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, id, name, now); err != nil {
		t.Fatal(err)
	}
	return id
}

// contract inserts a contract and returns its ID; ends "" is open-ended.
func (f *fixture) contract(t testing.TB, supplierID, category, starts, ends, status string, renew bool, yearly int64) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	var e any
	if ends != "" {
		e = ends
	}
	if _, err := f.db.W.Exec(`INSERT INTO contracts (id, supplier_id, subject, starts_on, ends_on, auto_renew, yearly_value_cents, currency, budget_category, status, created_at, updated_at)
		VALUES ($1, $2, 'contract', $3, $4, $5, $6, 'EUR', $7, $8, $9, $9)`, id, supplierID, starts, e, renew, yearly, category, status, now); err != nil {
		t.Fatal(err)
	}
	return id
}

// invoice inserts an invoice row as the invoices module stores it.
func (f *fixture) invoice(t testing.TB, kind, category, issued, status string, excl int64, contractID string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	var cat, con any
	if category != "" {
		cat = category
	}
	if contractID != "" {
		con = contractID
	}
	if _, err := f.db.W.Exec(`INSERT INTO invoices (id, kind, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
		budget_category, contract_id, status, channel, registered_at, updated_at)
		VALUES ($1, $2, 'Supplier', $1, $3, $3, 'EUR', $4, 0, $4, $4, $5, $6, $7, 'api', $8, $8)`, id, kind, issued, excl, cat, con, status, now); err != nil {
		t.Fatal(err)
	}
	return id
}
