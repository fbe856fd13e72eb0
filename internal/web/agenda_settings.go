package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/travel"
)

// spansPerDay is how many working-hour spans per weekday the form offers
// (a morning and an afternoon, say).
const spansPerDay = 2

// SettingsForm is the agenda settings form as entered.
type SettingsForm struct {
	Who       string
	TimeZone  string
	Mode      string
	Buffer    string
	HomeName  string
	HomeLat   string
	HomeLon   string
	Days      []WeekdayRow
	OfficeFor string // the office's name, read-only
}

// WeekdayRow is one weekday's working-hour spans.
type WeekdayRow struct {
	Weekday time.Weekday
	Name    string
	Spans   []SpanRow
}

// SpanRow is one span as entered.
type SpanRow struct {
	Key   string // h_<weekday>_<i>
	Start string // 15:04
	End   string
	From  string // office or home
	To    string
}

// AgendaSettingsPage holds the settings, absences and travel overrides.
type AgendaSettingsPage struct {
	Nav       SubNav
	Who       string
	WhoName   string
	Owners    []Option
	Form      SettingsForm
	Errors    FieldErrors
	Modes     []Option
	Places    []Option
	Absences  []AbsenceRow
	AbsForm   AbsenceForm
	AbsErrors FieldErrors
	AbsKinds  []Option
	CanTravel bool
	Overrides []OverrideRow
	OvForm    OverrideForm
	OvErrors  FieldErrors
	OvLocs    []Option
	OvLocsTo  []Option
	OvModes   []Option
}

func (s *Server) agendaSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.pageFor(r, a, "agenda")
	who := agendaWho(r, a, p)
	return s.renderAgendaSettings(w, r, a, http.StatusOK, AgendaSettingsPage{Who: who})
}

// renderAgendaSettings fills in whatever d does not have yet: the stored
// settings unless a form was posted, the absences and the overrides.
func (s *Server) renderAgendaSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d AgendaSettingsPage) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	pr := p.P
	d.Nav = agendaSubNav(pr, "settings", d.Who)
	d.Errors, d.AbsErrors, d.OvErrors = agendaErrors(pr, d.Errors), agendaErrors(pr, d.AbsErrors), agendaErrors(pr, d.OvErrors)
	d.WhoName = s.personName(ctx, a, d.Who)
	d.Owners = s.ownerOptions(ctx, pr, a, d.Who)
	if d.Form.Who == "" {
		st, err := s.Agenda.Settings(ctx, a, d.Who)
		if err != nil {
			return err
		}
		d.Form = settingsFormFrom(st, pr)
	}
	d.Form.Who = d.Who
	d.Modes = modeOptions(pr, d.Form.Mode, false)
	d.Places = keyedOptions(pr, "agenda.day_place.", []string{agenda.AtOffice, agenda.AtHome}, "")
	now := s.Clock.Now()
	abs, err := s.Agenda.ListAbsences(ctx, a, d.Who, now.AddDate(0, 0, -30), now.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	for _, ab := range abs {
		d.Absences = append(d.Absences, AbsenceRow{ID: ab.ID, Kind: pr.T("agenda.absence." + absenceKind(ab.Kind)),
			When: periodText(pr, ab.Start, ab.End), Note: ab.Note})
	}
	if d.AbsForm.Kind == "" {
		d.AbsForm.Kind = agenda.Leave
	}
	d.AbsKinds = keyedOptions(pr, "agenda.absence.", []string{agenda.Leave, agenda.Sick, agenda.OutOfOffice}, d.AbsForm.Kind)
	d.CanTravel = a.Can(authz.LocationsManage)
	if d.CanTravel {
		if err := s.fillOverrides(r, a, &d); err != nil {
			return err
		}
	}
	s.render(w, r, status, "agenda_settings", p, d)
	return nil
}

// settingsFormFrom shows stored settings in the form.
func settingsFormFrom(st agenda.Settings, pr *i18n.Printer) SettingsForm {
	f := SettingsForm{TimeZone: st.TimeZone, Mode: string(st.TravelMode), Buffer: strconv.Itoa(st.BufferMinutes),
		HomeName: st.Home.Name, OfficeFor: st.Office.Name}
	if st.Home.HasCoordinates() {
		f.HomeLat = strconv.FormatFloat(*st.Home.Lat, 'f', -1, 64)
		f.HomeLon = strconv.FormatFloat(*st.Home.Lon, 'f', -1, 64)
	}
	f.Days = weekdayRows(pr)
	count := map[time.Weekday]int{}
	for _, h := range st.Hours {
		i := count[h.Weekday]
		if i >= spansPerDay {
			continue
		}
		count[h.Weekday]++
		row := &f.Days[(int(h.Weekday)+6)%7]
		row.Spans[i].Start, row.Spans[i].End = clockText(h.Start), clockText(h.End)
		row.Spans[i].From, row.Spans[i].To = h.StartPlace, h.EndPlace
	}
	return f
}

