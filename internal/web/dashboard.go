package web

import (
	"net/http"
	"time"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/mandate"
	"spil/internal/org"
)

// DashboardPage shows each role what it needs first. Sections for modules that
// do not exist yet say so honestly.
type DashboardPage struct {
	Me              org.Person
	IsAdmin         bool
	IsOfficeManager bool
	IsAssistant     bool
	IsPrincipal     bool
	PeopleCount     int
	Departments     []org.Department
	Locations       []org.Location
	MyPrincipals    []authz.Mandate // mandates the actor received
	MyAssistants    []authz.Mandate // mandates the actor gave
	OnMyBehalf      []audit.Entry   // what was done for the actor in the last 7 days
	Recent          []audit.Entry   // latest changes the actor may see (administrators)
	Team            []org.Person    // people who report to the actor
	Current         *authz.Mandate  // the principal the assistant is working for now
	DoneForCurrent  []audit.Entry   // what the assistant did for that principal in the last 7 days
	Today           []TodayAgenda   // today in the actor's agenda, then in each principal's
	SideBySide      string          // today's side-by-side view of the principals, "" for fewer than two
	Meetings        MeetingsCard    // the preparation checklist of coming meetings (dashboard_meetings.go)
	ContractAlerts  ContractAlertsCard
	InvoicesWaiting InvoicesWaitingCard
	Budget          BudgetCard // this year's budget warnings (dashboard_budget.go)
	Actions         ActionsCard
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	d := DashboardPage{
		IsAdmin:         a.HasRole(authz.RoleAdmin),
		IsOfficeManager: a.HasRole(authz.RoleOfficeManager),
		IsAssistant:     a.HasRole(authz.RoleManagementAssistant),
		IsPrincipal:     a.HasRole(authz.RolePrincipal),
	}
	me, err := s.Org.Person(ctx, a, a.PersonID)
	if err != nil {
		return err
	}
	d.Me = me
	if a.Can(authz.PeopleRead) {
		if d.IsOfficeManager || d.IsAdmin {
			if d.PeopleCount, err = s.Org.CountPeople(ctx, a, org.PeopleFilter{ActiveOnly: true}); err != nil {
				return err
			}
		}
		team, _, err := s.Org.ListPeople(ctx, a, org.PeopleFilter{ManagerID: a.PersonID, ActiveOnly: true, Limit: 50})
		if err != nil {
			return err
		}
		d.Team = team
	}
	if d.IsOfficeManager || d.IsAdmin {
		if d.Departments, err = s.Org.Departments(ctx, a); err != nil {
			return err
		}
		if d.Locations, err = s.Org.Locations(ctx, a); err != nil {
			return err
		}
	}
	page := s.page(r, a, "dashboard")
	if d.Today, err = s.todayAgendas(ctx, a, page); err != nil {
		return err
	}
	d.SideBySide = sideBySideToday(a)
	d.ContractAlerts = s.contractAlertsCard(ctx, a, page.P)
	d.InvoicesWaiting = s.invoicesWaitingCard(ctx, a, page.P)
	d.Budget = s.budgetCard(ctx, a, page.P)
	d.Actions = s.actionsCard(ctx, a, page.P)
	if d.Meetings, err = s.meetingsCard(ctx, a, page); err != nil {
		return err
	}
	if d.IsAssistant {
		d.MyPrincipals = a.Principals()
		if m, ok := a.Mandate(page.Principal); ok {
			d.Current = &m
			d.DoneForCurrent, err = s.Audit.List(ctx, a, audit.Filter{PersonID: a.PersonID, OnBehalfOf: m.PrincipalID,
				Since: s.Clock.Now().Add(-7 * 24 * time.Hour), Limit: 10})
			if err != nil {
				return err
			}
		}
	}
	if d.IsPrincipal {
		if d.MyAssistants, err = s.Mandates.List(ctx, a, mandate.Filter{PrincipalID: a.PersonID}); err != nil {
			return err
		}
		d.OnMyBehalf, err = s.Audit.List(ctx, a, audit.Filter{OnBehalfOf: a.PersonID, Since: s.Clock.Now().Add(-7 * 24 * time.Hour), Limit: 10})
		if err != nil {
			return err
		}
	}
	if d.IsAdmin {
		if d.Recent, err = s.Audit.List(ctx, a, audit.Filter{Limit: 8}); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "dashboard", page, d)
	return nil
}
