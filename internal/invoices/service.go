// Package invoices handles incoming invoices from e-invoice or PDF to
// approval: import and validation, the checks shown on an invoice
// (duplicates, supplier, IBAN, contract, arithmetic, budget category) and
// approval by authority.
//
// Who may do what (enforced here, not only in the transports):
//   - authz.InvoicesPrepare (Management Assistant, Office Manager): register
//     invoices (UBL or PDF), code them (budget category, contract, notes),
//     put them on hold and release them — never approve;
//   - authz.InvoicesApprove (Office Manager): approve up to the
//     organization's approval limit, change that limit, reject;
//   - authz.InvoicesCountersign (directors): the second approval above the
//     limit, reject.
//
// Every holder of one of these permissions sees every invoice (invoices are
// the organization's, not a person's); anyone else gets NotFound.
package invoices

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/suppliers"
)

// Service is the invoices module.
type Service struct {
	DB        *db.DB
	Clock     clock.Clock
	Suppliers *suppliers.Service
	Budget    *budget.Service
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// canSee reports whether the actor may see invoices at all.
func canSee(a *authz.Actor) bool {
	return a != nil && (a.Can(authz.InvoicesPrepare) || a.Can(authz.InvoicesApprove) || a.Can(authz.InvoicesCountersign))
}

// CanSee reports whether the actor may see the invoices module.
func CanSee(a *authz.Actor) bool { return canSee(a) }

// canPrepare reports whether the actor may register and code invoices.
func canPrepare(a *authz.Actor) bool {
	return a != nil && (a.Can(authz.InvoicesPrepare) || a.Can(authz.InvoicesApprove))
}

// CanPrepare reports whether the actor may register invoices and code them.
func CanPrepare(a *authz.Actor) bool { return canPrepare(a) }

func errNotFound() error { return apperr.NotFoundf("invoice not found") }

// record writes an audit entry for an invoice change.
func (s *Service) record(ctx context.Context, tx *sql.Tx, actor *authz.Actor, inv Invoice, action, summary string, before, after any) error {
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: action, ObjectType: "invoice", ObjectID: inv.ID,
		Message: "invoice." + action,
		Label:   inv.SupplierName + " " + inv.Number,
		Summary: summary, Before: before, After: after,
	})
}

// Settings are the organization's invoice settings.
type Settings struct {
	// ApprovalLimitCents is the amount (incl. VAT, in Currency) up to which
	// the Office Manager approves alone; above it a director countersigns.
	ApprovalLimitCents int64  `json:"approval_limit_cents"`
	Currency           string `json:"currency"`
}

// DefaultApprovalLimitCents is € 2.500,00.
const DefaultApprovalLimitCents = 250000

func loadSettings(ctx context.Context, q db.Querier) (Settings, error) {
	var st Settings
	err := q.QueryRowContext(ctx, `SELECT approval_limit_cents, currency FROM invoice_settings WHERE id = 1`).Scan(&st.ApprovalLimitCents, &st.Currency)
	if errors.Is(err, sql.ErrNoRows) {
		return Settings{ApprovalLimitCents: DefaultApprovalLimitCents, Currency: "EUR"}, nil
	}
	if err != nil {
		return st, fmt.Errorf("load invoice settings: %w", err)
	}
	return st, nil
}

// Settings returns the organization's invoice settings.
//
// Errors: NotFound when the actor may not see invoices.
func (s *Service) Settings(ctx context.Context, actor *authz.Actor) (Settings, error) {
	if !canSee(actor) {
		return Settings{}, apperr.NotFoundf("not found")
	}
	return loadSettings(ctx, s.DB.R)
}

// MaxApprovalLimitCents caps the limit at € 10 million.
const MaxApprovalLimitCents = 1_000_000_000

// SetApprovalLimit changes the approval limit. Invoices already approved
// stay approved; invoices waiting are judged by the new limit.
//
// Errors: Forbidden unless the actor holds authz.InvoicesApprove (the
// Office Manager); Invalid (field approval_limit) for a negative limit or
// one above € 10 million.
func (s *Service) SetApprovalLimit(ctx context.Context, actor *authz.Actor, cents int64) (Settings, error) {
	if !canSee(actor) {
		return Settings{}, apperr.NotFoundf("not found")
	}
	if !actor.Can(authz.InvoicesApprove) {
		return Settings{}, apperr.Forbiddenf("only the Office Manager changes the approval limit")
	}
	if cents < 0 || cents > MaxApprovalLimitCents {
		return Settings{}, apperr.Fields{"approval_limit": "enter an amount between 0 and 10,000,000"}.Err()
	}
	var out Settings
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		var by any
		if actor.PersonID != "" {
			by = actor.PersonID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_settings (id, approval_limit_cents, currency, updated_at, updated_by) VALUES (1, $1, 'EUR', $2, $3)
			ON CONFLICT (id) DO UPDATE SET approval_limit_cents = excluded.approval_limit_cents, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			cents, s.Clock.Now().UTC(), by); err != nil {
			return fmt.Errorf("save invoice settings: %w", err)
		}
		out = Settings{ApprovalLimitCents: cents, Currency: "EUR"}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "invoice_settings",
			Message: "invoice_settings.update", Summary: fmt.Sprintf("approval limit %d cents", cents), Before: before, After: out})
	})
	return out, err
}

// dateText formats t as YYYY-MM-DD.
func dateText(t time.Time) string { return t.Format("2006-01-02") }
