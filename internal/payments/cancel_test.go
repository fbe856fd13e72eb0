package payments

import (
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// A downloaded file may be at the bank: cancelling its batch frees the
// invoices for a new file, which would pay them a second time. So a
// downloaded batch is cancelled only when the Office Manager confirms the
// bank did not execute it (and will not); an open batch, never downloaded,
// is cancelled as before.
func TestCancelDownloadedBatchNeedsTheBanksWord(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "IT Beheer B.V.", true)
		a := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", 5_000, "")
		b1, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Download(ctx, f.om, b1.ID, ""); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Cancel(ctx, f.om, b1.ID, CancelInput{})
		if apperr.FieldsOf(err)["bank_did_not_execute"] == "" {
			t.Fatalf("downloaded batch cancelled without the bank's word: %v", err)
		}
		// Still exported, the invoice still in it: no second file possible.
		if b, _ := f.svc.Batch(ctx, f.om, b1.ID); b.Status != StatusExported || len(b.Items) != 1 {
			t.Fatalf("after the refusal %+v", b)
		}
		if _, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a}}); apperr.FieldsOf(err)["invoices."+a] == "" {
			t.Fatalf("second batch: %v", err)
		}
		c, err := f.svc.Cancel(ctx, f.om, b1.ID, CancelInput{BankDidNotExecute: true})
		if err != nil || c.Status != StatusCancelled {
			t.Fatalf("confirmed cancel: %v %+v", err, c)
		}
		if _, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a}}); err != nil {
			t.Fatalf("freed invoice: %v", err)
		}
	})
}
