package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/db"
	"spil/internal/identity"
	"spil/internal/testutil"
)

// BenchmarkBudgetPage renders /budget for a year with 20,000 invoices (and
// 5,000 of the year before) through the handler: session, service, charts,
// template.
func BenchmarkBudgetPage(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchBudgetPage(b, testutil.NewSQLite(b)) })
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		b.Run("postgres", func(b *testing.B) { benchBudgetPage(b, testutil.NewPostgres(b)) })
	}
}

func benchBudgetPage(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	f.srv.Budget = &budget.Service{DB: d, Clock: f.clock}
	ctx := context.Background()
	om, err := f.org.CreatePerson(ctx, f.admin, orgPerson("Olga Office", "olga@example.nl", authz.RoleOfficeManager))
	if err != nil {
		b.Fatal(err)
	}
	if err := f.id.SetPassword(ctx, f.admin, om.ID, testPassword); err != nil {
		b.Fatal(err)
	}
	oma, err := f.id.Resolver.Resolve(ctx, om.ID, authz.ViaSession)
	if err != nil {
		b.Fatal(err)
	}
	cats := []string{"facilities", "office_supplies", "catering", "cleaning", "it", "events", "training", "other"}
	for _, c := range cats {
		if _, err := f.srv.Budget.Set(ctx, oma, budget.SetInput{Year: 2026, Category: c, Yearly: 5_000_000}); err != nil {
			b.Fatal(err)
		}
	}
	tx, err := d.W.Begin()
	if err != nil {
		b.Fatal(err)
	}
	statuses := []string{"approved", "paid", "paid", "paid", "registered", "paid", "approved", "rejected"}
	for _, year := range []int{2025, 2026} {
		n := 20_000
		if year == 2025 {
			n = 5_000
		}
		for i := 0; i < n; i++ {
			if _, err := tx.Exec(`INSERT INTO invoices (id, kind, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
				budget_category, status, channel, registered_at, updated_at)
				VALUES ($1, 'invoice', 'Supplier', $2, $3, $3, 'EUR', $4, 0, $4, $4, $5, $6, 'api', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
				uuid.Must(uuid.NewV7()).String(), fmt.Sprintf("B-%d-%d", year, i), fmt.Sprintf("%04d-%02d-%02d", year, 1+i%12, 1+i%28),
				int64(1000+i%50_000), cats[i%len(cats)], statuses[i%len(statuses)]); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if d.Dialect == db.Postgres {
		// What autovacuum does after 25,000 new rows: statistics for the planner.
		if _, err := d.W.Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	token, _, err := f.id.Login(ctx, identity.LoginInput{Email: "olga@example.nl", Password: testPassword, Address: "192.0.2.1"})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/budget?year=2026", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		w := httptest.NewRecorder()
		f.mux.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
