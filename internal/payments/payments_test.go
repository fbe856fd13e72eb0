package payments

import (
	"bytes"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/sepa"
	"spil/internal/testutil"
)

func TestSettingsAreChecked(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.svc.SetSettings(ctx, f.om, Settings{DebtorName: "", DebtorIBAN: "NL91ABNA0417164301", DebtorBIC: "XX"})
		fs := apperr.FieldsOf(err)
		if fs["debtor_name"] == "" || fs["debtor_iban"] == "" || fs["debtor_bic"] == "" {
			t.Errorf("fields %v", fs)
		}
		st, err := f.svc.Settings(ctx, f.om)
		if err != nil || st.DebtorIBAN != "NL91ABNA0417164300" || st.DebtorBIC != "ABNANL2A" {
			t.Errorf("settings %+v %v (BIC from the Dutch bank code)", st, err)
		}
		if _, err := f.svc.Settings(ctx, f.emp); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("employee reads settings: %v", err)
		}
	})
}

func TestDueListsByDueDate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "Schoon B.V.", true)
		over := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", 100, "")
		soon := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-20", 100, "")
		later := f.invoice(t, sup, acc, "invoice", "approved", "2026-08-01", 100, "")
		f.invoice(t, sup, acc, "invoice", "registered", "2026-06-01", 100, "")
		f.invoice(t, sup, acc, "invoice", "paid", "2026-06-01", 100, "")
		f.invoice(t, sup, acc, "credit_note", "approved", "2026-06-01", -100, "")
		due, err := f.svc.Due(ctx, f.om)
		if err != nil {
			t.Fatal(err)
		}
		if len(due.Overdue) != 1 || due.Overdue[0].InvoiceID != over || len(due.DueSoon) != 1 || due.DueSoon[0].InvoiceID != soon ||
			len(due.Later) != 1 || due.Later[0].InvoiceID != later {
			t.Errorf("due %+v", due)
		}
		if !due.Overdue[0].Trusted || !due.Overdue[0].Payable() || due.Overdue[0].SupplierName != "Schoon B.V." {
			t.Errorf("overdue %+v", due.Overdue[0])
		}
		if _, err := f.svc.Due(ctx, f.emp); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("employee: %v", err)
		}
	})
}

