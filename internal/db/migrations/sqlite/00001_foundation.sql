-- +goose Up
CREATE TABLE organization (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT 'nl',
    time_zone  TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE locations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    address    TEXT NOT NULL DEFAULT '',
    postcode   TEXT NOT NULL DEFAULT '',
    city       TEXT NOT NULL DEFAULT '',
    country    TEXT NOT NULL DEFAULT 'NL',
    latitude   REAL,
    longitude  REAL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE departments (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    parent_id  TEXT REFERENCES departments (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE people (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    email               TEXT NOT NULL UNIQUE,
    phone               TEXT NOT NULL DEFAULT '',
    job_title           TEXT NOT NULL DEFAULT '',
    department_id       TEXT REFERENCES departments (id) ON DELETE SET NULL,
    location_id         TEXT REFERENCES locations (id) ON DELETE SET NULL,
    manager_id          TEXT REFERENCES people (id) ON DELETE SET NULL,
    language            TEXT NOT NULL DEFAULT '',
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash       TEXT NOT NULL DEFAULT '',
    password_changed_at TIMESTAMP,
    sort_name           TEXT NOT NULL DEFAULT '',
    search_text         TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX people_department ON people (department_id, active);
CREATE INDEX people_manager ON people (manager_id, active);
CREATE INDEX people_active ON people (active);
CREATE INDEX people_sort ON people (sort_name, id);

CREATE TABLE role_assignments (
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, role)
);
CREATE INDEX role_assignments_role ON role_assignments (role);

CREATE TABLE mandates (
    id               TEXT PRIMARY KEY,
    principal_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    assistant_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    scopes           TEXT NOT NULL DEFAULT '',
    granted_by       TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (principal_id, assistant_id)
);
CREATE INDEX mandates_assistant ON mandates (assistant_id);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    address      TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

CREATE TABLE login_failures (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL,
    at         TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY,
    at           TIMESTAMP NOT NULL,
    actor_id     TEXT,
    actor_name   TEXT NOT NULL DEFAULT '',
    on_behalf_of TEXT,
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    message      TEXT NOT NULL DEFAULT '',
    label        TEXT NOT NULL DEFAULT '',
    before_data  TEXT NOT NULL DEFAULT '',
    after_data   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_on_behalf_of ON audit_log (on_behalf_of, at);

-- +goose Down
SELECT 1;
