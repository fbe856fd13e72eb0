package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/invoices"
	"spil/internal/jobs"
	"spil/internal/suppliers"
	"spil/internal/testutil"
)

// TestInvoicePagesInBothLanguages renders the invoice pages — list tabs,
// import forms with errors, the invoice with its checks, the settings — in
// Dutch and English, and walks the flow: the assistant uploads an e-invoice
// and a PDF, the Office Manager approves, the director countersigns an
// invoice above the limit.
func TestInvoicePagesInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		f.srv.Suppliers = &suppliers.Service{DB: d, Clock: f.clock, Jobs: &jobs.Queue{DB: d, Clock: f.clock}, Texts: f.srv.I18n}
		f.srv.Budget = &budget.Service{DB: d, Clock: f.clock}
		f.srv.Invoices = &invoices.Service{DB: d, Clock: f.clock, Suppliers: f.srv.Suppliers, Budget: f.srv.Budget}
		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		dirk := f.person(t, "Dirk Directeur", "dirk@example.nl", authz.RolePrincipal)
		f.person(t, "Tim Team", "tim@example.nl")
		sp, err := f.srv.Suppliers.Create(ctx, f.actor(t, olga), suppliers.SupplierInput{Name: "Glans Schoonmaak B.V.", KvKNumber: "12345678",
			VATNumber: "NL004495445B01", Category: "cleaning", City: "Amsterdam", Accounts: []suppliers.AccountInput{{IBAN: "NL91ABNA0417164300"}}})
		if err != nil {
			t.Fatal(err)
		}
		doc := func(number string, net int64, iban string) []byte {
			return invoices.ExampleUBL(invoices.Example{SupplierName: "Glans Schoonmaak", KvK: "12345678", VAT: "NL004495445B01", Number: number,
				IssueDate: "2026-10-01", DueDate: "2026-10-31", NetCents: net, IBAN: iban, Attachment: []byte("%PDF-1.4 uren"), AttachmentName: "uren.pdf"})
		}
		mi := f.login(t, "mia@example.nl")
		// Upload as the assistant: redirected to the invoice with its checks.
		res := f.upload(t, mi, "/invoices/import", "file", "f1.xml", doc("W-1", 100000, "NL44RABO0123456789"), nil)
		wantStatus(t, res, http.StatusSeeOther)
		id := strings.TrimPrefix(strings.Split(res.Location, "?")[0], "/invoices/")
		page := f.follow(t, mi, res)
		wantContains(t, page, "W-1", "NL44 RABO 0123 4567 89", "uren.pdf")
		// The list flags the changed bank account before the invoice is opened.
		wantContains(t, f.get(t, mi, "/invoices?tab=registered"), "W-1", "gewijzigde bankrekening")
		// A validation error names the element; nothing stored.
		bad := strings.Replace(string(doc("W-9", 100000, "NL91ABNA0417164300")), `<cbc:PayableAmount currencyID="EUR">1210.00`, `<cbc:PayableAmount currencyID="EUR">1210.01`, 1)
		res = f.upload(t, mi, "/invoices/import", "file", "bad.xml", []byte(bad), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "cac:LegalMonetaryTotal/cbc:PayableAmount", "BR-CO-16")
		// Above the limit: approve, then countersign.
		res = f.upload(t, mi, "/invoices/import", "file", "f2.xml", doc("W-2", 300000, "NL91ABNA0417164300"), nil)
		wantStatus(t, res, http.StatusSeeOther)
		big := strings.TrimPrefix(strings.Split(res.Location, "?")[0], "/invoices/")
		// PDF with entry by hand.
		res = f.upload(t, mi, "/invoices/import/pdf", "file", "k.pdf", []byte("%PDF-1.7 koffie"), url.Values{"supplier_name": {"Koffie & Co"},
			"number": {"K-1"}, "issue_date": {"2026-10-02"}, "total_excl": {"100,00"}, "vat": {"9,00"}})
		wantStatus(t, res, http.StatusSeeOther)
		pdf := strings.TrimPrefix(strings.Split(res.Location, "?")[0], "/invoices/")

		checks := []pageCheck{
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices?tab=all&q=glans&overdue=1&supplier=" + sp.ID, status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices?tab=registered", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices/" + id, status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices/" + pdf, status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices/import", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/invoices/settings", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/invoices/settings", form: url.Values{"approval_limit": {"twee"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodPost, path: "/invoices/" + id + "/reject", form: url.Values{"reason": {""}}, status: 422},
			{who: "olga@example.nl", method: http.MethodPost, path: "/invoices/" + id + "/coding", form: url.Values{"budget_category": {"nope"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/", status: 200},
			{who: "mia@example.nl", method: http.MethodGet, path: "/invoices", status: 200},
			{who: "mia@example.nl", method: http.MethodGet, path: "/invoices/" + id, status: 200},
			{who: "mia@example.nl", method: http.MethodPost, path: "/invoices/" + id + "/approve", form: url.Values{}, status: 403},
			{who: "mia@example.nl", method: http.MethodPost, path: "/invoices/settings", form: url.Values{"approval_limit": {"1"}}, status: 403},
			{who: "dirk@example.nl", method: http.MethodGet, path: "/invoices/" + big, status: 200},
			{who: "dirk@example.nl", method: http.MethodGet, path: "/", status: 200},
			{who: "tim@example.nl", method: http.MethodGet, path: "/invoices", status: 403},
			{who: "tim@example.nl", method: http.MethodGet, path: "/invoices/" + id, status: 403},
		}
		for _, lang := range i18n.Languages() {
			for _, pid := range []string{olga, mia, dirk} {
				if _, err := f.org.UpdateProfile(ctx, f.actor(t, pid), "", lang); err != nil {
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
		for _, pid := range []string{olga, dirk} {
			f.org.UpdateProfile(ctx, f.actor(t, pid), "", "nl")
		}
		om, dk := f.login(t, "olga@example.nl"), f.login(t, "dirk@example.nl")
		// The changed IBAN is flagged on the page; the dashboard card lists both invoices for the Office Manager.
		res = f.get(t, om, "/invoices/"+id)
		wantContains(t, res, "Gewijzigde bankrekening NL44 RABO 0123 4567 89", "Goedkeuren")
		res = f.get(t, om, "/")
		wantContains(t, res, "Facturen die op jouw goedkeuring wachten", "W-1", "W-2")
		// The Office Manager approves the big one; the director then sees it waiting and countersigns.
		wantStatus(t, f.post(t, om, "/invoices/"+big+"/approve", url.Values{"step": {"approve"}}), http.StatusSeeOther)
		res = f.get(t, dk, "/invoices?tab=mine")
		wantContains(t, res, "W-2", "Medeondertekenen")
		res = f.follow(t, dk, f.post(t, dk, "/invoices/"+big+"/approve", url.Values{"step": {"countersign"}}))
		wantContains(t, res, "Goedgekeurd", "Medeondertekend door Dirk Directeur")
		// The attachment opens in the browser, sandboxed.
		det, _ := f.srv.Invoices.Get(ctx, f.actor(t, olga), id)
		res = f.get(t, om, "/invoices/"+id+"/attachments/"+det.Invoice.Attachments[0].ID)
		if res.Status != 200 || res.Body != "%PDF-1.4 uren" || res.Header.Get("Content-Security-Policy") != "sandbox" {
			t.Errorf("attachment: %d %q %v", res.Status, res.Body, res.Header)
		}
		// An upload over 20 MiB is refused at the edge, with the reason.
		res = f.upload(t, om, "/invoices/import", "file", "huge.xml", make([]byte, invoices.MaxDocumentBytes+128<<10), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "groter dan 20 MiB")
		// Settings in Dutch amounts.
		wantStatus(t, f.post(t, om, "/invoices/settings", url.Values{"approval_limit": {"5.000,00"}}), http.StatusSeeOther)
		if st, _ := f.srv.Invoices.Settings(ctx, f.actor(t, olga)); st.ApprovalLimitCents != 500000 {
			t.Errorf("limit %d", st.ApprovalLimitCents)
		}
	})
}
