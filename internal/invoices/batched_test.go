package invoices

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// batch puts invoiceID in a payment batch with status (as the payments
// module stores it).
func (f *fixture) batch(t testing.TB, invoiceID, status string, cents int64) {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	if _, err := f.db.W.Exec(`INSERT INTO payment_batches (id, message_id, status, format, execution_date, debtor_name, debtor_iban, item_count, total_cents, created_at)
		VALUES ($1, $2, $3, 'pain.001.001.09', '2026-11-10', 'Kantoor', 'NL91ABNA0417164300', 1, $4, $5)`,
		id, strings.ReplaceAll(id, "-", ""), status, cents, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.W.Exec(`INSERT INTO payment_batch_items (batch_id, invoice_id, position, supplier_id, creditor_name, amount_cents, iban, end_to_end_id)
		VALUES ($1, $2, 1, 'x', 'Glans', $3, 'NL91ABNA0417164300', $4)`, id, invoiceID, cents, strings.ReplaceAll(invoiceID, "-", "")); err != nil {
		t.Fatal(err)
	}
}

// An approved invoice in a payment batch that is open or downloaded cannot
// be coded, held or rejected, and the message says why: the batch.
func TestInvoiceInPaymentBatchIsNotChanged(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		inv := f.importOK(t, f.ma, glans("B-1", 1000)).Invoice
		if got, err := f.svc.Approve(ctx, f.actor(t, f.om), inv.ID, ""); err != nil || got.Status != StatusApproved {
			t.Fatalf("approve: %v", err)
		}
		f.batch(t, inv.ID, "exported", inv.PayableCents)
		om := f.actor(t, f.om)
		_, errCode := f.svc.Code(ctx, om, inv.ID, Coding{BudgetCategory: "cleaning", Notes: "later"})
		_, errHold := f.svc.Hold(ctx, om, inv.ID, "navragen")
		_, errReject := f.svc.Reject(ctx, om, inv.ID, "toch niet")
		for _, err := range []error{errCode, errHold, errReject} {
			wantKind(t, err, apperr.Conflict)
			if msg := apperr.MessageOf(err); msg != MsgInPaymentBatch {
				t.Errorf("message %q", msg)
			}
		}
		var notes string
		d.R.QueryRow(`SELECT notes FROM invoices WHERE id = $1`, inv.ID).Scan(&notes)
		if notes != "" {
			t.Errorf("coded anyway: %q", notes)
		}
	})
}

// The budget's figures and a contract's value are for those who decide: a
// Management Assistant who prepares invoices (and may not read the budget
// nor contracts) does not get them with the invoice; the Office Manager
// and a director do.
func TestPositionsOnlyForDeciders(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	sup := f.supplier(t, "Glans Schoonmaak", "12345678", "NL001234567B01", "cleaning")
	f.account(t, sup, "NL91ABNA0417164300", true)
	contract := f.contract(t, sup, "Schoonmaak", "cleaning", 1800000)
	inv := f.importOK(t, f.ma, glans("P-1", 1000)).Invoice
	if _, err := f.svc.Code(ctx, f.actor(t, f.ma), inv.ID, Coding{BudgetCategory: "cleaning", ContractID: contract}); err != nil {
		t.Fatal(err)
	}
	det, err := f.svc.Get(ctx, f.actor(t, f.ma), inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if det.Budget != nil || det.Contract != nil {
		t.Errorf("the assistant sees budget %+v and contract %+v", det.Budget, det.Contract)
	}
	if len(det.Contracts) != 1 {
		t.Errorf("the assistant codes with the contract's subject: %+v", det.Contracts)
	}
	for _, who := range []string{f.om, f.dir} {
		det, err := f.svc.Get(ctx, f.actor(t, who), inv.ID)
		if err != nil || det.Budget == nil || det.Contract == nil || det.Contract.YearlyValueCents != 1800000 {
			t.Errorf("decider %s: %v %+v %+v", who, err, det.Budget, det.Contract)
		}
	}
}
