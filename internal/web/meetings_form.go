package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/meetings"
	"spil/internal/rooms"
)

// MeetingForm is the meeting form as typed, so a refused form shows what
// was entered.
type MeetingForm struct {
	ID           string
	Title        string
	Description  string
	Organizer    string
	Date         string // 2006-01-02
	StartTime    string // 15:04
	EndTime      string
	RoomID       string
	LocationText string
	OnlineURL    string
	Confidential bool
	Attendees    []string // colleagues' IDs
	ExtNames     []string
	ExtEmails    []string
	Schedule     bool // put it in the agenda at once (new meetings)
	Find         string
	Searching    bool
	// The slot finder: look from SlotFrom for SlotDays days.
	SlotFrom string
	SlotDays string
	Suggest  bool
	Picked   bool // a suggestion was chosen: fill the form, save nothing
}

// Editing reports whether the form changes an existing meeting.
func (f MeetingForm) Editing() bool { return f.ID != "" }

// ExtRow is one external attendee row of the form.
type ExtRow struct {
	I           int
	Name, Email string
}

// ExtRows are the external attendees typed plus two empty rows.
func (f MeetingForm) ExtRows() []ExtRow {
	var out []ExtRow
	for i := range f.ExtNames {
		e := ""
		if i < len(f.ExtEmails) {
			e = f.ExtEmails[i]
		}
		if strings.TrimSpace(f.ExtNames[i]) == "" && strings.TrimSpace(e) == "" {
			continue
		}
		out = append(out, ExtRow{I: len(out), Name: f.ExtNames[i], Email: e})
	}
	for k := 0; k < 2; k++ {
		out = append(out, ExtRow{I: len(out)})
	}
	return out
}

func readMeetingForm(r *http.Request) MeetingForm {
	v := r.PostForm
	f := MeetingForm{
		Title: v.Get("title"), Description: v.Get("description"), Organizer: v.Get("organizer"),
		Date: v.Get("date"), StartTime: v.Get("start_time"), EndTime: v.Get("end_time"), RoomID: v.Get("room_id"),
		LocationText: v.Get("location_text"), OnlineURL: v.Get("online_url"), Confidential: v.Get("confidential") != "",
		Attendees: v["attendees"], ExtNames: v["ext_name"], ExtEmails: v["ext_email"], Schedule: v.Get("schedule") != "",
		Find: strings.TrimSpace(v.Get("colleague_q")), Searching: v.Get("colleague_search") != "",
		SlotFrom: v.Get("slot_from"), SlotDays: v.Get("slot_days"), Suggest: v.Get("suggest") != "",
	}
	if slot := v.Get("use_slot"); slot != "" { // a suggestion chosen: "start|end|room"
		parts := strings.Split(slot, "|")
		if len(parts) == 3 {
			st, err1 := time.Parse(time.RFC3339, parts[0])
			en, err2 := time.Parse(time.RFC3339, parts[1])
			if err1 == nil && err2 == nil {
				f.Date, f.StartTime, f.EndTime = "", st.Format(time.RFC3339), en.Format(time.RFC3339)
				if parts[2] != "" {
					f.RoomID = parts[2]
				}
				f.Picked = true
			}
		}
	}
	return f
}

// times reads the date and times in loc; a chosen suggestion carries RFC
// 3339 times instead.
func (f *MeetingForm) times(loc *time.Location) (start, end time.Time, errs FieldErrors) {
	errs = FieldErrors{}
	if st, err := time.Parse(time.RFC3339, f.StartTime); err == nil {
		en, _ := time.Parse(time.RFC3339, f.EndTime)
		st, en = st.In(loc), en.In(loc)
		f.Date, f.StartTime, f.EndTime = st.Format("2006-01-02"), st.Format("15:04"), en.Format("15:04")
	}
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(f.Date), loc)
	if err != nil {
		errs["date"] = "give a date"
		return
	}
	clock := func(field, v string) time.Time {
		t, err := time.Parse("15:04", strings.TrimSpace(v))
		if err != nil {
			errs[field] = "give a time such as 14:30"
			return time.Time{}
		}
		return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, loc)
	}
	start, end = clock("start_time", f.StartTime), clock("end_time", f.EndTime)
	return start, end, errs
}

// input turns the form into a meetings.Input.
func (f MeetingForm) input(loc *time.Location) (meetings.Input, FieldErrors) {
	start, end, errs := f.times(loc)
	in := meetings.Input{Title: f.Title, Description: f.Description, OrganizerID: f.Organizer, Start: start, End: end,
		TimeZone: loc.String(), RoomID: f.RoomID, LocationText: f.LocationText, OnlineURL: f.OnlineURL, Confidential: f.Confidential}
	for _, id := range f.Attendees {
		if id != "" {
			in.Attendees = append(in.Attendees, meetings.AttendeeInput{PersonID: id})
		}
	}
	for i, n := range f.ExtNames {
		e := ""
		if i < len(f.ExtEmails) {
			e = f.ExtEmails[i]
		}
		in.Attendees = append(in.Attendees, meetings.AttendeeInput{Name: n, Email: e})
	}
	return in, errs
}

