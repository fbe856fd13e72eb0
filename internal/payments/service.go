// Package payments pays approved invoices: the overdue list, SEPA credit
// transfer batches (pain.001) of invoices with a trusted IBAN, and marking a
// batch executed. An invoice is never in two batches nor paid twice.
package payments

import (
	"spil/internal/clock"
	"spil/internal/db"
)

// Service is the payments module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
}
