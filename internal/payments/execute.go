package payments

import (
	"context"
	"database/sql"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/sepa"
)

// File is a batch's SEPA credit transfer file.
type File struct {
	Name    string
	Version sepa.Version
	Content []byte
}

// Download writes the batch's pain.001 file, in version v ("" for the
// batch's format), and marks an open batch exported. A cancelled batch has no
// file; an executed one can still be downloaded (the same file, for the
// records). The message ID is the batch's, so a bank refuses a second upload
// of the same batch.
//
// Errors: NotFound when there is no such batch or actor may not manage
// payments; Invalid (format) for another version; Conflict for a cancelled
// batch, or for an open one whose invoice is no longer approved or whose
// account is no longer trusted (see stillPayable).
func (s *Service) Download(ctx context.Context, actor *authz.Actor, id string, v sepa.Version) (File, error) {
	if !canManage(actor) {
		return File{}, notFound()
	}
	var f File
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		b, err := loadBatch(ctx, tx, id)
		if err != nil {
			return err
		}
		if v == "" {
			v = sepa.Version(b.Format)
		}
		if v != sepa.V09 && v != sepa.V03 {
			return apperr.Fields{"format": "choose pain.001.001.09 or pain.001.001.03"}.Err()
		}
		if b.Status == StatusCancelled {
			return apperr.Conflictf("the payment batch was cancelled")
		}
		if b.Open() {
			if err := stillPayable(ctx, tx, id); err != nil {
				return err
			}
		}
		// The execution date was checked when the batch was made; the bank
		// moves a date in the past to its next business day, so the file is
		// written as it was made.
		content, err := sepa.Marshal(sepaBatch(b), v, parseDate(b.ExecutionDate))
		if err != nil {
			return err
		}
		f = File{Name: fmt.Sprintf("spil-%s-%s.xml", b.ExecutionDate, b.MessageID[:12]), Version: v, Content: content}
		if b.Status != StatusOpen {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payment_batches SET status = 'exported', exported_at = $1 WHERE id = $2 AND status = 'open'`, s.now(), id); err != nil {
			return fmt.Errorf("payment batch: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "export", ObjectType: "payment_batch", ObjectID: id, Label: b.ExecutionDate,
			Summary: fmt.Sprintf("payment batch of %d invoices downloaded as %s", b.Count, v),
		})
	})
	return f, err
}

// stillPayable checks, before a file is written, that every invoice of the
// batch is still approved and paid into a trusted account: an invoice put on
// hold or an account whose trust was withdrawn after the batch was made must
// not reach the bank.
//
// Errors: Conflict naming what changed.
func stillPayable(ctx context.Context, tx *sql.Tx, batchID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM payment_batch_items pi LEFT JOIN invoices i ON i.id = pi.invoice_id
		WHERE pi.batch_id = $1 AND (i.status IS NULL OR i.status <> 'approved' OR NOT EXISTS (
			SELECT 1 FROM supplier_bank_accounts a WHERE a.supplier_id = pi.supplier_id AND a.iban = pi.iban AND a.trusted_at IS NOT NULL))`,
		batchID).Scan(&n); err != nil {
		return fmt.Errorf("payment batch check: %w", err)
	}
	if n > 0 {
		return apperr.Conflictf("an invoice of this batch is no longer approved or its account no longer trusted; cancel the batch and make a new one")
	}
	return nil
}

