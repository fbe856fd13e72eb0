package web

import (
	"context"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/invoices"
)

// InvoicesWaitingCard is the dashboard card "invoices waiting for your
// approval", for those who approve or countersign.
type InvoicesWaitingCard struct {
	P    *i18n.Printer
	Show bool
	Rows []InvoiceRow
	More int // waiting beyond the rows shown
}

// invoicesWaitingCard loads the card; hidden for actors who cannot approve,
// and a failure to load leaves it out rather than failing the dashboard.
func (s *Server) invoicesWaitingCard(ctx context.Context, a *authz.Actor, p *i18n.Printer) InvoicesWaitingCard {
	c := InvoicesWaitingCard{P: p}
	if s.Invoices == nil || (!a.Can(authz.InvoicesApprove) && !a.Can(authz.InvoicesCountersign)) {
		return c
	}
	list, err := s.Invoices.List(ctx, a, invoices.Filter{WaitingForMe: true, Limit: 1000})
	if err != nil {
		s.Logger.Error("dashboard: invoices waiting", "err", err)
		return c
	}
	c.Show = true
	for i, it := range list {
		if i == 5 {
			c.More = len(list) - 5
			break
		}
		c.Rows = append(c.Rows, invoiceRow(p, it))
	}
	return c
}
