package web

import (
	"context"
	"strings"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/org"
)

// Limits of the colleague picker: the directory may hold thousands of
// people, so the list holds those chosen, a short default and the matches
// of a search, never everyone.
const (
	teamChoices   = 12 // people of the actor's team or department offered
	searchMatches = 25 // matches of a search added to the list
)

// ColleaguePicker is a multiple choice of colleagues with a search that
// adds matches to it: the appointment form's attendees and the slot
// finder's people. Without JavaScript the search button re-submits the
// whole form; the page comes back with everything typed and the matches
// added, nothing saved.
type ColleaguePicker struct {
	P         *i18n.Printer
	ID        string // the select's id; the search field is ID+"-q"
	Name      string // the select's field name
	Label     string
	Hint      string
	Error     FieldError
	Options   []Option
	Query     string
	QueryName string // the search field's name
	Button    string // the search button's name
	Action    string // where the search button sends the form, with a fragment back to the picker
	CanSearch bool   // the actor may search the directory
	Searched  bool   // the page answers a search
	Status    string // what the search found
}

// colleagueChoices are the people a picker offers: those chosen (ticked),
// the matches of query, then the actor, their principals and a few people
// of their team (same manager, their manager and direct reports) or,
// lacking a team, their department. Searching uses the directory's people
// search and needs authz.PeopleRead; without it the picker offers those
// chosen, the actor and their principals. names gives labels for chosen
// people the actor cannot look up (attendees of an item being edited).
// status says what the search found ("" without a search).
func (s *Server) colleagueChoices(ctx context.Context, pr *i18n.Printer, a *authz.Actor, chosen []string, query string, names map[string]string) (opts []Option, status string) {
	seen := map[string]bool{}
	add := func(id, name, help string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		opts = append(opts, Option{Value: id, Label: name, Help: help, Checked: has(chosen, id)})
	}
	for _, id := range chosen {
		name := s.personName(ctx, a, id)
		if name == "" {
			name = names[id]
		}
		if name == "" {
			name = pr.T("agenda.colleague_unknown")
		}
		add(id, name, "")
	}
	dir := a.Can(authz.PeopleRead)
	query = strings.TrimSpace(query)
	if query != "" && dir {
		list, total, err := s.Org.ListPeople(ctx, a, org.PeopleFilter{Query: query, ActiveOnly: true, Limit: searchMatches})
		switch {
		case err != nil || total == 0:
			status = pr.T("agenda.colleague_search_none", query)
		case total > len(list):
			status = pr.T("agenda.colleague_search_more", total, len(list))
		default:
			status = pr.N("agenda.colleague_search_found", total)
		}
		for _, pe := range list {
			add(pe.ID, pe.Name, pe.JobTitle)
		}
	}
	add(a.PersonID, a.Name, "")
	for _, m := range a.Principals() {
		add(m.PrincipalID, m.PrincipalName, "")
	}
	if dir {
		for _, pe := range s.team(ctx, a) {
			add(pe.ID, pe.Name, pe.JobTitle)
		}
	}
	return opts, status
}

// team is a short list of the people the actor works with: their manager,
// those with the same manager and their direct reports; when the directory
// records none of these, people of their department.
func (s *Server) team(ctx context.Context, a *authz.Actor) []org.Person {
	me, err := s.Org.Person(ctx, a, a.PersonID)
	if err != nil {
		return nil
	}
	var out []org.Person
	list := func(f org.PeopleFilter) {
		if len(out) >= teamChoices {
			return
		}
		f.ActiveOnly, f.Limit = true, teamChoices-len(out)
		if l, _, err := s.Org.ListPeople(ctx, a, f); err == nil {
			for _, pe := range l {
				if pe.ID != a.PersonID {
					out = append(out, pe)
				}
			}
		}
	}
	if me.ManagerID != "" {
		if m, err := s.Org.Person(ctx, a, me.ManagerID); err == nil && m.Active {
			out = append(out, m)
		}
		list(org.PeopleFilter{ManagerID: me.ManagerID})
	}
	list(org.PeopleFilter{ManagerID: a.PersonID})
	if len(out) == 0 && me.DepartmentID != "" {
		list(org.PeopleFilter{DepartmentID: me.DepartmentID})
	}
	return out
}

// picker fills a colleague picker for the people chosen and the search
// query; searched tells whether the page answers the search button.
func (s *Server) picker(ctx context.Context, pr *i18n.Printer, a *authz.Actor, pk ColleaguePicker, chosen []string, names map[string]string, searched bool) ColleaguePicker {
	pk.P = pr
	pk.CanSearch = a.Can(authz.PeopleRead)
	pk.Searched = searched
	pk.Options, pk.Status = s.colleagueChoices(ctx, pr, a, chosen, pk.Query, names)
	if searched && pk.CanSearch && strings.TrimSpace(pk.Query) == "" {
		pk.Status = pr.T("agenda.colleague_search_empty")
	}
	return pk
}
