-- +goose Up
-- Suppliers, their contacts and bank accounts, and their contracts with
-- documents (docs/costs/suppliers.md). A bank account is trusted iff
-- trusted_at is set: only the Office Manager sets it, after checking the
-- account outside spil (trust_method and trust_note say how). Dates of contracts are
-- 'YYYY-MM-DD' text (calendar days, no time zone); times are UTC.
CREATE TABLE suppliers (
    id                      TEXT PRIMARY KEY,
    name                    TEXT NOT NULL,
    kvk_number              TEXT NOT NULL DEFAULT '',
    vat_number              TEXT NOT NULL DEFAULT '',
    category                TEXT NOT NULL DEFAULT 'other',
    street                  TEXT NOT NULL DEFAULT '',
    postcode                TEXT NOT NULL DEFAULT '',
    city                    TEXT NOT NULL DEFAULT '',
    country                 TEXT NOT NULL DEFAULT 'NL',
    postal_address          TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    phone                   TEXT NOT NULL DEFAULT '',
    website                 TEXT NOT NULL DEFAULT '',
    processes_personal_data BOOLEAN NOT NULL DEFAULT FALSE,
    notes                   TEXT NOT NULL DEFAULT '',
    active                  BOOLEAN NOT NULL DEFAULT TRUE,
    created_by              TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
-- One supplier per KvK number and per VAT number (empty ones never clash).
CREATE UNIQUE INDEX suppliers_kvk ON suppliers (kvk_number) WHERE kvk_number <> '';
CREATE UNIQUE INDEX suppliers_vat ON suppliers (vat_number) WHERE vat_number <> '';
CREATE INDEX suppliers_name ON suppliers (name);

CREATE TABLE supplier_contacts (
    id          TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supplier_contacts_supplier ON supplier_contacts (supplier_id);

CREATE TABLE supplier_bank_accounts (
    id          TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    iban        TEXT NOT NULL,
    bic         TEXT NOT NULL DEFAULT '',
    holder      TEXT NOT NULL DEFAULT '',
    trusted_at  TIMESTAMPTZ,
    trusted_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    trust_method TEXT NOT NULL DEFAULT '',
    trust_note  TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'invoice')),
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    UNIQUE (supplier_id, iban)
);
CREATE INDEX supplier_bank_accounts_iban ON supplier_bank_accounts (iban);

-- A contract's first term runs from starts_on to ends_on (inclusive); with
-- auto_renew it is renewed by renew_months at a time until notice is given
-- (status 'terminated', ends_on then the last day). The notice period is
-- notice_days or notice_months (one of them, the other 0). alert_days lists
-- the days before the notice deadline at which the Office Managers are
-- alerted ("60,14").
CREATE TABLE contracts (
    id                 TEXT PRIMARY KEY,
    supplier_id        TEXT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    subject            TEXT NOT NULL,
    starts_on          TEXT NOT NULL,
    ends_on            TEXT,
    notice_days        INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
    notice_months      INTEGER NOT NULL DEFAULT 0 CHECK (notice_months >= 0),
    auto_renew         BOOLEAN NOT NULL DEFAULT FALSE,
    renew_months       INTEGER NOT NULL DEFAULT 0 CHECK (renew_months >= 0),
    yearly_value_cents BIGINT NOT NULL DEFAULT 0,
    currency           TEXT NOT NULL DEFAULT 'EUR',
    budget_category    TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated', 'ended')),
    alert_days         TEXT NOT NULL DEFAULT '60,14',
    notes              TEXT NOT NULL DEFAULT '',
    terminated_on      TEXT,
    created_by         TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX contracts_supplier ON contracts (supplier_id);

CREATE TABLE contract_documents (
    id           TEXT PRIMARY KEY,
    contract_id  TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    content      BYTEA NOT NULL,
    uploaded_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX contract_documents_contract ON contract_documents (contract_id);

-- Notice alerts that were mailed: one row per contract, term, threshold and
-- Office Manager, so a job that runs again (after a crash or a relay
-- failure) mails only those it has not reached yet.
CREATE TABLE contract_alerts (
    contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    term_end    TEXT NOT NULL,
    days        INTEGER NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (contract_id, term_end, days, person_id)
);

-- +goose Down
DROP TABLE contract_alerts;
DROP TABLE contract_documents;
DROP TABLE contracts;
DROP TABLE supplier_bank_accounts;
DROP TABLE supplier_contacts;
DROP TABLE suppliers;