func meetingFormOf(m meetings.Meeting, loc *time.Location) MeetingForm {
	st, en := m.Start.In(loc), m.End.In(loc)
	f := MeetingForm{ID: m.ID, Title: m.Title, Description: m.Description, Organizer: m.OrganizerID,
		Date: st.Format("2006-01-02"), StartTime: st.Format("15:04"), EndTime: en.Format("15:04"),
		RoomID: m.RoomID, LocationText: m.LocationText, OnlineURL: m.OnlineURL, Confidential: m.Confidential}
	for _, a := range m.Attendees {
		if a.External {
			f.ExtNames, f.ExtEmails = append(f.ExtNames, a.Name), append(f.ExtEmails, a.Email)
		} else {
			f.Attendees = append(f.Attendees, a.PersonID)
		}
	}
	return f
}

// MeetingFormPage is the form to plan or change a meeting, with the slot
// finder's suggestions.
type MeetingFormPage struct {
	Nav        SubNav
	Form       MeetingForm
	Errors     FieldErrors
	Organizers []Option
	Rooms      []Option
	Colleagues ColleaguePicker
	Action     string
	Cancel     string
	Slots      []SlotView
	Suggested  bool
}

// SlotView is one suggestion: when, which room, and the value that fills
// the form with it.
type SlotView struct {
	When, Room, Value string
}

func (s *Server) renderMeetingForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, f MeetingForm, errs FieldErrors, slots []SlotView) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "meetings")
	pr := p.P
	d := MeetingFormPage{Nav: meetingsSubNav(pr, a, "meetings"), Form: f, Errors: meetingErrors(pr, errs), Slots: slots, Suggested: f.Suggest,
		Action: "/meetings", Cancel: "/meetings"}
	if f.Editing() {
		p.Title = pr.T("meetings.edit_title")
		d.Action, d.Cancel = meetingURL(f.ID, ""), meetingURL(f.ID, "")
	} else {
		p.Title = pr.T("title.meeting_form")
	}
	d.Organizers = append(d.Organizers, Option{Value: a.PersonID, Label: pr.T("meetings.organizer_me"), Checked: f.Organizer == a.PersonID || f.Organizer == ""})
	for _, m := range a.Principals() {
		if m.Scopes.Has(authz.AgendaEdit) {
			d.Organizers = append(d.Organizers, Option{Value: m.PrincipalID, Label: m.PrincipalName, Checked: f.Organizer == m.PrincipalID})
		}
	}
	d.Rooms = s.meetingRoomOptions(ctx, pr.T("meetings.no_room"), a, f.RoomID)
	d.Colleagues = s.picker(ctx, pr, a, ColleaguePicker{ID: "attendees", Name: "attendees", Label: pr.T("meetings.field.colleagues"),
		Hint: pr.T("agenda.colleagues_hint"), Error: d.Errors.For(pr, "attendees"), Query: f.Find, QueryName: "colleague_q",
		Button: "colleague_search", Action: d.Action + "#attendees-picker"}, f.Attendees, nil, f.Searching)
	s.render(w, r, status, "meeting_form", p, d)
	return nil
}

// meetingRoomOptions are the active rooms, the chosen one selected.
func (s *Server) meetingRoomOptions(ctx context.Context, none string, a *authz.Actor, chosen string) []Option {
	opts := []Option{{Value: "", Label: none, Checked: chosen == ""}}
	if s.Rooms == nil {
		return opts
	}
	rs, err := s.Rooms.List(ctx, a, rooms.Filter{})
	if err != nil {
		return opts
	}
	for _, rm := range rs {
		label := rm.Name
		if rm.LocationName != "" {
			label += " (" + rm.LocationName + ")"
		}
		opts = append(opts, Option{Value: rm.ID, Label: label, Help: "", Checked: rm.ID == chosen})
	}
	return opts
}

func (s *Server) meetingNew(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "meetings")
	tomorrow := s.Clock.Now().In(p.P.Loc).AddDate(0, 0, 1)
	f := MeetingForm{Organizer: r.URL.Query().Get("organizer"), Date: tomorrow.Format("2006-01-02"), StartTime: "10:00", EndTime: "11:00",
		Schedule: true, SlotFrom: tomorrow.Format("2006-01-02"), SlotDays: "7"}
	if f.Organizer == "" && p.Principal != "" && a.ActsFor(p.Principal, authz.AgendaEdit) {
		f.Organizer = p.Principal
	}
	return s.renderMeetingForm(w, r, a, http.StatusOK, f, nil, nil)
}

func (s *Server) meetingCreate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := readMeetingForm(r)
	return s.saveMeeting(w, r, a, f)
}

