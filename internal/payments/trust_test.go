package payments

import (
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/suppliers"
	"spil/internal/testutil"
)

// When the Office Manager withdraws the trust in a supplier's account, an
// approved invoice into it is no longer paid: a batch made before writes no
// file, and a new batch refuses it. Confirming the account again lets it
// be paid.
func TestWithdrawnTrustIsNotPaid(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "IT Beheer B.V.", true)
		inv := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", 5_000, "")
		b1, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{inv}})
		if err != nil {
			t.Fatal(err)
		}
		ss := &suppliers.Service{DB: d, Clock: f.clock}
		sp, err := ss.Get(ctx, f.om, sup)
		if err != nil {
			t.Fatal(err)
		}
		accountID := sp.Accounts[0].ID
		if _, err := ss.WithdrawTrust(ctx, f.emp, sup, accountID, ""); apperr.KindOf(err) != apperr.NotFound {
			t.Fatalf("employee: %v", err)
		}
		a, err := ss.WithdrawTrust(ctx, f.om, sup, accountID, "leverancier meldt fraude")
		if err != nil || a.Trusted() {
			t.Fatalf("withdraw: %v %+v", err, a)
		}
		if _, err := f.svc.Download(ctx, f.om, b1.ID, ""); apperr.KindOf(err) != apperr.Conflict {
			t.Fatalf("file written after the trust was withdrawn: %v", err)
		}
		// Never downloaded, so the bank has no file: it cannot be marked executed either.
		if _, err := f.svc.Execute(ctx, f.om, b1.ID); apperr.KindOf(err) != apperr.Conflict {
			t.Fatalf("open batch into an untrusted account marked executed: %v", err)
		}
		if st, paid := f.status(t, inv); st != "approved" || paid {
			t.Fatalf("invoice %s paid %v", st, paid)
		}
		if _, err := f.svc.Cancel(ctx, f.om, b1.ID, CancelInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{inv}}); apperr.FieldsOf(err)["invoices."+inv] == "" {
			t.Fatalf("new batch into an untrusted account: %v", err)
		}
		if _, err := ss.TrustAccount(ctx, f.om, sup, accountID, suppliers.TrustInput{Method: "callback", Note: "nieuw gecontroleerd"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{inv}}); err != nil {
			t.Fatalf("trusted again: %v", err)
		}
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'supplier_account' AND object_id = $1 AND action = 'distrust'`, accountID).Scan(&n)
		if n != 1 {
			t.Errorf("%d audit entries for the withdrawal", n)
		}
	})
}
