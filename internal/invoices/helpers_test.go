package invoices

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/suppliers"
)

var ctx = context.Background()

// fixture is an organization with an Office Manager (two), an assistant,
// two directors and an employee, on one database.
type fixture struct {
	db                          *db.DB
	svc                         *Service
	clock                       *clock.Manual
	roles                       *authz.Roles
	om, om2, ma, dir, dir2, emp string
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	sup := &suppliers.Service{DB: d, Clock: clk}
	f := &fixture{db: d, clock: clk, roles: roles,
		svc: &Service{DB: d, Clock: clk, Suppliers: sup, Budget: &budget.Service{DB: d, Clock: clk}}}
	if _, err := d.W.Exec(`INSERT INTO organization (id, name, language, time_zone, created_at) VALUES (1, 'Test', 'nl', 'Europe/Amsterdam', $1)`, clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.om = f.person(t, "Esther Office", authz.RoleOfficeManager)
	f.om2 = f.person(t, "Olaf Office", authz.RoleOfficeManager)
	f.ma = f.person(t, "Mara Assistent", authz.RoleManagementAssistant)
	f.dir = f.person(t, "Dirk Directeur", authz.RolePrincipal)
	f.dir2 = f.person(t, "Dora Directeur", authz.RolePrincipal)
	f.emp = f.person(t, "Erik Medewerker", authz.RoleEmployee)
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

func (f *fixture) actor(t testing.TB, id string) *authz.Actor {
	t.Helper()
	r := &authz.Resolver{DB: f.db, Roles: f.roles}
	a, err := r.Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// supplier inserts a supplier (category a supplier category key) and
// returns its ID.
func (f *fixture) supplier(t testing.TB, name, kvk, vat, category string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO suppliers (id, name, kvk_number, vat_number, category, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
		id, name, kvk, vat, category, now); err != nil {
		t.Fatal(err)
	}
	return id
}

// account adds a bank account, trusted or not.
func (f *fixture) account(t testing.TB, supplierID, iban string, trusted bool) {
	t.Helper()
	now := f.clock.Now()
	var at any
	if trusted {
		at = now
	}
	if _, err := f.db.W.Exec(`INSERT INTO supplier_bank_accounts (id, supplier_id, iban, trusted_at, source, created_at) VALUES ($1, $2, $3, $4, 'manual', $5)`,
		uuid.Must(uuid.NewV7()).String(), supplierID, iban, at, now); err != nil {
		t.Fatal(err)
	}
}

// contract adds a running contract.
func (f *fixture) contract(t testing.TB, supplierID, subject, category string, yearly int64) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	if _, err := f.db.W.Exec(`INSERT INTO contracts (id, supplier_id, subject, starts_on, yearly_value_cents, currency, budget_category, status, created_at, updated_at)
		VALUES ($1, $2, $3, '2025-01-01', $4, 'EUR', $5, 'active', $6, $6)`, id, supplierID, subject, yearly, category, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	return id
}

// glans is the example cleaning company.
func glans(number string, net int64) Example {
	return Example{SupplierName: "Glans Schoonmaak", KvK: "12345678", VAT: "NL001234567B01", Number: number,
		IssueDate: "2026-10-15", DueDate: "2026-11-14", Description: "Schoonmaak oktober", NetCents: net, IBAN: "NL91ABNA0417164300"}
}

// importOK imports e as actor or fails.
func (f *fixture) importOK(t testing.TB, actor string, e Example) Imported {
	t.Helper()
	out, err := f.svc.ImportUBL(ctx, f.actor(t, actor), ExampleUBL(e), ChannelUpload)
	if err != nil {
		t.Fatalf("import %s: %v", e.Number, err)
	}
	return out
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

func hasCheck(c Checks, key string) bool {
	for _, x := range c.List {
		if x.Key == key {
			return true
		}
	}
	return false
}