// saveMeeting handles the form's buttons: the colleague search and the slot
// finder re-render it; otherwise it creates or updates the meeting.
func (s *Server) saveMeeting(w http.ResponseWriter, r *http.Request, a *authz.Actor, f MeetingForm) error {
	ctx := r.Context()
	loc := s.page(r, a, "meetings").P.Loc
	if f.Searching || f.Picked {
		f.times(loc)
		return s.renderMeetingForm(w, r, a, http.StatusOK, f, nil, nil)
	}
	if f.Suggest {
		slots, errs := s.suggestSlots(r, a, f, loc)
		f.times(loc)
		st := http.StatusOK
		if len(errs) > 0 {
			st = http.StatusUnprocessableEntity
		}
		return s.renderMeetingForm(w, r, a, st, f, errs, slots)
	}
	in, errs := f.input(loc)
	if len(errs) > 0 {
		return s.renderMeetingForm(w, r, a, http.StatusUnprocessableEntity, f, errs, nil)
	}
	var m meetings.Meeting
	var err error
	if f.Editing() {
		m, err = s.Meetings.Update(ctx, a, f.ID, in)
	} else {
		m, err = s.Meetings.Create(ctx, a, in)
	}
	if err != nil {
		if fe, ok := invalid(err); ok {
			return s.renderMeetingForm(w, r, a, statusFor(err), f, fe, nil)
		}
		if apperr.KindOf(err) == apperr.Forbidden && f.Editing() {
			return s.renderMeetingForm(w, r, a, http.StatusForbidden, f, FieldErrors{"": apperr.MessageOf(err)}, nil)
		}
		return err
	}
	if f.Editing() {
		s.done(w, r, meetingURL(m.ID, ""), "meeting_saved")
		return nil
	}
	if f.Schedule {
		if _, err := s.Meetings.Schedule(ctx, a, m.ID); err != nil {
			// Stored as a draft; the meeting page says why it is not in the agenda.
			s.redirect(w, r, meetingURL(m.ID, "")+"?problem="+url.QueryEscape(apperr.MessageOf(err)))
			return nil
		}
	}
	s.done(w, r, meetingURL(m.ID, ""), "meeting_created")
	return nil
}

// suggestSlots runs the slot finder for the form's organizer and
// colleagues, the meeting's length and the chosen room (or any room big
// enough when none is chosen and the meeting is not online).
func (s *Server) suggestSlots(r *http.Request, a *authz.Actor, f MeetingForm, loc *time.Location) ([]SlotView, FieldErrors) {
	pr := s.page(r, a, "meetings").P
	start, end, errs := f.times(loc)
	if len(errs) > 0 {
		return nil, errs
	}
	from, err := time.ParseInLocation("2006-01-02", f.SlotFrom, loc)
	if err != nil {
		return nil, FieldErrors{"slot_from": "give a date"}
	}
	days := 7
	if f.SlotDays == "14" {
		days = 14
	}
	people := []string{f.Organizer}
	if f.Organizer == "" {
		people[0] = a.PersonID
	}
	people = append(people, f.Attendees...)
	q := meetings.SlotQuery{PersonIDs: people, Duration: end.Sub(start), From: from, To: from.AddDate(0, 0, days), RoomID: f.RoomID, Limit: 8}
	if f.RoomID == "" && strings.TrimSpace(f.OnlineURL) == "" {
		q.Rooms = &rooms.Filter{MinCapacity: len(people) + countExt(f)}
	}
	found, err := s.Meetings.FindSlots(r.Context(), a, q)
	if err != nil {
		if fe, ok := invalid(err); ok {
			return nil, fe
		}
		return nil, FieldErrors{"": apperr.MessageOf(err)}
	}
	out := []SlotView{}
	for _, c := range found {
		out = append(out, SlotView{
			When:  pr.Weekday(c.Start) + " " + pr.Date(c.Start) + " " + c.Start.In(loc).Format("15:04") + "–" + c.End.In(loc).Format("15:04"),
			Room:  c.RoomName,
			Value: c.Start.UTC().Format(time.RFC3339) + "|" + c.End.UTC().Format(time.RFC3339) + "|" + c.RoomID,
		})
	}
	return out, nil
}

func countExt(f MeetingForm) int {
	n := 0
	for i, name := range f.ExtNames {
		if strings.TrimSpace(name) != "" || (i < len(f.ExtEmails) && strings.TrimSpace(f.ExtEmails[i]) != "") {
			n++
		}
	}
	return n
}

func (s *Server) meetingEdit(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	m, err := s.Meetings.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if !s.Meetings.CanEdit(a, m) {
		return apperr.Forbiddenf("your mandate does not let you change this meeting")
	}
	p := s.page(r, a, "meetings")
	f := meetingFormOf(m, p.P.Loc)
	f.SlotFrom, f.SlotDays = f.Date, "7"
	return s.renderMeetingForm(w, r, a, http.StatusOK, f, nil, nil)
}

func (s *Server) meetingUpdate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := readMeetingForm(r)
	f.ID = r.PathValue("id")
	return s.saveMeeting(w, r, a, f)
}
