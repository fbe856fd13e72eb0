-- +goose Up
-- Appointments: one row per single appointment, per recurring series (the
-- master, with rrule/rdates/exdates) and per changed occurrence of a series
-- (series_id and recurrence_id set). Times are UTC; time_zone is the zone the
-- appointment was planned in, in which its recurrence is evaluated.
CREATE TABLE appointments (
    id               TEXT PRIMARY KEY,
    owner_id         TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    uid              TEXT NOT NULL,
    series_id        TEXT REFERENCES appointments (id) ON DELETE CASCADE,
    recurrence_id    TIMESTAMPTZ,
    title            TEXT NOT NULL,
    notes            TEXT NOT NULL DEFAULT '',
    location_id      TEXT REFERENCES locations (id) ON DELETE SET NULL,
    place            TEXT NOT NULL DEFAULT '',
    latitude         DOUBLE PRECISION,
    longitude        DOUBLE PRECISION,
    all_day          BOOLEAN NOT NULL DEFAULT FALSE,
    start_at         TIMESTAMPTZ NOT NULL,
    end_at           TIMESTAMPTZ NOT NULL,
    time_zone        TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
    visibility       TEXT NOT NULL DEFAULT 'normal',
    status           TEXT NOT NULL DEFAULT 'confirmed',
    rrule            TEXT NOT NULL DEFAULT '',
    rdates           TEXT NOT NULL DEFAULT '',
    exdates          TEXT NOT NULL DEFAULT '',
    recurring        BOOLEAN NOT NULL DEFAULT FALSE,
    series_until     TIMESTAMPTZ,
    reminder_minutes INTEGER,
    travel_mode      TEXT NOT NULL DEFAULT '',
    sequence         INTEGER NOT NULL DEFAULT 0,
    source           TEXT NOT NULL DEFAULT '',
    created_by       TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX appointments_owner_start ON appointments (owner_id, recurring, start_at);
CREATE INDEX appointments_series ON appointments (series_id);
CREATE INDEX appointments_owner_uid ON appointments (owner_id, uid);

CREATE TABLE appointment_attendees (
    appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    person_id      TEXT REFERENCES people (id) ON DELETE SET NULL,
    name           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    response       TEXT NOT NULL DEFAULT 'needs_action',
    PRIMARY KEY (appointment_id, position)
);
CREATE INDEX appointment_attendees_person ON appointment_attendees (person_id);

-- Working hours per person and weekday (0 = Sunday), as minutes from local
-- midnight, with where the day starts and ends ('office' or 'home').
CREATE TABLE working_hours (
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    start_place  TEXT NOT NULL DEFAULT 'office',
    end_place    TEXT NOT NULL DEFAULT 'office',
    PRIMARY KEY (person_id, weekday, start_minute)
);

-- Per-person agenda settings; the office is the person's location.
CREATE TABLE agenda_settings (
    person_id      TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    time_zone      TEXT NOT NULL DEFAULT '',
    travel_mode    TEXT NOT NULL DEFAULT 'car',
    buffer_minutes INTEGER NOT NULL DEFAULT 0,
    home_address   TEXT NOT NULL DEFAULT '',
    home_latitude  DOUBLE PRECISION,
    home_longitude DOUBLE PRECISION,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE absences (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    start_at   TIMESTAMPTZ NOT NULL,
    end_at     TIMESTAMPTZ NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX absences_person_start ON absences (person_id, start_at);

-- Known travel times between two of the organization's locations.
CREATE TABLE travel_overrides (
    id               TEXT PRIMARY KEY,
    from_location_id TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    to_location_id   TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    mode             TEXT NOT NULL,
    minutes          INTEGER NOT NULL CHECK (minutes > 0),
    one_way          BOOLEAN NOT NULL DEFAULT FALSE,
    note             TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (from_location_id, to_location_id, mode)
);

-- Private subscription URLs: the feed of owner's agenda as reader may see it.
CREATE TABLE agenda_feeds (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reader_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX agenda_feeds_reader ON agenda_feeds (reader_id);

-- +goose Down
DROP TABLE agenda_feeds;
DROP TABLE travel_overrides;
DROP TABLE absences;
DROP TABLE agenda_settings;
DROP TABLE working_hours;
DROP TABLE appointment_attendees;
DROP TABLE appointments;
