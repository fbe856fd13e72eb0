-- +goose Up
-- Minutes of a meeting (docs/meetings/minutes.md): one row per meeting that
-- has minutes, 'draft' while they are written, 'approved' once closed (then
-- read-only). version counts saves; every save and the approval keep a
-- snapshot in minutes_history. meeting_id refers to meetings (owned by the
-- meetings module; meetings are cancelled, never deleted), without a foreign
-- key so the two modules migrate independently.
CREATE TABLE minutes (
    meeting_id  TEXT PRIMARY KEY,
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    approved_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    approved_at TIMESTAMP,
    version     INTEGER NOT NULL DEFAULT 0,
    updated_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- Notes per agenda item; agenda_item_id NULL holds the general notes.
CREATE TABLE minutes_notes (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES minutes (meeting_id) ON DELETE CASCADE,
    agenda_item_id TEXT,
    notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX minutes_notes_meeting ON minutes_notes (meeting_id);

-- Decisions, optionally under an agenda item, in the order taken.
CREATE TABLE minutes_decisions (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES minutes (meeting_id) ON DELETE CASCADE,
    agenda_item_id TEXT,
    position       INTEGER NOT NULL DEFAULT 0,
    text           TEXT NOT NULL
);
CREATE INDEX minutes_decisions_meeting ON minutes_decisions (meeting_id, position);

-- Every saved version of the minutes as a JSON snapshot; event is 'save'
-- or 'approve'.
CREATE TABLE minutes_history (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES minutes (meeting_id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    event      TEXT NOT NULL DEFAULT 'save',
    snapshot   TEXT NOT NULL,
    changed_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    changed_by_name TEXT NOT NULL DEFAULT '',
    changed_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, version)
);

-- Action items: what someone (a colleague, or an outsider by name and
-- e-mail) must do by a date, usually from a meeting's minutes. Open items of
-- a series show on the minutes of its later meetings until closed.
-- carried_from names the item this one continues, when someone copies it.
CREATE TABLE action_items (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT,
    agenda_item_id TEXT,
    title          TEXT NOT NULL,
    owner_id       TEXT REFERENCES people (id) ON DELETE SET NULL,
    owner_name     TEXT NOT NULL DEFAULT '',
    owner_email    TEXT NOT NULL DEFAULT '',
    due_on         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    closed_at      TIMESTAMP,
    closed_by      TEXT REFERENCES people (id) ON DELETE SET NULL,
    carried_from   TEXT REFERENCES action_items (id) ON DELETE SET NULL,
    position       INTEGER NOT NULL DEFAULT 0,
    created_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX action_items_meeting ON action_items (meeting_id, position);
CREATE INDEX action_items_owner ON action_items (owner_id, status, due_on);
CREATE INDEX action_items_open_due ON action_items (due_on) WHERE status = 'open';

-- Reminders sent for an action item: one row per reminder time, written
-- after the mail went out, so a job that runs again sends nothing.
CREATE TABLE action_item_reminders (
    action_item_id TEXT NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    remind_at      TIMESTAMP NOT NULL,
    stage          TEXT NOT NULL,
    sent_to        TEXT NOT NULL DEFAULT '',
    sent_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (action_item_id, remind_at)
);

-- +goose Down
DROP TABLE action_item_reminders;
DROP TABLE action_items;
DROP TABLE minutes_history;
DROP TABLE minutes_decisions;
DROP TABLE minutes_notes;
DROP TABLE minutes;
