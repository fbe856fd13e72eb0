package api

import (
	"net/http"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/suppliers"
	"spil/internal/testutil"
)

func TestSuppliersAndContractsAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		clk := f.deps.Org.Clock
		f.api.Suppliers = &suppliers.Service{DB: d, Clock: clk, Jobs: &jobs.Queue{DB: d, Clock: clk}}
		om := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		ma := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		omTok, maTok, timTok := f.token(t, om.ID), f.token(t, ma.ID), f.token(t, tim.ID)

		in := map[string]any{"name": "Schoon & Snel B.V.", "kvk_number": "1234 5678", "vat_number": "NL004495445B01", "category": "cleaning",
			"contacts":      []map[string]any{{"name": "Jan Schoon", "email": "jan@schoon.example"}},
			"bank_accounts": []map[string]any{{"iban": "NL91 ABNA 0417 1643 00"}}}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/suppliers", token: maTok, body: in}), http.StatusForbidden)
		res := f.do(t, request{method: "POST", path: "/api/v1/suppliers", token: omTok, body: in})
		wantStatus(t, res, http.StatusCreated)
		var sp Supplier
		res.decode(t, &sp)
		if sp.KvKNumber != "12345678" || len(sp.Accounts) != 1 || sp.Accounts[0].Trusted || sp.UntrustedAccounts != 1 {
			t.Fatalf("created %+v", sp)
		}
		// Duplicates and bad numbers are named by field; nothing stored.
		dup := f.do(t, request{method: "POST", path: "/api/v1/suppliers", token: omTok, body: map[string]any{"name": "Ander", "kvk_number": "12345678"}})
		wantStatus(t, dup, http.StatusConflict)
		bad := f.do(t, request{method: "POST", path: "/api/v1/suppliers", token: omTok, body: map[string]any{"name": "Fout",
			"vat_number": "NL004495446B01", "bank_accounts": []map[string]any{{"iban": "NL91ABNA0417164301"}}}})
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		locs := ""
		for _, e := range bad.problem(t).Errors {
			locs += e.Location + " "
		}
		if !strings.Contains(locs, "vat_number") || !strings.Contains(locs, "bank_accounts[0].iban") {
			t.Errorf("error locations %q", locs)
		}

		// The assistant reads, the employee does not.
		res = f.do(t, request{method: "GET", path: "/api/v1/suppliers?q=schoon", token: maTok})
		wantStatus(t, res, http.StatusOK)
		var list List[Supplier]
		res.decode(t, &list)
		if list.Total != 1 {
			t.Errorf("assistant lists %d", list.Total)
		}
		wantStatus(t, f.do(t, request{method: "GET", path: "/api/v1/suppliers", token: timTok}), http.StatusForbidden)

		// A changed IBAN, then confirmed.
		res = f.do(t, request{method: "POST", path: "/api/v1/suppliers/" + sp.ID + "/bank-accounts", token: omTok, body: map[string]any{"iban": "NL44RABO0123456789"}})
		wantStatus(t, res, http.StatusCreated)
		var acc SupplierBankAccount
		res.decode(t, &acc)
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/suppliers/" + sp.ID + "/bank-accounts/" + acc.ID + "/trust", token: maTok,
			body: map[string]any{"method": "callback"}}), http.StatusForbidden)
		res = f.do(t, request{method: "POST", path: "/api/v1/suppliers/" + sp.ID + "/bank-accounts/" + acc.ID + "/trust", token: omTok,
			body: map[string]any{"method": "callback", "note": "Jan, 020-1234567"}})
		wantStatus(t, res, http.StatusOK)
		res.decode(t, &acc)
		if !acc.Trusted || acc.TrustedBy != om.ID {
			t.Errorf("trusted %+v", acc)
		}

		// Contracts: the Office Manager's.
		cin := map[string]any{"supplier_id": sp.ID, "subject": "Schoonmaak", "starts_on": "2025-01-01", "ends_on": "2025-12-31",
			"notice_months": 3, "auto_renew": true, "renew_months": 12, "yearly_value": "18500.00", "budget_category": "cleaning"}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/contracts", token: maTok, body: cin}), http.StatusForbidden)
		res = f.do(t, request{method: "POST", path: "/api/v1/contracts", token: omTok, body: cin})
		wantStatus(t, res, http.StatusCreated)
		var c Contract
		res.decode(t, &c)
		if c.YearlyValue != "18500.00" || c.NoticeBy == "" || c.DaysLeft == nil || c.Status != "active" {
			t.Errorf("contract %+v", c)
		}
		cin["yearly_value"] = "18.500,00"
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/contracts", token: omTok, body: cin}), http.StatusUnprocessableEntity)
		res = f.do(t, request{method: "GET", path: "/api/v1/contracts", token: omTok})
		wantStatus(t, res, http.StatusOK)
		var cl List[Contract]
		res.decode(t, &cl)
		if cl.Total != 1 || cl.Items[0].ID != c.ID {
			t.Errorf("contracts %+v", cl)
		}
		wantStatus(t, f.do(t, request{method: "GET", path: "/api/v1/contracts/" + c.ID, token: omTok}), http.StatusOK)
	})
}
