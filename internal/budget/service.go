// Package budget is the office budget: per year and category, phased by
// month, against the actuals of approved invoices and the commitments of
// running contracts, with warnings at 80 % and 100 %.
//
// Amounts are euro cents (int64). The rules, also in docs/costs/budget.md:
//
//   - Budget: the sum of budget_lines for the year and category (12 months).
//   - Actual: approved and paid invoices (invoices.status IN ('approved',
//     'paid')) in euro, counted by issue_date, excluding VAT
//     (total_excl_cents): VAT is reclaimed, so office budgets are net.
//     Credit notes (kind 'credit_note') count negative whatever the sign
//     they are stored with.
//   - Committed: for each active or terminated (still running until its end)
//     contract of the category, its yearly value pro rata for the months of
//     the year it runs (from its start month to its end month; an active
//     contract that renews itself runs to December), minus what is
//     already actual on that contract in the year (approved and paid
//     invoices with its contract_id), never below zero. Years before the
//     current one have no commitments: what was not invoiced will not be.
//   - Remaining: Budget − Actual − Committed (negative when over).
package budget

import (
	"context"
	"time"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/org"
)

// Service is the budget module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
}

// Position is a category's position in a year, in euro cents.
type Position struct {
	Category  string `json:"category"`
	Year      int    `json:"year"`
	Budget    int64  `json:"budget_cents"`
	Actual    int64  `json:"actual_cents"`
	Committed int64  `json:"committed_cents"`
	Remaining int64  `json:"remaining_cents"`
}

// Used is Actual + Committed.
func (p Position) Used() int64 { return p.Actual + p.Committed }

// Percent is the share of the budget used (actual and committed), rounded
// down; 0 without a budget and nothing used, 100+ when over or when
// something is used without a budget.
func (p Position) Percent() int {
	if p.Budget <= 0 {
		if p.Used() > 0 {
			return 100
		}
		return 0
	}
	return int(p.Used() * 100 / p.Budget)
}

// Category is a budget category.
type Category struct {
	Key      string `json:"key"`
	NameNL   string `json:"name_nl"`
	NameEN   string `json:"name_en"`
	Position int    `json:"position"`
	Active   bool   `json:"active"`
}

// Name is the category's name in lang ("nl" or "en").
func (c Category) Name(lang string) string {
	if lang == "en" {
		return c.NameEN
	}
	return c.NameNL
}

// canRead reports whether a may see budget positions: the Office Manager and
// those who approve invoices.
func canRead(a *authz.Actor) bool {
	return a != nil && (a.Can(authz.OfficeManage) || a.Can(authz.InvoicesApprove) || a.Can(authz.InvoicesCountersign))
}

// canManage reports whether a may set budgets: the Office Manager.
func canManage(a *authz.Actor) bool { return a != nil && a.Can(authz.OfficeManage) }

// CanRead reports whether actor may see the budget (page and API).
func (s *Service) CanRead(actor *authz.Actor) bool { return canRead(actor) }

// CanManage reports whether actor may set budgets.
func (s *Service) CanManage(actor *authz.Actor) bool { return canManage(actor) }

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now().UTC()
	}
	return s.Clock.Now()
}

// today is the current date in the organization's zone as year and month.
func (s *Service) today(ctx context.Context, q db.Querier) (int, time.Month) {
	t := s.now().In(org.Zone(ctx, q))
	return t.Year(), t.Month()
}
