package invoices

import (
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/testutil"
)

// withRounding rewrites an example invoice so that a payable rounding
// amount of roundCents is added to what is to be paid: the totals stay
// consistent (BR-CO-16), the amount due grows.
func withRounding(doc []byte, e Example, roundCents int64) []byte {
	vat := (e.NetCents*21 + 50) / 100
	incl := cents(e.NetCents + vat)
	old := `<cbc:PayableAmount currencyID="EUR">` + incl + `</cbc:PayableAmount>`
	repl := `<cbc:PayableRoundingAmount currencyID="EUR">` + cents(roundCents) + `</cbc:PayableRoundingAmount>` +
		`<cbc:PayableAmount currencyID="EUR">` + cents(e.NetCents+vat+roundCents) + `</cbc:PayableAmount>`
	return []byte(strings.Replace(string(doc), old, repl, 1))
}

// The limit is about the money that leaves: an invoice whose amount due is
// above the limit needs a director's countersign even when its total with
// VAT is below it (a rounding amount, or a negative prepaid amount, makes
// the difference).
func TestApprovalLimitUsesTheAmountDue(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	e := glans("PAY-1", 100000) // € 1.210,00 with VAT
	out, err := f.svc.ImportUBL(ctx, f.actor(t, f.ma), withRounding(ExampleUBL(e), e, 500000), ChannelUpload)
	if err != nil {
		t.Fatal(err)
	}
	if out.Invoice.PayableCents != 621000 {
		t.Fatalf("payable %d", out.Invoice.PayableCents)
	}
	inv, err := f.svc.Approve(ctx, f.actor(t, f.om), out.Invoice.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != StatusRegistered {
		t.Fatalf("€ 6.210,00 to pay approved by the Office Manager alone: %s", inv.Status)
	}
	det, _ := f.svc.Get(ctx, f.actor(t, f.dir), inv.ID)
	if !det.NeedsCountersign || det.MyStep != StepCountersign {
		t.Fatalf("director: needs %v step %q", det.NeedsCountersign, det.MyStep)
	}
	if inv, err = f.svc.Approve(ctx, f.actor(t, f.dir), inv.ID, ""); err != nil || inv.Status != StatusApproved {
		t.Fatalf("countersigned: %v %s", err, inv.Status)
	}
}

// An invoice in another currency than the limit's cannot be compared with
// it without an exchange rate: a director always countersigns it (£ 2.178,00
// is about € 2.500 and more, but 217800 is below 250000).
func TestApprovalLimitOtherCurrency(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	e := glans("GBP-1", 180000)
	doc := strings.ReplaceAll(string(ExampleUBL(e)), "EUR", "GBP")
	out, err := f.svc.ImportUBL(ctx, f.actor(t, f.ma), []byte(doc), ChannelUpload)
	if err != nil {
		t.Fatal(err)
	}
	if out.Invoice.Currency != "GBP" || out.Invoice.TotalInclCents != 217800 {
		t.Fatalf("imported %s %d", out.Invoice.Currency, out.Invoice.TotalInclCents)
	}
	inv, err := f.svc.Approve(ctx, f.actor(t, f.om), out.Invoice.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != StatusRegistered {
		t.Fatalf("a pound invoice approved by the Office Manager alone: %s", inv.Status)
	}
	if inv, err = f.svc.Approve(ctx, f.actor(t, f.dir), inv.ID, ""); err != nil || inv.Status != StatusApproved {
		t.Fatalf("countersigned: %v %s", err, inv.Status)
	}
	// A euro credit note never needs a countersign; nor does one in pounds.
	cn := glans("GBP-CN", 180000)
	cn.CreditNote = true
	doc = strings.ReplaceAll(string(ExampleUBL(cn)), "EUR", "GBP")
	out, err = f.svc.ImportUBL(ctx, f.actor(t, f.ma), []byte(doc), ChannelUpload)
	if err != nil {
		t.Fatal(err)
	}
	if inv, err = f.svc.Approve(ctx, f.actor(t, f.om), out.Invoice.ID, ""); err != nil || inv.Status != StatusApproved {
		t.Fatalf("credit note: %v %s", err, inv.Status)
	}
}

// The same invoice received twice (upload and API, or e-invoice and PDF)
// must not be approved twice and so paid twice: while a copy that is not
// rejected exists, neither can be approved; rejecting the copy frees the
// other.
func TestDuplicateIsNotApprovedTwice(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	first := f.importOK(t, f.ma, glans("D-1", 1000)).Invoice
	inv, err := f.svc.Approve(ctx, f.actor(t, f.om), first.ID, "")
	if err != nil || inv.Status != StatusApproved {
		t.Fatalf("first: %v %s", err, inv.Status)
	}
	again, err := f.svc.ImportUBL(ctx, f.actor(t, f.ma), ExampleUBL(glans("D-1", 1000)), ChannelAPI)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Approve(ctx, f.actor(t, f.om), again.Invoice.ID, "")
	wantKind(t, err, apperr.Conflict)
	if _, err := f.svc.Reject(ctx, f.actor(t, f.om), again.Invoice.ID, "dubbel ontvangen"); err != nil {
		t.Fatal(err)
	}
	// A third copy while the first waits: reject the copy, then approve.
	second := f.importOK(t, f.ma, glans("D-2", 1000)).Invoice
	copy2 := f.importOK(t, f.ma, glans("D-2", 1000)).Invoice
	_, err = f.svc.Approve(ctx, f.actor(t, f.om), second.ID, "")
	wantKind(t, err, apperr.Conflict)
	if _, err := f.svc.Reject(ctx, f.actor(t, f.om), copy2.ID, "dubbel"); err != nil {
		t.Fatal(err)
	}
	if inv, err := f.svc.Approve(ctx, f.actor(t, f.om), second.ID, ""); err != nil || inv.Status != StatusApproved {
		t.Fatalf("after rejecting the copy: %v %s", err, inv.Status)
	}
}

// The budget is in euro: an invoice in pounds waiting for approval is not
// subtracted from the category's remaining budget as if its pence were
// euro cents, nor counted on a euro contract.
func TestForeignInvoiceNotCountedAsEuro(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	sup := f.supplier(t, "Glans Schoonmaak", "12345678", "NL001234567B01", "cleaning")
	contract := f.contract(t, sup, "Schoonmaak", "cleaning", 1800000)
	e := glans("GBP-2", 180000)
	out, err := f.svc.ImportUBL(ctx, f.actor(t, f.ma), []byte(strings.ReplaceAll(string(ExampleUBL(e)), "EUR", "GBP")), ChannelUpload)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Code(ctx, f.actor(t, f.ma), out.Invoice.ID, Coding{BudgetCategory: "cleaning", ContractID: contract}); err != nil {
		t.Fatal(err)
	}
	det, err := f.svc.Get(ctx, f.actor(t, f.om), out.Invoice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if det.Budget == nil || det.Budget.Remaining != det.Budget.Budget-det.Budget.Actual-det.Budget.Committed {
		t.Errorf("budget %+v", det.Budget)
	}
	if det.Contract == nil || det.Contract.InvoicedCents != 0 {
		t.Errorf("contract %+v", det.Contract)
	}
}
