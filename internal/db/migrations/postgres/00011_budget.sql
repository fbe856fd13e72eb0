-- +goose Up
-- The office budget (docs/costs/budget.md): categories, and per year, category
-- and month the budgeted amount in euro cents. Actuals (approved and paid
-- invoices) and commitments (running contracts) are computed, not stored.
CREATE TABLE budget_categories (
    key      TEXT PRIMARY KEY,
    name_nl  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL,
    active   BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO budget_categories (key, name_nl, name_en, position) VALUES
    ('facilities', 'Huisvesting en faciliteiten', 'Facilities', 1),
    ('office_supplies', 'Kantoorartikelen', 'Office supplies', 2),
    ('catering', 'Catering', 'Catering', 3),
    ('cleaning', 'Schoonmaak', 'Cleaning', 4),
    ('it', 'IT', 'IT', 5),
    ('events', 'Evenementen', 'Events', 6),
    ('training', 'Opleiding', 'Training', 7),
    ('other', 'Overig', 'Other', 8);

CREATE TABLE budget_lines (
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    category     TEXT NOT NULL REFERENCES budget_categories (key),
    month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (year, category, month)
);

-- +goose Down
DROP TABLE budget_lines;
DROP TABLE budget_categories;