func TestBatchRefusesWhatMustNotBePaid(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		good, goodAcc := f.supplier(t, "Goed B.V.", true)
		bad, badAcc := f.supplier(t, "Nieuw Rekening B.V.", false)
		ok := f.invoice(t, good, goodAcc, "invoice", "approved", "2026-06-01", 12_345, "")
		untrusted := f.invoice(t, bad, badAcc, "invoice", "approved", "2026-06-01", 100, "")
		changed := f.invoice(t, good, account(t, 999), "invoice", "approved", "2026-06-01", 100, "") // IBAN the supplier never had trusted
		registered := f.invoice(t, good, goodAcc, "invoice", "registered", "2026-06-01", 100, "")
		credit := f.invoice(t, good, goodAcc, "credit_note", "approved", "2026-06-01", -100, "")
		_, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{ok, untrusted, changed, registered, credit, "nope"}})
		fs := apperr.FieldsOf(err)
		for _, id := range []string{untrusted, changed, registered, credit, "nope"} {
			if fs["invoices."+id] == "" {
				t.Errorf("invoice %s not refused: %v", id, fs)
			}
		}
		if fs["invoices."+ok] != "" {
			t.Errorf("good invoice refused: %v", fs)
		}
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM payment_batches`).Scan(&n)
		if n != 0 {
			t.Errorf("%d batches stored after a refusal", n)
		}
		if _, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{ok}, ExecutionDate: "2026-06-14"}); apperr.FieldsOf(err)["execution_date"] == "" {
			t.Errorf("date in the past: %v", err)
		}
		if _, err := f.svc.Create(ctx, f.emp, CreateInput{InvoiceIDs: []string{ok}}); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("employee: %v", err)
		}
		b, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{ok}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{ok}}); apperr.FieldsOf(err)["invoices."+ok] == "" {
			t.Errorf("invoice put in a second batch: %v", err)
		}
		if b.Count != 1 || b.TotalCents != 12_345 || b.Status != StatusOpen || b.ExecutionDate != "2026-06-15" {
			t.Errorf("batch %+v", b)
		}
	})
}

func TestBatchFileExecuteAndCancel(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "Café Ærø & Zoon", true)
		a := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", 12_345, "1234567")           // betalingskenmerk (7 digits)
		b := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-30", 100_000, "RF18539007547034") // RF reference
		c := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-30", 1, "order 42")
		batch, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a, b, c}, ExecutionDate: "2026-06-17"})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []sepa.Version{sepa.V09, sepa.V03} {
			file, err := f.svc.Download(ctx, f.om, batch.ID, v)
			if err != nil {
				t.Fatal(err)
			}
			schemaCheck(t, v, file.Content)
			back, ver, err := sepa.Read(bytes.NewReader(file.Content))
			if err != nil || ver != v {
				t.Fatalf("read back: %v %v", ver, err)
			}
			n, sum := back.Totals()
			if n != 3 || sum.StringFixed(2) != "1123.46" || back.Payments[0].DebtorIBAN != "NL91ABNA0417164300" ||
				back.Payments[0].Transfers[0].CreditorName != "Cafe AEro + Zoon" || back.Payments[0].Transfers[0].Remittance.Issuer != "CUR" {
				t.Errorf("%s: %d transfers, %s, %+v", v, n, sum, back.Payments[0].Transfers[0])
			}
		}
		got, _ := f.svc.Batch(ctx, f.om, batch.ID)
		if got.Status != StatusExported || got.ExportedAt == nil || len(got.Items) != 3 {
			t.Errorf("after download %+v", got)
		}
		if _, err := f.svc.Execute(ctx, f.om, batch.ID); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{a, b, c} {
			if st, paid := f.status(t, id); st != "paid" || !paid {
				t.Errorf("invoice %s %s paid_at %v", id, st, paid)
			}
		}
		f.clock.Advance(3600e9)
		again, err := f.svc.Execute(ctx, f.om, batch.ID)
		if err != nil || again.Status != StatusExecuted || !again.ExecutedAt.Equal(*got2(t, f, batch.ID).ExecutedAt) {
			t.Errorf("execute twice: %v %+v", err, again)
		}
		if _, err := f.svc.Cancel(ctx, f.om, batch.ID, CancelInput{}); apperr.KindOf(err) != apperr.Conflict {
			t.Errorf("cancel executed: %v", err)
		}
		due, _ := f.svc.Due(ctx, f.om)
		if len(due.Overdue)+len(due.DueSoon)+len(due.Later) != 0 {
			t.Errorf("paid invoices still due: %+v", due)
		}
	})
}

func got2(t *testing.T, f *fixture, id string) Batch {
	b, err := f.svc.Batch(ctx, f.om, id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCancelFreesInvoices(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "IT Beheer B.V.", true)
		a := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", 5_000, "")
		b1, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a}, Format: "pain.001.001.03"})
		if err != nil {
			t.Fatal(err)
		}
		if c, err := f.svc.Cancel(ctx, f.om, b1.ID, CancelInput{}); err != nil || c.Status != StatusCancelled {
			t.Fatalf("cancel: %v %+v", err, c)
		}
		if _, err := f.svc.Cancel(ctx, f.om, b1.ID, CancelInput{}); err != nil {
			t.Errorf("cancel twice: %v", err)
		}
		if _, err := f.svc.Execute(ctx, f.om, b1.ID); apperr.KindOf(err) != apperr.Conflict {
			t.Errorf("execute cancelled: %v", err)
		}
		if _, err := f.svc.Download(ctx, f.om, b1.ID, ""); apperr.KindOf(err) != apperr.Conflict {
			t.Errorf("download cancelled: %v", err)
		}
		if st, _ := f.status(t, a); st != "approved" {
			t.Errorf("invoice %s after cancel", st)
		}
		b2, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a}})
		if err != nil || b2.Count != 1 {
			t.Fatalf("new batch after cancel: %v", err)
		}
		list, err := f.svc.Batches(ctx, f.om, 0)
		if err != nil || len(list) != 2 || list[0].ID != b2.ID {
			t.Errorf("batches %v %+v", err, list)
		}
		if _, err := f.svc.Batch(ctx, f.emp, b2.ID); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("employee sees batch: %v", err)
		}
	})
}

// A batch whose invoice was put on hold after it was made writes no file.
func TestNoFileWhenAnInvoiceChangedAfterTheBatch(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup, acc := f.supplier(t, "Koffie B.V.", true)
		a := f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", 5_000, "")
		b, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: []string{a}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`UPDATE invoices SET status = 'on_hold' WHERE id = $1`, a); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Download(ctx, f.om, b.ID, ""); apperr.KindOf(err) != apperr.Conflict {
			t.Errorf("download with an invoice on hold: %v", err)
		}
		if _, err := d.W.Exec(`UPDATE invoices SET status = 'approved' WHERE id = $1`, a); err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`UPDATE supplier_bank_accounts SET trusted_at = NULL WHERE supplier_id = $1`, sup); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Download(ctx, f.om, b.ID, ""); apperr.KindOf(err) != apperr.Conflict {
			t.Errorf("download with an untrusted account: %v", err)
		}
	})
}