// Execute records that the bank executed the batch: the batch becomes
// executed and its invoices paid (status 'paid', paid_at now). Executing an
// executed batch again is a no-op; an invoice already paid stays as it is.
//
// Errors: NotFound when there is no such batch or actor may not manage
// payments; Conflict for a cancelled batch, or for one never downloaded
// whose invoice is no longer approved or whose account is no longer
// trusted (see stillPayable).
func (s *Service) Execute(ctx context.Context, actor *authz.Actor, id string) (Batch, error) {
	if !canManage(actor) {
		return Batch{}, notFound()
	}
	var out Batch
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		// A batch never downloaded has no file at the bank: it is checked as
		// a download would be (nothing marked paid into an account whose
		// trust was withdrawn meanwhile).
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM payment_batches WHERE id = $1`, id).Scan(&status); err == nil && status == StatusOpen {
			if err := stillPayable(ctx, tx, id); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE payment_batches SET status = 'executed', executed_at = $1, executed_by = $2
			WHERE id = $3 AND status IN ('open', 'exported')`, now, nullable(actor.PersonID), id)
		if err != nil {
			return fmt.Errorf("payment batch: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = 'paid', paid_at = $1, updated_at = $1
				WHERE status = 'approved' AND id IN (SELECT invoice_id FROM payment_batch_items WHERE batch_id = $2)`, now, id); err != nil {
				return fmt.Errorf("invoices paid: %w", err)
			}
		}
		b, err := loadBatch(ctx, tx, id)
		if err != nil {
			return err
		}
		out = b
		switch b.Status {
		case StatusCancelled:
			return apperr.Conflictf("the payment batch was cancelled")
		case StatusExecuted:
			if n, _ := res.RowsAffected(); n == 0 {
				return nil // already executed: nothing to do
			}
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "execute", ObjectType: "payment_batch", ObjectID: id, Label: b.ExecutionDate,
			Summary: fmt.Sprintf("payment batch of %d invoices executed: invoices paid", b.Count),
		})
	})
	return out, err
}

// CancelInput is what the Office Manager confirms when cancelling.
type CancelInput struct {
	// BankDidNotExecute confirms, for a batch whose file was downloaded,
	// that the bank did not execute that file and will not (it was never
	// uploaded, or the bank refused it). Without it a downloaded batch is
	// not cancelled: its invoices would be free for a new file and could be
	// paid twice.
	BankDidNotExecute bool `json:"bank_did_not_execute"`
}

// Cancel cancels an open batch, or a downloaded one when in confirms the
// bank did not execute its file, and frees its invoices (its items are
// deleted, so they can go into another batch). Cancelling a cancelled batch
// again is a no-op.
//
// Errors: NotFound when there is no such batch or actor may not manage
// payments; Conflict for an executed batch; Invalid (field
// bank_did_not_execute) for a downloaded batch without that confirmation.
func (s *Service) Cancel(ctx context.Context, actor *authz.Actor, id string, in CancelInput) (Batch, error) {
	if !canManage(actor) {
		return Batch{}, notFound()
	}
	var out Batch
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		// The confirmation is part of the condition, so a download that
		// commits in between cannot slip through.
		res, err := tx.ExecContext(ctx, `UPDATE payment_batches SET status = 'cancelled', cancelled_at = $1, cancelled_by = $2
			WHERE id = $3 AND (status = 'open' OR (status = 'exported' AND $4))`, s.now(), nullable(actor.PersonID), id, in.BankDidNotExecute)
		if err != nil {
			return fmt.Errorf("payment batch: %w", err)
		}
		changed, _ := res.RowsAffected()
		b, err := loadBatch(ctx, tx, id)
		if err != nil {
			return err
		}
		out = b
		switch b.Status {
		case StatusExecuted:
			return apperr.Conflictf("an executed payment batch cannot be cancelled")
		case StatusExported:
			return apperr.Fields{"bank_did_not_execute": "the file of this batch was downloaded: confirm that the bank did not execute it and will not"}.Err()
		}
		if changed == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM payment_batch_items WHERE batch_id = $1`, id); err != nil {
			return fmt.Errorf("free invoices: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "cancel", ObjectType: "payment_batch", ObjectID: id, Label: b.ExecutionDate,
			Summary: fmt.Sprintf("payment batch of %d invoices cancelled: invoices freed", b.Count),
			After:   map[string]any{"downloaded": b.ExportedAt != nil, "bank_did_not_execute": in.BankDidNotExecute},
		})
	})
	return out, err
}
