package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// agendaRoutes are the agenda's pages. The agenda pages are open to everyone
// logged in: the agenda service decides per agenda what the actor may see
// and change (own agenda, a principal's within the mandate, free/busy for
// everyone else). The public feed answers with the rights of whoever made it.
func (s *Server) agendaRoutes() []Route {
	auth, need := authz.Authenticated, authz.Need
	return []Route{
		{http.MethodGet, "/agenda", auth, s.agendaView},
		{http.MethodGet, "/agenda/side", auth, s.agendaSide},
		{http.MethodGet, "/agenda/new", auth, s.agendaNew},
		{http.MethodPost, "/agenda/items", auth, s.agendaCreate},
		{http.MethodGet, "/agenda/items/{id}", auth, s.agendaItem},
		{http.MethodGet, "/agenda/items/{id}/edit", auth, s.agendaEdit},
		{http.MethodPost, "/agenda/items/{id}", auth, s.agendaUpdate},
		{http.MethodGet, "/agenda/items/{id}/move", auth, s.agendaMoveConfirm},
		{http.MethodPost, "/agenda/items/{id}/move", auth, s.agendaMove},
		{http.MethodPost, "/agenda/items/{id}/delete", auth, s.agendaDelete},
		{http.MethodPost, "/agenda/items/{id}/respond", auth, s.agendaRespond},
		{http.MethodGet, "/agenda/slots", auth, s.agendaSlots},
		{http.MethodGet, "/agenda/settings", auth, s.agendaSettings},
		{http.MethodPost, "/agenda/settings", auth, s.agendaSaveSettings},
		{http.MethodPost, "/agenda/absences", auth, s.agendaAddAbsence},
		{http.MethodPost, "/agenda/absences/{id}/delete", auth, s.agendaDeleteAbsence},
		{http.MethodPost, "/agenda/travel", need(authz.LocationsManage), s.agendaSaveOverride},
		{http.MethodPost, "/agenda/travel/{id}/delete", need(authz.LocationsManage), s.agendaDeleteOverride},
		{http.MethodGet, "/agenda/ical", auth, s.agendaICal},
		{http.MethodPost, "/agenda/import", auth, s.agendaImport},
		{http.MethodGet, "/agenda/export.ics", auth, s.agendaExport},
		{http.MethodPost, "/agenda/feeds", auth, s.agendaCreateFeed},
		{http.MethodPost, "/agenda/feeds/{id}/revoke", auth, s.agendaRevokeFeed},
		{http.MethodGet, "/agenda/feed/{file}", authz.Public, s.agendaFeed},
	}
}

// agendaSubNav links the agenda's pages; who keeps the agenda chosen.
func agendaSubNav(p *i18n.Printer, active, who string) SubNav {
	q := ""
	if who != "" {
		q = "?who=" + url.QueryEscape(who)
	}
	return SubNav{Label: p.T("agenda.subnav"), Active: active, Items: []NavItem{
		{"view", p.T("agenda.nav.view"), "/agenda" + q},
		{"side", p.T("agenda.nav.side"), "/agenda/side"},
		{"slots", p.T("agenda.nav.slots"), "/agenda/slots" + q},
		{"settings", p.T("agenda.nav.settings"), "/agenda/settings" + q},
		{"ical", p.T("agenda.nav.ical"), "/agenda/ical" + q},
	}}
}

// agendaWho is the agenda a page is about: ?who= when given, else the
// principal an assistant is working for (the switcher in the header), else
// the actor's own.
func agendaWho(r *http.Request, a *authz.Actor, p *Page) string {
	if w := r.FormValue("who"); w != "" {
		return w
	}
	if p.Principal != "" && a.HasRole(authz.RoleManagementAssistant) {
		return p.Principal
	}
	return a.PersonID
}

// personName is the name of a person the actor may look up, "" otherwise.
func (s *Server) personName(ctx context.Context, a *authz.Actor, id string) string {
	if id == a.PersonID {
		return a.Name
	}
	if m, ok := a.Mandate(id); ok {
		return m.PrincipalName
	}
	if pe, err := s.Org.Person(ctx, a, id); err == nil {
		return pe.Name
	}
	return ""
}

// ownerOptions are the agendas the actor works in: their own and those of
// the principals they have a mandate from; selected is ticked, and added
// when it is someone else's (a colleague's free/busy).
func (s *Server) ownerOptions(ctx context.Context, p *i18n.Printer, a *authz.Actor, selected string) []Option {
	out := []Option{{Value: a.PersonID, Label: p.T("agenda.my_agenda"), Checked: selected == a.PersonID}}
	found := selected == a.PersonID
	for _, m := range a.Principals() {
		out = append(out, Option{Value: m.PrincipalID, Label: m.PrincipalName, Checked: m.PrincipalID == selected})
		found = found || m.PrincipalID == selected
	}
	if !found {
		out = append(out, Option{Value: selected, Label: s.personName(ctx, a, selected), Checked: true})
	}
	return out
}

// locationOptions lists the organization's locations, selected ticked.
func (s *Server) locationOptions(ctx context.Context, a *authz.Actor, selected string) []Option {
	list, err := s.Org.Locations(ctx, a)
	if err != nil {
		return nil
	}
	out := make([]Option, 0, len(list))
	for _, l := range list {
		out = append(out, Option{Value: l.ID, Label: l.Name, Help: l.City, Checked: l.ID == selected})
	}
	return out
}

// dayOf returns local midnight of the date "2006-01-02" in loc; ok is false
// for anything else.
func dayOf(s string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// midnight returns the start of t's day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// mondayOf returns the Monday that starts d's week.
func mondayOf(d time.Time) time.Time {
	off := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -off)
}

// occParam formats an occurrence start for a URL or form.
func occParam(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// parseOcc reads an occurrence start written by occParam; nil when empty or
// unreadable.
func parseOcc(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil
	}
	t = t.UTC()
	return &t
}

// agendaURL is the address of a view of who's agenda.
func agendaURL(who, view string, day time.Time) string {
	v := url.Values{}
	if who != "" {
		v.Set("who", who)
	}
	if view != "" {
		v.Set("view", view)
	}
	if !day.IsZero() {
		v.Set("date", day.Format("2006-01-02"))
	}
	return "/agenda?" + v.Encode()
}

// agendaAccess is what the actor may do in who's agenda.
func agendaAccess(a *authz.Actor, who string) agenda.Access { return agenda.AccessTo(a, who) }
