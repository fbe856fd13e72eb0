package suppliers

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/money"
	"spil/internal/org"
)

// DefaultAlertDays are the days before a notice deadline at which Office
// Managers are alerted when a contract names none.
var DefaultAlertDays = []int{60, 14}

// contractRow is a checked ContractInput.
type contractRow struct {
	SupplierID       string
	Subject          string
	StartsOn, EndsOn time.Time
	NoticeDays       int
	NoticeMonths     int
	AutoRenew        bool
	RenewMonths      int
	YearlyValueCents int64
	Currency         string
	BudgetCategory   string
	AlertDays        []int
	Notes            string
}

// checkContract validates in, with every problem by field.
func checkContract(ctx context.Context, q db.Querier, in ContractInput) (contractRow, error) {
	var f apperr.Fields
	r := contractRow{SupplierID: in.SupplierID, Subject: strings.TrimSpace(in.Subject), NoticeDays: in.NoticeDays,
		NoticeMonths: in.NoticeMonths, AutoRenew: in.AutoRenew, RenewMonths: in.RenewMonths,
		BudgetCategory: strings.TrimSpace(in.BudgetCategory), Notes: strings.TrimSpace(in.Notes)}
	if r.SupplierID == "" {
		f.Add("supplier_id", "choose the supplier")
	} else {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM suppliers WHERE id = $1`, r.SupplierID).Scan(&n); err != nil {
			return r, err
		}
		if n == 0 {
			f.Add("supplier_id", "choose the supplier")
		}
	}
	switch {
	case r.Subject == "":
		f.Add("subject", "say what the contract is for")
	case utf8.RuneCountInString(r.Subject) > 200:
		f.Add("subject", "at most 200 characters")
	}
	day := func(field, s string, required bool) time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			if required {
				f.Add(field, "enter the date the contract starts")
			}
			return time.Time{}
		}
		t, err := time.Parse(dateLayout, s)
		if err != nil || t.Year() < 1900 || t.Year() > 2999 {
			f.Add(field, "a date like 2026-12-31")
			return time.Time{}
		}
		return t
	}
	r.StartsOn = day("starts_on", in.StartsOn, true)
	r.EndsOn = day("ends_on", in.EndsOn, false)
	if !r.StartsOn.IsZero() && !r.EndsOn.IsZero() && r.EndsOn.Before(r.StartsOn) {
		f.Add("ends_on", "the end is before the start")
	}
	switch {
	case r.NoticeDays < 0 || r.NoticeDays > 3650:
		f.Add("notice_days", "between 0 and 3650 days")
	case r.NoticeMonths < 0 || r.NoticeMonths > 120:
		f.Add("notice_months", "between 0 and 120 months")
	case r.NoticeDays > 0 && r.NoticeMonths > 0:
		f.Add("notice_days", "give the notice period in days or in months, not both")
	}
	if r.AutoRenew {
		if strings.TrimSpace(in.EndsOn) == "" {
			f.Add("ends_on", "a contract that renews needs the end of its first term")
		}
		if r.RenewMonths < 1 || r.RenewMonths > 120 {
			f.Add("renew_months", "renewed for 1 to 120 months at a time")
		}
	} else {
		r.RenewMonths = 0
	}
	r.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if r.Currency == "" {
		r.Currency = money.EUR
	}
	if !money.KnownCurrency(r.Currency) {
		f.Add("currency", "unknown currency")
	} else if v := strings.TrimSpace(in.YearlyValue); v != "" {
		a, err := money.ParseInput(in.Lang, "yearly_value", v, r.Currency)
		if err != nil {
			f.Add("yearly_value", apperr.MessageOf(err))
			for k, m := range apperr.FieldsOf(err) {
				f.Add(k, m)
			}
		} else if a.Sign() < 0 {
			f.Add("yearly_value", "the yearly value cannot be negative")
		} else if c, err := a.Round().Minor(); err != nil {
			f.Add("yearly_value", "too large")
		} else {
			r.YearlyValueCents = c
		}
	}
	if r.BudgetCategory != "" {
		if cats, ok := budgetCategories(ctx, q); ok && !slices.ContainsFunc(cats, func(c BudgetCategory) bool { return c.Key == r.BudgetCategory }) {
			f.Add("budget_category", "choose one of the budget categories")
		}
	}
	r.AlertDays = in.AlertDays
	if r.AlertDays == nil {
		r.AlertDays = DefaultAlertDays
	}
	r.AlertDays = slices.Clone(r.AlertDays)
	sort.Sort(sort.Reverse(sort.IntSlice(r.AlertDays)))
	r.AlertDays = slices.Compact(r.AlertDays)
	if len(r.AlertDays) > 5 {
		f.Add("alert_days", "at most 5 alerts")
	}
	for _, d := range r.AlertDays {
		if d < 0 || d > 365 {
			f.Add("alert_days", "alerts 0 to 365 days before the deadline")
		}
	}
	if utf8.RuneCountInString(r.Notes) > 5000 {
		f.Add("notes", "at most 5000 characters")
	}
	return r, f.Err()
}

// BudgetCategory is a category of the office budget (owned by the budget
// module; read here for the contract form).
type BudgetCategory struct {
	Key, NameNL, NameEN string
}

// budgetCategories returns the active budget categories, and false when the
// budget module's table is not there (the key is then free text).
func budgetCategories(ctx context.Context, q db.Querier) ([]BudgetCategory, bool) {
	rows, err := q.QueryContext(ctx, `SELECT key, name_nl, name_en FROM budget_categories WHERE active = TRUE ORDER BY position, key`)
	if err != nil {
		return nil, false
	}
	defer rows.Close()
	var out []BudgetCategory
	for rows.Next() {
		var c BudgetCategory
		if err := rows.Scan(&c.Key, &c.NameNL, &c.NameEN); err != nil {
			return nil, false
		}
		out = append(out, c)
	}
	return out, rows.Err() == nil
}

// BudgetCategories returns the budget categories a contract can be booked
// on; ok is false when there is no budget module (free text then).
func (s *Service) BudgetCategories(ctx context.Context) ([]BudgetCategory, bool) {
	return budgetCategories(ctx, s.DB.R)
}

// CreateContract records a contract with a supplier and schedules the alerts
// before its notice deadline.
//
// Errors: NotFound for actors who may not see contracts; Invalid naming
// each bad field ("starts_on", "yearly_value", "renew_months", …).
func (s *Service) CreateContract(ctx context.Context, actor *authz.Actor, in ContractInput) (Contract, error) {
	if !CanSeeContracts(actor) {
		return Contract{}, errNoContract()
	}
	var out Contract
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := checkContract(ctx, tx, in)
		if err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		id := newID()
		_, err = tx.ExecContext(ctx, `INSERT INTO contracts (id, supplier_id, subject, starts_on, ends_on, notice_days, notice_months,
			auto_renew, renew_months, yearly_value_cents, currency, budget_category, status, alert_days, notes, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'active', $13, $14, $15, $16, $16)`,
			id, r.SupplierID, r.Subject, r.StartsOn.Format(dateLayout), nullDate(r.EndsOn), r.NoticeDays, r.NoticeMonths,
			r.AutoRenew, r.RenewMonths, r.YearlyValueCents, r.Currency, r.BudgetCategory, formatAlertDays(r.AlertDays), r.Notes,
			nullStr(actor.PersonID), now)
		if err != nil {
			return err
		}
		if out, err = s.contractTx(ctx, tx, id); err != nil {
			return err
		}
		if err := s.scheduleAlertsTx(ctx, tx, out); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "create", ObjectType: "contract", ObjectID: id, Label: out.SupplierName + ": " + out.Subject,
			Summary: fmt.Sprintf("recorded contract %q with %q", out.Subject, out.SupplierName), After: contractView(out),
		})
	})
	return out, err
}

// UpdateContract changes a contract's terms and reschedules its alerts. The
// status is changed by Terminate only.
//
// Errors: as CreateContract, and NotFound for an unknown contract.
func (s *Service) UpdateContract(ctx context.Context, actor *authz.Actor, id string, in ContractInput) (Contract, error) {
	if !CanSeeContracts(actor) {
		return Contract{}, errNoContract()
	}
	var out Contract
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.contractTx(ctx, tx, id)
		if err != nil {
			return err
		}
		r, err := checkContract(ctx, tx, in)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE contracts SET supplier_id = $2, subject = $3, starts_on = $4, ends_on = $5, notice_days = $6,
			notice_months = $7, auto_renew = $8, renew_months = $9, yearly_value_cents = $10, currency = $11, budget_category = $12,
			alert_days = $13, notes = $14, updated_at = $15 WHERE id = $1`,
			id, r.SupplierID, r.Subject, r.StartsOn.Format(dateLayout), nullDate(r.EndsOn), r.NoticeDays, r.NoticeMonths,
			r.AutoRenew, r.RenewMonths, r.YearlyValueCents, r.Currency, r.BudgetCategory, formatAlertDays(r.AlertDays), r.Notes,
			s.Clock.Now().UTC())
		if err != nil {
			return err
		}
		if out, err = s.contractTx(ctx, tx, id); err != nil {
			return err
		}
		if err := s.rescheduleAlertsTx(ctx, tx, out); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "contract", ObjectID: id, Label: out.SupplierName + ": " + out.Subject,
			Summary: fmt.Sprintf("changed contract %q with %q", out.Subject, out.SupplierName),
			Before:  contractView(before), After: contractView(out),
		})
	})
	return out, err
}

