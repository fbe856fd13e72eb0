package invoices

import (
	"context"
	"database/sql"
	"time"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/suppliers"
)

// What the invoices module asks the suppliers and budget modules; one place
// so the checks read as the domain says them.

// contractInfo is a supplier's contract as the checks need it.
type contractInfo struct {
	ID               string
	Subject          string
	BudgetCategory   string
	YearlyValueCents int64
	Currency         string
}

// budgetPosition is a budget category's position in a year, in cents.
type budgetPosition struct {
	Budget, Actual, Committed, Remaining int64
}

// matchSupplier finds the supplier by VAT number, KvK number or name.
func (s *Service) matchSupplier(ctx context.Context, q db.Querier, vat, kvk, name, iban string) (string, bool, error) {
	if s.Suppliers == nil {
		return "", false, nil
	}
	return s.Suppliers.MatchTx(ctx, q, suppliers.Match{VAT: vat, KvK: kvk, Name: name, IBAN: iban})
}

// accountStatus tells whether iban is a known and a trusted account of the supplier.
func (s *Service) accountStatus(ctx context.Context, q db.Querier, supplierID, iban string) (known, trusted bool, err error) {
	if s.Suppliers == nil {
		return false, false, nil
	}
	return s.Suppliers.AccountStatusTx(ctx, q, supplierID, iban)
}

// addAccountFromInvoice adds iban to the supplier's accounts, untrusted.
func (s *Service) addAccountFromInvoice(ctx context.Context, tx *sql.Tx, actor *authz.Actor, supplierID, iban, bic string) error {
	if s.Suppliers == nil {
		return nil
	}
	return s.Suppliers.AddAccountFromInvoiceTx(ctx, tx, actor, supplierID, iban, bic)
}

// contractsFor returns the supplier's contracts running on day on.
func (s *Service) contractsFor(ctx context.Context, q db.Querier, supplierID string, on time.Time) ([]contractInfo, error) {
	if s.Suppliers == nil {
		return nil, nil
	}
	cs, err := s.Suppliers.ContractsFor(ctx, q, supplierID, on)
	if err != nil {
		return nil, err
	}
	out := make([]contractInfo, 0, len(cs))
	for _, c := range cs {
		out = append(out, contractInfo{ID: c.ID, Subject: c.Subject, BudgetCategory: c.BudgetCategory, YearlyValueCents: c.YearlyValueCents, Currency: c.Currency})
	}
	return out, nil
}

// budgetPositionOf returns the category's budget position in year.
func (s *Service) budgetPositionOf(ctx context.Context, q db.Querier, year int, category string) (budgetPosition, bool, error) {
	if s.Budget == nil {
		return budgetPosition{}, false, nil
	}
	p, err := s.Budget.PositionTx(ctx, q, year, category)
	if err != nil {
		return budgetPosition{}, false, err
	}
	return budgetPosition{Budget: p.Budget, Actual: p.Actual, Committed: p.Committed, Remaining: p.Remaining}, true, nil
}
