package budget

import (
	"context"
	"fmt"

	"spil/internal/db"
)

// Categories returns the budget categories in their order, active ones and
// inactive ones (check Active).
func (s *Service) Categories(ctx context.Context) ([]Category, error) {
	return categories(ctx, s.DB.R)
}

func categories(ctx context.Context, q db.Querier) ([]Category, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, name_nl, name_en, position, active FROM budget_categories ORDER BY position, key`)
	if err != nil {
		return nil, fmt.Errorf("budget categories: %w", err)
	}
	defer rows.Close()
	var out []Category
	for rows.Next() {
		var c Category
		if err := rows.Scan(&c.Key, &c.NameNL, &c.NameEN, &c.Position, &c.Active); err != nil {
			return nil, fmt.Errorf("budget categories: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ValidCategory reports whether key is a budget category.
func (s *Service) ValidCategory(ctx context.Context, key string) (bool, error) {
	var n int
	if err := s.DB.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM budget_categories WHERE key = $1`, key).Scan(&n); err != nil {
		return false, fmt.Errorf("budget category: %w", err)
	}
	return n > 0, nil
}
