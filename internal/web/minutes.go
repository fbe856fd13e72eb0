package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/minutes"
)

// minutesRoutes are the pages of the minutes module: a meeting's minutes
// (written while draft, read-only once approved, with their history and a
// PDF) and the action items across meetings. Every logged-in person may open
// them; the service decides what each sees (NotFound otherwise).
func (s *Server) minutesRoutes() []Route {
	auth := authz.Authenticated
	return []Route{
		{"GET", "/meetings/{id}/minutes", auth, s.minutesShow},
		{"POST", "/meetings/{id}/minutes", auth, s.minutesSave},
		{"POST", "/meetings/{id}/minutes/approve", auth, s.minutesApprove},
		{"GET", "/meetings/{id}/minutes.pdf", auth, s.minutesPDF},
		{"GET", "/actions", auth, s.actionsList},
		{"POST", "/actions/{id}/close", auth, s.actionClose},
		{"POST", "/actions/{id}/reopen", auth, s.actionReopen},
	}
}

// MinutesPage is a meeting's minutes: the form while the actor may write
// them, otherwise the minutes as read; open items carried from earlier
// meetings of the series; the history; where the approval mail stands.
type MinutesPage struct {
	Nav     SubNav
	V       minutes.View
	When    string
	Form    MinutesForm
	Errors  FieldErrors
	Owners  []Option // colleagues who can own an action item
	Items   []MinutesItemView
	General MinutesItemView
	History []minutes.HistoryEntry
	Mail    []MinutesMail
	// MayChange says per action item ID whether the actor may close or
	// reopen it.
	MayChange map[string]bool
	Topics    map[string]string // agenda item ID → topic, for the history
	// Failed says per action item ID which reminder failed for good.
	Failed map[string]string
}

// MinutesItemBlock is one agenda item's minutes for the minutes-item partial.
type MinutesItemBlock struct {
	P *i18n.Printer
	I MinutesItemView
}

// Block wraps an item for the minutes-item partial.
func (MinutesPage) Block(p *i18n.Printer, it MinutesItemView) MinutesItemBlock {
	return MinutesItemBlock{P: p, I: it}
}

// ActionTable is a list of action items as the minutes-actions partial
// takes it: May says per item whether the actor may close or reopen it,
// Back is where those buttons return to, Meeting shows each item's meeting.
type ActionTable struct {
	P       *i18n.Printer
	Items   []minutes.ActionItem
	May     map[string]bool
	Back    string
	Meeting bool
	Failed  map[string]string // item ID → "Reminder of … not delivered: …"
}

// Due formats a due date (YYYY-MM-DD) in the printer's language.
func (t ActionTable) Due(due string) string {
	d, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return due
	}
	return t.P.ShortDate(d.Add(12 * time.Hour).In(t.P.Loc))
}

// Table wraps items of these minutes (or carried into them) for the
// minutes-actions partial; frag is the section to come back to.
func (d MinutesPage) Table(p *i18n.Printer, items []minutes.ActionItem, frag string, meeting bool) ActionTable {
	return ActionTable{P: p, Items: items, May: d.MayChange, Back: "/meetings/" + d.V.Meeting.ID + "/minutes#" + frag, Meeting: meeting, Failed: d.Failed}
}

// MinutesItemView is what the minutes say under one agenda item (or in
// general when ID is empty), for reading.
type MinutesItemView struct {
	N                    int // position, from 1
	ID, Topic, Presenter string
	Notes                string
	Decisions            []string
	Actions              []minutes.ActionItem
}

// MinutesMail is where the minutes mail to one recipient stands.
type MinutesMail struct {
	Name, Email, State, Error string
}

func (s *Server) minutesShow(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderMinutes(w, r, a, http.StatusOK, nil, nil)
}

// renderMinutes shows meeting {id}'s minutes; form (when not nil) holds
// what the writer sent, shown again with errs.
func (s *Server) renderMinutes(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, form *MinutesForm, errs FieldErrors) error {
	ctx := r.Context()
	v, err := s.Minutes.Get(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "meetings")
	pr := p.P
	p.Title = pr.T("minutes.title", v.Meeting.Title)
	d := MinutesPage{Nav: meetingsSubNav(pr, a, "meetings"), V: v, When: meetingWhen(pr, v.Meeting.Start, v.Meeting.End),
		Errors: errs, MayChange: map[string]bool{}, Topics: map[string]string{}}
	if form != nil {
		d.Form = *form
	} else {
		d.Form = minutesFormOf(v)
	}
	d.General, d.Items = minutesByItem(v)
	for _, it := range v.Meeting.Items {
		d.Topics[it.ID] = it.Topic
	}
	all := append(append([]minutes.ActionItem{}, v.Minutes.Actions...), v.Carried...)
	for _, it := range all {
		m := v.Meeting
		if it.MeetingID != m.ID {
			m.ID = "" // a carried item: the owner or their assistant may close it here
		}
		d.MayChange[it.ID] = s.Minutes.MayChangeAction(a, m, it)
		if it.MeetingID != v.Meeting.ID && s.Meetings.CanEdit(a, v.Meeting) {
			d.MayChange[it.ID] = true // the organizer's side follows up the series
		}
	}
	failed, err := s.Minutes.ReminderFailures(ctx, all)
	if err != nil {
		return err
	}
	d.Failed = reminderFailureTexts(pr, failed)
	if v.CanWrite {
		d.Owners = minutesOwners(pr, v)
	}
	d.History, err = s.Minutes.History(ctx, a, v.Meeting.ID)
	if err != nil {
		return err
	}
	if v.Minutes.Status == minutes.Approved {
		for _, rc := range minutesRecipients(v) {
			mm := MinutesMail{Name: rc.Name, Email: rc.Email, State: "queued"}
			if st, err := s.Minutes.MailStatus(ctx, v.Meeting.ID, rc.Email); err == nil {
				mm.State, mm.Error = st.State(), st.LastError
			}
			d.Mail = append(d.Mail, mm)
		}
	}
	s.render(w, r, status, "minutes", p, d)
	return nil
}

