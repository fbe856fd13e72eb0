-- +goose Up
-- Rooms and resources (docs/meetings/rooms.md). equipment is a space-separated
-- list of keys (screen video whiteboard …); bookable_by a space-separated list
-- of role keys, empty for everyone; bookable_from/until are minutes after
-- midnight in the organization's time zone, bookable_days the ISO weekdays
-- (1 = Monday) as digits, "12345" for working days. max_minutes 0 means no
-- maximum; checkin_minutes NULL means the organization's default
-- (room_settings).
CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    location_id      TEXT REFERENCES locations (id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    capacity         INTEGER NOT NULL CHECK (capacity >= 1),
    equipment        TEXT NOT NULL DEFAULT '',
    accessible       BOOLEAN NOT NULL DEFAULT FALSE,
    bookable_by      TEXT NOT NULL DEFAULT '',
    needs_approval   BOOLEAN NOT NULL DEFAULT FALSE,
    max_minutes      INTEGER NOT NULL DEFAULT 0,
    bookable_from    INTEGER NOT NULL DEFAULT 420,
    bookable_until   INTEGER NOT NULL DEFAULT 1320,
    bookable_days    TEXT NOT NULL DEFAULT '12345',
    checkin_required BOOLEAN NOT NULL DEFAULT FALSE,
    checkin_minutes  INTEGER,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX rooms_location ON rooms (location_id, active);

-- A booking occupies its room while pending or confirmed; the rooms service
-- serializes bookings per room (one writer on SQLite, the room's row locked
-- on PostgreSQL) so two never overlap. Times are UTC, whole minutes.
CREATE TABLE room_bookings (
    id            TEXT PRIMARY KEY,
    room_id       TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    starts_at     TIMESTAMP NOT NULL,
    ends_at       TIMESTAMP NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    booked_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    booked_for    TEXT REFERENCES people (id) ON DELETE SET NULL,
    meeting_id    TEXT,
    attendees     INTEGER NOT NULL DEFAULT 0,
    confidential  BOOLEAN NOT NULL DEFAULT FALSE,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'released', 'cancelled', 'rejected')),
    checked_in_at TIMESTAMP,
    checked_in_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    decided_by    TEXT REFERENCES people (id) ON DELETE SET NULL,
    decided_at    TIMESTAMP,
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX room_bookings_room ON room_bookings (room_id, starts_at, ends_at, status);
CREATE INDEX room_bookings_meeting ON room_bookings (meeting_id);
CREATE INDEX room_bookings_status ON room_bookings (status, starts_at, ends_at, room_id);

-- The organization's room settings: the default check-in window.
CREATE TABLE room_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    checkin_minutes INTEGER NOT NULL DEFAULT 15
);
INSERT INTO room_settings (id, checkin_minutes) VALUES (1, 15);

-- +goose Down
DROP TABLE room_settings;
DROP TABLE room_bookings;
DROP TABLE rooms;
