-- +goose Up
-- Meetings: one object from planning to follow-up. organizer_id is the
-- principal whose meeting it is, preparer_id the assistant who prepares it.
-- Times are UTC; time_zone is the zone the meeting was planned in. sequence
-- is the iCalendar revision raised on every change attendees must see again;
-- invited_sequence is the revision last sent (NULL: never sent). The room is
-- a booking in the rooms module (room_booking_id, no foreign key: the rooms
-- module owns its rows); appointment_id is the organizer's agenda item.
CREATE TABLE meetings (
    id               TEXT PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    sequence         INTEGER NOT NULL DEFAULT 0,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    organizer_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    preparer_id      TEXT REFERENCES people (id) ON DELETE SET NULL,
    starts_at        TIMESTAMP NOT NULL,
    ends_at          TIMESTAMP NOT NULL,
    time_zone        TEXT NOT NULL,
    room_id          TEXT,
    room_booking_id  TEXT,
    location_text    TEXT NOT NULL DEFAULT '',
    online_url       TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'scheduled', 'held', 'minutes_approved', 'cancelled')),
    series_id        TEXT,
    confidential     BOOLEAN NOT NULL DEFAULT FALSE,
    appointment_id   TEXT,
    invited_sequence INTEGER,
    invited_at       TIMESTAMP,
    created_by       TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX meetings_organizer_start ON meetings (organizer_id, starts_at);
CREATE INDEX meetings_preparer ON meetings (preparer_id);
CREATE INDEX meetings_series ON meetings (series_id, starts_at);
CREATE INDEX meetings_start ON meetings (starts_at);

-- Attendees: colleagues (person_id) and external contacts (name, e-mail).
-- answer_token_hash is the hash of the secret in the answer link of the
-- newest invitation (internal/secret). mail_key is the jobs unique key of
-- the newest message to this attendee, whose status the meeting shows.
CREATE TABLE meeting_attendees (
    id                TEXT PRIMARY KEY,
    meeting_id        TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL DEFAULT 0,
    person_id         TEXT REFERENCES people (id) ON DELETE SET NULL,
    name              TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    external          BOOLEAN NOT NULL DEFAULT FALSE,
    required          BOOLEAN NOT NULL DEFAULT TRUE,
    response          TEXT NOT NULL DEFAULT 'needs_action'
                      CHECK (response IN ('needs_action', 'accepted', 'declined', 'tentative')),
    responded_at      TIMESTAMP,
    answer_token_hash TEXT,
    mail_key          TEXT NOT NULL DEFAULT '',
    mail_sent_at      TIMESTAMP,
    mail_sequence     INTEGER
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees (meeting_id, position);
CREATE INDEX meeting_attendees_person ON meeting_attendees (person_id);
CREATE UNIQUE INDEX meeting_attendees_token ON meeting_attendees (answer_token_hash);

CREATE TABLE meeting_agenda_items (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    topic           TEXT NOT NULL,
    presenter_id    TEXT REFERENCES people (id) ON DELETE SET NULL,
    presenter_name  TEXT NOT NULL DEFAULT '',
    planned_minutes INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes >= 0),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX meeting_agenda_items_meeting ON meeting_agenda_items (meeting_id, position);

CREATE TABLE meeting_documents (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id TEXT REFERENCES meeting_agenda_items (id) ON DELETE SET NULL,
    filename       TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    content        BLOB NOT NULL,
    uploaded_by    TEXT REFERENCES people (id) ON DELETE SET NULL,
    uploaded_at    TIMESTAMP NOT NULL
);
CREATE INDEX meeting_documents_meeting ON meeting_documents (meeting_id);

-- +goose Down
DROP TABLE meeting_documents;
DROP TABLE meeting_agenda_items;
DROP TABLE meeting_attendees;
DROP TABLE meetings;
