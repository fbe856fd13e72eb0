package payments

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/iban"
	"spil/internal/sepa"
)

var ctx = context.Background()

type fixture struct {
	db    *db.DB
	clock *clock.Manual
	svc   *Service
	roles *authz.Roles
	om    *authz.Actor
	emp   *authz.Actor
	n     int
}

// newFixture is a payments service on d with the clock at 15 June 2026 and
// the debit account set.
func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	rs, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: d, clock: clock.NewManual(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)), roles: rs}
	f.svc = &Service{DB: d, Clock: f.clock}
	f.om = f.person(t, "Olga Office", authz.RoleOfficeManager)
	f.emp = f.person(t, "Daan Employee", authz.RoleEmployee)
	if _, err := f.svc.SetSettings(ctx, f.om, Settings{DebtorName: "Van Dijk & Partners B.V.", DebtorIBAN: "NL91 ABNA 0417 1643 00"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) person(t testing.TB, name, role string) *authz.Actor {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, name, id+"@example.nl", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	return authz.NewActor(id, name, id+"@example.nl", []string{role}, f.roles, nil)
}

// account makes a valid Dutch IBAN, different for each n.
func account(t testing.TB, n int) string {
	t.Helper()
	a, err := iban.FromBBAN("NL", fmt.Sprintf("INGB%010d", n))
	if err != nil {
		t.Fatal(err)
	}
	return a.String()
}

// supplier inserts a supplier with a bank account (trusted or not) and
// returns the supplier's ID and the IBAN.
func (f *fixture) supplier(t testing.TB, name string, trusted bool) (string, string) {
	t.Helper()
	f.n++
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, id, name, now); err != nil {
		t.Fatal(err)
	}
	acc := account(t, f.n)
	var at any
	if trusted {
		at = now
	}
	if _, err := f.db.W.Exec(`INSERT INTO supplier_bank_accounts (id, supplier_id, iban, trusted_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
		uuid.Must(uuid.NewV7()).String(), id, acc, at, now); err != nil {
		t.Fatal(err)
	}
	return id, acc
}

// invoice inserts an invoice row as the invoices module stores it.
func (f *fixture) invoice(t testing.TB, supplierID, acc, kind, status, due string, payable int64, ref string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	f.n++
	if _, err := f.db.W.Exec(`INSERT INTO invoices (id, kind, supplier_id, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
		iban, payment_reference, status, channel, registered_at, updated_at)
		VALUES ($1, $2, $3, 'Supplier as invoiced', $4, '2026-05-01', $5, 'EUR', $6, 0, $6, $6, $7, $8, $9, 'api', $10, $10)`,
		id, kind, supplierID, fmt.Sprintf("F-%d", f.n), due, payable, acc, ref, status, now); err != nil {
		t.Fatal(err)
	}
	return id
}

func (f *fixture) status(t testing.TB, invoiceID string) (string, bool) {
	t.Helper()
	var st string
	var paid *time.Time
	if err := f.db.R.QueryRow(`SELECT status, paid_at FROM invoices WHERE id = $1`, invoiceID).Scan(&st, &paid); err != nil {
		t.Fatal(err)
	}
	return st, paid != nil
}

// schemaCheck validates doc against the corpus XSD of v with xmllint; it
// only logs without the corpus or xmllint.
func schemaCheck(t *testing.T, v sepa.Version, doc []byte) {
	t.Helper()
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		t.Log("SPIL_CORPUS not set: no schema check")
		return
	}
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint is not installed (libxml2-utils): no schema check")
		return
	}
	file := filepath.Join(t.TempDir(), "pain.xml")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	xsd := filepath.Join(root, "sepa", "xsd", string(v)+".xsd")
	if out, err := exec.Command(lint, "--noout", "--nonet", "--schema", xsd, file).CombinedOutput(); err != nil {
		t.Fatalf("not valid against %s: %v\n%s", filepath.Base(xsd), err, out)
	}
}
