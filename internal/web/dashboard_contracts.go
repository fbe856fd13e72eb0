package web

import (
	"context"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/suppliers"
)

// ContractAlertsCard is the dashboard card of contracts whose notice
// deadline is within their alert period, for those who manage contracts.
type ContractAlertsCard struct {
	P    *i18n.Printer
	Show bool
	Rows []suppliers.Contract
}

// contractAlertsCard loads the card; it is hidden for actors who may not
// see contracts, and a failure to load leaves it out rather than failing
// the whole dashboard.
func (s *Server) contractAlertsCard(ctx context.Context, a *authz.Actor, p *i18n.Printer) ContractAlertsCard {
	c := ContractAlertsCard{P: p}
	if s.Suppliers == nil || !suppliers.CanSeeContracts(a) {
		return c
	}
	rows, err := s.Suppliers.NoticeAlerts(ctx, a)
	if err != nil {
		s.Logger.Error("dashboard: contract alerts", "err", err)
		return c
	}
	c.Show, c.Rows = true, rows
	return c
}
