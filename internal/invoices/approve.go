package invoices

import (
	"context"
	"database/sql"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// Approve records the actor's approval step on an invoice and approves the
// invoice once the steps are complete. step "" chooses: approve for an
// actor holding authz.InvoicesApprove who has not approved yet, else
// countersign.
//
// The rules:
//   - approve needs authz.InvoicesApprove (the Office Manager), countersign
//     authz.InvoicesCountersign (a director); an assistant can do neither;
//   - an invoice is approved when it has an approve step, and — when its
//     amount (incl. VAT) is above the approval limit — a countersign step
//     by someone else, and at least one of its approvers is not the person
//     who registered it (if the registrar approves, someone else approves
//     or countersigns as well);
//   - one person gives one step: who approved cannot countersign;
//   - the same step twice by the same person, or any step on an invoice
//     already approved, is a no-op that returns the invoice unchanged.
//
// Steps of one invoice are serialized (row lock on PostgreSQL, the single
// writer on SQLite), so concurrent approvals end consistent.
//
// Errors: NotFound when the actor may not see invoices or there is no such
// invoice; Forbidden without the step's permission; Conflict when the
// invoice is on hold, rejected or paid, the actor already gave the other
// step, or another copy with the same supplier and number is registered
// and not rejected (reject the copy first: one invoice is paid once);
// Invalid for an unknown step.
func (s *Service) Approve(ctx context.Context, actor *authz.Actor, id string, step Step) (Invoice, error) {
	if !canSee(actor) {
		return Invoice{}, errNotFound()
	}
	switch step {
	case "", StepApprove, StepCountersign:
	default:
		return Invoice{}, apperr.Fields{"step": "choose approve or countersign"}.Err()
	}
	var out Invoice
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		inv, err := loadInvoice(ctx, tx, s.DB.Dialect, id, true)
		if err != nil {
			return err
		}
		apps, err := loadApprovals(ctx, tx, id)
		if err != nil {
			return err
		}
		st := step
		if st == "" {
			st = chooseStep(actor, apps)
		}
		if st == StepApprove && !actor.Can(authz.InvoicesApprove) {
			return apperr.Forbiddenf("you may not approve invoices")
		}
		if st == StepCountersign && !actor.Can(authz.InvoicesCountersign) {
			return apperr.Forbiddenf("you may not countersign invoices")
		}
		inv.Approvals = apps
		switch inv.Status {
		case StatusApproved, StatusPaid:
			out = inv
			return nil
		case StatusOnHold:
			return apperr.Conflictf("the invoice is on hold: release it first")
		case StatusRejected:
			return apperr.Conflictf("the invoice was rejected")
		}
		for _, a := range apps {
			if a.PersonID == actor.PersonID && a.Step == st {
				out = inv
				return nil
			}
			if a.PersonID == actor.PersonID {
				return apperr.Conflictf("you already approved this invoice: the second approval must come from someone else")
			}
		}
		// The same invoice received twice must not be paid twice: while a
		// copy that is not rejected exists, neither is approved.
		var dup Checks
		if err := s.duplicates(ctx, tx, inv, &dup); err != nil {
			return err
		}
		if len(dup.DuplicateOf) > 0 {
			return apperr.Conflictf("invoice number %s of this supplier is registered more than once: reject the copy before approving", inv.Number)
		}
		now := s.Clock.Now().UTC()
		res, err := tx.ExecContext(ctx, `INSERT INTO invoice_approvals (id, invoice_id, person_id, step, at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (invoice_id, person_id, step) DO NOTHING`, newID(), id, actor.PersonID, st, now)
		if err != nil {
			return fmt.Errorf("record approval: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			out = inv
			return nil
		}
		inv.Approvals = append(inv.Approvals, Approval{PersonID: actor.PersonID, Name: actor.Name, Step: st, At: now})
		settings, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		done := Complete(inv, inv.Approvals, settings)
		if done {
			if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = 'approved', approved_at = $2, updated_at = $2 WHERE id = $1 AND status = 'registered'`, id, now); err != nil {
				return fmt.Errorf("approve invoice: %w", err)
			}
			inv.Status = StatusApproved
			inv.ApprovedAt = &now
		}
		out = inv
		summary := fmt.Sprintf("%s step on invoice %s of %s", st, inv.Number, inv.SupplierName)
		if done {
			summary += "; invoice approved"
		}
		return s.record(ctx, tx, actor, inv, string(st), summary, nil, map[string]any{"step": st, "approved": done})
	})
	return out, err
}

// chooseStep picks the step an actor gives when none is named.
func chooseStep(actor *authz.Actor, apps []Approval) Step {
	if actor.Can(authz.InvoicesApprove) {
		mine := false
		for _, a := range apps {
			if a.PersonID == actor.PersonID {
				mine = true
			}
		}
		if !mine || !actor.Can(authz.InvoicesCountersign) {
			return StepApprove
		}
	}
	if actor.Can(authz.InvoicesCountersign) {
		return StepCountersign
	}
	return StepApprove
}

// NeedsCountersign reports whether a director must countersign inv under
// the settings' approval limit: when the money that leaves — the larger of
// the total with VAT and the amount due (a rounding amount or a negative
// prepaid amount can make the amount due the larger) — is above the limit,
// and always for a positive amount in another currency than the limit's
// (there is no exchange rate to compare with). Credit notes never need it.
func NeedsCountersign(inv Invoice, st Settings) bool {
	amount := max(inv.TotalInclCents, inv.PayableCents)
	if amount <= 0 {
		return false
	}
	limitCurrency := st.Currency
	if limitCurrency == "" {
		limitCurrency = "EUR"
	}
	if inv.Currency != limitCurrency {
		return true
	}
	return amount > st.ApprovalLimitCents
}

// Complete reports whether approvals make inv approved under the settings'
// limit.
func Complete(inv Invoice, apps []Approval, st Settings) bool {
	var approve, counter, other bool
	approvers := map[string]bool{}
	for _, a := range apps {
		approvers[a.PersonID] = true
		if a.PersonID != inv.RegisteredBy {
			other = true
		}
		switch a.Step {
		case StepApprove:
			approve = true
		case StepCountersign:
			counter = true
		}
	}
	if !approve || !other {
		return false
	}
	if NeedsCountersign(inv, st) && (!counter || len(approvers) < 2) {
		return false
	}
	return true
}

// Waiting describes which step an actor could still give on an invoice,
// "" when none: used for "waiting for my approval".
func Waiting(actor *authz.Actor, inv Invoice, apps []Approval, st Settings) Step {
	if inv.Status != StatusRegistered || actor == nil {
		return ""
	}
	var approve, counter, other bool
	for _, a := range apps {
		if a.PersonID == actor.PersonID {
			return ""
		}
		if a.PersonID != inv.RegisteredBy {
			other = true
		}
		approve = approve || a.Step == StepApprove
		counter = counter || a.Step == StepCountersign
	}
	needCounter := NeedsCountersign(inv, st) && !counter
	needOther := !other && actor.PersonID == inv.RegisteredBy
	if actor.Can(authz.InvoicesApprove) && !approve && !needOther {
		return StepApprove
	}
	if actor.Can(authz.InvoicesApprove) && !approve && needOther {
		// The registrar approves, but someone else must approve too.
		return StepApprove
	}
	if actor.Can(authz.InvoicesCountersign) && (needCounter || (approve && !other)) {
		if !approve && !NeedsCountersign(inv, st) {
			return ""
		}
		return StepCountersign
	}
	if actor.Can(authz.InvoicesApprove) && approve && !other {
		return StepApprove
	}
	return ""
}
