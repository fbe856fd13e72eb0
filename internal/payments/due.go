package payments

import (
	"context"
	"encoding/json"
	"fmt"

	"spil/internal/authz"
	"spil/internal/db"
)

// Payable is an approved invoice waiting to be paid.
type Payable struct {
	InvoiceID    string `json:"invoice_id"`
	Number       string `json:"number"`
	SupplierID   string `json:"supplier_id"`
	SupplierName string `json:"supplier_name"`
	IBAN         string `json:"iban"`
	BIC          string `json:"bic"`
	IssueDate    string `json:"issue_date"`
	DueDate      string `json:"due_date"` // the issue date when the invoice has none
	AmountCents  int64  `json:"amount_cents"`
	Currency     string `json:"currency"`
	// Trusted: the IBAN is a trusted account of the supplier.
	Trusted bool `json:"trusted"`
	// BatchID is the batch the invoice is in, "" when in none.
	BatchID string `json:"batch_id,omitempty"`
}

// Payable reports whether the invoice can go into a new batch.
func (p Payable) Payable() bool {
	return p.Trusted && p.BatchID == "" && p.Currency == "EUR" && p.AmountCents > 0 && p.SupplierID != ""
}

// Due is the approved, unpaid invoices by due date.
type Due struct {
	Today   string    `json:"today"`
	Overdue []Payable `json:"overdue"`  // due before today
	DueSoon []Payable `json:"due_soon"` // due today or within DueSoonDays
	Later   []Payable `json:"later"`
}

// Due returns the approved invoices not yet paid (credit notes left out), by
// due date: overdue, due soon, later.
//
// Errors: NotFound when actor may not manage payments.
func (s *Service) Due(ctx context.Context, actor *authz.Actor) (Due, error) {
	if !canManage(actor) {
		return Due{}, notFound()
	}
	today := s.today(ctx, s.DB.R)
	soon := today.AddDays(DueSoonDays).String()
	list, err := payables(ctx, s.DB.R, nil)
	if err != nil {
		return Due{}, err
	}
	d := Due{Today: today.String()}
	for _, p := range list {
		switch {
		case p.DueDate < d.Today:
			d.Overdue = append(d.Overdue, p)
		case p.DueDate <= soon:
			d.DueSoon = append(d.DueSoon, p)
		default:
			d.Later = append(d.Later, p)
		}
	}
	return d, nil
}

// The BIC is the confirmed account's when it has one, else the invoice's.
const payableSelect = `SELECT i.id, i.number, COALESCE(i.supplier_id, ''), COALESCE(s.name, i.supplier_name), i.iban,
	COALESCE(NULLIF((SELECT a.bic FROM supplier_bank_accounts a WHERE a.supplier_id = i.supplier_id AND a.iban = i.iban AND a.trusted_at IS NOT NULL), ''), i.bic, ''),
	i.issue_date, COALESCE(NULLIF(i.due_date, ''), i.issue_date), i.payable_cents, i.currency,
	EXISTS (SELECT 1 FROM supplier_bank_accounts a WHERE a.supplier_id = i.supplier_id AND a.iban = i.iban AND a.trusted_at IS NOT NULL),
	COALESCE(pi.batch_id, ''), i.payment_reference
	FROM %s LEFT JOIN suppliers s ON s.id = i.supplier_id LEFT JOIN payment_batch_items pi ON pi.invoice_id = i.id
	WHERE i.status = 'approved' AND i.kind = 'invoice'`

// payable is a Payable with what a transfer needs besides.
type payable struct {
	Payable
	reference string
}

// payables reads approved invoices, all or those in ids.
func payables(ctx context.Context, q db.Querier, ids []string) ([]Payable, error) {
	full, err := payablesFull(ctx, q, "", ids)
	if err != nil {
		return nil, err
	}
	out := make([]Payable, len(full))
	for i, p := range full {
		out[i] = p.Payable
	}
	return out, nil
}

// payablesFull reads approved invoices, all or those in ids (d is the
// dialect, needed only with ids).
func payablesFull(ctx context.Context, q db.Querier, d db.Dialect, ids []string) ([]payable, error) {
	qs := fmt.Sprintf(payableSelect, "invoices i")
	var args []any
	if ids != nil {
		// The chosen IDs drive the join, so the plan looks each invoice up
		// by its key whatever the table's statistics say.
		set, arg := idSet(d, ids)
		qs = fmt.Sprintf(payableSelect, set+" JOIN invoices i ON i.id = sel.id")
		args = append(args, arg)
	}
	qs += ` ORDER BY 8, 2`
	rows, err := q.QueryContext(ctx, qs, args...)
	if err != nil {
		return nil, fmt.Errorf("payable invoices: %w", err)
	}
	defer rows.Close()
	var out []payable
	for rows.Next() {
		var p payable
		if err := rows.Scan(&p.InvoiceID, &p.Number, &p.SupplierID, &p.SupplierName, &p.IBAN, &p.BIC, &p.IssueDate, &p.DueDate,
			&p.AmountCents, &p.Currency, &p.Trusted, &p.BatchID, &p.reference); err != nil {
			return nil, fmt.Errorf("payable invoices: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// idSet is a derived table "sel" with column id holding the IDs, passed as
// one JSON parameter $1 (thousands of $N placeholders cost SQLite quadratic
// time to bind).
func idSet(d db.Dialect, ids []string) (string, any) {
	b, _ := json.Marshal(ids)
	if d == db.Postgres {
		return `(SELECT DISTINCT jsonb_array_elements_text(CAST($1 AS jsonb)) AS id) sel`, string(b)
	}
	return `(SELECT DISTINCT value AS id FROM json_each($1)) sel`, string(b)
}
