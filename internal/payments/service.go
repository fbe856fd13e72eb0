// Package payments pays approved invoices: the overdue list, SEPA credit
// transfer batches (pain.001) of invoices with a trusted IBAN, and marking a
// batch executed. An invoice is never in two batches nor paid twice.
//
// Rules (also in docs/costs/payments.md):
//
//   - Only the Office Manager (authz.OfficeManage) sees and works with
//     payments; anyone else gets NotFound.
//   - A batch holds approved invoices (status 'approved', kind 'invoice', in
//     euro, an amount payable above zero) of a known supplier whose IBAN on
//     the invoice is a trusted account of that supplier
//     (supplier_bank_accounts.trusted_at set). A new or changed IBAN is never
//     paid before the Office Manager trusted it.
//   - An invoice is in at most one batch that is not cancelled: the UNIQUE
//     on payment_batch_items.invoice_id guards it, also under concurrent
//     requests; on PostgreSQL the invoices are locked (FOR UPDATE) while the
//     batch is made, so a status change cannot slip in between check and
//     insert.
//   - Credit notes are left out of batches: they are not paid by us; the
//     supplier deducts them or refunds (the overdue list does not show them).
//   - Executing a batch sets its invoices to 'paid' with paid_at; executing
//     it again is a no-op. Cancelling an open or downloaded batch deletes its
//     items, which frees the invoices for another batch; an executed batch
//     cannot be cancelled.
package payments

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/holiday"
	"spil/internal/org"
)

// Service is the payments module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
}

// Batch statuses.
const (
	StatusOpen      = "open"
	StatusExported  = "exported"
	StatusExecuted  = "executed"
	StatusCancelled = "cancelled"
)

// DueSoonDays is how far ahead "due soon" looks.
const DueSoonDays = 14

// MaxBatchItems caps a batch (the file stays far below the SEPA limits and
// a bank's upload size).
const MaxBatchItems = 20_000

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// compactID is a UUID without hyphens: 32 characters of the SEPA set, fit
// for message and end-to-end IDs (at most 35).
func compactID(id string) string { return strings.ReplaceAll(id, "-", "") }

func canManage(a *authz.Actor) bool { return a != nil && a.Can(authz.OfficeManage) }

// CanManage reports whether actor may see and make payments.
func (s *Service) CanManage(actor *authz.Actor) bool { return canManage(actor) }

func notFound() error { return apperr.NotFoundf("payments not found") }

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now().UTC()
	}
	return s.Clock.Now()
}

// today is the current date in the organization's zone.
func (s *Service) today(ctx context.Context, q db.Querier) holiday.Date {
	return holiday.DateOf(s.now().In(org.Zone(ctx, q)))
}
