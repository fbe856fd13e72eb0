-- +goose Up
-- The organization's own changes to the role catalog: a salary range of its
-- own for a role, or a role of its own based on an existing one.
CREATE TABLE catalog_changes (
    role_key   TEXT PRIMARY KEY,
    change     TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT
);

-- +goose Down
SELECT 1;