// weekdayRows are empty rows for Monday to Sunday.
func weekdayRows(pr *i18n.Printer) []WeekdayRow {
	monday := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC) // a Monday
	var out []WeekdayRow
	for i := 0; i < 7; i++ {
		wd := time.Weekday((i + 1) % 7)
		row := WeekdayRow{Weekday: wd, Name: pr.Weekday(monday.AddDate(0, 0, i))}
		for k := 0; k < spansPerDay; k++ {
			row.Spans = append(row.Spans, SpanRow{Key: fmt.Sprintf("h_%d_%d", wd, k), From: agenda.AtOffice, To: agenda.AtOffice})
		}
		out = append(out, row)
	}
	return out
}

func clockText(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// clockMinutes reads "15:04" (or "24:00") as minutes from midnight.
func clockMinutes(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 24*60 {
		return 0, false
	}
	return hh*60 + mm, true
}

// periodText is a stretch of time in words.
func periodText(pr *i18n.Printer, from, until time.Time) string {
	f, u := from.In(pr.Loc), until.In(pr.Loc)
	if f.Equal(midnight(f, pr.Loc)) && u.Equal(midnight(u, pr.Loc)) { // whole days: the first and the last
		last := u.AddDate(0, 0, -1)
		if last.Equal(f) {
			return pr.ShortDate(f)
		}
		return pr.ShortDate(f) + " – " + pr.ShortDate(last)
	}
	return pr.DateTime(from) + " – " + pr.DateTime(until)
}

func (s *Server) agendaSaveSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	p := s.page(r, a, "agenda")
	v := r.PostForm
	who := v.Get("who")
	if who == "" {
		who = a.PersonID
	}
	f := SettingsForm{Who: who, TimeZone: strings.TrimSpace(v.Get("time_zone")), Mode: v.Get("travel_mode"),
		Buffer: strings.TrimSpace(v.Get("buffer")), HomeName: v.Get("home_name"), HomeLat: strings.TrimSpace(v.Get("home_lat")),
		HomeLon: strings.TrimSpace(v.Get("home_lon")), Days: weekdayRows(p.P)}
	errs := FieldErrors{}
	st := agenda.Settings{PersonID: who, TimeZone: f.TimeZone, TravelMode: travel.Mode(f.Mode), Home: agenda.Place{Name: f.HomeName}}
	if f.Buffer != "" {
		n, err := strconv.Atoi(f.Buffer)
		if err != nil {
			errs["buffer_minutes"] = "is not a number"
		}
		st.BufferMinutes = n
	}
	st.Home.Lat = formFloat(f.HomeLat, "home.latitude", errs)
	st.Home.Lon = formFloat(f.HomeLon, "home.longitude", errs)
	st.Hours = []agenda.DayHours{}
	for i := range f.Days {
		for k := range f.Days[i].Spans {
			sp := &f.Days[i].Spans[k]
			sp.Start, sp.End = v.Get(sp.Key+"_start"), v.Get(sp.Key+"_end")
			sp.From, sp.To = v.Get(sp.Key+"_from"), v.Get(sp.Key+"_to")
			if strings.TrimSpace(sp.Start) == "" && strings.TrimSpace(sp.End) == "" {
				continue
			}
			start, ok1 := clockMinutes(sp.Start)
			end, ok2 := clockMinutes(sp.End)
			if !ok1 || !ok2 {
				errs["hours"] = "give working hours as hh:mm"
				continue
			}
			st.Hours = append(st.Hours, agenda.DayHours{Weekday: f.Days[i].Weekday, Start: start, End: end, StartPlace: sp.From, EndPlace: sp.To})
		}
	}
	d := AgendaSettingsPage{Who: who, Form: f}
	if len(errs) > 0 {
		d.Errors = errs
		return s.renderAgendaSettings(w, r, a, http.StatusUnprocessableEntity, d)
	}
	if _, err := s.Agenda.SaveSettings(r.Context(), a, who, st); err != nil {
		e, ok := invalid(err)
		if !ok {
			return err
		}
		d.Errors = settingsErrors(e)
		return s.renderAgendaSettings(w, r, a, statusFor(err), d)
	}
	s.done(w, r, "/agenda/settings?who="+url.QueryEscape(who), "agenda_settings_saved")
	return nil
}

// settingsErrors places the service's messages: every working-hour
// message at the hours table.
func settingsErrors(e FieldErrors) FieldErrors {
	out := FieldErrors{}
	for k, v := range e {
		switch {
		case strings.HasPrefix(k, "hours"):
			out["hours"] = v
		case strings.HasPrefix(k, "home."):
			out[k] = v
		case k == "home":
			out["home.latitude"] = v
		default:
			out[k] = v
		}
	}
	return out
}
