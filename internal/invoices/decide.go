package invoices

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/iban"
)

// MaxReason and MaxNotes bound free texts.
const (
	MaxReason = 1000
	MaxNotes  = 4000
)

// Reject rejects an invoice with a reason (required): it will not be paid.
//
// Errors: NotFound; Forbidden without authz.InvoicesApprove or
// InvoicesCountersign; Invalid (field reason) for an empty or too long
// reason; Conflict when the invoice is already approved, paid or rejected
// (MsgInPaymentBatch when a payment batch not yet executed holds it).
func (s *Service) Reject(ctx context.Context, actor *authz.Actor, id, reason string) (Invoice, error) {
	if !canSee(actor) {
		return Invoice{}, errNotFound()
	}
	if !actor.Can(authz.InvoicesApprove) && !actor.Can(authz.InvoicesCountersign) {
		return Invoice{}, apperr.Forbiddenf("you may not reject invoices")
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return Invoice{}, apperr.Fields{"reason": "give a reason"}.Err()
	case utf8.RuneCountInString(reason) > MaxReason:
		return Invoice{}, apperr.Fields{"reason": "the reason is too long: use at most 1000 characters"}.Err()
	}
	return s.transition(ctx, actor, id, "reject", func(inv *Invoice) error {
		if inv.Status != StatusRegistered && inv.Status != StatusOnHold {
			return apperr.Conflictf("only an invoice waiting for approval or on hold can be rejected")
		}
		inv.Status, inv.RejectReason = StatusRejected, reason
		return nil
	})
}

// Hold puts an invoice waiting for approval on hold, with an optional
// reason; it cannot be approved until released.
//
// Errors: NotFound; Forbidden for actors who may not prepare or approve;
// Conflict unless the invoice is waiting for approval (MsgInPaymentBatch
// for an approved one a payment batch not yet executed holds).
func (s *Service) Hold(ctx context.Context, actor *authz.Actor, id, reason string) (Invoice, error) {
	if !canSee(actor) {
		return Invoice{}, errNotFound()
	}
	if !canPrepare(actor) && !actor.Can(authz.InvoicesCountersign) {
		return Invoice{}, apperr.Forbiddenf("you may not put invoices on hold")
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > MaxReason {
		return Invoice{}, apperr.Fields{"reason": "the reason is too long: use at most 1000 characters"}.Err()
	}
	return s.transition(ctx, actor, id, "hold", func(inv *Invoice) error {
		if inv.Status != StatusRegistered {
			return apperr.Conflictf("only an invoice waiting for approval can be put on hold")
		}
		inv.Status, inv.HoldReason = StatusOnHold, reason
		return nil
	})
}

// Release takes an invoice off hold: it waits for approval again, with the
// approval steps given before.
//
// Errors: NotFound; Forbidden as for Hold; Conflict unless it is on hold.
func (s *Service) Release(ctx context.Context, actor *authz.Actor, id string) (Invoice, error) {
	if !canSee(actor) {
		return Invoice{}, errNotFound()
	}
	if !canPrepare(actor) && !actor.Can(authz.InvoicesCountersign) {
		return Invoice{}, apperr.Forbiddenf("you may not release invoices")
	}
	return s.transition(ctx, actor, id, "release", func(inv *Invoice) error {
		if inv.Status != StatusOnHold {
			return apperr.Conflictf("the invoice is not on hold")
		}
		inv.Status, inv.HoldReason = StatusRegistered, ""
		return nil
	})
}

// MsgInPaymentBatch is the Conflict message for a change (coding, hold,
// reject) to an approved invoice that a payment batch, open or downloaded,
// is about to pay.
const MsgInPaymentBatch = "the invoice is approved and in a payment batch that is not executed yet: it can no longer be changed"

// refuseIfBatched returns a Conflict (MsgInPaymentBatch) when inv is
// approved and in a payment batch that is open or downloaded, so the
// coding, hold and reject refuse it with the reason rather than only by its
// status.
func refuseIfBatched(ctx context.Context, q db.Querier, inv Invoice) error {
	if inv.Status != StatusApproved {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM payment_batch_items pi JOIN payment_batches b ON b.id = pi.batch_id
		WHERE pi.invoice_id = $1 AND b.status IN ('open', 'exported')`, inv.ID).Scan(&n); err != nil {
		return fmt.Errorf("payment batch of invoice: %w", err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, MsgInPaymentBatch)
	}
	return nil
}

// transition changes an invoice's status under a row lock and records it.
func (s *Service) transition(ctx context.Context, actor *authz.Actor, id, action string, change func(*Invoice) error) (Invoice, error) {
	var out Invoice
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		inv, err := loadInvoice(ctx, tx, s.DB.Dialect, id, true)
		if err != nil {
			return err
		}
		before := inv.Status
		if err := refuseIfBatched(ctx, tx, inv); err != nil {
			return err
		}
		if err := change(&inv); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = $2, reject_reason = $3, hold_reason = $4, updated_at = $5 WHERE id = $1`,
			id, inv.Status, inv.RejectReason, inv.HoldReason, s.Clock.Now().UTC()); err != nil {
			return fmt.Errorf("%s invoice: %w", action, err)
		}
		out = inv
		reason := inv.RejectReason
		if action != "reject" {
			reason = inv.HoldReason
		}
		return s.record(ctx, tx, actor, inv, action, fmt.Sprintf("%s invoice %s of %s", action, inv.Number, inv.SupplierName),
			map[string]any{"status": before}, map[string]any{"status": inv.Status, "reason": reason})
	})
	return out, err
}

