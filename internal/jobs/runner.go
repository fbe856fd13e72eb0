package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"spil/internal/db"
)

// Handler runs one task. Returning nil marks the job done; an error
// schedules a retry after Backoff, or fails the job for good when it was the
// last attempt or the error is Permanent. The context ends when the job's
// lease does (or when the runner stops); a handler that ignores it may run
// while another runner takes the job over. A panic counts as an error.
type Handler func(ctx context.Context, t Task) error

// Runner claims due jobs of the kinds it has handlers for and runs them, one
// at a time. Several runners, in one process or many, may share a database:
// each job is claimed by one of them. Set the fields before the first
// RunDue or Run; Handle registers handlers, also before.
type Runner struct {
	Queue *Queue
	// Name identifies the runner in locked_by; NewRunner picks host, process
	// and a random suffix.
	Name string
	// Batch is how many jobs one claim takes (default 50).
	Batch int
	// Lease is how long a claimed job is reserved for this runner before
	// another may take it over (default 5 minutes). A job whose handler is
	// still waiting its turn gets its lease renewed before it starts.
	Lease time.Duration
	// Keep is how long Run keeps done jobs before pruning them (default 30
	// days).
	Keep time.Duration

	handlers  map[string]Handler
	kinds     []string
	lastPrune time.Time
}

// NewRunner returns a runner on q with default settings and no handlers.
func NewRunner(q *Queue) *Runner {
	host, _ := os.Hostname()
	var b [4]byte
	rand.Read(b[:])
	return &Runner{
		Queue: q,
		Name:  fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:])),
		Batch: 50, Lease: 5 * time.Minute, Keep: 30 * 24 * time.Hour,
		handlers: map[string]Handler{},
	}
}

// Handle registers h for jobs of kind. Registering a kind twice, or an
// empty kind or nil handler, is a programming error and panics. Jobs of
// kinds without a handler are left for a runner that has one.
func (r *Runner) Handle(kind string, h Handler) {
	if kind == "" || h == nil {
		panic("jobs: Handle needs a kind and a handler")
	}
	if r.handlers == nil {
		r.handlers = map[string]Handler{}
	}
	if _, dup := r.handlers[kind]; dup {
		panic("jobs: a handler for " + kind + " is already registered")
	}
	r.handlers[kind] = h
	r.kinds = append(r.kinds, kind)
}

// Backoff is the wait before the next try after failed attempt n (1-based):
// 1 minute, then five times longer each time (5, 25, 125 minutes), capped at
// 6 hours.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 5
	}
	return min(d, 6*time.Hour)
}

// permanent marks an error that retrying cannot cure.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so the job fails at once instead of being retried
// (an address that does not exist, a payload that does not decode).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// RunDue claims the due jobs of this runner's kinds, batch after batch, runs
// them and records each outcome; it returns how many it ran (whatever their
// outcome). Jobs become due again after their lease if this process dies.
// When ctx ends it stops claiming, hands the claimed jobs it has not started
// back (without spending an attempt) and returns ctx's error. Other errors
// are database errors; jobs already run stay recorded.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	if len(r.kinds) == 0 {
		return 0, nil
	}
	if err := r.failAbandoned(ctx); err != nil {
		return 0, err
	}
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		tasks, err := r.claim(ctx)
		if err != nil {
			return total, err
		}
		for i, t := range tasks {
			if ctx.Err() != nil {
				r.release(ctx, tasks[i:])
				return total, ctx.Err()
			}
			ran, err := r.runOne(ctx, t)
			if err != nil {
				r.release(ctx, tasks[i+1:])
				return total, err
			}
			if ran {
				total++
			}
		}
		if len(tasks) < r.batch() {
			return total, nil
		}
	}
}

