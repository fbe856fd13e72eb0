package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/suppliers"
	"spil/internal/testutil"
)

// TestSupplierAndContractPagesInBothLanguages renders the supplier and
// contract pages — lists, forms with errors, details — in Dutch and
// English, and walks the Office Manager's flow: register a supplier, add a
// changed IBAN, see the warning, confirm the account, record a contract.
func TestSupplierAndContractPagesInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		f.srv.Suppliers = &suppliers.Service{DB: d, Clock: f.clock, Jobs: &jobs.Queue{DB: d, Clock: f.clock}, Texts: f.srv.I18n}
		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		f.person(t, "Tim Team", "tim@example.nl")
		om := f.actor(t, olga)
		sp, err := f.srv.Suppliers.Create(ctx, om, suppliers.SupplierInput{Name: "Schoon & Snel B.V.", KvKNumber: "12345678",
			VATNumber: "NL004495445B01", Category: "cleaning", City: "Utrecht",
			Accounts: []suppliers.AccountInput{{IBAN: "NL91ABNA0417164300"}}})
		if err != nil {
			t.Fatal(err)
		}
		c, err := f.srv.Suppliers.CreateContract(ctx, om, suppliers.ContractInput{SupplierID: sp.ID, Subject: "Schoonmaak kantoor",
			StartsOn: "2025-05-01", EndsOn: "2026-04-30", NoticeMonths: 1, AutoRenew: true, RenewMonths: 12, YearlyValue: "12.000", Lang: "nl",
			BudgetCategory: "cleaning"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.srv.Suppliers.AddDocument(ctx, om, c.ID, "contract.pdf", []byte("%PDF-1.4 test")); err != nil {
			t.Fatal(err)
		}
		acc := sp.Accounts[0].ID
		checks := []pageCheck{
			{who: "olga@example.nl", method: http.MethodGet, path: "/suppliers", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/suppliers?q=schoon&category=cleaning", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/suppliers/new", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/suppliers", form: url.Values{"name": {""}, "kvk_number": {"123"},
				"vat_number": {"NL123"}, "iban": {"NL91ABNA0417164301"}, "contact_name": {""}, "contact_email": {"x"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodPost, path: "/suppliers", form: url.Values{"name": {"Dubbel"}, "kvk_number": {"12345678"}}, status: 409},
			{who: "olga@example.nl", method: http.MethodGet, path: "/suppliers/" + sp.ID, status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/suppliers/" + sp.ID + "/edit", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/suppliers/" + sp.ID + "/accounts", form: url.Values{"iban": {"NL44RABO0123456788"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/suppliers/" + sp.ID + "/accounts/" + acc + "/confirm", status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/suppliers/" + sp.ID + "/accounts/" + acc + "/confirm", form: url.Values{"method": {"other"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/contracts", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/contracts?all=1", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/contracts/new?supplier=" + sp.ID, status: 200},
			{who: "olga@example.nl", method: http.MethodPost, path: "/contracts", form: url.Values{"supplier_id": {sp.ID}, "subject": {"Koffie"},
				"starts_on": {"2026-13-01"}, "auto_renew": {"1"}, "yearly_value": {"12,00,0"}, "notice": {"drie"}}, status: 422},
			{who: "olga@example.nl", method: http.MethodGet, path: "/contracts/" + c.ID, status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/contracts/" + c.ID + "/edit", status: 200},
			{who: "olga@example.nl", method: http.MethodGet, path: "/", status: 200},
			{who: "mia@example.nl", method: http.MethodGet, path: "/suppliers", status: 200},
			{who: "mia@example.nl", method: http.MethodGet, path: "/suppliers/" + sp.ID, status: 200},
			{who: "mia@example.nl", method: http.MethodGet, path: "/suppliers/new", status: 403},
			{who: "mia@example.nl", method: http.MethodGet, path: "/contracts", status: 403},
			{who: "tim@example.nl", method: http.MethodGet, path: "/suppliers", status: 403},
		}
		for _, lang := range i18n.Languages() {
			for _, id := range []string{olga, mia} {
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
		// Bad input is named at its field.
		res := f.post(t, tok, "/suppliers", url.Values{"name": {"X"}, "kvk_number": {"123"}, "iban": {"NL91ABNA0417164301"}})
		wantContains(t, res, `id="kvk_number-error"`, `id="iban-error"`)
		// A changed IBAN: added, untrusted, warned about; confirmed with how.
		res = f.follow(t, tok, f.post(t, tok, "/suppliers/"+sp.ID+"/accounts", url.Values{"iban": {"NL44 RABO 0123 4567 89"}}))
		wantContains(t, res, "NL44 RABO 0123 4567 89", `class="warning"`)
		got, _ := f.srv.Suppliers.Get(ctx, om, sp.ID)
		var newAcc string
		for _, a := range got.Accounts {
			if a.IBAN == "NL44RABO0123456789" {
				newAcc = a.ID
			}
		}
		res = f.post(t, tok, "/suppliers/"+sp.ID+"/accounts/"+newAcc+"/confirm", url.Values{"method": {"callback"}, "note": {"Jan, 030-1234567"}})
		wantStatus(t, res, http.StatusSeeOther)
		if k, tr, _ := f.srv.Suppliers.AccountStatusTx(ctx, d.R, sp.ID, "NL44RABO0123456789"); !k || !tr {
			t.Errorf("after confirming: known %v trusted %v", k, tr)
		}
		// The assistant cannot confirm, also not by posting.
		res = f.post(t, f.login(t, "mia@example.nl"), "/suppliers/"+sp.ID+"/accounts/"+acc+"/confirm", url.Values{"method": {"callback"}})
		wantStatus(t, res, http.StatusForbidden)
		// Trust withdrawn: not by the assistant; by the Office Manager, from the page.
		page := f.get(t, tok, "/suppliers/"+sp.ID)
		wantContains(t, page, "/accounts/"+newAcc+"/withdraw")
		wantStatus(t, f.post(t, f.login(t, "mia@example.nl"), "/suppliers/"+sp.ID+"/accounts/"+newAcc+"/withdraw", nil), http.StatusForbidden)
		res = f.post(t, tok, "/suppliers/"+sp.ID+"/accounts/"+newAcc+"/withdraw", url.Values{"reason": {"leverancier meldt fraude"}})
		wantStatus(t, res, http.StatusSeeOther)
		if k, tr, _ := f.srv.Suppliers.AccountStatusTx(ctx, d.R, sp.ID, "NL44RABO0123456789"); !k || tr {
			t.Errorf("after withdrawing: known %v trusted %v", k, tr)
		}
		// A contract recorded through the form, with a Dutch amount.
		res = f.post(t, tok, "/contracts", url.Values{"supplier_id": {sp.ID}, "subject": {"Glasbewassing"}, "starts_on": {"2026-01-01"},
			"ends_on": {"2026-12-31"}, "notice": {"2"}, "notice_unit": {"months"}, "auto_renew": {"1"}, "renew_months": {"12"},
			"yearly_value": {"1.234,56"}, "budget_category": {"cleaning"}, "alert_days": {"60, 14"}})
		wantStatus(t, res, http.StatusSeeOther)
		res = f.follow(t, tok, res)
		wantContains(t, res, "Glasbewassing", "€ 1.234,56", "31 oktober 2026")
		// Documents: type-checked, and downloadable.
		res = f.upload(t, tok, "/contracts/"+c.ID+"/documents", "file", "offerte.pdf", []byte("<html>not a pdf"), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		res = f.get(t, tok, "/contracts/"+c.ID)
		i := strings.Index(res.Body, "/contracts/"+c.ID+"/documents/")
		if i < 0 {
			t.Fatal("no document link")
		}
		link := res.Body[i : i+len("/contracts/"+c.ID+"/documents/")+36]
		res = f.get(t, tok, link)
		wantStatus(t, res, http.StatusOK)
		if res.Body != "%PDF-1.4 test" || res.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("document: %q %q", res.Header.Get("Content-Type"), res.Body)
		}
	})
}
