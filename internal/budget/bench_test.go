package budget

import (
	"fmt"
	"os"
	"testing"

	"github.com/google/uuid"

	"spil/internal/db"
	"spil/internal/testutil"
)

// BenchmarkYear20000 reads the budget page's data (Year) for a year with
// 20,000 invoices (approved, paid and others, all categories, a year before
// and after as well) and 40 contracts.
func BenchmarkYear20000(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchYear(b, testutil.NewSQLite(b)) })
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		b.Run("postgres", func(b *testing.B) { benchYear(b, testutil.NewPostgres(b)) })
	}
}

func benchYear(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	cats := []string{"facilities", "office_supplies", "catering", "cleaning", "it", "events", "training", "other"}
	for _, c := range cats {
		if _, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: c, Yearly: 5_000_000}); err != nil {
			b.Fatal(err)
		}
	}
	SeedInvoices(b, d, 2026, 20_000, cats)
	SeedInvoices(b, d, 2025, 5_000, cats)
	sup := f.supplier(b, "Leverancier")
	for i := 0; i < 40; i++ {
		f.contract(b, sup, cats[i%len(cats)], "2025-03-01", "", "active", true, 1_200_000)
	}
	if d.Dialect == db.Postgres {
		// What autovacuum does after 25,000 new rows: statistics for the planner.
		if _, err := d.W.Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o, err := f.svc.Year(ctx, f.om, 2026)
		if err != nil {
			b.Fatal(err)
		}
		if o.Total.Actual == 0 || len(o.Categories) != 8 {
			b.Fatalf("overview %+v", o.Total)
		}
	}
}

// SeedInvoices inserts n invoices dated in year by direct SQL: statuses
// mostly approved or paid, one in ten a credit note, categories in turn.
func SeedInvoices(b testing.TB, d *db.DB, year, n int, cats []string) {
	tx, err := d.W.Begin()
	if err != nil {
		b.Fatal(err)
	}
	statuses := []string{"approved", "paid", "paid", "paid", "registered", "paid", "approved", "rejected"}
	for i := 0; i < n; i++ {
		kind, amount := "invoice", int64(1000+i%50_000)
		if i%10 == 9 {
			kind, amount = "credit_note", -amount
		}
		issued := fmt.Sprintf("%04d-%02d-%02d", year, 1+i%12, 1+i%28)
		if _, err := tx.Exec(`INSERT INTO invoices (id, kind, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
			budget_category, status, channel, registered_at, updated_at)
			VALUES ($1, $2, 'Supplier', $3, $4, $4, 'EUR', $5, 0, $5, $5, $6, $7, 'api', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			uuid.Must(uuid.NewV7()).String(), kind, fmt.Sprintf("B-%d-%d", year, i), issued, amount, cats[i%len(cats)], statuses[i%len(statuses)]); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