// Run calls RunDue now and then every interval until ctx ends, logging
// errors instead of stopping, and prunes done jobs older than Keep about once
// an hour. It returns nil when ctx ends. The app starts it after the
// database and stops it (by ending ctx) before closing the database.
func (r *Runner) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
			r.Queue.log().Error("background jobs: run due", "err", err, "ran", n)
		}
		r.maybePrune(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (r *Runner) maybePrune(ctx context.Context) {
	now := r.Queue.now()
	if ctx.Err() != nil || now.Sub(r.lastPrune) < time.Hour {
		return
	}
	r.lastPrune = now
	keep := r.Keep
	if keep <= 0 {
		keep = 30 * 24 * time.Hour
	}
	if n, err := r.Queue.Prune(ctx, keep); err != nil {
		r.Queue.log().Error("background jobs: prune", "err", err)
	} else if n > 0 {
		r.Queue.log().Info("background jobs: pruned done jobs", "count", n)
	}
}

func (r *Runner) batch() int {
	if r.Batch <= 0 {
		return 50
	}
	return r.Batch
}

func (r *Runner) lease() time.Duration {
	if r.Lease <= 0 {
		return 5 * time.Minute
	}
	return r.Lease
}

// kindsIn returns "IN ($first, …)" for the runner's kinds and their args.
func (r *Runner) kindsIn(first int) (string, []any) {
	ph := make([]string, len(r.kinds))
	args := make([]any, len(r.kinds))
	for i, k := range r.kinds {
		ph[i] = fmt.Sprintf("$%d", first+i)
		args[i] = k
	}
	return "IN (" + strings.Join(ph, ", ") + ")", args
}

// claim takes up to Batch due jobs in one statement. On PostgreSQL the
// subquery locks the rows it picks and skips rows another runner is
// claiming, and re-checks a row it waited for, so two runners never get the
// same job; on SQLite the statement runs on the single writer connection,
// which serializes claims.
func (r *Runner) claim(ctx context.Context) ([]Task, error) {
	now := r.Queue.now()
	in, kindArgs := r.kindsIn(5)
	lock := ""
	if r.Queue.DB.Dialect == db.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	args := append([]any{r.Name, now.Add(r.lease()), now, r.batch()}, kindArgs...)
	rows, err := r.Queue.DB.W.QueryContext(ctx, `UPDATE jobs
		SET attempts = attempts + 1, locked_by = $1, locked_until = $2, updated_at = $3
		WHERE id IN (SELECT id FROM jobs
			WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3
			AND (locked_until IS NULL OR locked_until <= $3)
			AND attempts < max_attempts AND kind `+in+`
			ORDER BY run_at, id LIMIT $4`+lock+`)
		RETURNING id, kind, payload, run_at, COALESCE(unique_key, ''), attempts, max_attempts, locked_until`, args...)
	if err != nil {
		return nil, db.Translate(fmt.Errorf("claim jobs: %w", err))
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		var t Task
		var payload string
		if err := rows.Scan(&t.ID, &t.Kind, &payload, &t.RunAt, &t.UniqueKey, &t.Attempt, &t.MaxAttempts, &t.leaseEnd); err != nil {
			return nil, fmt.Errorf("claim jobs: %w", err)
		}
		t.Payload = []byte(payload)
		t.RunAt, t.leaseEnd = t.RunAt.UTC(), t.leaseEnd.UTC()
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, db.Translate(fmt.Errorf("claim jobs: %w", err))
	}
	// RETURNING order is not defined; run in due order.
	sortTasks(out)
	return out, nil
}

// failAbandoned fails jobs whose last attempt's lease ended without an
// outcome (the process running it died), since no attempt is left to claim.
func (r *Runner) failAbandoned(ctx context.Context) error {
	now := r.Queue.now()
	in, kindArgs := r.kindsIn(3)
	msg := "the process running the last attempt stopped before it finished"
	_, err := r.Queue.DB.W.ExecContext(ctx, `UPDATE jobs
		SET failed_at = $1, updated_at = $1, locked_by = NULL, locked_until = NULL,
		    last_error = CASE WHEN last_error = '' THEN CAST($2 AS TEXT) ELSE CAST($2 AS TEXT) || ' (earlier: ' || last_error || ')' END
		WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1
		AND locked_until <= $1 AND attempts >= max_attempts AND kind `+in,
		append([]any{now, msg}, kindArgs...)...)
	if err != nil {
		return db.Translate(fmt.Errorf("fail abandoned jobs: %w", err))
	}
	return nil
}
