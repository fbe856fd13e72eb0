package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/org"
)

// maxSide bounds the agendas shown side by side.
const maxSide = 12

// SidePage shows several agendas side by side: a day as a time grid with a
// column per person, a week as a table of people and days.
type SidePage struct {
	Nav        SubNav
	View       string // day or week
	Date       string
	Heading    string
	People     []string
	Colleagues []Option
	Prev       string
	Next       string
	Today      string
	DayURL     string
	WeekURL    string
	Grid       GridView  // day
	Rows       []SideRow // week
	WeekDays   []DayView // the week's column heads
	Query      string    // a search for colleagues to add
	Planned    bool
	Notice     string
	Status     string // what a move did
	Alert      string // why a move was refused
}

// SideRow is one person's week.
type SideRow struct {
	Name   string
	Href   string
	Access agenda.Access
	Days   []DayView
}

// sideURL is the address of a side-by-side view.
func sideURL(people []string, view, date string) string {
	v := url.Values{"p": people}
	v.Set("view", view)
	if date != "" {
		v.Set("date", date)
	}
	return "/agenda/side?" + v.Encode()
}

func (s *Server) agendaSide(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.pageFor(r, a, "agenda")
	d, err := s.sidePage(r, a, p, r.URL.Query())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "agenda_side", p, d)
	return nil
}

// sidePage builds the side-by-side view the query q (p, view, date) asks for.
func (s *Server) sidePage(r *http.Request, a *authz.Actor, p *Page, q url.Values) (SidePage, error) {
	ctx := r.Context()
	pr, loc := p.P, p.P.Loc
	today := midnight(s.Clock.Now(), loc)
	d := SidePage{Nav: agendaSubNav(pr, "side", ""), View: q.Get("view")}
	if d.View != viewWeek {
		d.View = viewDay
	}
	seen := map[string]bool{}
	for _, id := range q["p"] {
		if id != "" && !seen[id] && len(d.People) < maxSide {
			seen[id] = true
			d.People = append(d.People, id)
		}
	}
	if len(q["p"]) > maxSide {
		d.Notice = pr.T("agenda.side_too_many", maxSide)
	}
	if len(d.People) == 0 { // an assistant's principals, else oneself
		for _, m := range a.Principals() {
			d.People = append(d.People, m.PrincipalID)
		}
		if len(d.People) == 0 {
			d.People = []string{a.PersonID}
		}
	}
	day, ok := dayOf(q.Get("date"), loc)
	if !ok {
		day = today
	}
	d.Date = day.Format("2006-01-02")
	d.Query = strings.TrimSpace(q.Get("q"))
	d.Colleagues = s.sideChoices(ctx, a, d.People, d.Query)
	first, n, step := day, 1, 1
	if d.View == viewWeek {
		first, n, step = mondayOf(day), 7, 7
	}
	d.Heading = s.periodHeading(p, d.View, first, n)
	d.Prev = sideURL(d.People, d.View, day.AddDate(0, 0, -step).Format("2006-01-02"))
	d.Next = sideURL(d.People, d.View, day.AddDate(0, 0, step).Format("2006-01-02"))
	d.Today = sideURL(d.People, d.View, today.Format("2006-01-02"))
	d.DayURL = sideURL(d.People, viewDay, d.Date)
	d.WeekURL = sideURL(d.People, viewWeek, d.Date)

	days, planned, err := s.loadDays(ctx, a, d.People, first, n)
	if err != nil {
		return d, err
	}
	d.Planned = planned
	back := sideURL(d.People, d.View, d.Date)
	v := viewer{p: pr, a: a, today: today, back: back, texts: itemTexts(pr)}
	if d.View == viewDay {
		var all [][]planDay
		for _, id := range d.People {
			all = append(all, days[id])
		}
		g := gridFor(all...)
		d.Grid = newGrid(pr, g, back)
		for i, id := range d.People {
			v.prefix = fmt.Sprintf("p%d-", i)
			dv := v.dayView(id, days[id][0], g)
			name := s.personName(ctx, a, id)
			d.Grid.Cols = append(d.Grid.Cols, GridCol{Head: name, Label: name, Href: agendaURL(id, viewDay, day), Day: dv})
		}
		d.Grid.Class = fmt.Sprintf("cols-%d", len(d.Grid.Cols))
	} else {
		for i := 0; i < n; i++ {
			dd := first.AddDate(0, 0, i)
			d.WeekDays = append(d.WeekDays, DayView{Date: dd, ISO: dd.Format("2006-01-02"), Today: dd.Equal(today),
				Label: pr.Weekday(dd) + " " + pr.ShortDate(dd), Short: shortDay(pr, dd), Href: sideURL(d.People, viewDay, dd.Format("2006-01-02"))})
		}
		g := gridFor()
		for i, id := range d.People {
			v.prefix = fmt.Sprintf("p%d-", i)
			row := SideRow{Name: s.personName(ctx, a, id), Href: agendaURL(id, viewWeek, day), Access: agenda.AccessTo(a, id)}
			for _, pd := range days[id] {
				row.Days = append(row.Days, v.dayView(id, pd, g))
			}
			d.Rows = append(d.Rows, row)
		}
	}
	return d, nil
}

// sideChoices are the people the side-by-side view offers: those shown,
// the actor and their principals, and the colleagues matching query. The
// whole directory is not listed: it may hold thousands of people.
func (s *Server) sideChoices(ctx context.Context, a *authz.Actor, shown []string, query string) []Option {
	var out []Option
	seen := map[string]bool{}
	add := func(id, name, help string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		out = append(out, Option{Value: id, Label: name, Help: help, Checked: has(shown, id)})
	}
	for _, id := range shown {
		add(id, s.personName(ctx, a, id), "")
	}
	add(a.PersonID, a.Name, "")
	for _, m := range a.Principals() {
		add(m.PrincipalID, m.PrincipalName, "")
	}
	if query != "" {
		if list, _, err := s.Org.ListPeople(ctx, a, org.PeopleFilter{Query: query, ActiveOnly: true, Limit: 25}); err == nil {
			for _, pe := range list {
				add(pe.ID, pe.Name, pe.JobTitle)
			}
		}
	}
	return out
}
