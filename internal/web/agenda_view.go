package web

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// Views of one agenda.
const (
	viewDay  = "day"
	viewWeek = "week"
	viewList = "list"
)

// listDays is how many days the list view shows.
const listDays = 14

// AgendaPage is one agenda as a day, a week or a list.
type AgendaPage struct {
	P        *i18n.Printer
	Nav      SubNav
	Who      string
	WhoName  string
	Mine     bool
	Access   agenda.Access
	View     string
	Heading  string
	Date     string // the chosen day, 2006-01-02
	Prev     string
	Next     string
	Today    string
	ViewURLs map[string]string
	Owners   []Option
	Grid     GridView  // day and week
	Days     []DayView // list
	Planned  bool      // travel, flags and working hours are shown
	Back     string    // this view's address, for returns after a change
	NewURL   string
	Status   string // what a move did, announced to screen readers
	Alert    string // why a move was refused
}

func (s *Server) agendaView(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.pageFor(r, a, "agenda")
	d, err := s.agendaPage(r, a, p, r.URL.Query())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "agenda", p, d)
	return nil
}

// agendaPage builds the view that the query q (who, view, date) asks for.
func (s *Server) agendaPage(r *http.Request, a *authz.Actor, p *Page, q url.Values) (AgendaPage, error) {
	ctx := r.Context()
	loc := p.P.Loc
	today := midnight(s.Clock.Now(), loc)
	who := q.Get("who")
	if who == "" {
		who = agendaWho(r, a, p)
	}
	view := q.Get("view")
	if view != viewDay && view != viewList {
		view = viewWeek
	}
	day, ok := dayOf(q.Get("date"), loc)
	if !ok {
		day = today
	}
	d := AgendaPage{P: p.P, Who: who, Mine: who == a.PersonID, Access: agenda.AccessTo(a, who), View: view,
		Date: day.Format("2006-01-02"), Nav: agendaSubNav(p.P, "view", who)}
	d.WhoName = s.personName(ctx, a, who)
	d.Owners = s.ownerOptions(ctx, p.P, a, who)
	first, n, step := day, 1, 1
	switch view {
	case viewWeek:
		first, n, step = mondayOf(day), 7, 7
	case viewList:
		n, step = listDays, listDays
	}
	d.Back = agendaURL(who, view, day)
	d.Prev = agendaURL(who, view, day.AddDate(0, 0, -step))
	d.Next = agendaURL(who, view, day.AddDate(0, 0, step))
	d.Today = agendaURL(who, view, today)
	d.ViewURLs = map[string]string{viewDay: agendaURL(who, viewDay, day), viewWeek: agendaURL(who, viewWeek, day), viewList: agendaURL(who, viewList, day)}
	d.NewURL = "/agenda/new?who=" + url.QueryEscape(who) + "&date=" + d.Date
	d.Heading = s.periodHeading(p, view, first, n)

	days, planned, err := s.loadDays(ctx, a, []string{who}, first, n)
	if err != nil {
		return d, err
	}
	d.Planned = planned
	g := gridFor(days[who])
	v := viewer{p: p.P, a: a, today: today, back: d.Back, wide: view == viewDay, texts: itemTexts(p.P)}
	for _, pd := range days[who] {
		d.Days = append(d.Days, v.dayView(who, pd, g))
	}
	if view != viewList {
		d.Grid = newGrid(p.P, g, d.Back)
		for _, dv := range d.Days {
			d.Grid.Cols = append(d.Grid.Cols, GridCol{Head: dv.Short, Label: dv.Label, Href: dv.Href, Day: dv})
		}
		d.Grid.Class = fmt.Sprintf("cols-%d", len(d.Grid.Cols))
	}
	return d, nil
}

// periodHeading names the period shown: a day, a week with its number, or
// the days of the list.
func (s *Server) periodHeading(p *Page, view string, first time.Time, n int) string {
	pr := p.P
	last := first.AddDate(0, 0, n-1)
	switch view {
	case viewDay:
		return pr.Weekday(first) + " " + pr.Date(first)
	case viewWeek:
		_, wk := first.ISOWeek()
		return pr.T("agenda.week_heading", wk, pr.Date(first), pr.Date(last))
	}
	return pr.T("agenda.list_heading", pr.Date(first), pr.Date(last))
}

// Label of a view in the view switch.
func (d AgendaPage) Views() []string { return []string{viewDay, viewWeek, viewList} }

// IsGrid reports whether the view is a time grid.
func (d AgendaPage) IsGrid() bool { return d.View != viewList }

// GridView is a time grid: a column per day or per person.
type GridView struct {
	P     *i18n.Printer
	Class string // cols-N
	Hours []Band
	From  int // first minute shown, for drag and drop
	Rows  int
	Back  string
	Cols  []GridCol
}

// GridCol is one column of a grid with its heading.
type GridCol struct {
	Head  string
	Label string // the full name of the column, for screen readers
	Href  string
	Day   DayView
}

func newGrid(p *i18n.Printer, g gridRange, back string) GridView {
	return GridView{P: p, Hours: g.hourMarks(), From: g.From, Rows: g.rows(), Back: back}
}
