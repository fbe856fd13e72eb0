package invoices

import (
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestImportStoresInvoiceWithChecks(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup := f.supplier(t, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
		f.account(t, sup, "NL91ABNA0417164300", true)
		con := f.contract(t, sup, "Kantoorschoonmaak", "cleaning", 1200000)
		e := glans("F-1", 100000)
		e.Attachment, e.AttachmentName = []byte("%PDF-1.4 urenstaat"), "urenstaat.pdf"
		out := f.importOK(t, f.ma, e)
		inv := out.Invoice
		if inv.SupplierID != sup || inv.TotalExclCents != 100000 || inv.VATCents != 21000 || inv.PayableCents != 121000 {
			t.Fatalf("stored %+v", inv)
		}
		if inv.ContractID != con || inv.BudgetCategory != "cleaning" || inv.Status != StatusRegistered {
			t.Fatalf("coding %q %q %s", inv.ContractID, inv.BudgetCategory, inv.Status)
		}
		for _, k := range []string{"no_duplicate", "supplier_known", "iban_trusted", "contract", "totals_agree", "category_as_suggested"} {
			if !hasCheck(out.Checks, k) {
				t.Errorf("check %s missing: %+v", k, out.Checks.List)
			}
		}
		if out.Checks.CategorySource != "contract" || !out.Checks.IBANTrusted {
			t.Errorf("checks %+v", out.Checks)
		}
		det, err := f.svc.Get(ctx, f.actor(t, f.om), inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(det.Invoice.Lines) != 1 || det.Invoice.Lines[0].Name != "Schoonmaak oktober" || len(det.Invoice.Attachments) != 1 {
			t.Fatalf("detail lines %+v attachments %+v", det.Invoice.Lines, det.Invoice.Attachments)
		}
		a, err := f.svc.AttachmentFile(ctx, f.actor(t, f.ma), inv.ID, det.Invoice.Attachments[0].ID)
		if err != nil || string(a.Content) != "%PDF-1.4 urenstaat" || a.Filename != "urenstaat.pdf" || a.ContentType != "application/pdf" {
			t.Fatalf("attachment %+v %v", a, err)
		}
		src, err := f.svc.Source(ctx, f.actor(t, f.om), inv.ID)
		if err != nil || !strings.Contains(string(src), "<cbc:ID>F-1</cbc:ID>") {
			t.Fatalf("source %v", err)
		}
		if det.Contract == nil || det.Contract.InvoicedCents != 100000 || det.Contract.YearlyValueCents != 1200000 {
			t.Errorf("contract position %+v", det.Contract)
		}
		// Employees see nothing.
		_, err = f.svc.Get(ctx, f.actor(t, f.emp), inv.ID)
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.ImportUBL(ctx, f.actor(t, f.emp), ExampleUBL(glans("F-2", 100)), ChannelAPI)
		wantKind(t, err, apperr.NotFound)
		// A director may countersign but not register.
		_, err = f.svc.ImportUBL(ctx, f.actor(t, f.dir), ExampleUBL(glans("F-2", 100)), ChannelAPI)
		wantKind(t, err, apperr.Forbidden)
	})
}

func TestImportCreditNoteIsNegative(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	e := glans("CN-1", 5000)
	e.CreditNote = true
	out := f.importOK(t, f.om, e)
	if out.Invoice.Kind != KindCreditNote || out.Invoice.PayableCents != -6050 || out.Invoice.TotalExclCents != -5000 {
		t.Fatalf("credit note %+v", out.Invoice)
	}
	if !hasCheck(out.Checks, "nothing_to_pay") || !hasCheck(out.Checks, "supplier_unknown") {
		t.Errorf("checks %+v", out.Checks.List)
	}
}

func TestImportRefusesErrorsAndStoresNothing(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	doc := string(ExampleUBL(glans("F-9", 100000)))
	cases := map[string]struct{ doc, field string }{
		"payable wrong":    {strings.Replace(doc, `<cbc:PayableAmount currencyID="EUR">1210.00`, `<cbc:PayableAmount currencyID="EUR">1210.01`, 1), "cac:LegalMonetaryTotal/cbc:PayableAmount"},
		"entity":           {`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice/>`, ""},
		"not xml":          {"%PDF-1.4", ""},
		"unknown currency": {strings.ReplaceAll(doc, `"EUR"`, `"XYZ"`), ""},
	}
	for name, c := range cases {
		_, err := f.svc.ImportUBL(ctx, f.actor(t, f.om), []byte(c.doc), ChannelUpload)
		if apperr.KindOf(err) != apperr.Invalid || len(apperr.FieldsOf(err)) == 0 {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if c.field != "" && !strings.Contains(apperr.FieldsOf(err)[c.field], "BR-CO-16") {
			t.Errorf("%s: fields %v", name, apperr.FieldsOf(err))
		}
	}
	var n int
	f.db.R.QueryRow(`SELECT COUNT(*) FROM invoices`).Scan(&n)
	var a int
	f.db.R.QueryRow(`SELECT COUNT(*) FROM invoice_attachments`).Scan(&a)
	if n != 0 || a != 0 {
		t.Fatalf("%d invoices, %d attachments stored after refused imports", n, a)
	}
}

func TestDuplicatesAcrossChannels(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup := f.supplier(t, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
		f.account(t, sup, "NL91ABNA0417164300", true)
		first := f.importOK(t, f.ma, glans("F-10", 50000))
		if !hasCheck(first.Checks, "no_duplicate") {
			t.Fatalf("first: %+v", first.Checks.List)
		}
		// The same number by API: duplicate.
		again, err := f.svc.ImportUBL(ctx, f.actor(t, f.om), ExampleUBL(glans("F-10", 50000)), ChannelAPI)
		if err != nil {
			t.Fatal(err)
		}
		if !hasCheck(again.Checks, "duplicate") || len(again.Checks.DuplicateOf) != 1 || again.Checks.DuplicateOf[0] != first.Invoice.ID {
			t.Fatalf("api duplicate: %+v", again.Checks)
		}
		// The same number as a PDF entered by hand: duplicate.
		pdf, err := f.svc.RegisterPDF(ctx, f.actor(t, f.ma), ManualInput{Lang: "nl", SupplierID: sup, Number: "F-10", IssueDate: "2026-10-20",
			TotalExcl: "500,00", VAT: "105,00", IBAN: "NL91 ABNA 0417 1643 00", Filename: "f10.pdf", PDF: []byte("%PDF-1.7\n...")})
		if err != nil {
			t.Fatal(err)
		}
		if !hasCheck(pdf.Checks, "duplicate") || len(pdf.Checks.DuplicateOf) != 2 {
			t.Fatalf("pdf duplicate: %+v", pdf.Checks)
		}
		// Same amount and date, other number: likely duplicate.
		likely := f.importOK(t, f.ma, glans("F-11", 50000))
		if !hasCheck(likely.Checks, "likely_duplicate") || len(likely.Checks.LikelyDuplicateOf) != 2 {
			t.Fatalf("likely duplicate: %+v", likely.Checks)
		}
		// The first one's page now shows the later duplicates too.
		det, err := f.svc.Get(ctx, f.actor(t, f.om), first.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !hasCheck(det.Checks, "duplicate") {
			t.Errorf("recomputed checks: %+v", det.Checks.List)
		}
		// Rejecting the copies clears the duplicate on the first.
		for _, id := range []string{again.Invoice.ID, pdf.Invoice.ID, likely.Invoice.ID} {
			if _, err := f.svc.Reject(ctx, f.actor(t, f.om), id, "dubbel"); err != nil {
				t.Fatal(err)
			}
		}
		det, _ = f.svc.Get(ctx, f.actor(t, f.om), first.Invoice.ID)
		if !hasCheck(det.Checks, "no_duplicate") {
			t.Errorf("after rejecting the copies: %+v", det.Checks.List)
		}
	})
}

func TestChangedIBANIsAddedUntrustedAndFlagged(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup := f.supplier(t, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
		f.account(t, sup, "NL91ABNA0417164300", true)
		e := glans("F-20", 10000)
		e.IBAN = "NL02ABNA0123456789"
		out := f.importOK(t, f.ma, e)
		if out.Checks.IBANTrusted || !hasCheck(out.Checks, "iban_untrusted") {
			t.Fatalf("checks %+v", out.Checks.List)
		}
		var trusted any
		var source string
		if err := f.db.R.QueryRow(`SELECT trusted_at, source FROM supplier_bank_accounts WHERE supplier_id = $1 AND iban = $2`, sup, "NL02ABNA0123456789").Scan(&trusted, &source); err != nil {
			t.Fatalf("account not added: %v", err)
		}
		if trusted != nil || source != "invoice" {
			t.Errorf("added account trusted=%v source=%s", trusted, source)
		}
		// Once the Office Manager trusts it, the check turns green on view.
		f.db.W.Exec(`UPDATE supplier_bank_accounts SET trusted_at = $1 WHERE iban = $2`, f.clock.Now(), "NL02ABNA0123456789")
		det, err := f.svc.Get(ctx, f.actor(t, f.om), out.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !det.Checks.IBANTrusted {
			t.Errorf("after trusting: %+v", det.Checks.List)
		}
	})
}

func TestRegisterPDFValidates(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	a := f.actor(t, f.ma)
	_, err := f.svc.RegisterPDF(ctx, a, ManualInput{Lang: "nl", SupplierName: "X", Number: "1", IssueDate: "2026-10-01",
		TotalExcl: "100", VAT: "21", PDF: []byte("<html>not a pdf</html>")})
	wantField(t, err, "pdf")
	_, err = f.svc.RegisterPDF(ctx, a, ManualInput{Lang: "nl", SupplierName: "X", Number: "1", IssueDate: "2026-10-01",
		TotalExcl: "100,5x", VAT: "21", IBAN: "NL91ABNA0417164301", PDF: []byte("%PDF-1.4")})
	wantField(t, err, "total_excl")
	wantField(t, err, "iban")
	_, err = f.svc.RegisterPDF(ctx, a, ManualInput{Lang: "nl", Number: "", IssueDate: "1-10-2026", TotalExcl: "1", VAT: "0", PDF: []byte("%PDF-1.4")})
	wantField(t, err, "number")
	wantField(t, err, "supplier_name")
	wantField(t, err, "issue_date")
	out, err := f.svc.RegisterPDF(ctx, a, ManualInput{Lang: "nl", SupplierName: "Koffie & Co", Number: "K-1", IssueDate: "2026-10-01",
		TotalExcl: "1.234,50", VAT: "259,25", Filename: `C:\scans\k1.pdf`, PDF: []byte("%PDF-1.4 koffie")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Invoice.TotalInclCents != 149375 || out.Invoice.Channel != ChannelPDF || len(out.Invoice.Attachments) != 1 || out.Invoice.Attachments[0].Filename != "k1.pdf" {
		t.Fatalf("stored %+v", out.Invoice)
	}
}

func TestCodeInvoice(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	out := f.importOK(t, f.ma, glans("F-30", 10000))
	if out.Invoice.SupplierID != "" || !hasCheck(out.Checks, "supplier_unknown") {
		t.Fatalf("unknown supplier expected: %+v", out.Checks.List)
	}
	// The assistant creates the supplier and links it: the IBAN is added untrusted.
	sup := f.supplier(t, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
	_, err := f.svc.Code(ctx, f.actor(t, f.ma), out.Invoice.ID, Coding{SupplierID: sup, BudgetCategory: "nope"})
	wantField(t, err, "budget_category")
	inv, err := f.svc.Code(ctx, f.actor(t, f.ma), out.Invoice.ID, Coding{SupplierID: sup, BudgetCategory: "cleaning", Notes: "kantoor Amsterdam"})
	if err != nil {
		t.Fatal(err)
	}
	if inv.SupplierID != sup || inv.BudgetCategory != "cleaning" {
		t.Fatalf("coded %+v", inv)
	}
	det, _ := f.svc.Get(ctx, f.actor(t, f.om), inv.ID)
	if !hasCheck(det.Checks, "iban_untrusted") || !hasCheck(det.Checks, "supplier_known") {
		t.Errorf("checks after coding %+v", det.Checks.List)
	}
	_, err = f.svc.Code(ctx, f.actor(t, f.dir), inv.ID, Coding{})
	wantKind(t, err, apperr.Forbidden)
}
