package suppliers

import (
	"database/sql"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// The functions the invoices and payments modules rely on.
func TestMatchAccountStatusAndAccountsFromInvoices(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sp, err := f.svc.Create(ctx, f.om, cleaner())
		if err != nil {
			t.Fatal(err)
		}
		if sp.KvKNumber != "12345678" || sp.VATNumber != "NL004495445B01" || sp.Postcode != "1015 CJ" {
			t.Errorf("not normalized: %q %q %q", sp.KvKNumber, sp.VATNumber, sp.Postcode)
		}
		if len(sp.Accounts) != 1 || sp.Accounts[0].Trusted() || sp.Accounts[0].BIC != "ABNANL2A" {
			t.Fatalf("accounts = %+v, want one untrusted with the bank's BIC", sp.Accounts)
		}
		for _, m := range []Match{{VAT: "nl004495445b01"}, {KvK: "12345678"}, {IBAN: "NL91ABNA0417164300"}, {Name: "schoon & snel b.v."}} {
			id, ok, err := f.svc.MatchTx(ctx, d.R, m)
			if err != nil || !ok || id != sp.ID {
				t.Errorf("MatchTx(%+v) = %q, %v, %v", m, id, ok, err)
			}
		}
		if _, ok, _ := f.svc.MatchTx(ctx, d.R, Match{VAT: "NL123456782B01", Name: "Iemand anders"}); ok {
			t.Error("an unknown supplier matched")
		}
		known, trusted, err := f.svc.AccountStatusTx(ctx, d.R, sp.ID, "NL91 ABNA 0417 1643 00")
		if err != nil || !known || trusted {
			t.Errorf("status = %v %v %v, want known and untrusted", known, trusted, err)
		}
		if _, err := f.svc.TrustAccount(ctx, f.om, sp.ID, sp.Accounts[0].ID, TrustInput{Method: "callback", Note: "Jan, 020-1234567"}); err != nil {
			t.Fatal(err)
		}
		if known, trusted, _ = f.svc.AccountStatusTx(ctx, d.R, sp.ID, "NL91ABNA0417164300"); !known || !trusted {
			t.Errorf("after confirming: %v %v", known, trusted)
		}
		// An invoice with a new account: added untrusted, once.
		for i := 0; i < 2; i++ {
			err := d.Tx(ctx, func(tx *sql.Tx) error {
				return f.svc.AddAccountFromInvoiceTx(ctx, tx, f.ma, sp.ID, "NL44 RABO 0123 4567 89", "")
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		got, _ := f.svc.Get(ctx, f.ma, sp.ID)
		if len(got.Accounts) != 2 || got.UntrustedAccounts != 1 {
			t.Fatalf("accounts = %+v (untrusted %d)", got.Accounts, got.UntrustedAccounts)
		}
		if a := got.Accounts[1]; a.Trusted() || a.Source != SourceInvoice || a.IBAN != "NL44RABO0123456789" {
			t.Errorf("account from invoice = %+v", a)
		}
		err = d.Tx(ctx, func(tx *sql.Tx) error {
			return f.svc.AddAccountFromInvoiceTx(ctx, tx, f.ma, sp.ID, "NL44 RABO 0123 4567 88", "")
		})
		if apperr.FieldsOf(err)["iban"] == "" {
			t.Errorf("bad IBAN from invoice: %v", err)
		}
		// The assistant reads but may not confirm.
		if _, err := f.svc.TrustAccount(ctx, f.ma, sp.ID, got.Accounts[1].ID, TrustInput{Method: "callback"}); apperr.KindOf(err) != apperr.Forbidden {
			t.Errorf("assistant confirming: %v", err)
		}
		if _, err := f.svc.Get(ctx, f.emp, sp.ID); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("employee reading: %v", err)
		}
	})
}
