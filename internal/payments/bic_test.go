package payments

import (
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

// The transfer goes to the BIC of the account the Office Manager confirmed,
// not to whatever BIC the invoice printed.
func TestTransferUsesTheConfirmedAccountsBIC(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "Glans Schoonmaak B.V.", true)
		if _, err := d.W.Exec(`UPDATE supplier_bank_accounts SET bic = 'INGBNL2A' WHERE supplier_id = $1`, sup); err != nil {
			t.Fatal(err)
		}
		inv := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-30", 50_000, "")
		if _, err := d.W.Exec(`UPDATE invoices SET bic = 'RABONL2U' WHERE id = $1`, inv); err != nil {
			t.Fatal(err)
		}
		batch, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{inv}, ExecutionDate: "2026-06-17"})
		if err != nil {
			t.Fatal(err)
		}
		if len(batch.Items) != 1 || batch.Items[0].BIC != "INGBNL2A" {
			t.Errorf("batch items %+v, want the confirmed account's BIC INGBNL2A", batch.Items)
		}
	})
}
