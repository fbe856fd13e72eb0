package suppliers

import (
	"sync"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// Two Office Managers registering the same supplier at once: one wins, the
// other gets the duplicate Conflict, never an internal error.
func TestConcurrentDuplicateSuppliers(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		const n = 6
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				in := cleaner()
				in.Accounts = nil
				_, errs[i] = f.svc.Create(ctx, f.om, in)
			}(i)
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case apperr.KindOf(err) != apperr.Conflict:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 || count(t, d, "suppliers") != 1 {
			t.Errorf("%d created, %d stored; want 1", ok, count(t, d, "suppliers"))
		}
	})
}