// Coding is how an invoice is booked. Empty SupplierID keeps the supplier;
// empty BudgetCategory or ContractID clear them.
type Coding struct {
	SupplierID     string `json:"supplier_id,omitempty"`
	BudgetCategory string `json:"budget_category"`
	ContractID     string `json:"contract_id"`
	Notes          string `json:"notes"`
}

// Code sets an invoice's supplier (for one that was unknown at import),
// budget category, contract and notes. Linking a supplier adds the
// invoice's IBAN to its accounts, untrusted, when it is new.
//
// Errors: NotFound; Forbidden without authz.InvoicesPrepare or
// InvoicesApprove; Conflict once the invoice is approved, paid or
// rejected (MsgInPaymentBatch when a payment batch not yet executed holds
// it); Invalid (fields supplier_id, budget_category, contract_id,
// notes) for an unknown supplier or category, a contract of another
// supplier, notes over 4000 characters.
func (s *Service) Code(ctx context.Context, actor *authz.Actor, id string, c Coding) (Invoice, error) {
	if !canSee(actor) {
		return Invoice{}, errNotFound()
	}
	if !canPrepare(actor) {
		return Invoice{}, apperr.Forbiddenf("you may not code invoices")
	}
	c.Notes = strings.TrimSpace(c.Notes)
	var out Invoice
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		inv, err := loadInvoice(ctx, tx, s.DB.Dialect, id, true)
		if err != nil {
			return err
		}
		if err := refuseIfBatched(ctx, tx, inv); err != nil {
			return err
		}
		if inv.Status != StatusRegistered && inv.Status != StatusOnHold {
			return apperr.Conflictf("an approved, paid or rejected invoice cannot be coded again")
		}
		before := Coding{SupplierID: inv.SupplierID, BudgetCategory: inv.BudgetCategory, ContractID: inv.ContractID, Notes: inv.Notes}
		f := apperr.Fields{}
		if c.SupplierID != "" && c.SupplierID != inv.SupplierID {
			var name string
			err := tx.QueryRowContext(ctx, `SELECT name FROM suppliers WHERE id = $1`, c.SupplierID).Scan(&name)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				f.Add("supplier_id", "choose one of the known suppliers")
			case err != nil:
				return fmt.Errorf("load supplier: %w", err)
			default:
				inv.SupplierID = c.SupplierID
			}
		}
		if c.BudgetCategory != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM budget_categories WHERE key = $1`, c.BudgetCategory).Scan(&n); err != nil {
				return fmt.Errorf("load budget category: %w", err)
			}
			if n == 0 {
				f.Add("budget_category", "choose one of the budget categories")
			}
		}
		if c.ContractID != "" {
			var sup string
			err := tx.QueryRowContext(ctx, `SELECT supplier_id FROM contracts WHERE id = $1`, c.ContractID).Scan(&sup)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				f.Add("contract_id", "choose one of the supplier's contracts")
			case err != nil:
				return fmt.Errorf("load contract: %w", err)
			case sup != inv.SupplierID:
				f.Add("contract_id", "choose one of the supplier's contracts")
			}
		}
		if utf8.RuneCountInString(c.Notes) > MaxNotes {
			f.Add("notes", "the notes are too long: use at most 4000 characters")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if inv.SupplierID != before.SupplierID && inv.IBAN != "" {
			if _, err := iban.Parse("iban", inv.IBAN); err == nil {
				known, _, err := s.accountStatus(ctx, tx, inv.SupplierID, inv.IBAN)
				if err != nil {
					return err
				}
				if !known {
					if err := s.addAccountFromInvoice(ctx, tx, actor, inv.SupplierID, inv.IBAN, inv.BIC); err != nil {
						return err
					}
				}
			}
		}
		inv.BudgetCategory, inv.ContractID, inv.Notes = c.BudgetCategory, c.ContractID, c.Notes
		if _, err := tx.ExecContext(ctx, `UPDATE invoices SET supplier_id = $2, budget_category = $3, contract_id = $4, notes = $5, updated_at = $6 WHERE id = $1`,
			id, nullable(inv.SupplierID), nullable(inv.BudgetCategory), nullable(inv.ContractID), inv.Notes, s.Clock.Now().UTC()); err != nil {
			return fmt.Errorf("code invoice: %w", err)
		}
		out = inv
		after := Coding{SupplierID: inv.SupplierID, BudgetCategory: inv.BudgetCategory, ContractID: inv.ContractID, Notes: inv.Notes}
		return s.record(ctx, tx, actor, inv, "code", fmt.Sprintf("coded invoice %s of %s", inv.Number, inv.SupplierName), before, after)
	})
	return out, err
}
