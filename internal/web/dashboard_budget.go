package web

import (
	"context"

	"spil/internal/authz"
	"spil/internal/i18n"
)

// BudgetCard is the Office Manager's dashboard card of this year's budget
// warnings (80 % and 100 % of a category's budget).
type BudgetCard struct {
	P        *i18n.Printer
	Show     bool
	Warnings []BudgetWarning
}

// budgetCard loads the card; it is hidden for actors who may not manage the
// budget, and a failure to load leaves it out rather than failing the
// whole dashboard.
func (s *Server) budgetCard(ctx context.Context, a *authz.Actor, p *i18n.Printer) BudgetCard {
	c := BudgetCard{P: p}
	if s.Budget == nil || !a.Can(authz.OfficeManage) {
		return c
	}
	ws, err := s.Budget.Warnings(ctx, a)
	if err != nil {
		s.Logger.Error("dashboard: budget warnings", "err", err)
		return c
	}
	c.Show = true
	for _, w := range ws {
		c.Warnings = append(c.Warnings, BudgetWarning{Level: w.Level, Text: budgetWarningText(p, w)})
	}
	return c
}
