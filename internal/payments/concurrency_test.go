package payments

import (
	"path/filepath"
	"sync"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// TestConcurrentBatchesNeverShareAnInvoice makes batches of overlapping
// invoices at the same time through two separate pools on one database (as
// two spil processes would) and checks that every invoice is in at most one
// batch and each batch is complete or absent.
func TestConcurrentBatchesNeverShareAnInvoice(t *testing.T) {
	run := func(t *testing.T, d1, d2 *db.DB) {
		f := newFixture(t, d1)
		other := &Service{DB: d2, Clock: f.clock}
		sup, acc := f.supplier(t, "Schoon B.V.", true)
		var ids []string
		for i := 0; i < 30; i++ {
			ids = append(ids, f.invoice(t, sup, acc, "invoice", "approved", "2026-06-01", int64(100+i), ""))
		}
		// 12 requests, each a window of 10 invoices moved by 2: neighbours overlap.
		type result struct {
			b   Batch
			err error
		}
		results := make([]result, 12)
		var wg sync.WaitGroup
		for r := 0; r < 12; r++ {
			wg.Add(1)
			go func(r int) {
				defer wg.Done()
				svc := f.svc
				if r%2 == 1 {
					svc = other
				}
				start := (r * 2) % 20
				b, err := svc.Create(ctx, f.om, CreateInput{InvoiceIDs: ids[start : start+10]})
				results[r] = result{b, err}
			}(r)
		}
		wg.Wait()
		made := 0
		for _, r := range results {
			switch {
			case r.err == nil:
				made++
				if r.b.Count != 10 {
					t.Errorf("batch with %d items", r.b.Count)
				}
			case apperr.KindOf(r.err) == apperr.Conflict || apperr.KindOf(r.err) == apperr.Invalid:
			default:
				t.Errorf("unexpected error: %v", r.err)
			}
		}
		var items, distinct, batches int
		d1.R.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT invoice_id) FROM payment_batch_items`).Scan(&items, &distinct)
		d1.R.QueryRow(`SELECT COUNT(*) FROM payment_batches`).Scan(&batches)
		if made == 0 || items != distinct || items != made*10 || batches != made {
			t.Errorf("%d batches made, %d stored, %d items for %d invoices", made, batches, items, distinct)
		}
		t.Logf("%d of 12 overlapping requests made a batch", made)
	}
	t.Run("sqlite", func(t *testing.T) {
		d1 := testutil.NewSQLite(t)
		d2, err := db.Open(ctx, db.Options{DataDir: filepath.Dir(d1.Path)})
		if err != nil {
			t.Fatal(err)
		}
		defer d2.Close()
		run(t, d1, d2)
	})
	t.Run("postgres", func(t *testing.T) {
		url := testutil.PostgresURL(t)
		open := func() *db.DB {
			d, err := db.Open(ctx, db.Options{DatabaseURL: url, MaxConns: 8})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Close() })
			return d
		}
		d1 := open()
		if err := d1.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		run(t, d1, open())
	})
}
