package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/testutil"
)

var ctx = context.Background()

func start() *clock.Manual { return clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)) }

// processes runs fn once per engine with open, which connects anew to the
// same database each time it is called, as a second `spil serve` process or
// a restarted one would.
func processes(t *testing.T, fn func(t *testing.T, open func() *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, func() *db.DB { return openMigrated(t, db.Options{DataDir: dir}) })
	})
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) {
			url := testutil.PostgresURL(t)
			fn(t, func() *db.DB { return openMigrated(t, db.Options{DatabaseURL: url, MaxConns: 8}) })
		})
	}
}

func openMigrated(t *testing.T, o db.Options) *db.DB {
	t.Helper()
	d, err := db.Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return d
}

// counter counts handler runs per job ID.
type counter struct {
	mu   sync.Mutex
	runs map[string]int
	errs []error // returned by the handler in turn; nil after they run out
}

func (c *counter) handle(_ context.Context, t jobs.Task) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.runs == nil {
		c.runs = map[string]int{}
	}
	c.runs[t.ID]++
	if len(c.errs) > 0 {
		err := c.errs[0]
		c.errs = c.errs[1:]
		return err
	}
	return nil
}

func (c *counter) count(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.runs[id]
}

func (c *counter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.runs {
		n += v
	}
	return n
}

func newRunner(d *db.DB, clk clock.Clock, kind string, h jobs.Handler) (*jobs.Queue, *jobs.Runner) {
	q := &jobs.Queue{DB: d, Clock: clk}
	r := jobs.NewRunner(q)
	r.Handle(kind, h)
	return q, r
}

func enqueue(t *testing.T, q *jobs.Queue, j jobs.Job) string {
	t.Helper()
	id, created, err := q.Enqueue(ctx, q.DB.W, j)
	if err != nil || !created {
		t.Fatalf("enqueue %+v: created %v, %v", j, created, err)
	}
	return id
}

func runDue(t *testing.T, r *jobs.Runner) int {
	t.Helper()
	n, err := r.RunDue(ctx)
	if err != nil {
		t.Fatalf("run due jobs: %v", err)
	}
	return n
}

func status(t *testing.T, q *jobs.Queue, key string) jobs.Status {
	t.Helper()
	s, err := q.Lookup(ctx, q.DB.R, key)
	if err != nil {
		t.Fatalf("look up %q: %v", key, err)
	}
	return s
}

func isKind(err error, k apperr.Kind) bool {
	var ae *apperr.Error
	return errors.As(err, &ae) && ae.Kind == k
}

func countJobs(t *testing.T, d *db.DB, where string) int {
	t.Helper()
	var n int
	if err := d.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE `+where).Scan(&n); err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	return n
}
