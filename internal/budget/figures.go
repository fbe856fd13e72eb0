package budget

import (
	"context"
	"fmt"
	"strconv"

	"spil/internal/db"
)

// figures are one category's numbers for a year, in cents.
type figures struct {
	budget    [12]int64
	actual    [12]int64
	committed int64
}

func sum12(a [12]int64) int64 {
	var t int64
	for _, v := range a {
		t += v
	}
	return t
}

func yearBounds(year int) (from, to string) {
	return fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1)
}

// actualExpr is an invoice's amount for the budget: excluding VAT, credit
// notes negative. uncategorized invoices count as "other".
const (
	actualExpr   = `CASE WHEN kind = 'credit_note' THEN -ABS(total_excl_cents) ELSE total_excl_cents END`
	categoryExpr = `COALESCE(NULLIF(budget_category, ''), 'other')`
	countsWhere  = `status IN ('approved', 'paid') AND currency = 'EUR'`
	// monthExpr is an invoice's month: issue_date is 'YYYY-MM-DD' text on
	// both engines, so one expression serves both.
	monthExpr = `CAST(substr(issue_date, 6, 2) AS INTEGER)`
)

// loadFigures reads the budget, actuals and commitments of year for one
// category, or all when category is "". thisYear and thisMonth are today in
// the organization's zone (commitments depend on them).
func loadFigures(ctx context.Context, q db.Querier, year int, category string, thisYear int) (map[string]*figures, error) {
	out := map[string]*figures{}
	get := func(k string) *figures {
		f := out[k]
		if f == nil {
			f = &figures{}
			out[k] = f
		}
		return f
	}
	from, to := yearBounds(year)

	// Budget lines.
	qs := `SELECT category, month, amount_cents FROM budget_lines WHERE year = $1`
	args := []any{year}
	if category != "" {
		qs += ` AND category = $2`
		args = append(args, category)
	}
	rows, err := q.QueryContext(ctx, qs, args...)
	if err != nil {
		return nil, fmt.Errorf("budget lines: %w", err)
	}
	for rows.Next() {
		var c string
		var m int
		var v int64
		if err := rows.Scan(&c, &m, &v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("budget lines: %w", err)
		}
		if m >= 1 && m <= 12 {
			get(c).budget[m-1] = v
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("budget lines: %w", err)
	}

	// Actuals.
	// One pass over the year gives the actuals by category and month and
	// what is actual per contract (for the commitments).
	invoiced := map[string]int64{}
	qs = `SELECT ` + categoryExpr + `, ` + monthExpr + `, COALESCE(contract_id, ''), SUM(` + actualExpr + `) FROM invoices
		WHERE ` + countsWhere + ` AND issue_date >= $1 AND issue_date < $2`
	args = []any{from, to}
	if category != "" {
		if category == "other" {
			qs += ` AND (budget_category = $3 OR budget_category IS NULL OR budget_category = '')`
		} else {
			qs += ` AND budget_category = $3`
		}
		args = append(args, category)
	}
	qs += ` GROUP BY 1, 2, 3`
	rows, err = q.QueryContext(ctx, qs, args...)
	if err != nil {
		return nil, fmt.Errorf("budget actuals: %w", err)
	}
	for rows.Next() {
		var c, contract string
		var m int
		var v int64
		if err := rows.Scan(&c, &m, &contract, &v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("budget actuals: %w", err)
		}
		if m >= 1 && m <= 12 {
			get(c).actual[m-1] += v
		}
		if contract != "" {
			invoiced[contract] += v
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("budget actuals: %w", err)
	}

	if year < thisYear {
		return out, nil
	}
	if category != "" {
		// Invoices on the category's contracts may be coded to another
		// category: count the contracts' invoices of every category.
		if invoiced, err = invoicedPerContract(ctx, q, year); err != nil {
			return nil, err
		}
	}
	com, err := commitments(ctx, q, year, category, invoiced)
	if err != nil {
		return nil, err
	}
	for c, v := range com {
		get(c).committed += v
	}
	return out, nil
}

// invoicedPerContract returns what is actual per contract in year.
func invoicedPerContract(ctx context.Context, q db.Querier, year int) (map[string]int64, error) {
	from, to := yearBounds(year)
	invoiced := map[string]int64{}
	rows, err := q.QueryContext(ctx, `SELECT contract_id, SUM(`+actualExpr+`) FROM invoices
		WHERE `+countsWhere+` AND issue_date >= $1 AND issue_date < $2 AND contract_id IS NOT NULL GROUP BY contract_id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("budget commitments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("budget commitments: %w", err)
		}
		invoiced[id] = v
	}
	return invoiced, rows.Err()
}

// commitments returns per category what running contracts will still cost
// in year (see the package documentation for the rule), given what is
// actual per contract in the year.
func commitments(ctx context.Context, q db.Querier, year int, category string, invoiced map[string]int64) (map[string]int64, error) {
	_, to := yearBounds(year)
	qs := `SELECT c.id, COALESCE(NULLIF(c.budget_category, ''), 'other'), c.starts_on, COALESCE(c.ends_on, ''),
		c.auto_renew AND c.status = 'active', c.yearly_value_cents
		FROM contracts c
		WHERE c.status IN ('active', 'terminated') AND c.currency = 'EUR' AND c.starts_on < $1`
	args := []any{to}
	if category != "" {
		qs += ` AND COALESCE(NULLIF(c.budget_category, ''), 'other') = $2`
		args = append(args, category)
	}
	rows, err := q.QueryContext(ctx, qs, args...)
	if err != nil {
		return nil, fmt.Errorf("budget commitments: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id, cat, starts, ends string
		var renew bool
		var yearly int64
		if err := rows.Scan(&id, &cat, &starts, &ends, &renew, &yearly); err != nil {
			return nil, fmt.Errorf("budget commitments: %w", err)
		}
		months := monthsRunning(year, starts, ends, renew)
		if months == 0 {
			continue
		}
		due := (yearly*int64(months) + 6) / 12
		if left := due - invoiced[id]; left > 0 {
			out[cat] += left
		}
	}
	return out, rows.Err()
}

// monthsRunning counts the months of year a contract running from starts
// to ends ("" open-ended; a renewing contract runs on) touches.
func monthsRunning(year int, starts, ends string, renew bool) int {
	sy, sm := ym(starts)
	first := 1
	if sy > year {
		return 0
	}
	if sy == year {
		first = sm
	}
	last := 12
	if ends != "" && !renew {
		ey, em := ym(ends)
		if ey < year {
			return 0
		}
		if ey == year {
			last = em
		}
	}
	if last < first {
		return 0
	}
	return last - first + 1
}

// ym reads year and month from a date's text ("2026-03-01…").
func ym(s string) (int, int) {
	if len(s) < 7 {
		return 0, 0
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	return y, m
}
