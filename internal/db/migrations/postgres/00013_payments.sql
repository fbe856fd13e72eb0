-- +goose Up
-- Payments (docs/costs/payments.md): the organization's debit account, and
-- batches of approved invoices paid by one SEPA credit transfer file. An
-- invoice is in at most one batch that is not cancelled: the UNIQUE on
-- payment_batch_items.invoice_id is the guard (cancelling a batch deletes
-- its items, which frees the invoices). Amounts are euro cents; dates
-- 'YYYY-MM-DD' text; times UTC.
CREATE TABLE payment_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    debtor_name TEXT NOT NULL DEFAULT '',
    debtor_iban TEXT NOT NULL DEFAULT '',
    debtor_bic  TEXT NOT NULL DEFAULT '',
    updated_at  TIMESTAMPTZ,
    updated_by  TEXT REFERENCES people (id) ON DELETE SET NULL
);

CREATE TABLE payment_batches (
    id             TEXT PRIMARY KEY,
    message_id     TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL CHECK (status IN ('open', 'exported', 'executed', 'cancelled')),
    format         TEXT NOT NULL CHECK (format IN ('pain.001.001.09', 'pain.001.001.03')),
    execution_date TEXT NOT NULL,
    debtor_name    TEXT NOT NULL,
    debtor_iban    TEXT NOT NULL,
    debtor_bic     TEXT NOT NULL DEFAULT '',
    item_count     INTEGER NOT NULL,
    total_cents    BIGINT NOT NULL,
    created_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    exported_at    TIMESTAMPTZ,
    executed_at    TIMESTAMPTZ,
    executed_by    TEXT REFERENCES people (id) ON DELETE SET NULL,
    cancelled_at   TIMESTAMPTZ,
    cancelled_by   TEXT REFERENCES people (id) ON DELETE SET NULL
);
CREATE INDEX payment_batches_created ON payment_batches (created_at);

CREATE TABLE payment_batch_items (
    batch_id      TEXT NOT NULL REFERENCES payment_batches (id) ON DELETE CASCADE,
    invoice_id    TEXT NOT NULL UNIQUE,
    position      INTEGER NOT NULL,
    supplier_id   TEXT NOT NULL,
    creditor_name TEXT NOT NULL,
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    iban          TEXT NOT NULL,
    bic           TEXT NOT NULL DEFAULT '',
    -- Either free text (remittance) or a structured creditor reference
    -- (reference with its issuer: 'CUR' Dutch betalingskenmerk, 'ISO' RF).
    remittance    TEXT NOT NULL DEFAULT '',
    reference     TEXT NOT NULL DEFAULT '',
    issuer        TEXT NOT NULL DEFAULT '',
    end_to_end_id TEXT NOT NULL,
    PRIMARY KEY (batch_id, position)
);

-- The budget page sums approved and paid invoices of a year by category and
-- month; this index covers that query (see docs/costs/budget.md).
CREATE INDEX invoices_budget_year ON invoices (status, issue_date, budget_category, kind, currency, total_excl_cents, contract_id);

-- +goose Down
DROP INDEX invoices_budget_year;
DROP TABLE payment_batch_items;
DROP TABLE payment_batches;
DROP TABLE payment_settings;
