package invoices

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"spil/internal/db"
)

// invoiceColumns are read by scanInvoice, in its order.
const invoiceColumns = `i.id, i.kind, COALESCE(i.supplier_id, ''), i.supplier_name, i.supplier_vat, i.supplier_kvk, i.number,
	i.issue_date, COALESCE(i.due_date, ''), i.currency, i.total_excl_cents, i.vat_cents, i.total_incl_cents, i.payable_cents,
	i.iban, i.bic, i.payment_reference, i.buyer_reference, i.order_reference, COALESCE(i.budget_category, ''),
	COALESCE(i.contract_id, ''), i.status, i.channel, i.profile, i.findings, COALESCE(i.registered_by, ''),
	COALESCE(p.name, ''), i.registered_at, i.approved_at, i.paid_at, i.reject_reason, i.hold_reason, i.notes,
	i.source_xml IS NOT NULL`

const invoiceFrom = ` FROM invoices i LEFT JOIN people p ON p.id = i.registered_by`

type scanner interface{ Scan(dest ...any) error }

func scanInvoice(r scanner) (Invoice, error) {
	var inv Invoice
	var findings string
	var approved, paid sql.NullTime
	err := r.Scan(&inv.ID, &inv.Kind, &inv.SupplierID, &inv.SupplierName, &inv.SupplierVAT, &inv.SupplierKvK, &inv.Number,
		&inv.IssueDate, &inv.DueDate, &inv.Currency, &inv.TotalExclCents, &inv.VATCents, &inv.TotalInclCents, &inv.PayableCents,
		&inv.IBAN, &inv.BIC, &inv.PaymentReference, &inv.BuyerReference, &inv.OrderReference, &inv.BudgetCategory,
		&inv.ContractID, &inv.Status, &inv.Channel, &inv.Profile, &findings, &inv.RegisteredBy,
		&inv.RegisteredByName, &inv.RegisteredAt, &approved, &paid, &inv.RejectReason, &inv.HoldReason, &inv.Notes,
		&inv.HasSource)
	if err != nil {
		return inv, err
	}
	inv.RegisteredAt = inv.RegisteredAt.UTC()
	if approved.Valid {
		t := approved.Time.UTC()
		inv.ApprovedAt = &t
	}
	if paid.Valid {
		t := paid.Time.UTC()
		inv.PaidAt = &t
	}
	inv.Warnings = []Finding{}
	if findings != "" {
		_ = json.Unmarshal([]byte(findings), &inv.Warnings)
	}
	return inv, nil
}

// loadInvoice reads one invoice (without lines and attachments); forUpdate
// locks its row on PostgreSQL so approvals of one invoice queue.
//
// Errors: NotFound.
func loadInvoice(ctx context.Context, q db.Querier, d db.Dialect, id string, forUpdate bool) (Invoice, error) {
	query := `SELECT ` + invoiceColumns + invoiceFrom + ` WHERE i.id = $1`
	if forUpdate && d == db.Postgres {
		query += ` FOR UPDATE OF i`
	}
	inv, err := scanInvoice(q.QueryRowContext(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, errNotFound()
	}
	if err != nil {
		return inv, fmt.Errorf("load invoice: %w", err)
	}
	return inv, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// insertInvoice stores inv with its lines and attachments.
func insertInvoice(ctx context.Context, tx *sql.Tx, inv Invoice, source []byte, now time.Time) error {
	findings, _ := json.Marshal(inv.Warnings)
	var src any
	if source != nil {
		src = source
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO invoices (id, kind, supplier_id, supplier_name, supplier_vat, supplier_kvk, number,
		issue_date, due_date, currency, total_excl_cents, vat_cents, total_incl_cents, payable_cents, iban, bic, payment_reference,
		buyer_reference, order_reference, budget_category, contract_id, status, channel, profile, findings, registered_by,
		registered_at, notes, source_xml, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $27)`,
		inv.ID, inv.Kind, nullable(inv.SupplierID), inv.SupplierName, inv.SupplierVAT, inv.SupplierKvK, inv.Number,
		inv.IssueDate, nullable(inv.DueDate), inv.Currency, inv.TotalExclCents, inv.VATCents, inv.TotalInclCents, inv.PayableCents,
		inv.IBAN, inv.BIC, inv.PaymentReference, inv.BuyerReference, inv.OrderReference, nullable(inv.BudgetCategory),
		nullable(inv.ContractID), inv.Status, inv.Channel, inv.Profile, string(findings), nullable(inv.RegisteredBy),
		now, inv.Notes, src)
	if err != nil {
		return fmt.Errorf("store invoice: %w", err)
	}
	for _, l := range inv.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, line_id, name, quantity, unit, price, net_cents, vat_category, vat_rate)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			inv.ID, l.Position, l.LineID, l.Name, l.Quantity, l.Unit, l.Price, l.NetCents, l.VATCategory, l.VATRate); err != nil {
			return fmt.Errorf("store invoice line: %w", err)
		}
	}
	for _, a := range inv.Attachments {
		var content any
		if a.Content != nil {
			content = a.Content
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_attachments (id, invoice_id, position, filename, content_type, description, size, content)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			newID(), inv.ID, a.Position, a.Filename, a.ContentType, a.Description, a.Size, content); err != nil {
			return fmt.Errorf("store invoice attachment: %w", err)
		}
	}
	return nil
}

// loadDetails fills the lines, attachments (without content) and approvals.
func loadDetails(ctx context.Context, q db.Querier, inv *Invoice) error {
	rows, err := q.QueryContext(ctx, `SELECT position, line_id, name, quantity, unit, price, net_cents, vat_category, vat_rate
		FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`, inv.ID)
	if err != nil {
		return fmt.Errorf("load invoice lines: %w", err)
	}
	for rows.Next() {
		var l Line
		if err := rows.Scan(&l.Position, &l.LineID, &l.Name, &l.Quantity, &l.Unit, &l.Price, &l.NetCents, &l.VATCategory, &l.VATRate); err != nil {
			rows.Close()
			return fmt.Errorf("load invoice lines: %w", err)
		}
		inv.Lines = append(inv.Lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load invoice lines: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT id, position, filename, content_type, description, size
		FROM invoice_attachments WHERE invoice_id = $1 ORDER BY position`, inv.ID)
	if err != nil {
		return fmt.Errorf("load invoice attachments: %w", err)
	}
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.Position, &a.Filename, &a.ContentType, &a.Description, &a.Size); err != nil {
			rows.Close()
			return fmt.Errorf("load invoice attachments: %w", err)
		}
		inv.Attachments = append(inv.Attachments, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load invoice attachments: %w", err)
	}
	apps, err := loadApprovals(ctx, q, inv.ID)
	if err != nil {
		return err
	}
	inv.Approvals = apps
	return nil
}

func loadApprovals(ctx context.Context, q db.Querier, id string) ([]Approval, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.person_id, COALESCE(p.name, ''), a.step, a.at
		FROM invoice_approvals a LEFT JOIN people p ON p.id = a.person_id WHERE a.invoice_id = $1 ORDER BY a.at, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("load approvals: %w", err)
	}
	defer rows.Close()
	var out []Approval
	for rows.Next() {
		var a Approval
		if err := rows.Scan(&a.PersonID, &a.Name, &a.Step, &a.At); err != nil {
			return nil, fmt.Errorf("load approvals: %w", err)
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
