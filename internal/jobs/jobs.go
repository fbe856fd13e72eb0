// Package jobs is spil's durable background work: reminders, alerts and mail
// that must happen later are rows in the jobs table, enqueued in the same
// transaction as the change that causes them and claimed by whichever
// `spil serve` process polls first. Nothing that must happen lives only in
// memory, so work survives a restart, and a claim is safe with several
// processes on one PostgreSQL database and with SQLite's single writer.
//
// Guarantees, honestly: a job runs at least once while it has attempts left,
// and at most once per successful claim. The job is marked done after its
// handler returns, in a separate statement; a crash (or a lost database
// connection) between the two makes the job due again when its lease ends,
// and it runs again. Handlers therefore check the state they act on ("is the
// action item still open, was this reminder already sent?") and record what
// they did in the feature's own tables, ideally in one transaction. See
// docs/jobs.md.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/clock"
	"spil/internal/db"
)

// DefaultMaxAttempts is how often a job is tried when Job.MaxAttempts is 0:
// with Backoff that is retries after 1, 5, 25, 125 and 360 minutes, so a job
// fails for good about 8½ hours after its first try.
const DefaultMaxAttempts = 6

// maxErrorLen bounds the stored last_error so a huge error cannot bloat a row.
const maxErrorLen = 2000

// Queue enqueues, cancels and inspects jobs. Clock decides what "now" is for
// run times and leases (the database's own clock is never used, so tests can
// move time); Logger may be nil.
type Queue struct {
	DB     *db.DB
	Clock  clock.Clock
	Logger *slog.Logger
}

// Job is work to enqueue.
type Job struct {
	// Kind names the handler that runs the job, e.g. "meetings.action_reminder".
	Kind string
	// Payload is stored as JSON and handed to the handler; keep it small
	// (IDs, not copies of the data the handler will read).
	Payload any
	// RunAt is when the job becomes due; the zero time means now.
	RunAt time.Time
	// UniqueKey, when not empty, makes the job unique: enqueueing a second
	// job with the same key, pending or finished, adds nothing.
	UniqueKey string
	// MaxAttempts is how often the job is tried before it fails for good;
	// 0 means DefaultMaxAttempts.
	MaxAttempts int
}

// Task is a claimed job as its handler sees it.
type Task struct {
	ID          string
	Kind        string
	Payload     json.RawMessage
	RunAt       time.Time
	UniqueKey   string
	Attempt     int // 1 for the first try
	MaxAttempts int

	leaseEnd time.Time
}

// Decode unmarshals the task's JSON payload into v.
func (t Task) Decode(v any) error {
	if err := json.Unmarshal(t.Payload, v); err != nil {
		return fmt.Errorf("job %s (%s): payload: %w", t.ID, t.Kind, err)
	}
	return nil
}

// Status is where a job stands, for showing it to users ("reminder failed:
// relay unreachable").
type Status struct {
	ID          string
	Kind        string
	RunAt       time.Time
	Attempts    int
	MaxAttempts int
	DoneAt      *time.Time
	FailedAt    *time.Time
	LastError   string
}

// State names the status: "done", "failed", "retrying" (pending after at
// least one failed try) or "pending".
func (s Status) State() string {
	switch {
	case s.DoneAt != nil:
		return "done"
	case s.FailedAt != nil:
		return "failed"
	case s.LastError != "":
		return "retrying"
	}
	return "pending"
}

func (qu *Queue) now() time.Time { return qu.Clock.Now().UTC().Truncate(time.Microsecond) }

func (qu *Queue) log() *slog.Logger {
	if qu.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return qu.Logger
}

// Enqueue stores j through q, which may be the caller's transaction so the
// job commits (or rolls back) with the change that caused it. It returns the
// job's ID and whether a new job was stored: when j.UniqueKey is already
// taken, nothing is stored, created is false and id is the existing job's.
// Errors: Invalid for an empty kind, a negative MaxAttempts or a payload that
// does not marshal to JSON; database errors as translated by db.Translate.
func (qu *Queue) Enqueue(ctx context.Context, q db.Querier, j Job) (id string, created bool, err error) {
	if strings.TrimSpace(j.Kind) == "" {
		return "", false, apperr.New(apperr.Invalid, "a job needs a kind")
	}
	if j.MaxAttempts < 0 {
		return "", false, apperr.Errorf(apperr.Invalid, "max attempts %d is negative", j.MaxAttempts)
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = DefaultMaxAttempts
	}
	payload, err := json.Marshal(j.Payload)
	if err != nil {
		return "", false, &apperr.Error{Kind: apperr.Invalid, Message: "job payload is not JSON", Err: err}
	}
	now := qu.now()
	runAt := j.RunAt.UTC().Truncate(time.Microsecond)
	if j.RunAt.IsZero() {
		runAt = now
	}
	id = uuid.Must(uuid.NewV7()).String()
	err = q.QueryRowContext(ctx, `INSERT INTO jobs (id, kind, payload, run_at, max_attempts, unique_key, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (unique_key) DO NOTHING RETURNING id`,
		id, j.Kind, string(payload), runAt, j.MaxAttempts, nullString(j.UniqueKey), now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = q.QueryRowContext(ctx, `SELECT id FROM jobs WHERE unique_key = $1`, j.UniqueKey).Scan(&id)
		if err != nil {
			return "", false, db.Translate(fmt.Errorf("enqueue %s: find job with key %q: %w", j.Kind, j.UniqueKey, err))
		}
		return id, false, nil
	}
	if err != nil {
		return "", false, db.Translate(fmt.Errorf("enqueue %s: %w", j.Kind, err))
	}
	return id, true, nil
}

