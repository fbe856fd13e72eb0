package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/testutil"
)

type reminder struct {
	ActionItem string `json:"action_item"`
}

func TestADueJobRunsOnceWithItsPayload(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		var got []reminder
		q, r := newRunner(d, clk, "remind", func(_ context.Context, tk jobs.Task) error {
			var p reminder
			if err := tk.Decode(&p); err != nil {
				return err
			}
			got = append(got, p)
			return nil
		})
		enqueue(t, q, jobs.Job{Kind: "remind", Payload: reminder{"ai-1"}, UniqueKey: "ai-1/due"})
		if n := runDue(t, r); n != 1 {
			t.Fatalf("first run ran %d jobs, want 1", n)
		}
		clk.Advance(time.Hour)
		if n := runDue(t, r); n != 0 {
			t.Fatalf("second run ran %d jobs, want 0", n)
		}
		if len(got) != 1 || got[0].ActionItem != "ai-1" {
			t.Errorf("handler saw %+v, want one reminder for ai-1", got)
		}
		if s := status(t, q, "ai-1/due"); s.State() != "done" || s.Attempts != 1 || !s.DoneAt.Equal(start().Now()) {
			t.Errorf("status %+v (%s), want done on the first attempt at %v", s, s.State(), start().Now())
		}
	})
}

func TestAFutureJobWaitsForItsTime(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		var c counter
		q, r := newRunner(d, clk, "remind", c.handle)
		id := enqueue(t, q, jobs.Job{Kind: "remind", RunAt: clk.Now().Add(24 * time.Hour)})
		runDue(t, r)
		clk.Advance(24*time.Hour - time.Second)
		runDue(t, r)
		if c.count(id) != 0 {
			t.Fatalf("ran %d times before its time", c.count(id))
		}
		clk.Advance(time.Second)
		if n := runDue(t, r); n != 1 || c.count(id) != 1 {
			t.Errorf("at its time: RunDue %d, runs %d; want 1 and 1", n, c.count(id))
		}
	})
}

func TestAFailingJobIsRetriedWithBackoffThenFailsWithItsError(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		relay := errors.New("smtp relay mail.example.org:587 unreachable")
		c := counter{errs: []error{relay, relay, relay, relay}}
		q, r := newRunner(d, clk, "mail", c.handle)
		id := enqueue(t, q, jobs.Job{Kind: "mail", UniqueKey: "invite/1", MaxAttempts: 3})

		runDue(t, r)
		s := status(t, q, "invite/1")
		if s.State() != "retrying" || s.Attempts != 1 || !s.RunAt.Equal(clk.Now().Add(time.Minute)) || s.LastError != relay.Error() {
			t.Fatalf("after the first failure: %+v (%s); want retrying in 1 minute with the error", s, s.State())
		}
		clk.Advance(time.Minute - time.Second)
		runDue(t, r)
		if c.count(id) != 1 {
			t.Fatalf("retried before the backoff ended: %d runs", c.count(id))
		}
		clk.Advance(time.Second)
		runDue(t, r)
		if s := status(t, q, "invite/1"); c.count(id) != 2 || !s.RunAt.Equal(clk.Now().Add(5*time.Minute)) {
			t.Fatalf("second try: %d runs, next at %v; want 2 runs and a retry in 5 minutes", c.count(id), s.RunAt)
		}
		clk.Advance(5 * time.Minute)
		runDue(t, r)
		s = status(t, q, "invite/1")
		if s.State() != "failed" || s.Attempts != 3 || !s.FailedAt.Equal(clk.Now()) || !strings.Contains(s.LastError, "unreachable") {
			t.Fatalf("after the last attempt: %+v (%s); want failed with the relay error", s, s.State())
		}
		clk.Advance(30 * 24 * time.Hour)
		runDue(t, r)
		if c.count(id) != 3 {
			t.Fatalf("a failed job ran again: %d runs", c.count(id))
		}

		// Once the relay works again, someone retries it by hand.
		if err := q.Retry(ctx, d.W, "invite/1"); err != nil {
			t.Fatal(err)
		}
		runDue(t, r)
		if s := status(t, q, "invite/1"); c.count(id) != 4 || s.State() == "done" {
			t.Fatalf("retry by hand: %d runs, state %s; want a 4th run that fails again (the relay error is still queued)", c.count(id), s.State())
		}
		if err := q.Retry(ctx, d.W, "no-such-key"); !isKind(err, apperr.NotFound) {
			t.Errorf("retry of an unknown key: %v, want NotFound", err)
		}
	})
}

func TestBackoffGrowsFivefoldUpToSixHours(t *testing.T) {
	want := []time.Duration{time.Minute, 5 * time.Minute, 25 * time.Minute, 125 * time.Minute, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := jobs.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := jobs.Backoff(100); got != 6*time.Hour {
		t.Errorf("Backoff(100) = %v, want the 6h cap", got)
	}
}

func TestAPermanentErrorFailsAtOnce(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		c := counter{errs: []error{jobs.Permanent(errors.New("mailbox nobody@example.org does not exist"))}}
		q, r := newRunner(d, clk, "mail", c.handle)
		enqueue(t, q, jobs.Job{Kind: "mail", UniqueKey: "m"})
		runDue(t, r)
		if s := status(t, q, "m"); s.State() != "failed" || s.Attempts != 1 || !strings.Contains(s.LastError, "does not exist") {
			t.Errorf("status %+v (%s), want failed after one attempt with the error", s, s.State())
		}
	})
}

