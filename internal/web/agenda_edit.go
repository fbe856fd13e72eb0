package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
)

// ItemFormPage is the form to create or change an appointment.
type ItemFormPage struct {
	Nav          SubNav
	Form         ItemForm
	Errors       FieldErrors
	Editing      bool
	Series       bool // editing part of a series: ask which part
	Range        RangeChoice
	WhoName      string
	Owners       []Option
	Locations    []Option
	Colleagues   ColleaguePicker
	Zones        []string
	Priorities   []Option
	Visibilities []Option
	Statuses     []Option
	Reminders    []Option
	Modes        []Option
	Repeats      []Option
	RepeatEnds   []Option
	Weekdays     []Option
	ExtraRows    []int
	Action       string
	Cancel       string
}

func (s *Server) renderItemForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, f ItemForm, errs FieldErrors, series bool) {
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	pr := p.P
	if f.Editing() {
		p.Title = pr.T("agenda.edit_title")
	}
	d := ItemFormPage{Nav: agendaSubNav(pr, "view", f.Who), Form: f, Errors: agendaErrors(pr, errs), Editing: f.Editing(), Series: series,
		WhoName: s.personName(ctx, a, f.Who), Zones: timeZones,
		Locations:    s.locationOptions(ctx, a, f.LocationID),
		Priorities:   priorityOptions(pr, f.Priority),
		Visibilities: keyedOptions(pr, "agenda.visibility.", []string{agenda.Normal, agenda.Private, agenda.Confidential}, f.Visibility),
		Statuses:     keyedOptions(pr, "agenda.status.", []string{agenda.Confirmed, agenda.Tentative, agenda.Cancelled}, f.Status),
		Reminders:    reminderOptions(pr, f.Reminder),
		Modes:        modeOptions(pr, f.TravelMode, true),
		Repeats:      keyedOptions(pr, "agenda.repeat.", []string{"", "daily", "weekly", "monthly", "custom"}, f.Repeat),
		RepeatEnds:   keyedOptions(pr, "agenda.repeat_end.", []string{"", "until", "count"}, f.RepeatEnd),
		Weekdays:     weekdayOptions(pr, f.Weekdays),
		ExtraRows:    make([]int, extraAttendeeRows),
		Action:       "/agenda/items",
		Cancel:       agendaURL(f.Who, viewWeek, time.Time{}),
	}
	if f.Editing() {
		d.Action = "/agenda/items/" + url.PathEscape(f.ID)
		d.Cancel = "/agenda/items/" + url.PathEscape(f.ID) + "?occ=" + url.QueryEscape(f.Occ)
		d.Range = rangeChoice(pr, pr.T("agenda.range_edit"), f.Range)
	} else {
		d.Owners = s.ownerOptions(ctx, pr, a, f.Who)
	}
	d.Colleagues = s.picker(ctx, pr, a, ColleaguePicker{ID: "attendees", Name: "attendees", Label: pr.T("agenda.field.colleagues"),
		Hint: pr.T("agenda.colleagues_hint"), Error: d.Errors.For(pr, "attendees"), Query: f.Find, QueryName: "colleague_q",
		Button: "colleague_search", Action: d.Action + "#attendees-picker"}, f.Attendees, s.attendeeNames(ctx, a, f), f.Searching)
	s.render(w, r, status, "agenda_form", p, d)
}

// attendeeNames are the names of the colleagues attending the item being
// edited, for those the actor cannot look up in the directory; nil for a
// new item or an actor who sees the directory.
func (s *Server) attendeeNames(ctx context.Context, a *authz.Actor, f ItemForm) map[string]string {
	if !f.Editing() || a.Can(authz.PeopleRead) {
		return nil
	}
	ap, err := s.Agenda.Get(ctx, a, f.ID)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, at := range ap.Attendees {
		if at.PersonID != "" {
			out[at.PersonID] = at.Name
		}
	}
	return out
}

// Editing reports whether the form changes a stored item.
func (f ItemForm) Editing() bool { return f.ID != "" }

// Ext is the external contacts with their e-mail addresses, for the form.
func (f ItemForm) Ext() []Option {
	out := make([]Option, len(f.ExtNames))
	for i := range f.ExtNames {
		out[i] = Option{Label: f.ExtNames[i], Value: f.ExtEmails[i]}
	}
	return out
}

// agendaNew shows an empty form, prefilled from the address: who, date,
// start and end ("2006-01-02T15:04", from the slot finder), title,
// attendees (p) and location.
func (s *Server) agendaNew(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "agenda")
	loc := p.P.Loc
	q := r.URL.Query()
	who := agendaWho(r, a, p)
	if acc := agenda.AccessTo(a, who); !acc.Edit {
		if !acc.See {
			return apperr.NotFoundf("agenda not found")
		}
		return apperr.Forbiddenf("your mandate does not let you change this agenda")
	}
	day, ok := dayOf(q.Get("date"), loc)
	if !ok {
		day = midnight(s.Clock.Now(), loc)
	}
	start, end := day.Add(9*time.Hour), day.Add(10*time.Hour)
	if st, ok := localDateTime(q.Get("start"), loc); ok {
		start, end = st, st.Add(time.Hour)
		if e, ok := localDateTime(q.Get("end"), loc); ok && e.After(st) {
			end = e
		}
	}
	f := ItemForm{Who: who, Title: q.Get("title"), StartDate: start.Format("2006-01-02"), StartTime: start.Format("15:04"),
		EndDate: end.Format("2006-01-02"), EndTime: end.Format("15:04"), TimeZone: loc.String(), Priority: "3",
		Visibility: agenda.Normal, Status: agenda.Confirmed}
	for _, id := range q["p"] {
		if id != who {
			f.Attendees = append(f.Attendees, id)
		}
	}
	if l := q.Get("location"); l != "" {
		f.PlaceKind, f.LocationID = "location", l
	}
	s.renderItemForm(w, r, a, http.StatusOK, f, nil, false)
	return nil
}

