package jobs

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"spil/internal/db"
)

func sortTasks(ts []Task) {
	sort.Slice(ts, func(i, j int) bool {
		if !ts[i].RunAt.Equal(ts[j].RunAt) {
			return ts[i].RunAt.Before(ts[j].RunAt)
		}
		return ts[i].ID < ts[j].ID
	})
}

// owned is the condition that this runner still holds the claim it made:
// the attempt number is the fencing token, so a runner whose lease ran out
// and was taken over can no longer write an outcome.
const owned = `id = $1 AND attempts = $2 AND locked_by = $3 AND done_at IS NULL AND failed_at IS NULL`

// runOne renews the lease of t when less than half of it is left (it waited
// behind slower tasks), runs its handler and records the outcome. It reports
// whether the handler ran; an error is a database error.
func (r *Runner) runOne(ctx context.Context, t Task) (bool, error) {
	now := r.Queue.now()
	if t.leaseEnd.Sub(now) < r.lease()/2 {
		end := now.Add(r.lease())
		res, err := r.Queue.DB.W.ExecContext(ctx, `UPDATE jobs SET locked_until = $4, updated_at = $5 WHERE `+owned,
			t.ID, t.Attempt, r.Name, end, now)
		if err != nil {
			return false, db.Translate(fmt.Errorf("renew lease of job %s: %w", t.ID, err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return false, nil // taken over or cancelled meanwhile
		}
		t.leaseEnd = end
	}
	hctx, cancel := context.WithTimeout(ctx, t.leaseEnd.Sub(now))
	err := r.call(hctx, t)
	cancel()
	wctx, wcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer wcancel()
	if err != nil && ctx.Err() != nil {
		// Stopped by shutdown, not by the job: hand it back untouched.
		r.release(wctx, []Task{t})
		return true, nil
	}
	return true, r.record(wctx, t, err)
}

func (r *Runner) call(ctx context.Context, t Task) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return r.handlers[t.Kind](ctx, t)
}

// record writes the outcome of attempt t.Attempt: done, a retry after
// Backoff, or failed for good.
func (r *Runner) record(ctx context.Context, t Task, runErr error) error {
	now := r.Queue.now()
	var res interface{ RowsAffected() (int64, error) }
	var err error
	log := r.Queue.log().With("job", t.ID, "kind", t.Kind, "attempt", t.Attempt)
	switch {
	case runErr == nil:
		res, err = r.Queue.DB.W.ExecContext(ctx, `UPDATE jobs SET done_at = $4, updated_at = $4,
			locked_by = NULL, locked_until = NULL WHERE `+owned, t.ID, t.Attempt, r.Name, now)
	case t.Attempt >= t.MaxAttempts || errors.As(runErr, new(permanent)):
		log.Error("background job failed for good", "err", runErr)
		res, err = r.Queue.DB.W.ExecContext(ctx, `UPDATE jobs SET failed_at = $4, updated_at = $4, last_error = $5,
			locked_by = NULL, locked_until = NULL WHERE `+owned, t.ID, t.Attempt, r.Name, now, errText(runErr))
	default:
		next := now.Add(Backoff(t.Attempt))
		log.Warn("background job failed; will retry", "err", runErr, "next", next)
		res, err = r.Queue.DB.W.ExecContext(ctx, `UPDATE jobs SET run_at = $4, updated_at = $5, last_error = $6,
			locked_by = NULL, locked_until = NULL WHERE `+owned, t.ID, t.Attempt, r.Name, next, now, errText(runErr))
	}
	if err != nil {
		return db.Translate(fmt.Errorf("record outcome of job %s: %w", t.ID, err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		log.Warn("background job outcome not recorded: cancelled or its lease was taken over meanwhile")
	}
	return nil
}

// release hands claimed jobs back without spending the attempt, so another
// runner (or this one, later) takes them at once.
func (r *Runner) release(ctx context.Context, ts []Task) {
	if len(ts) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := r.Queue.now()
	for _, t := range ts {
		if _, err := r.Queue.DB.W.ExecContext(ctx, `UPDATE jobs SET attempts = attempts - 1, updated_at = $4,
			locked_by = NULL, locked_until = NULL WHERE `+owned, t.ID, t.Attempt, r.Name, now); err != nil {
			r.Queue.log().Warn("background job not handed back; it is taken again when its lease ends",
				"job", t.ID, "err", err)
		}
	}
}

func errText(err error) string {
	s := err.Error()
	if len(s) > maxErrorLen {
		s = strings.ToValidUTF8(s[:maxErrorLen], "") + "…"
	}
	if s == "" {
		s = "error without message"
	}
	return s
}
