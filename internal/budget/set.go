package budget

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

// MaxYearCents caps a category's yearly budget (€ 1 billion).
const MaxYearCents int64 = 100_000_000_000

// SetInput sets a category's budget for a year: either Months (12 amounts in
// cents, phased by hand) or Yearly, spread evenly over the months (cents
// left over go to the first months, so the months add up to Yearly).
type SetInput struct {
	Year     int     `json:"year"`
	Category string  `json:"category"`
	Yearly   int64   `json:"yearly_cents"`
	Months   []int64 `json:"months_cents,omitempty"`
}

// Spread divides yearly over 12 months evenly, the remainder cents to the
// first months.
func Spread(yearly int64) [12]int64 {
	var out [12]int64
	base, rest := yearly/12, yearly%12
	for m := range out {
		out[m] = base
		if int64(m) < rest {
			out[m]++
		}
	}
	return out
}

// Set stores a category's budget for a year, replacing what was there, and
// returns its new position.
//
// Errors: NotFound when actor may not see the budget, Forbidden when they
// may see but not set it (only the Office Manager sets budgets); Invalid with
// fields year, category, yearly, months or months.N.
func (s *Service) Set(ctx context.Context, actor *authz.Actor, in SetInput) (Position, error) {
	if !canRead(actor) {
		return Position{}, apperr.NotFoundf("budget not found")
	}
	if !canManage(actor) {
		return Position{}, apperr.Forbiddenf("only the Office Manager sets the budget")
	}
	var fe apperr.Fields
	if in.Year < 2000 || in.Year > 2999 {
		fe.Add("year", "not a year between 2000 and 2999")
	}
	ok, err := s.ValidCategory(ctx, in.Category)
	if err != nil {
		return Position{}, err
	}
	if !ok {
		fe.Add("category", "unknown budget category")
	}
	var months [12]int64
	switch {
	case len(in.Months) == 12:
		var total int64
		for i, v := range in.Months {
			if v < 0 {
				fe.Add(fmt.Sprintf("months.%d", i+1), "must not be negative")
			}
			total += v
		}
		if total > MaxYearCents {
			fe.Add("yearly", "at most € 1.000.000.000 a year")
		}
		copy(months[:], in.Months)
	case len(in.Months) != 0:
		fe.Add("months", "give 12 months or none")
	case in.Yearly < 0:
		fe.Add("yearly", "must not be negative")
	case in.Yearly > MaxYearCents:
		fe.Add("yearly", "at most € 1.000.000.000 a year")
	default:
		months = Spread(in.Yearly)
	}
	if err := fe.Err(); err != nil {
		return Position{}, err
	}
	var pos Position
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := yearLines(ctx, tx, in.Year, in.Category)
		if err != nil {
			return err
		}
		if err := writeLines(ctx, tx, in.Year, in.Category, months); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "budget", ObjectID: fmt.Sprintf("%d/%s", in.Year, in.Category),
			Message: "budget.set", Label: fmt.Sprintf("%s %d", in.Category, in.Year),
			Summary: fmt.Sprintf("budget %s %d set to %s", in.Category, in.Year, cents(sum12(months))),
			Before:  before, After: months,
		}); err != nil {
			return err
		}
		pos, err = s.PositionTx(ctx, tx, in.Year, in.Category)
		return err
	})
	return pos, err
}

// Lines returns a category's 12 monthly budgets of year (zeros when unset).
//
// Errors: NotFound when actor may not see the budget.
func (s *Service) Lines(ctx context.Context, actor *authz.Actor, year int, category string) ([12]int64, error) {
	if !canRead(actor) {
		return [12]int64{}, apperr.NotFoundf("budget not found")
	}
	return yearLines(ctx, s.DB.R, year, category)
}

func yearLines(ctx context.Context, q db.Querier, year int, category string) ([12]int64, error) {
	var out [12]int64
	rows, err := q.QueryContext(ctx, `SELECT month, amount_cents FROM budget_lines WHERE year = $1 AND category = $2`, year, category)
	if err != nil {
		return out, fmt.Errorf("budget lines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m int
		var v int64
		if err := rows.Scan(&m, &v); err != nil {
			return out, fmt.Errorf("budget lines: %w", err)
		}
		if m >= 1 && m <= 12 {
			out[m-1] = v
		}
	}
	return out, rows.Err()
}

func writeLines(ctx context.Context, tx *sql.Tx, year int, category string, months [12]int64) error {
	for m, v := range months {
		if _, err := tx.ExecContext(ctx, `INSERT INTO budget_lines (year, category, month, amount_cents) VALUES ($1, $2, $3, $4)
			ON CONFLICT (year, category, month) DO UPDATE SET amount_cents = excluded.amount_cents`, year, category, m+1, v); err != nil {
			return fmt.Errorf("budget line: %w", err)
		}
	}
	return nil
}

// CopyInput copies one year's budget to the next, changed by Percent
// (3.5 means +3.5 %, −10 means 10 % less).
type CopyInput struct {
	From    int             `json:"from_year"`
	To      int             `json:"to_year"`
	Percent decimal.Decimal `json:"percent"`
}

// Copy copies every category's monthly budget of in.From to in.To, each
// month times (1 + Percent/100), rounded half away from zero to the cent.
// Categories without lines in From keep what To has.
//
// Errors: NotFound / Forbidden as Set; Invalid (from_year, to_year, percent)
// when From has no budget, the years are equal or out of range, or Percent
// is below −100 or above 1000.
func (s *Service) Copy(ctx context.Context, actor *authz.Actor, in CopyInput) (int, error) {
	if !canRead(actor) {
		return 0, apperr.NotFoundf("budget not found")
	}
	if !canManage(actor) {
		return 0, apperr.Forbiddenf("only the Office Manager sets the budget")
	}
	var fe apperr.Fields
	if in.From < 2000 || in.From > 2999 {
		fe.Add("from_year", "not a year between 2000 and 2999")
	}
	if in.To < 2000 || in.To > 2999 || in.To == in.From {
		fe.Add("to_year", "choose another year than the one copied")
	}
	if in.Percent.LessThan(decimal.NewFromInt(-100)) || in.Percent.GreaterThan(decimal.NewFromInt(1000)) {
		fe.Add("percent", "between -100 and 1000")
	}
	if err := fe.Err(); err != nil {
		return 0, err
	}
	factor := decimal.NewFromInt(1).Add(in.Percent.Div(decimal.NewFromInt(100)))
	n := 0
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		src, err := loadFigures(ctx, tx, in.From, "", 9999)
		if err != nil {
			return err
		}
		for cat, f := range src {
			var lines [12]int64
			var any bool
			for m, v := range f.budget {
				if v != 0 {
					any = true
				}
				lines[m] = decimal.NewFromInt(v).Mul(factor).Round(0).IntPart()
			}
			if !any {
				continue
			}
			if err := writeLines(ctx, tx, in.To, cat, lines); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return apperr.Fields{"from_year": "that year has no budget to copy"}.Err()
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "create", ObjectType: "budget", ObjectID: fmt.Sprintf("%d", in.To),
			Message: "budget.copy", Label: fmt.Sprintf("%d", in.To),
			Summary: fmt.Sprintf("budget %d copied from %d (%s %%)", in.To, in.From, in.Percent.String()),
		})
	})
	return n, err
}

func cents(v int64) string {
	return decimal.New(v, -2).StringFixed(2)
}