// checkForm adds the messages the service would give for an empty title,
// so a form with a bad date shows every problem at once.
func checkForm(f ItemForm, errs FieldErrors) {
	if strings.TrimSpace(f.Title) == "" {
		errs["title"] = "give the appointment a title"
	}
}

// itemErrors maps the service's field names onto the form's.
func itemErrors(err error) (FieldErrors, bool) {
	errs, ok := invalid(err)
	if !ok {
		return nil, false
	}
	out := FieldErrors{}
	for k, v := range errs {
		switch {
		case strings.HasPrefix(k, "attendees"):
			out["attendees"] = v
		case k == "place.location_id" || k == "place.latitude" || k == "place.longitude" || k == "":
			out[k] = v
		case k == "occurrence_start":
			out["range"] = v
		default:
			out[k] = v
		}
	}
	return out, true
}

func (s *Server) agendaCreate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	p := s.page(r, a, "agenda")
	f := parseItemForm(r)
	if f.Who == "" {
		f.Who = a.PersonID
	}
	if f.Searching {
		s.renderItemForm(w, r, a, http.StatusOK, f, nil, false)
		return nil
	}
	in, errs := f.input(p.P.Loc)
	if len(errs) > 0 {
		checkForm(f, errs)
		s.renderItemForm(w, r, a, http.StatusUnprocessableEntity, f, errs, false)
		return nil
	}
	ap, err := s.Agenda.Create(r.Context(), a, f.Who, in)
	if err != nil {
		if errs, ok := itemErrors(err); ok {
			s.renderItemForm(w, r, a, statusFor(err), f, errs, false)
			return nil
		}
		return err
	}
	s.afterSave(w, r, a, ap, nil)
	return nil
}

// afterSave goes to the item when the change brought conflicts (they are
// shown there with proposals; nothing moves by itself), else to its day.
func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, a *authz.Actor, ap agenda.Appointment, occ *time.Time) {
	loc := s.page(r, a, "agenda").P.Loc
	start := ap.Start
	if occ != nil && ap.Recurring() {
		start = *occ
	}
	var at *time.Time
	if ap.Recurring() {
		at = &start
	}
	conflicts, err := s.Agenda.Conflicts(r.Context(), a, ap.ID, at)
	if err == nil && len(conflicts) > 0 {
		s.done(w, r, "/agenda/items/"+url.PathEscape(ap.ID)+"?occ="+url.QueryEscape(occParam(start)), "appointment_saved_conflicts")
		return
	}
	s.done(w, r, agendaURL(ap.OwnerID, viewWeek, midnight(start, loc)), "appointment_saved")
}

func (s *Server) agendaEdit(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "agenda")
	ap, err := s.Agenda.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	acc := agenda.AccessTo(a, ap.OwnerID)
	if ap.Hidden || !acc.Edit || !acc.SeesItem(ap.Visibility) {
		return apperr.Forbiddenf("you may not change this item")
	}
	occ := parseOcc(r.URL.Query().Get("occ"))
	from, until := occurrenceTimes(ap, occ)
	occS := ""
	if occ != nil {
		occS = occParam(*occ)
	}
	f := itemFormFrom(ap, occS, from, until, p.P.Loc)
	f.Range = agenda.ThisOccurrence
	series := ap.Recurring() || ap.SeriesID != ""
	if ap.Recurring() && occ == nil {
		f.Range = agenda.AllOccurrences
	}
	s.renderItemForm(w, r, a, http.StatusOK, f, nil, series)
	return nil
}

func (s *Server) agendaUpdate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	p := s.page(r, a, "agenda")
	id := r.PathValue("id")
	cur, err := s.Agenda.Get(ctx, a, id)
	if err != nil {
		return err
	}
	f := parseItemForm(r)
	f.ID, f.Who = id, cur.OwnerID
	series := cur.Recurring() || cur.SeriesID != ""
	if f.Searching {
		s.renderItemForm(w, r, a, http.StatusOK, f, nil, series)
		return nil
	}
	in, errs := f.input(p.P.Loc)
	if len(errs) > 0 {
		checkForm(f, errs)
		s.renderItemForm(w, r, a, http.StatusUnprocessableEntity, f, errs, series)
		return nil
	}
	if cur.Recurring() && f.Range != agenda.ThisOccurrence {
		in.RDates = cur.RDates // the form does not show extra dates; keep them
	}
	occ := parseOcc(f.Occ)
	ap, err := s.Agenda.Update(ctx, a, id, agenda.Edit{Range: f.Range, OccurrenceStart: occ}, in)
	if err != nil {
		if errs, ok := itemErrors(err); ok {
			s.renderItemForm(w, r, a, statusFor(err), f, errs, series)
			return nil
		}
		return err
	}
	var at *time.Time
	if ap.Recurring() {
		t := in.Start.UTC()
		at = &t
	}
	s.afterSave(w, r, a, ap, at)
	return nil
}