// Terminate records that notice was given today: the contract runs to the
// end of the term the notice reaches (the current one when its deadline has
// not passed, else the next) and then ends; its alerts are cancelled. A
// contract without an end runs for its notice period from today.
//
// Errors: NotFound as GetContract; Conflict when it is terminated or ended
// already.
func (s *Service) Terminate(ctx context.Context, actor *authz.Actor, id string) (Contract, error) {
	if !CanSeeContracts(actor) {
		return Contract{}, errNoContract()
	}
	var out Contract
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.contractTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Terms.Status != StatusActive {
			return apperr.Conflictf("the contract is terminated or ended already")
		}
		today := date(s.Clock.Now().In(org.Zone(ctx, tx)))
		end := c.Terms.NoticeTermEnd
		if end.IsZero() {
			end = c.Terms.TermEnd
		}
		if end.IsZero() {
			end = addMonths(today.AddDate(0, 0, c.NoticeDays+1), c.NoticeMonths).AddDate(0, 0, -1)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contracts SET status = 'terminated', ends_on = $2, terminated_on = $3, updated_at = $4
			WHERE id = $1`, id, end.Format(dateLayout), today.Format(dateLayout), s.Clock.Now().UTC()); err != nil {
			return err
		}
		if _, err := s.Jobs.CancelPrefix(ctx, tx, alertKeyPrefix(id)); err != nil {
			return err
		}
		if out, err = s.contractTx(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "terminate", ObjectType: "contract", ObjectID: id, Label: out.SupplierName + ": " + out.Subject,
			Summary: fmt.Sprintf("gave notice on contract %q with %q, ending %s", out.Subject, out.SupplierName, end.Format(dateLayout)),
			Before:  contractView(c), After: contractView(out),
		})
	})
	return out, err
}

func contractView(c Contract) map[string]any {
	m := map[string]any{"subject": c.Subject, "supplier": c.SupplierName, "starts_on": c.StartsOn.Format(dateLayout),
		"notice_days": c.NoticeDays, "notice_months": c.NoticeMonths, "auto_renew": c.AutoRenew, "renew_months": c.RenewMonths,
		"yearly_value_cents": c.YearlyValueCents, "currency": c.Currency, "budget_category": c.BudgetCategory, "status": c.Status}
	if !c.EndsOn.IsZero() {
		m["ends_on"] = c.EndsOn.Format(dateLayout)
	}
	return m
}

// contractTx loads a contract with its Terms as of today and its documents.
func (s *Service) contractTx(ctx context.Context, q db.Querier, id string) (Contract, error) {
	cs, err := loadContracts(ctx, q, date(s.Clock.Now().In(org.Zone(ctx, q))), `c.id = $1`, id)
	if err != nil {
		return Contract{}, err
	}
	if len(cs) == 0 {
		return Contract{}, errNoContract()
	}
	c := cs[0]
	c.Documents, err = listDocuments(ctx, q, id)
	return c, err
}

// GetContract returns a contract with its Terms as of today and its
// documents (without their content).
//
// Errors: NotFound when it does not exist or the actor may not see
// contracts (see CanSeeContracts).
func (s *Service) GetContract(ctx context.Context, actor *authz.Actor, id string) (Contract, error) {
	if !CanSeeContracts(actor) {
		return Contract{}, errNoContract()
	}
	return s.contractTx(ctx, s.DB.R, id)
}

// ListContracts returns the contracts matching f, soonest notice deadline
// first. Actors who may not see contracts get an empty list.
func (s *Service) ListContracts(ctx context.Context, actor *authz.Actor, f ContractFilter) ([]Contract, error) {
	if !CanSeeContracts(actor) {
		return nil, nil
	}
	where, args := "1 = 1", []any{}
	if f.SupplierID != "" {
		args = append(args, f.SupplierID)
		where += " AND c.supplier_id = $1"
	}
	cs, err := loadContracts(ctx, s.DB.R, s.Today(ctx), where, args...)
	if err != nil {
		return nil, err
	}
	if !f.All {
		cs = slices.DeleteFunc(cs, func(c Contract) bool { return c.Terms.Status == StatusEnded })
	}
	sortByDeadline(cs)
	return cs, nil
}
