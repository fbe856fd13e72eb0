package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/db"
	"spil/internal/payments"
	"spil/internal/testutil"
)

// TestBudgetAndPaymentsAPI sets a budget and reads it back with an over
// budget warning, and pays an approved invoice through a batch: refused
// while its IBAN is untrusted, made, downloaded, executed; who may do what.
func TestBudgetAndPaymentsAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		clk := f.deps.Org.Clock
		f.api.Budget = &budget.Service{DB: d, Clock: clk}
		f.api.Payments = &payments.Service{DB: d, Clock: clk}
		om := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		dir := f.person(t, "Hendrik Directeur", "hendrik@example.nl", authz.RolePrincipal)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		omTok, dirTok, timTok := f.token(t, om.ID), f.token(t, dir.ID), f.token(t, tim.ID)
		year := clk.Now().Year()
		y := func(p string) string { return strings.ReplaceAll(p, "YYYY", itoa(year)) }

		wantStatus(t, f.do(t, request{method: "PUT", path: y("/api/v1/budget/YYYY/catering"), token: dirTok, body: map[string]any{"yearly_cents": 1200}}), http.StatusForbidden)
		res := f.do(t, request{method: "PUT", path: y("/api/v1/budget/YYYY/catering"), token: omTok, body: map[string]any{"yearly_cents": 120_000}})
		wantStatus(t, res, http.StatusOK)
		wantStatus(t, f.do(t, request{method: "PUT", path: y("/api/v1/budget/YYYY/yachts"), token: omTok, body: map[string]any{"yearly_cents": 1}}), http.StatusUnprocessableEntity)

		sup := uuid.Must(uuid.NewV7()).String()
		now := clk.Now()
		if _, err := d.W.Exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES ($1, 'Broodje & Co', $2, $2)`, sup, now); err != nil {
			t.Fatal(err)
		}
		acc := uuid.Must(uuid.NewV7()).String()
		if _, err := d.W.Exec(`INSERT INTO supplier_bank_accounts (id, supplier_id, iban, created_at) VALUES ($1, $2, 'NL91ABNA0417164300', $3)`, acc, sup, now); err != nil {
			t.Fatal(err)
		}
		inv := uuid.Must(uuid.NewV7()).String()
		if _, err := d.W.Exec(`INSERT INTO invoices (id, kind, supplier_id, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
			iban, budget_category, status, channel, registered_at, updated_at)
			VALUES ($1, 'invoice', $2, 'Broodje & Co', 'F-1', $3, $3, 'EUR', 150000, 31500, 181500, 181500, 'NL91ABNA0417164300', 'catering', 'approved', 'api', $4, $4)`,
			inv, sup, now.Format("2006-01-02"), now); err != nil {
			t.Fatal(err)
		}
		res = f.do(t, request{method: "GET", path: y("/api/v1/budget/YYYY?lang=en"), token: dirTok})
		wantStatus(t, res, http.StatusOK)
		var b Budget
		res.decode(t, &b)
		over := false
		for _, w := range b.Warnings {
			over = over || (w.Category == "catering" && w.Scope == "year" && w.Level == 100)
		}
		if b.Total.Budget != 120_000 || b.Total.Actual != 150_000 || !over || len(b.Categories) != 8 || b.Categories[2].Name != "Catering" {
			t.Errorf("budget %+v", b)
		}
		wantStatus(t, f.do(t, request{method: "GET", path: y("/api/v1/budget/YYYY"), token: timTok}), http.StatusForbidden)

		// Payments: the paying account, then a batch; the untrusted IBAN is refused by invoice.
		wantStatus(t, f.do(t, request{method: "PUT", path: "/api/v1/payment-settings", token: omTok, body: map[string]any{"debtor_name": "Kantoor B.V.", "debtor_iban": "NL02ABNA0123456780"}}), http.StatusUnprocessableEntity)
		res = f.do(t, request{method: "PUT", path: "/api/v1/payment-settings", token: omTok, body: map[string]any{"debtor_name": "Kantoor B.V.", "debtor_iban": "NL02 ABNA 0123 4567 89"}})
		wantStatus(t, res, http.StatusOK)
		var st PaymentSettings
		res.decode(t, &st)
		if st.DebtorIBAN != "NL02ABNA0123456789" || st.DebtorBIC != "ABNANL2A" {
			t.Errorf("settings %+v", st)
		}
		body := map[string]any{"invoice_ids": []string{inv}}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/payment-batches", token: dirTok, body: body}), http.StatusForbidden)
		res = f.do(t, request{method: "POST", path: "/api/v1/payment-batches", token: omTok, body: body})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if !strings.Contains(string(res.raw), "invoices."+inv) || !strings.Contains(string(res.raw), "not a trusted account") {
			t.Errorf("refusal %s", res.raw)
		}
		if _, err := d.W.Exec(`UPDATE supplier_bank_accounts SET trusted_at = $1 WHERE id = $2`, now, acc); err != nil {
			t.Fatal(err)
		}
		res = f.do(t, request{method: "POST", path: "/api/v1/payment-batches", token: omTok, body: body})
		wantStatus(t, res, http.StatusCreated)
		var pb PaymentBatch
		res.decode(t, &pb)
		if pb.Count != 1 || pb.TotalCents != 181_500 || pb.Status != "open" || len(pb.Items) != 1 {
			t.Fatalf("batch %+v", pb)
		}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/payment-batches", token: omTok, body: body}), http.StatusUnprocessableEntity)
		file := f.do(t, request{method: "GET", path: "/api/v1/payment-batches/" + pb.ID + "/file?format=pain.001.001.03", token: omTok})
		wantStatus(t, file, http.StatusOK)
		if !strings.Contains(string(file.raw), "pain.001.001.03") || !strings.Contains(string(file.raw), "1815.00") {
			t.Errorf("file %s", file.raw)
		}
		// The file was downloaded: cancelling needs the bank's word, or the
		// invoice would be free for a second file.
		refused := f.do(t, request{method: "POST", path: "/api/v1/payment-batches/" + pb.ID + "/cancel", token: omTok})
		wantStatus(t, refused, http.StatusUnprocessableEntity)
		wantLocation(t, refused, "body.bank_did_not_execute")
		res = f.do(t, request{method: "POST", path: "/api/v1/payment-batches/" + pb.ID + "/execute", token: omTok})
		wantStatus(t, res, http.StatusOK)
		res.decode(t, &pb)
		if pb.Status != "executed" || pb.ExportedAt == nil || pb.ExecutedAt == nil {
			t.Errorf("executed %+v", pb)
		}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/payment-batches/" + pb.ID + "/execute", token: omTok}), http.StatusOK)
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/payment-batches/" + pb.ID + "/cancel", token: omTok}), http.StatusConflict)
		res = f.do(t, request{method: "GET", path: "/api/v1/payment-batches", token: omTok})
		var list List[PaymentBatch]
		res.decode(t, &list)
		if list.Total != 1 {
			t.Errorf("%d batches", list.Total)
		}
		wantStatus(t, f.do(t, request{method: "GET", path: "/api/v1/payment-batches/nope", token: omTok}), http.StatusNotFound)
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
