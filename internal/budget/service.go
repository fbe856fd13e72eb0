// Package budget is the office budget: per year and category, phased by
// month, against the actuals of approved invoices and the commitments of
// running contracts, with warnings at 80 % and 100 %.
package budget

import (
	"spil/internal/clock"
	"spil/internal/db"
)

// Service is the budget module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
}
