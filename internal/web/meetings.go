package web

import (
	"net/http"
	"net/url"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/meetings"
)

// meetingRoutes are the pages of the meetings module. Every logged-in person
// may open them; the service decides what each sees (NotFound otherwise).
// The answer page of an invitation is public: its secret link is the key.
func (s *Server) meetingRoutes() []Route {
	auth := authz.Authenticated
	return []Route{
		{"GET", "/meetings", auth, s.meetingsList},
		{"GET", "/meetings/new", auth, s.meetingNew},
		{"POST", "/meetings", auth, s.meetingCreate},
		{"GET", "/meetings/{id}", auth, s.meetingShow},
		{"GET", "/meetings/{id}/edit", auth, s.meetingEdit},
		{"POST", "/meetings/{id}", auth, s.meetingUpdate},
		{"POST", "/meetings/{id}/schedule", auth, s.meetingSchedule},
		{"POST", "/meetings/{id}/send", auth, s.meetingSend},
		{"POST", "/meetings/{id}/cancel", auth, s.meetingCancel},
		{"POST", "/meetings/{id}/held", auth, s.meetingHeld},
		{"POST", "/meetings/{id}/next", auth, s.meetingNext},
		{"POST", "/meetings/{id}/respond", auth, s.meetingRespond},
		{"POST", "/meetings/{id}/items", auth, s.meetingItemAdd},
		{"POST", "/meetings/{id}/items/{item}/move", auth, s.meetingItemMove},
		{"POST", "/meetings/{id}/items/{item}/delete", auth, s.meetingItemDelete},
		{"POST", "/meetings/{id}/items/{item}/next", auth, s.meetingItemNext},
		{"POST", "/meetings/{id}/documents", auth, s.meetingDocAdd},
		{"GET", "/meetings/{id}/documents/{doc}", auth, s.meetingDocGet},
		{"POST", "/meetings/{id}/documents/{doc}/delete", auth, s.meetingDocDelete},
		{"GET", "/invitations/{token}", authz.Public, s.invitationShow},
		{"POST", "/invitations/{token}", authz.Public, s.invitationAnswer},
	}
}

// MeetingsPage lists upcoming and past meetings.
type MeetingsPage struct {
	Nav        SubNav
	Upcoming   []MeetingRow
	Past       []MeetingRow
	Organizers []Option // the actor and their principals, to filter by
	Organizer  string
	CanPlan    bool
}

func (s *Server) meetingsList(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "meetings")
	d := MeetingsPage{Nav: meetingsSubNav(p.P, a, "meetings"), Organizer: r.URL.Query().Get("organizer"), CanPlan: true}
	d.Organizers = append(d.Organizers, Option{Value: "", Label: p.P.T("meetings.filter_all"), Checked: d.Organizer == ""})
	d.Organizers = append(d.Organizers, Option{Value: a.PersonID, Label: p.P.T("meetings.filter_mine"), Checked: d.Organizer == a.PersonID})
	for _, m := range a.Principals() {
		if m.Scopes.Has(authz.AgendaSee) {
			d.Organizers = append(d.Organizers, Option{Value: m.PrincipalID, Label: m.PrincipalName, Checked: d.Organizer == m.PrincipalID})
		}
	}
	now := s.Clock.Now()
	up, err := s.Meetings.List(ctx, a, meetings.Filter{OrganizerID: d.Organizer, From: now, WithCancelled: true})
	if err != nil {
		return err
	}
	past, err := s.Meetings.List(ctx, a, meetings.Filter{OrganizerID: d.Organizer, To: now, Past: true, Limit: 50, WithCancelled: true})
	if err != nil {
		return err
	}
	for _, m := range up {
		d.Upcoming = append(d.Upcoming, MeetingRow{Summary: m, When: meetingWhen(p.P, m.Start, m.End)})
	}
	for _, m := range past {
		if !m.End.After(now) { // a meeting under way is upcoming
			d.Past = append(d.Past, MeetingRow{Summary: m, When: meetingWhen(p.P, m.Start, m.End)})
		}
	}
	s.render(w, r, http.StatusOK, "meetings", p, d)
	return nil
}

// MeetingRow is a meeting in a list, with its time in words.
type MeetingRow struct {
	meetings.Summary
	When string
}

// MeetingTable is a list of meetings as the table partial takes it.
type MeetingTable struct {
	P    *i18n.Printer
	Rows []MeetingRow
}

// Table wraps rows for the table partial.
func (MeetingsPage) Table(p *i18n.Printer, rows []MeetingRow) MeetingTable {
	return MeetingTable{P: p, Rows: rows}
}

// meetingURL is the page of meeting id, with an optional fragment.
func meetingURL(id, frag string) string {
	u := "/meetings/" + url.PathEscape(id)
	if frag != "" {
		u += "#" + frag
	}
	return u
}
