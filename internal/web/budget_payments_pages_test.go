package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/payments"
	"spil/internal/testutil"
)

// budgetInvoice inserts an invoice row as the invoices module stores it.
func budgetInvoice(t *testing.T, d *db.DB, supplierID, iban, category, issued, due, status string, excl int64) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	var sup any
	if supplierID != "" {
		sup = supplierID
	}
	if _, err := d.W.Exec(`INSERT INTO invoices (id, kind, supplier_id, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
		iban, budget_category, status, channel, registered_at, updated_at)
		VALUES ($1, 'invoice', $2, 'Broodje & Co', $3, $4, $5, 'EUR', $6, 0, $6, $6, $7, $8, $9, 'api', '2026-03-01 00:00:00', '2026-03-01 00:00:00')`,
		id, sup, "F-"+id[len(id)-6:], issued, due, excl, iban, category, status); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestBudgetAndPaymentPagesInBothLanguages renders the budget and payment
// pages — charts, tables, forms with errors — in Dutch and English, and
// walks the Office Manager's flows: set a budget, see a category over it,
// pay an approved invoice by batch, download the file, mark it executed.
func TestBudgetAndPaymentPagesInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		f.srv.Budget = &budget.Service{DB: d, Clock: f.clock}
		f.srv.Payments = &payments.Service{DB: d, Clock: f.clock}
		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		hendrik := f.person(t, "Hendrik Directeur", "hendrik@example.nl", authz.RolePrincipal)
		f.person(t, "Tim Team", "tim@example.nl")
		om := f.actor(t, olga)
		if _, err := f.srv.Budget.Set(ctx, om, budget.SetInput{Year: 2026, Category: "catering", Yearly: 120_000}); err != nil {
			t.Fatal(err)
		}
		sup := uuid.Must(uuid.NewV7()).String()
		if _, err := d.W.Exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES ($1, 'Broodje & Co', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`, sup); err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`INSERT INTO supplier_bank_accounts (id, supplier_id, iban, trusted_at, created_at) VALUES ($1, $2, 'NL91ABNA0417164300', '2026-01-02 00:00:00', '2026-01-01 00:00:00')`,
			uuid.Must(uuid.NewV7()).String(), sup); err != nil {
			t.Fatal(err)
		}
		over := budgetInvoice(t, d, sup, "NL91ABNA0417164300", "catering", "2026-02-10", "2026-03-01", "approved", 150_000)
		untrusted := budgetInvoice(t, d, sup, "NL44RABO0123456789", "catering", "2026-02-11", "2026-03-20", "approved", 100)
		checks := []pageCheck{
			{who: "olga@example.nl", method: http.MethodGet, path: "/budget", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/budget?year=2025", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/budget/2026/catering", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/budget/2026/it", form: url.Values{"mode": {"even"}, "yearly": {"12,34,5"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodPost, path: "/budget/2026/it", form: url.Values{"mode": {"months"}, "months.3": {"-5"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodPost, path: "/budget/copy", form: url.Values{"year": {"2027"}, "from": {"2019"}, "percent": {"3"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodPost, path: "/budget/copy", form: url.Values{"year": {"2027"}, "from": {"2026"}, "percent": {"veel"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/budget/2026/yachts", status: 404},
			{who: "olga@example.nl", method: http.MethodGet, path: "/payments", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/payments/batches", form: url.Values{"invoice": {untrusted}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/payments/settings", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/payments/settings", form: url.Values{"debtor_name": {""}, "debtor_iban": {"NL91ABNA0417164301"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/payments/batches/nope", status: 404},
			{who: "olga@example.nl", method: http.MethodGet, path: "/", status: 200},
			{who: "hendrik@example.nl", method: http.MethodGet, path: "/budget", status: 200},
			{who: "hendrik@example.nl", method: http.MethodGet, path: "/budget/2026/catering", status: 403},
			{who: "hendrik@example.nl", method: http.MethodGet, path: "/payments", status: 403},
			{who: "tim@example.nl", method: http.MethodGet, path: "/budget", status: 403},
			{who: "tim@example.nl", method: http.MethodGet, path: "/payments", status: 403},
		}
		for _, lang := range i18n.Languages() {
			for _, id := range []string{olga, hendrik} {
				if _, err := f.org.UpdateProfile(ctx, f.actor(t, id), "", lang); err != nil {
					t.Fatal(err)
				}
			}
			tokens := map[string]string{}
			for _, c := range checks {
				if tokens[c.who] == "" {
					tokens[c.who] = f.login(t, c.who)
				}
				var res response
				if c.method == http.MethodGet {
					res = f.get(t, tokens[c.who], c.path)
				} else {
					res = f.post(t, tokens[c.who], c.path, c.form)
				}
				name := fmt.Sprintf("%s %s %s as %q", lang, c.method, c.path, c.who)
				if res.Status != c.status {
					t.Errorf("%s: status %d, want %d\n%s", name, res.Status, c.status, excerpt(res.Body))
					continue
				}
				if res.Status < 400 || res.Status == 409 || res.Status == 422 {
					checkPage(t, f.srv.I18n, name, lang, res.Body)
				}
			}
		}
		if _, err := f.org.UpdateProfile(ctx, f.actor(t, olga), "", "nl"); err != nil {
			t.Fatal(err)
		}
		tok := f.login(t, "olga@example.nl")
		// The budget: catering over, shown as warning, chart and table; on the dashboard too.
		res := f.get(t, tok, "/budget")
		wantContains(t, res, `<svg role="img"`, `<title id="chart-months-title">`, `id="budget-categories"`, "Catering: jaarbudget overschreden, 125 %", "€ 1.500,00")
		wantContains(t, f.get(t, tok, "/"), "Budget dit jaar", "Catering: jaarbudget overschreden")
		// Set IT by hand per month; then the form shows the phasing back.
		res = f.follow(t, tok, f.post(t, tok, "/budget/2026/it", url.Values{"mode": {"months"}, "months.1": {"1.000"}, "months.2": {"500,50"}}))
		wantContains(t, res, "Het budget is opgeslagen", "€ 1.500,50")
		wantContains(t, f.get(t, tok, "/budget/2026/it"), `value="months" checked`, `value="500,50"`)
		// Copy 2026 into 2027 with 10 % more.
		res = f.follow(t, tok, f.post(t, tok, "/budget/copy", url.Values{"year": {"2027"}, "from": {"2026"}, "percent": {"10"}}))
		wantContains(t, res, "Budget 2027", "€ 1.320,00")
		// Payments: without a debit account no batch.
		res = f.post(t, tok, "/payments/batches", url.Values{"invoice": {over}})
		wantStatus(t, res, 422)
		wantContains(t, res, "stel eerst de bankrekening van de organisatie in")
		f.follow(t, tok, f.post(t, tok, "/payments/settings", url.Values{"debtor_name": {"Kantoor Test B.V."}, "debtor_iban": {"NL02 ABNA 0123 4567 89"}}))
		res = f.get(t, tok, "/payments")
		wantContains(t, res, "Te laat", "IBAN nog niet bevestigd", `name="invoice" value="`+over+`"`)
		wantNotContains(t, res, `name="invoice" value="`+untrusted+`"`)
		res = f.follow(t, tok, f.post(t, tok, "/payments/batches", url.Values{"invoice": {over}, "format": {"pain.001.001.09"}}))
		wantContains(t, res, "De betaalbatch is gemaakt", "€ 1.500,00", `id="download"`)
		batch := res.Body[strings.Index(res.Body, `/payments/batches/`)+len("/payments/batches/"):]
		batch = batch[:strings.IndexAny(batch, `/"`)]
		file := f.get(t, tok, "/payments/batches/"+batch+"/file")
		wantStatus(t, file, 200)
		if !strings.Contains(file.Body, "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09") || !strings.Contains(file.Body, "<InstdAmt Ccy=\"EUR\">1500.00</InstdAmt>") ||
			!strings.Contains(file.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("file %s\n%s", file.Header.Get("Content-Disposition"), excerpt(file.Body))
		}
		// Downloaded: cancelling asks the bank's word, in Dutch, at the box.
		res = f.post(t, tok, "/payments/batches/"+batch+"/cancel", nil)
		wantStatus(t, res, 422)
		wantContains(t, res, `name="bank_did_not_execute"`, "bevestig dat de bank het niet heeft uitgevoerd")
		res = f.follow(t, tok, f.post(t, tok, "/payments/batches/"+batch+"/execute", nil))
		wantContains(t, res, "de facturen zijn betaald", "uitgevoerd")
		var status string
		d.R.QueryRow(`SELECT status FROM invoices WHERE id = $1`, over).Scan(&status)
		if status != "paid" {
			t.Errorf("invoice %s after execution", status)
		}
		wantStatus(t, f.post(t, tok, "/payments/batches/"+batch+"/cancel", nil), 409)
	})
}
