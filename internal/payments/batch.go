package payments

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/sepa"
)

// Batch is a payment batch: one SEPA credit transfer file.
type Batch struct {
	ID            string     `json:"id"`
	MessageID     string     `json:"message_id"`
	Status        string     `json:"status"`
	Format        string     `json:"format"`
	ExecutionDate string     `json:"execution_date"`
	DebtorName    string     `json:"debtor_name"`
	DebtorIBAN    string     `json:"debtor_iban"`
	DebtorBIC     string     `json:"debtor_bic"`
	Count         int        `json:"count"`
	TotalCents    int64      `json:"total_cents"`
	CreatedBy     string     `json:"created_by"`
	CreatedByName string     `json:"created_by_name"`
	CreatedAt     time.Time  `json:"created_at"`
	ExportedAt    *time.Time `json:"exported_at,omitempty"`
	ExecutedAt    *time.Time `json:"executed_at,omitempty"`
	CancelledAt   *time.Time `json:"cancelled_at,omitempty"`
	Items         []Item     `json:"items,omitempty"`
}

// Item is one invoice paid by a batch.
type Item struct {
	InvoiceID    string `json:"invoice_id"`
	Number       string `json:"number"`
	SupplierID   string `json:"supplier_id"`
	CreditorName string `json:"creditor_name"`
	AmountCents  int64  `json:"amount_cents"`
	IBAN         string `json:"iban"`
	BIC          string `json:"bic"`
	Remittance   string `json:"remittance,omitempty"`
	Reference    string `json:"reference,omitempty"`
	Issuer       string `json:"issuer,omitempty"`
	EndToEndID   string `json:"end_to_end_id"`
}

// Open reports whether the batch can still be executed or cancelled.
func (b Batch) Open() bool { return b.Status == StatusOpen || b.Status == StatusExported }

const batchSelect = `SELECT b.id, b.message_id, b.status, b.format, b.execution_date, b.debtor_name, b.debtor_iban, b.debtor_bic,
	b.item_count, b.total_cents, COALESCE(b.created_by, ''), COALESCE(p.name, ''), b.created_at, b.exported_at, b.executed_at, b.cancelled_at
	FROM payment_batches b LEFT JOIN people p ON p.id = b.created_by`

func scanBatch(sc interface{ Scan(...any) error }) (Batch, error) {
	var b Batch
	var exp, exe, can sql.NullTime
	if err := sc.Scan(&b.ID, &b.MessageID, &b.Status, &b.Format, &b.ExecutionDate, &b.DebtorName, &b.DebtorIBAN, &b.DebtorBIC,
		&b.Count, &b.TotalCents, &b.CreatedBy, &b.CreatedByName, &b.CreatedAt, &exp, &exe, &can); err != nil {
		return b, err
	}
	b.CreatedAt = b.CreatedAt.UTC()
	b.ExportedAt, b.ExecutedAt, b.CancelledAt = timePtr(exp), timePtr(exe), timePtr(can)
	return b, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// Batches returns the batches, newest first, at most limit (0: 200).
//
// Errors: NotFound when actor may not manage payments.
func (s *Service) Batches(ctx context.Context, actor *authz.Actor, limit int) ([]Batch, error) {
	if !canManage(actor) {
		return nil, notFound()
	}
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	rows, err := s.DB.R.QueryContext(ctx, batchSelect+` ORDER BY b.created_at DESC, b.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("payment batches: %w", err)
	}
	defer rows.Close()
	var out []Batch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, fmt.Errorf("payment batches: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Batch returns a batch with its items.
//
// Errors: NotFound when there is no such batch or actor may not manage
// payments.
func (s *Service) Batch(ctx context.Context, actor *authz.Actor, id string) (Batch, error) {
	if !canManage(actor) {
		return Batch{}, notFound()
	}
	return loadBatch(ctx, s.DB.R, id)
}

func loadBatch(ctx context.Context, q db.Querier, id string) (Batch, error) {
	b, err := scanBatch(q.QueryRowContext(ctx, batchSelect+` WHERE b.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Batch{}, apperr.NotFoundf("payment batch not found")
	}
	if err != nil {
		return Batch{}, fmt.Errorf("payment batch: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT pi.invoice_id, COALESCE(i.number, ''), pi.supplier_id, pi.creditor_name, pi.amount_cents, pi.iban, pi.bic,
		pi.remittance, pi.reference, pi.issuer, pi.end_to_end_id
		FROM payment_batch_items pi LEFT JOIN invoices i ON i.id = pi.invoice_id WHERE pi.batch_id = $1 ORDER BY pi.position`, id)
	if err != nil {
		return Batch{}, fmt.Errorf("payment batch items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.InvoiceID, &it.Number, &it.SupplierID, &it.CreditorName, &it.AmountCents, &it.IBAN, &it.BIC,
			&it.Remittance, &it.Reference, &it.Issuer, &it.EndToEndID); err != nil {
			return Batch{}, fmt.Errorf("payment batch items: %w", err)
		}
		b.Items = append(b.Items, it)
	}
	return b, rows.Err()
}

// sepaBatch is the file's model of b (with its items).
func sepaBatch(b Batch) *sepa.Batch {
	pi := sepa.PaymentInfo{
		ID: "P" + compactID(b.ID)[:32], DebtorName: b.DebtorName, DebtorIBAN: b.DebtorIBAN, DebtorBIC: b.DebtorBIC,
		ExecutionDate: parseDate(b.ExecutionDate),
	}
	pi.Transfers = make([]sepa.Transfer, len(b.Items))
	for i, it := range b.Items {
		pi.Transfers[i] = transfer(it)
	}
	return &sepa.Batch{MessageID: b.MessageID, CreatedAt: b.CreatedAt, InitiatingParty: b.DebtorName, Payments: []sepa.PaymentInfo{pi}}
}