func TestAPanickingHandlerCountsAsAFailure(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		q, r := newRunner(d, start(), "boom", func(context.Context, jobs.Task) error { panic("nil map") })
		enqueue(t, q, jobs.Job{Kind: "boom", UniqueKey: "b"})
		runDue(t, r)
		if s := status(t, q, "b"); s.State() != "retrying" || !strings.Contains(s.LastError, "nil map") {
			t.Errorf("status %+v (%s), want retrying with the panic", s, s.State())
		}
	})
}

func TestACancelledJobNeverRuns(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		var c counter
		q, r := newRunner(d, clk, "remind", c.handle)
		due := clk.Now().Add(time.Hour)
		before := enqueue(t, q, jobs.Job{Kind: "remind", RunAt: due, UniqueKey: "action-item/7/before"})
		after := enqueue(t, q, jobs.Job{Kind: "remind", RunAt: due.Add(time.Hour), UniqueKey: "action-item/7/after"})
		other := enqueue(t, q, jobs.Job{Kind: "remind", RunAt: due, UniqueKey: "action-item/70/before"})

		// The action item is closed: in the same transaction its reminders go.
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			if ok, err := q.Cancel(ctx, tx, "action-item/7/before"); err != nil || !ok {
				t.Errorf("cancel: %v %v, want true", ok, err)
			}
			n, err := q.CancelPrefix(ctx, tx, "action-item/7/")
			if n != 1 {
				t.Errorf("cancel by prefix removed %d, want the 1 left", n)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		clk.Advance(48 * time.Hour)
		runDue(t, r)
		if c.count(before) != 0 || c.count(after) != 0 || c.count(other) != 1 {
			t.Errorf("runs: cancelled %d and %d (want 0), other item %d (want 1)", c.count(before), c.count(after), c.count(other))
		}
		if ok, err := q.Cancel(ctx, d.W, "action-item/70/before"); ok || err != nil {
			t.Errorf("cancelling a done job: %v %v; want false, the record stays", ok, err)
		}
		if _, err := q.CancelPrefix(ctx, d.W, ""); !isKind(err, apperr.Invalid) {
			t.Errorf("cancel with an empty prefix: %v, want Invalid", err)
		}
	})
}

func TestAUniqueKeyIsEnqueuedOnce(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		var c counter
		q, r := newRunner(d, clk, "remind", c.handle)
		j := jobs.Job{Kind: "remind", RunAt: clk.Now(), UniqueKey: "action-item/1/2026-03-02T09:00"}
		id := enqueue(t, q, j)
		for range 2 {
			again, created, err := q.Enqueue(ctx, d.W, j)
			if err != nil || created || again != id {
				t.Fatalf("second enqueue: %s %v %v; want the existing %s, not created, no error", again, created, err, id)
			}
		}
		runDue(t, r)
		if _, created, _ := q.Enqueue(ctx, d.W, j); created {
			t.Error("enqueued again after it ran; a reminder would be sent twice")
		}
		runDue(t, r)
		if c.total() != 1 || countJobs(t, d, "1=1") != 1 {
			t.Errorf("runs %d, rows %d; want 1 and 1", c.total(), countJobs(t, d, "1=1"))
		}
		// Jobs without a key never clash.
		enqueue(t, q, jobs.Job{Kind: "remind"})
		enqueue(t, q, jobs.Job{Kind: "remind"})
	})
}

func TestEnqueueCommitsWithTheCallersTransaction(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		q := &jobs.Queue{DB: d, Clock: start()}
		refused := errors.New("the form was refused")
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			if _, _, err := q.Enqueue(ctx, tx, jobs.Job{Kind: "remind", UniqueKey: "k"}); err != nil {
				return err
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatal(err)
		}
		if _, err := q.Lookup(ctx, d.R, "k"); !isKind(err, apperr.NotFound) {
			t.Errorf("job of a rolled-back change: %v, want NotFound", err)
		}
		if err := d.Tx(ctx, func(tx *sql.Tx) error {
			_, _, err := q.Enqueue(ctx, tx, jobs.Job{Kind: "remind", UniqueKey: "k"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if s := status(t, q, "k"); s.State() != "pending" || s.MaxAttempts != jobs.DefaultMaxAttempts {
			t.Errorf("committed job: %+v (%s)", s, s.State())
		}
	})
}

func TestEnqueueRefusesBadJobs(t *testing.T) {
	d := testutil.NewSQLite(t)
	q := &jobs.Queue{DB: d, Clock: start()}
	for name, j := range map[string]jobs.Job{
		"no kind":          {Payload: 1},
		"negative tries":   {Kind: "k", MaxAttempts: -1},
		"payload not JSON": {Kind: "k", Payload: make(chan int)},
	} {
		if _, _, err := q.Enqueue(ctx, d.W, j); !isKind(err, apperr.Invalid) {
			t.Errorf("%s: %v, want Invalid", name, err)
		}
	}
}

func TestPruneKeepsFailedJobsAndRecentOnes(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		clk := start()
		c := counter{errs: []error{jobs.Permanent(errors.New("bad"))}}
		q, r := newRunner(d, clk, "k", c.handle)
		enqueue(t, q, jobs.Job{Kind: "k", UniqueKey: "failed"})
		enqueue(t, q, jobs.Job{Kind: "k", UniqueKey: "old"})
		runDue(t, r)
		clk.Advance(40 * 24 * time.Hour)
		enqueue(t, q, jobs.Job{Kind: "k", UniqueKey: "recent"})
		runDue(t, r)
		if n, err := q.Prune(ctx, 30*24*time.Hour); err != nil || n != 1 {
			t.Fatalf("pruned %d (%v), want 1", n, err)
		}
		for _, k := range []string{"failed", "recent"} {
			status(t, q, k)
		}
	})
}
