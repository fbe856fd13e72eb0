-- +goose Up
-- The floor under the busy cache, so agenda_changes can be cleaned up: a
-- cached month is used and stored only when its horizon is at or past
-- floor, and only changes (and months) below floor are deleted. next_floor
-- is the highest horizon a month could get at next_at (Unix seconds); a
-- later cleanup raises floor to it.
CREATE TABLE agenda_cache_floor (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    floor      BIGINT NOT NULL,
    next_floor BIGINT NOT NULL,
    next_at    BIGINT NOT NULL
);
INSERT INTO agenda_cache_floor (id, floor, next_floor, next_at) VALUES (1, 0, 0, 0);

-- +goose Down
DROP TABLE agenda_cache_floor;
