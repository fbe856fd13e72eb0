-- +goose Up
-- Background work as rows (see docs/jobs.md): a job is pending while done_at
-- and failed_at are both NULL; it is due when run_at has passed and no
-- runner holds a lease on it (locked_until NULL or passed). attempts counts
-- claims, so a run that crashed its process still counts. unique_key, when
-- set, makes enqueueing the same work twice a no-op ("remind about action
-- item X at T"); NULL keys never clash. Times are UTC.
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    run_at       TIMESTAMP NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
    locked_by    TEXT,
    locked_until TIMESTAMP,
    done_at      TIMESTAMP,
    failed_at    TIMESTAMP,
    last_error   TEXT NOT NULL DEFAULT '',
    unique_key   TEXT,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key);
-- Claiming reads only pending jobs, oldest due first.
CREATE INDEX jobs_pending_run_at ON jobs (run_at) WHERE done_at IS NULL AND failed_at IS NULL;
-- Pruning finds finished jobs by age.
CREATE INDEX jobs_done_at ON jobs (done_at) WHERE done_at IS NOT NULL;

-- +goose Down
DROP TABLE jobs;
