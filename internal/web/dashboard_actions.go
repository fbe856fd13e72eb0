package web

import (
	"context"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/minutes"
)

// dashboardActionItems is how many of the actor's own open items the card
// lists; the rest is counted and one click away on /actions.
const dashboardActionItems = 5

// ActionsCard is the dashboard card "Actiepunten / Action items": the
// actor's open action items, nearest due date first with overdue ones
// highlighted, and — for an assistant — how many items of each principal
// are overdue (as the principal's /actions list shows them: within the
// mandate, confidential meetings only when the assistant may see them).
type ActionsCard struct {
	P          *i18n.Printer
	Show       bool
	Items      []minutes.ActionItem // the first open ones
	Open       int                  // all the actor's open items
	Overdue    int                  // of which past their due date
	More       int                  // open items not listed
	Assistant  bool                 // the actor acts for principals with agenda.see
	Principals []PrincipalOverdue   // principals with overdue items
}

// PrincipalOverdue is one principal's overdue count on the card.
type PrincipalOverdue struct {
	Name    string
	Href    string
	Overdue int
}

// Due formats a due date (YYYY-MM-DD) in the card's language.
func (c ActionsCard) Due(due string) string { return ActionTable{P: c.P}.Due(due) }

// actionsCard loads the card. It shows for whoever has open items and for
// assistants with principals; a failure to load leaves it out (logged)
// rather than failing the whole dashboard.
func (s *Server) actionsCard(ctx context.Context, a *authz.Actor, p *i18n.Printer) ActionsCard {
	c := ActionsCard{P: p}
	if s.Minutes == nil || a == nil || a.PersonID == "" {
		return c
	}
	mine, err := s.Minutes.ListActions(ctx, a, minutes.ActionFilter{})
	if err != nil {
		s.Logger.Error("dashboard: action items", "err", err)
		return c
	}
	c.Open = len(mine)
	for _, it := range mine {
		if it.Overdue {
			c.Overdue++
		}
	}
	c.Items = mine[:min(len(mine), dashboardActionItems)]
	c.More = len(mine) - len(c.Items)
	for _, m := range a.Principals() {
		if !m.Scopes.Has(authz.AgendaSee) {
			continue
		}
		c.Assistant = true
		over, err := s.Minutes.ListActions(ctx, a, minutes.ActionFilter{For: m.PrincipalID, OverdueOnly: true})
		if err != nil {
			s.Logger.Error("dashboard: a principal's action items", "err", err)
			return ActionsCard{P: p}
		}
		if len(over) > 0 {
			c.Principals = append(c.Principals, PrincipalOverdue{Name: m.PrincipalName, Overdue: len(over),
				Href: "/actions?for=" + m.PrincipalID + "&status=open"})
		}
	}
	c.Show = c.Open > 0 || c.Assistant
	return c
}
