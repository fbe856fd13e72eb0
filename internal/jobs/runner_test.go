package jobs_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/jobs"
)

// Two processes on one database, polling at the same time, run each of 200
// jobs exactly once.
func TestTwoRunnersNeverRunTheSameJobTwice(t *testing.T) {
	processes(t, func(t *testing.T, open func() *db.DB) {
		clk := start()
		var c counter
		slow := func(ctx context.Context, tk jobs.Task) error {
			runtime.Gosched()
			return c.handle(ctx, tk)
		}
		a, b := open(), open()
		qa, ra := newRunner(a, clk, "remind", slow)
		_, rb := newRunner(b, clk, "remind", slow)
		ra.Batch, rb.Batch = 7, 7
		for i := range 200 {
			enqueue(t, qa, jobs.Job{Kind: "remind", UniqueKey: fmt.Sprintf("r/%d", i)})
		}
		var wg sync.WaitGroup
		ns := make([]int, 2)
		for i, r := range []*jobs.Runner{ra, rb} {
			wg.Go(func() {
				for range 3 { // a runner that finds nothing left stops early
					n, err := r.RunDue(ctx)
					if err != nil {
						t.Errorf("runner %d: %v", i, err)
					}
					ns[i] += n
				}
			})
		}
		wg.Wait()
		twice := 0
		for _, n := range c.runs {
			if n != 1 {
				twice++
			}
		}
		if len(c.runs) != 200 || twice != 0 || ns[0]+ns[1] != 200 {
			t.Errorf("%d jobs ran, %d more than once, runners report %v; want 200, 0, summing to 200", len(c.runs), twice, ns)
		}
		if left := countJobs(t, a, "done_at IS NULL"); left != 0 {
			t.Errorf("%d jobs not done", left)
		}
		t.Logf("runner a ran %d, runner b ran %d", ns[0], ns[1])
	})
}

// A job enqueued before a restart runs after it, on a new process.
func TestAJobSurvivesARestart(t *testing.T) {
	processes(t, func(t *testing.T, open func() *db.DB) {
		clk := start()
		before := open()
		q := &jobs.Queue{DB: before, Clock: clk}
		enqueue(t, q, jobs.Job{Kind: "remind", RunAt: clk.Now().Add(time.Hour), UniqueKey: "r"})
		before.Close() // the process stops

		clk.Advance(2 * time.Hour)
		var c counter
		q2, r := newRunner(open(), clk, "remind", c.handle)
		if n := runDue(t, r); n != 1 || c.total() != 1 {
			t.Fatalf("after the restart: RunDue %d, runs %d; want 1 and 1", n, c.total())
		}
		if s := status(t, q2, "r"); s.State() != "done" {
			t.Errorf("state %s, want done", s.State())
		}
	})
}

// A runner whose handler hangs past its lease (its process stuck or gone)
// loses the job to another runner, and its late outcome is not recorded.
func TestAnExpiredLeaseIsTakenOver(t *testing.T) {
	processes(t, func(t *testing.T, open func() *db.DB) {
		clk := start()
		started, unblock := make(chan struct{}), make(chan struct{})
		var hung counter
		qa, ra := newRunner(open(), clk, "remind", func(ctx context.Context, tk jobs.Task) error {
			hung.handle(ctx, tk)
			close(started)
			<-unblock // ignores ctx, like a stuck process
			return nil
		})
		ra.Lease = 5 * time.Minute
		var c counter
		_, rb := newRunner(open(), clk, "remind", c.handle)
		id := enqueue(t, qa, jobs.Job{Kind: "remind", UniqueKey: "r"})

		done := make(chan error)
		go func() { _, err := ra.RunDue(ctx); done <- err }()
		<-started
		clk.Advance(4 * time.Minute)
		if n := runDue(t, rb); n != 0 {
			t.Fatalf("taken over while the lease held: %d", n)
		}
		clk.Advance(time.Minute)
		if n := runDue(t, rb); n != 1 || c.count(id) != 1 {
			t.Fatalf("after the lease: RunDue %d, runs %d; want 1 and 1", n, c.count(id))
		}
		close(unblock)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		s := status(t, qa, "r")
		if s.State() != "done" || s.Attempts != 2 || !s.DoneAt.Equal(clk.Now()) {
			t.Errorf("status %+v (%s), want done on attempt 2", s, s.State())
		}
	})
}

// A job whose last attempt's process died fails with a message saying so,
// instead of staying pending forever.
func TestAnAbandonedLastAttemptFails(t *testing.T) {
	processes(t, func(t *testing.T, open func() *db.DB) {
		clk := start()
		d := open()
		var c counter
		q, r := newRunner(d, clk, "remind", c.handle)
		id := enqueue(t, q, jobs.Job{Kind: "remind", UniqueKey: "r", MaxAttempts: 1})
		// A process claimed it and died.
		if _, err := d.W.ExecContext(ctx, `UPDATE jobs SET attempts = 1, locked_by = 'gone', locked_until = $2 WHERE id = $1`,
			id, clk.Now().Add(5*time.Minute)); err != nil {
			t.Fatal(err)
		}
		runDue(t, r)
		if s := status(t, q, "r"); s.State() != "pending" {
			t.Fatalf("state %s during the lease, want pending", s.State())
		}
		clk.Advance(5 * time.Minute)
		runDue(t, r)
		if s := status(t, q, "r"); s.State() != "failed" || s.LastError == "" || c.total() != 0 {
			t.Errorf("status %+v (%s), runs %d; want failed with a message, never run", s, s.State(), c.total())
		}
	})
}

// A runner only takes kinds it has a handler for, so a process that does not
// know a new kind yet leaves it for one that does.
func TestARunnerLeavesKindsItCannotHandle(t *testing.T) {
	processes(t, func(t *testing.T, open func() *db.DB) {
		clk := start()
		var old, upgraded counter
		q, r := newRunner(open(), clk, "remind", old.handle)
		enqueue(t, q, jobs.Job{Kind: "room.release", UniqueKey: "x"})
		runDue(t, r)
		_, r2 := newRunner(open(), clk, "room.release", upgraded.handle)
		runDue(t, r2)
		if old.total() != 0 || upgraded.total() != 1 {
			t.Errorf("runs: old %d, upgraded %d; want 0 and 1", old.total(), upgraded.total())
		}
	})
}

// Stopping the app while a job runs hands the job back without spending an
// attempt; Run returns nil.
func TestStoppingHandsTheRunningJobBack(t *testing.T) {
	processes(t, func(t *testing.T, open func() *db.DB) {
		clk := start()
		runCtx, stop := context.WithCancel(ctx)
		q, r := newRunner(open(), clk, "mail", func(ctx context.Context, _ jobs.Task) error {
			stop()
			<-ctx.Done()
			return ctx.Err()
		})
		enqueue(t, q, jobs.Job{Kind: "mail", UniqueKey: "m"})
		enqueue(t, q, jobs.Job{Kind: "mail", UniqueKey: "n"})
		if err := r.Run(runCtx, time.Hour); err != nil {
			t.Fatalf("Run after stop: %v", err)
		}
		for _, k := range []string{"m", "n"} {
			if s := status(t, q, k); s.State() != "pending" || s.Attempts != 0 {
				t.Errorf("%s after stop: %+v (%s), want pending with no attempt spent", k, s, s.State())
			}
		}
		var c counter
		_, r2 := newRunner(open(), clk, "mail", c.handle)
		if n := runDue(t, r2); n != 2 {
			t.Errorf("after the restart ran %d, want 2", n)
		}
	})
}
