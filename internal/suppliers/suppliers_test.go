package suppliers

import (
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.R.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBadInputIsNamedByFieldAndNothingIsStored(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := cleaner()
		in.KvKNumber = "1234567"
		in.VATNumber = "NL004495446B01"
		in.Accounts = append(in.Accounts, AccountInput{IBAN: "NL91 ABNA 0417 1643 01"}, AccountInput{IBAN: "NL44RABO0123456789", BIC: "RABONL2"})
		in.Contacts = append(in.Contacts, Contact{Email: "geen-adres"})
		_, err := f.svc.Create(ctx, f.om, in)
		fields := apperr.FieldsOf(err)
		for _, name := range []string{"kvk_number", "vat_number", "bank_accounts[1].iban", "bank_accounts[2].bic", "contacts[1].name", "contacts[1].email"} {
			if fields[name] == "" {
				t.Errorf("no message for %s in %v", name, err)
			}
		}
		if fields["bank_accounts[0].iban"] != "" {
			t.Errorf("the good IBAN was refused: %v", fields)
		}
		for _, tb := range []string{"suppliers", "supplier_contacts", "supplier_bank_accounts", "audit_log"} {
			if n := count(t, d, tb); n != 0 {
				t.Errorf("%s has %d rows after a refused create", tb, n)
			}
		}
	})
}

func TestDuplicateSupplierIsRefused(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		first, err := f.svc.Create(ctx, f.om, cleaner())
		if err != nil {
			t.Fatal(err)
		}
		again := cleaner()
		again.Name = "Schoon en Snel"
		again.VATNumber = ""
		again.Accounts = nil
		_, err = f.svc.Create(ctx, f.om, again)
		if apperr.KindOf(err) != apperr.Conflict || apperr.FieldsOf(err)["kvk_number"] == "" {
			t.Errorf("same KvK: %v", err)
		}
		again.KvKNumber = ""
		again.VATNumber = "nl004495445b01"
		_, err = f.svc.Create(ctx, f.om, again)
		if apperr.KindOf(err) != apperr.Conflict || apperr.FieldsOf(err)["vat_number"] == "" {
			t.Errorf("same VAT: %v", err)
		}
		if n := count(t, d, "suppliers"); n != 1 {
			t.Errorf("%d suppliers", n)
		}
		// Updating the supplier itself keeps its own numbers.
		in := cleaner()
		in.Active = true
		in.Notes = "Ook glasbewassing"
		if _, err := f.svc.Update(ctx, f.om, first.ID, in); err != nil {
			t.Errorf("update: %v", err)
		}
	})
}

func TestWhoMaySeeAndChangeSuppliers(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sp, err := f.svc.Create(ctx, f.om, cleaner())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(ctx, f.ma, SupplierInput{Name: "X"}); apperr.KindOf(err) != apperr.Forbidden {
			t.Errorf("assistant creating: %v", err)
		}
		if _, err := f.svc.Create(ctx, f.emp, SupplierInput{Name: "X"}); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("employee creating: %v", err)
		}
		if list, _ := f.svc.List(ctx, f.ma, Filter{Search: "schoon"}); len(list) != 1 || list[0].ID != sp.ID {
			t.Errorf("assistant's search: %+v", list)
		}
		if list, _ := f.svc.List(ctx, f.emp, Filter{}); len(list) != 0 {
			t.Errorf("employee sees %d suppliers", len(list))
		}
		if list, _ := f.svc.List(ctx, f.om, Filter{Category: "catering"}); len(list) != 0 {
			t.Errorf("category filter: %+v", list)
		}
		// Confirming is audited with how it was checked.
		if _, err := f.svc.TrustAccount(ctx, f.om, sp.ID, sp.Accounts[0].ID, TrustInput{Method: "other"}); apperr.FieldsOf(err)["note"] == "" {
			t.Errorf("other without a note: %v", err)
		}
		a, err := f.svc.TrustAccount(ctx, f.om, sp.ID, sp.Accounts[0].ID, TrustInput{Method: "callback", Note: "Jan teruggebeld op 020-1234567"})
		if err != nil || !a.Trusted() || a.TrustedByName != "Olga Office" || a.TrustMethod != "callback" {
			t.Fatalf("trust: %+v %v", a, err)
		}
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'supplier_account' AND action = 'trust'`).Scan(&n)
		if n != 1 {
			t.Errorf("%d audit entries for the confirmation", n)
		}
	})
}
