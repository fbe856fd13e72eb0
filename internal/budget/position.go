package budget

import (
	"context"

	"spil/internal/db"
)

// PositionTx returns category's position in year, read through q (a
// transaction or a pool), without an authorization check: it is for other
// services (the invoice approval screen) that have checked their reader.
// An unknown category has zero budget; its actuals still count.
func (s *Service) PositionTx(ctx context.Context, q db.Querier, year int, category string) (Position, error) {
	if category == "" {
		category = "other"
	}
	thisYear, _ := s.today(ctx, q)
	fs, err := loadFigures(ctx, q, year, category, thisYear)
	if err != nil {
		return Position{}, err
	}
	return position(year, category, fs[category]), nil
}

func position(year int, category string, f *figures) Position {
	p := Position{Category: category, Year: year}
	if f != nil {
		p.Budget = sum12(f.budget)
		p.Actual = sum12(f.actual)
		p.Committed = f.committed
	}
	p.Remaining = p.Budget - p.Actual - p.Committed
	return p
}
