-- +goose Up
-- Which agendas changed, for the busy-time cache the slot finder reads,
-- written by the triggers below whatever code makes the change. xid orders
-- the changes: in SQLite a counter (writes are serialized) and one row per
-- person, holding their last change; in PostgreSQL the writing
-- transaction's ID, a row per transaction and person, so that writers
-- never wait for each other here.
CREATE TABLE agenda_changes (
    person_id TEXT NOT NULL,
    xid       BIGINT NOT NULL,
    PRIMARY KEY (person_id, xid)
);
CREATE INDEX agenda_changes_xid ON agenda_changes (xid);

-- Busy time of one agenda holder in one month (UTC), encoded for the slot
-- finder; valid while no change for the person has xid >= horizon.
CREATE TABLE agenda_busy_cache (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    month     TEXT NOT NULL,
    horizon   BIGINT NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (person_id, month)
);
-- Read often, a few kB each: stored without compression, which halves the
-- time to read them.
ALTER TABLE agenda_busy_cache ALTER COLUMN data SET STORAGE EXTERNAL;

-- +goose StatementBegin
CREATE FUNCTION agenda_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    x BIGINT := pg_current_xact_id()::text::bigint;
BEGIN
    IF TG_TABLE_NAME = 'appointments' THEN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO agenda_changes (person_id, xid) VALUES (OLD.owner_id, x) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO agenda_changes (person_id, xid) VALUES (NEW.owner_id, x) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            INSERT INTO agenda_changes (person_id, xid)
            SELECT DISTINCT person_id, x FROM appointment_attendees
            WHERE appointment_id = NEW.id AND person_id IS NOT NULL
            ON CONFLICT DO NOTHING;
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' AND OLD.person_id IS NOT NULL THEN
            INSERT INTO agenda_changes (person_id, xid) VALUES (OLD.person_id, x) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.person_id IS NOT NULL THEN
            INSERT INTO agenda_changes (person_id, xid) VALUES (NEW.person_id, x) ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER appointments_changed AFTER INSERT OR UPDATE OR DELETE ON appointments
    FOR EACH ROW EXECUTE FUNCTION agenda_changed();
CREATE TRIGGER appointment_attendees_changed AFTER INSERT OR UPDATE OR DELETE ON appointment_attendees
    FOR EACH ROW EXECUTE FUNCTION agenda_changed();

-- +goose Down
DROP TRIGGER appointment_attendees_changed ON appointment_attendees;
DROP TRIGGER appointments_changed ON appointments;
DROP FUNCTION agenda_changed();
DROP TABLE agenda_busy_cache;
DROP TABLE agenda_changes;
