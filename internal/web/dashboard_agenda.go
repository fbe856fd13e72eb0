package web

import (
	"context"
	"net/url"

	"spil/internal/agenda"
	"spil/internal/authz"
)

// TodayAgenda is one agenda's today on the dashboard: the items with their
// warnings, drawn as the views draw them (hidden items say "Busy").
type TodayAgenda struct {
	Name     string
	Href     string // the day view
	Items    []ItemView
	Holiday  string
	Absent   []string
	Warnings int // items with a flag
}

// todayAgendas returns today for the actor's own agenda and for each
// principal whose agenda the actor may see, in that order.
func (s *Server) todayAgendas(ctx context.Context, a *authz.Actor, p *Page) ([]TodayAgenda, error) {
	people := []string{a.PersonID}
	names := map[string]string{a.PersonID: p.P.T("dashboard.agenda_mine")}
	for _, m := range a.Principals() {
		if agenda.AccessTo(a, m.PrincipalID).See {
			people = append(people, m.PrincipalID)
			names[m.PrincipalID] = m.PrincipalName
		}
	}
	loc := p.P.Loc
	today := midnight(s.Clock.Now(), loc)
	days, _, err := s.loadDays(ctx, a, people, today, 1)
	if err != nil {
		return nil, err
	}
	v := viewer{p: p.P, a: a, today: today, back: "/", wide: true, texts: itemTexts(p.P)}
	out := make([]TodayAgenda, 0, len(people))
	for _, who := range people {
		t := TodayAgenda{Name: names[who], Href: agendaURL(who, viewDay, today)}
		if len(days[who]) == 1 {
			dv := v.dayView(who, days[who][0], gridFor(days[who]))
			t.Items = append(dv.AllDay, dv.Items...)
			t.Holiday, t.Absent = dv.Holiday, dv.AwayText
			for _, it := range t.Items {
				if len(it.Flags) > 0 {
					t.Warnings++
				}
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// sideBySideToday links to today's side-by-side view of the principals
// whose agendas the actor may see, or "" when there are fewer than two.
func sideBySideToday(a *authz.Actor) string {
	v := url.Values{"view": {viewDay}}
	for _, m := range a.Principals() {
		if agenda.AccessTo(a, m.PrincipalID).See {
			v.Add("p", m.PrincipalID)
		}
	}
	if len(v["p"]) < 2 {
		return ""
	}
	return "/agenda/side?" + v.Encode()
}
