-- +goose Up
-- Incoming invoices (issue #5, docs/costs/invoices.md). Amounts are integer
-- minor units (cents) in the invoice's currency; a credit note has kind
-- 'credit_note' and negative amounts, so sums over invoices net it out.
-- Dates are 'YYYY-MM-DD' text (compare as text on both engines); times are
-- UTC. supplier_id and contract_id refer to suppliers/contracts (00010)
-- without a foreign key: the invoice keeps the supplier's name as
-- invoiced, and is evidence that must outlive a supplier's removal.
-- The same supplier and number twice is shown as a duplicate check, not
-- refused: the index below makes finding it cheap.
CREATE TABLE invoices (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    supplier_id       TEXT,
    supplier_name     TEXT NOT NULL DEFAULT '',
    supplier_vat      TEXT NOT NULL DEFAULT '',
    supplier_kvk      TEXT NOT NULL DEFAULT '',
    number            TEXT NOT NULL,
    issue_date        TEXT NOT NULL,
    due_date          TEXT,
    currency          TEXT NOT NULL,
    total_excl_cents  BIGINT NOT NULL,
    vat_cents         BIGINT NOT NULL,
    total_incl_cents  BIGINT NOT NULL,
    payable_cents     BIGINT NOT NULL,
    iban              TEXT NOT NULL DEFAULT '',
    bic               TEXT NOT NULL DEFAULT '',
    payment_reference TEXT NOT NULL DEFAULT '',
    buyer_reference   TEXT NOT NULL DEFAULT '',
    order_reference   TEXT NOT NULL DEFAULT '',
    budget_category   TEXT,
    contract_id       TEXT,
    status            TEXT NOT NULL CHECK (status IN ('registered', 'on_hold', 'rejected', 'approved', 'paid')),
    channel           TEXT NOT NULL CHECK (channel IN ('upload', 'api', 'pdf')),
    profile           TEXT NOT NULL DEFAULT '',
    findings          TEXT NOT NULL DEFAULT '[]',
    registered_by     TEXT REFERENCES people(id),
    registered_at     TIMESTAMP NOT NULL,
    approved_at       TIMESTAMP,
    paid_at           TIMESTAMP,
    reject_reason     TEXT NOT NULL DEFAULT '',
    hold_reason       TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    source_xml        BLOB,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX invoices_supplier_number ON invoices (supplier_id, number);
CREATE INDEX invoices_supplier_issue ON invoices (supplier_id, issue_date, total_incl_cents);
CREATE INDEX invoices_issue_total ON invoices (issue_date, total_incl_cents);
CREATE INDEX invoices_number ON invoices (number);
CREATE INDEX invoices_status_issue ON invoices (status, issue_date);
CREATE INDEX invoices_category_issue ON invoices (budget_category, issue_date);

-- The lines as invoiced, for the detail page (UBL import; a PDF entered by
-- hand has none).
CREATE TABLE invoice_lines (
    invoice_id        TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    line_id           TEXT NOT NULL DEFAULT '',
    name              TEXT NOT NULL DEFAULT '',
    quantity          TEXT NOT NULL DEFAULT '',
    unit              TEXT NOT NULL DEFAULT '',
    price             TEXT NOT NULL DEFAULT '',
    net_cents         BIGINT NOT NULL,
    vat_category      TEXT NOT NULL DEFAULT '',
    vat_rate          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (invoice_id, position)
);

-- One row per approval step; approving twice is a no-op by the key.
CREATE TABLE invoice_approvals (
    id         TEXT PRIMARY KEY,
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people(id),
    step       TEXT NOT NULL CHECK (step IN ('approve', 'countersign')),
    at         TIMESTAMP NOT NULL,
    UNIQUE (invoice_id, person_id, step)
);

-- Embedded documents of a UBL invoice, or the PDF of one entered by hand.
CREATE TABLE invoice_attachments (
    id           TEXT PRIMARY KEY,
    invoice_id   TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    size         BIGINT NOT NULL,
    content      BLOB
);
CREATE INDEX invoice_attachments_invoice ON invoice_attachments (invoice_id, position);

-- The organization's approval limit: above it a director countersigns.
CREATE TABLE invoice_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    approval_limit_cents BIGINT NOT NULL CHECK (approval_limit_cents >= 0),
    currency             TEXT NOT NULL,
    updated_at           TIMESTAMP,
    updated_by           TEXT
);
INSERT INTO invoice_settings (id, approval_limit_cents, currency) VALUES (1, 250000, 'EUR');

-- An invoice's history on its page comes from the audit log.
CREATE INDEX audit_log_invoice_object ON audit_log (object_id, at) WHERE object_type = 'invoice';

-- +goose Down