// minutesByItem sorts notes, decisions and action items under the agenda
// items, general ones apart.
func minutesByItem(v minutes.View) (MinutesItemView, []MinutesItemView) {
	general := MinutesItemView{}
	byID := map[string]*MinutesItemView{"": &general}
	items := make([]MinutesItemView, len(v.Meeting.Items))
	for i, it := range v.Meeting.Items {
		items[i] = MinutesItemView{N: i + 1, ID: it.ID, Topic: it.Topic, Presenter: it.PresenterName}
		byID[it.ID] = &items[i]
	}
	at := func(id string) *MinutesItemView {
		if x, ok := byID[id]; ok {
			return x
		}
		return &general
	}
	for _, n := range v.Minutes.Notes {
		at(n.AgendaItemID).Notes = n.Text
	}
	for _, dc := range v.Minutes.Decisions {
		x := at(dc.AgendaItemID)
		x.Decisions = append(x.Decisions, dc.Text)
	}
	for _, ai := range v.Minutes.Actions {
		x := at(ai.AgendaItemID)
		x.Actions = append(x.Actions, ai)
	}
	return general, items
}

// minutesOwners lists the colleagues at the meeting (organizer, preparer,
// internal attendees) as owners to choose from.
func minutesOwners(p *i18n.Printer, v minutes.View) []Option {
	m := v.Meeting
	seen := map[string]bool{}
	var out []Option
	add := func(id, name string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, Option{Value: id, Label: name})
		}
	}
	add(m.OrganizerID, m.OrganizerName)
	add(m.PreparerID, m.PreparerName)
	for _, at := range m.Attendees {
		add(at.PersonID, at.Name)
	}
	return out
}

type recipient struct{ Name, Email string }

// minutesRecipients are the addresses the approval mail went to: the
// organizer and every attendee, each once (as the service plans them).
func minutesRecipients(v minutes.View) []recipient {
	seen := map[string]bool{}
	var out []recipient
	add := func(name, email string) {
		k := strings.ToLower(strings.TrimSpace(email))
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, recipient{name, email})
		}
	}
	add(v.Meeting.OrganizerName, v.Meeting.OrganizerMail)
	for _, at := range v.Meeting.Attendees {
		add(at.Name, at.Email)
	}
	return out
}

func (s *Server) minutesSave(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	id := r.PathValue("id")
	v, err := s.Minutes.Get(ctx, a, id)
	if err != nil {
		return err
	}
	form, in, keys := parseMinutesForm(r, v)
	if _, err := s.Minutes.Record(ctx, a, id, in); err != nil {
		errs, ok := invalid(err)
		if !ok {
			if apperr.KindOf(err) == apperr.Forbidden {
				return s.renderMinutes(w, r, a, http.StatusForbidden, &form, FieldErrors{"": apperr.MessageOf(err)})
			}
			return err
		}
		return s.renderMinutes(w, r, a, statusFor(err), &form, keys.remap(errs))
	}
	s.done(w, r, "/meetings/"+id+"/minutes", "minutes_saved")
	return nil
}

func (s *Server) minutesApprove(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	id := r.PathValue("id")
	if _, err := s.Minutes.Approve(r.Context(), a, id); err != nil {
		k := apperr.KindOf(err)
		if k == apperr.Conflict || k == apperr.Forbidden {
			return s.renderMinutes(w, r, a, statusOf(err), nil, FieldErrors{"": apperr.MessageOf(err)})
		}
		return err
	}
	s.done(w, r, "/meetings/"+id+"/minutes", "minutes_approved")
	return nil
}

func (s *Server) minutesPDF(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "meetings")
	b, name, err := s.Minutes.PDF(r.Context(), a, r.PathValue("id"), p.P)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", name))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// reminderFailureTexts words each failed reminder for the page: "Reminder
// of 18 Mar not delivered: <the relay's reason>".
func reminderFailureTexts(p *i18n.Printer, failed map[string]minutes.ReminderFailure) map[string]string {
	out := map[string]string{}
	for id, f := range failed {
		out[id] = p.T("actions.reminder_failed", p.ShortDate(f.At)) + ": " + f.Error
	}
	return out
}
