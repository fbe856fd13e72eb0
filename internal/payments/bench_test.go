package payments

import (
	"fmt"
	"os"
	"testing"

	"github.com/google/uuid"

	"spil/internal/db"
	"spil/internal/testutil"
)

// BenchmarkBatch10000 makes a batch of 10,000 approved invoices (100
// suppliers with trusted accounts) and writes its pain.001.001.09 file; each
// iteration cancels the batch first so the invoices are free again.
func BenchmarkBatch10000(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchBatch(b, testutil.NewSQLite(b)) })
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		b.Run("postgres", func(b *testing.B) { benchBatch(b, testutil.NewPostgres(b)) })
	}
}

func benchBatch(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	ids := seedInvoices(b, f, 10_000, 100)
	if d.Dialect == db.Postgres {
		// What autovacuum does after 10,000 new rows: statistics for the planner.
		if _, err := d.W.Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	var last string
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if last != "" {
			b.StopTimer()
			if _, err := f.svc.Cancel(ctx, f.om, last, CancelInput{BankDidNotExecute: true}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		batch, err := f.svc.Create(ctx, f.om, CreateInput{InvoiceIDs: ids})
		if err != nil {
			b.Fatal(err)
		}
		file, err := f.svc.Download(ctx, f.om, batch.ID, "")
		if err != nil {
			b.Fatal(err)
		}
		if batch.Count != 10_000 || len(file.Content) < 1_000_000 {
			b.Fatalf("batch of %d, file of %d bytes", batch.Count, len(file.Content))
		}
		last = batch.ID
	}
}

// seedInvoices inserts n approved invoices spread over s suppliers with
// trusted accounts, by direct SQL in one transaction.
func seedInvoices(b testing.TB, f *fixture, n, s int) []string {
	tx, err := f.db.W.Begin()
	if err != nil {
		b.Fatal(err)
	}
	now := f.clock.Now()
	sups := make([]string, s)
	accs := make([]string, s)
	for i := range sups {
		sups[i] = uuid.Must(uuid.NewV7()).String()
		accs[i] = account(b, 5000+i)
		if _, err := tx.Exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, sups[i], fmt.Sprintf("Leverancier %d B.V.", i), now); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO supplier_bank_accounts (id, supplier_id, iban, trusted_at, created_at) VALUES ($1, $2, $3, $4, $4)`,
			uuid.Must(uuid.NewV7()).String(), sups[i], accs[i], now); err != nil {
			b.Fatal(err)
		}
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7()).String()
		if _, err := tx.Exec(`INSERT INTO invoices (id, kind, supplier_id, supplier_name, number, issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents,
			iban, payment_reference, status, channel, registered_at, updated_at)
			VALUES ($1, 'invoice', $2, 'x', $3, '2026-05-01', '2026-06-01', 'EUR', $4, 0, $4, $4, $5, '', 'approved', 'api', $6, $6)`,
			ids[i], sups[i%s], fmt.Sprintf("F-%05d", i), int64(1000+i), accs[i%s], now); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return ids
}
