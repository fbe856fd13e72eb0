package suppliers

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"spil/internal/db"
	"spil/internal/org"
)

const contractCols = `c.id, c.supplier_id, s.name, c.subject, c.starts_on, c.ends_on, c.notice_days, c.notice_months, c.auto_renew,
	c.renew_months, c.yearly_value_cents, c.currency, c.budget_category, c.status, c.alert_days, c.notes, c.terminated_on,
	c.created_at, c.updated_at`

func scanContract(sc interface{ Scan(...any) error }) (Contract, error) {
	var c Contract
	var starts, ends, terminated sql.NullString
	var alerts string
	err := sc.Scan(&c.ID, &c.SupplierID, &c.SupplierName, &c.Subject, &starts, &ends, &c.NoticeDays, &c.NoticeMonths, &c.AutoRenew,
		&c.RenewMonths, &c.YearlyValueCents, &c.Currency, &c.BudgetCategory, &c.Status, &alerts, &c.Notes, &terminated,
		&c.CreatedAt, &c.UpdatedAt)
	c.StartsOn, c.EndsOn, c.TerminatedOn = parseDate(starts), parseDate(ends), parseDate(terminated)
	c.AlertDays = parseAlertDays(alerts)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

// loadContracts returns the contracts matching where, with their Terms as
// of today.
func loadContracts(ctx context.Context, q db.Querier, today time.Time, where string, args ...any) ([]Contract, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+contractCols+` FROM contracts c JOIN suppliers s ON s.id = c.supplier_id
		WHERE `+where+` ORDER BY c.starts_on, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("load contracts: %w", err)
	}
	defer rows.Close()
	var out []Contract
	for rows.Next() {
		c, err := scanContract(rows)
		if err != nil {
			return nil, err
		}
		c.Terms = Compute(c, today)
		out = append(out, c)
	}
	return out, rows.Err()
}

// sortByDeadline orders contracts by notice deadline, soonest first; those
// without one follow, by end date and subject.
func sortByDeadline(cs []Contract) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i].Terms, cs[j].Terms
		if a.HasDeadline() != b.HasDeadline() {
			return a.HasDeadline()
		}
		if !a.NoticeBy.Equal(b.NoticeBy) {
			return a.NoticeBy.Before(b.NoticeBy)
		}
		return cs[i].Subject < cs[j].Subject
	})
}

// Today is the organization's calendar date now (midnight UTC).
func (s *Service) Today(ctx context.Context) time.Time {
	return date(s.Clock.Now().In(org.Zone(ctx, s.DB.R)))
}

// ContractsFor returns, through q, the supplier's contracts running on day
// on (started, not ended), with their Terms as of that day, for the checks
// on an invoice. No actor: the caller has checked its own rights.
func (s *Service) ContractsFor(ctx context.Context, q db.Querier, supplierID string, on time.Time) ([]Contract, error) {
	day := date(on)
	all, err := loadContracts(ctx, q, day, `c.supplier_id = $1 AND c.starts_on <= $2`, supplierID, day.Format(dateLayout))
	if err != nil {
		return nil, err
	}
	var out []Contract
	for _, c := range all {
		if c.Terms.Status != StatusEnded {
			out = append(out, c)
		}
	}
	return out, nil
}
