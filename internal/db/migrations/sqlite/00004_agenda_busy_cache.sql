-- +goose Up
-- Which agendas changed, for the busy-time cache the slot finder reads,
-- written by the triggers below whatever code makes the change. xid orders
-- the changes: in SQLite a counter (writes are serialized) and one row per
-- person, holding their last change; in PostgreSQL the writing
-- transaction's ID, a row per transaction and person.
CREATE TABLE agenda_changes (
    person_id TEXT NOT NULL PRIMARY KEY,
    xid       BIGINT NOT NULL
);
CREATE INDEX agenda_changes_xid ON agenda_changes (xid);

-- Busy time of one agenda holder in one month (UTC), encoded for the slot
-- finder; valid while no change for the person has xid >= horizon.
CREATE TABLE agenda_busy_cache (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    month     TEXT NOT NULL,
    horizon   BIGINT NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (person_id, month)
);

-- +goose StatementBegin
CREATE TRIGGER appointments_changed_insert AFTER INSERT ON appointments BEGIN
    INSERT OR REPLACE INTO agenda_changes (person_id, xid)
    VALUES (NEW.owner_id, (SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER appointments_changed_update AFTER UPDATE ON appointments BEGIN
    INSERT OR REPLACE INTO agenda_changes (person_id, xid)
    SELECT p, (SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes) FROM (
        SELECT OLD.owner_id AS p UNION SELECT NEW.owner_id
        UNION SELECT person_id FROM appointment_attendees WHERE appointment_id = NEW.id AND person_id IS NOT NULL);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER appointments_changed_delete AFTER DELETE ON appointments BEGIN
    INSERT OR REPLACE INTO agenda_changes (person_id, xid)
    VALUES (OLD.owner_id, (SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER appointment_attendees_changed_insert AFTER INSERT ON appointment_attendees
WHEN NEW.person_id IS NOT NULL BEGIN
    INSERT OR REPLACE INTO agenda_changes (person_id, xid)
    VALUES (NEW.person_id, (SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER appointment_attendees_changed_update AFTER UPDATE ON appointment_attendees BEGIN
    INSERT OR REPLACE INTO agenda_changes (person_id, xid)
    SELECT p, (SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes) FROM (
        SELECT OLD.person_id AS p UNION SELECT NEW.person_id) WHERE p IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER appointment_attendees_changed_delete AFTER DELETE ON appointment_attendees
WHEN OLD.person_id IS NOT NULL BEGIN
    INSERT OR REPLACE INTO agenda_changes (person_id, xid)
    VALUES (OLD.person_id, (SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes));
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER appointment_attendees_changed_delete;
DROP TRIGGER appointment_attendees_changed_update;
DROP TRIGGER appointment_attendees_changed_insert;
DROP TRIGGER appointments_changed_delete;
DROP TRIGGER appointments_changed_update;
DROP TRIGGER appointments_changed_insert;
DROP TABLE agenda_busy_cache;
DROP TABLE agenda_changes;