// Cancel deletes the unfinished job with uniqueKey, so it never runs (an
// action item closed: its reminders go). It reports whether a job was
// deleted; done and failed jobs stay as a record. A handler already running
// the job finishes, but its result is not recorded; handlers check state for
// that reason too. Cancelling frees the key, so the same work can be
// enqueued again later (an item reopened).
func (qu *Queue) Cancel(ctx context.Context, q db.Querier, uniqueKey string) (bool, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM jobs WHERE unique_key = $1 AND done_at IS NULL AND failed_at IS NULL`, uniqueKey)
	if err != nil {
		return false, db.Translate(fmt.Errorf("cancel job %q: %w", uniqueKey, err))
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// CancelPrefix cancels every unfinished job whose unique key starts with
// prefix (all reminders of one action item: "action-item/ID/") and returns
// how many went. An empty prefix is Invalid.
func (qu *Queue) CancelPrefix(ctx context.Context, q db.Querier, prefix string) (int, error) {
	if prefix == "" {
		return 0, apperr.New(apperr.Invalid, "cancel by prefix needs a prefix")
	}
	res, err := q.ExecContext(ctx, `DELETE FROM jobs WHERE substr(unique_key, 1, $2) = $1
		AND done_at IS NULL AND failed_at IS NULL`, prefix, utf8.RuneCountInString(prefix))
	if err != nil {
		return 0, db.Translate(fmt.Errorf("cancel jobs %q…: %w", prefix, err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Lookup returns the status of the job with uniqueKey. Errors: NotFound when
// there is none (never enqueued, cancelled or pruned).
func (qu *Queue) Lookup(ctx context.Context, q db.Querier, uniqueKey string) (Status, error) {
	var s Status
	var done, failed sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT id, kind, run_at, attempts, max_attempts, done_at, failed_at, last_error
		FROM jobs WHERE unique_key = $1`, uniqueKey).
		Scan(&s.ID, &s.Kind, &s.RunAt, &s.Attempts, &s.MaxAttempts, &done, &failed, &s.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return Status{}, apperr.NotFoundf("no job with key %q", uniqueKey)
	}
	if err != nil {
		return Status{}, db.Translate(fmt.Errorf("look up job %q: %w", uniqueKey, err))
	}
	s.RunAt = s.RunAt.UTC()
	s.DoneAt, s.FailedAt = timePtr(done), timePtr(failed)
	return s, nil
}

// Retry makes the failed job with uniqueKey due now with a fresh set of
// attempts (after the relay is repaired, say); its last error stays visible
// until the next try. Errors: NotFound when no failed job has that key.
func (qu *Queue) Retry(ctx context.Context, q db.Querier, uniqueKey string) error {
	now := qu.now()
	res, err := q.ExecContext(ctx, `UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = $2, updated_at = $2
		WHERE unique_key = $1 AND failed_at IS NOT NULL`, uniqueKey, now)
	if err != nil {
		return db.Translate(fmt.Errorf("retry job %q: %w", uniqueKey, err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("no failed job with key %q", uniqueKey)
	}
	return nil
}

// Prune deletes jobs that were done before now minus keep and returns how
// many. Failed jobs are never pruned: they stay until someone looks at them.
// A pruned job's unique key is free again, so features must not enqueue
// work for times long past (see docs/jobs.md).
func (qu *Queue) Prune(ctx context.Context, keep time.Duration) (int, error) {
	res, err := qu.DB.W.ExecContext(ctx, `DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < $1`, qu.now().Add(-keep))
	if err != nil {
		return 0, db.Translate(fmt.Errorf("prune jobs: %w", err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
