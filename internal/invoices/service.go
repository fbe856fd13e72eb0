// Package invoices handles incoming invoices from e-invoice or PDF to
// approval: import and validation, the checks shown on an invoice
// (duplicates, supplier, IBAN, contract, arithmetic, budget category) and
// approval by authority.
package invoices

import (
	"spil/internal/budget"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/suppliers"
)

// Service is the invoices module.
type Service struct {
	DB        *db.DB
	Clock     clock.Clock
	Suppliers *suppliers.Service
	Budget    *budget.Service
}
