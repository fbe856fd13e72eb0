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
