package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/travel"
)

// AbsenceRow is one absence in the list.
type AbsenceRow struct {
	ID   string
	Kind string
	When string
	Note string
}

// AbsenceForm is a new absence as entered: whole days unless times are
// given.
type AbsenceForm struct {
	Kind      string
	StartDate string
	StartTime string
	EndDate   string
	EndTime   string
	Note      string
}

func (s *Server) agendaAddAbsence(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	loc := s.page(r, a, "agenda").P.Loc
	v := r.PostForm
	who := v.Get("who")
	if who == "" {
		who = a.PersonID
	}
	f := AbsenceForm{Kind: v.Get("kind"), StartDate: v.Get("start_date"), StartTime: strings.TrimSpace(v.Get("start_time")),
		EndDate: v.Get("end_date"), EndTime: strings.TrimSpace(v.Get("end_time")), Note: v.Get("note")}
	errs := FieldErrors{}
	in := agenda.AbsenceInput{Kind: f.Kind, Note: f.Note}
	if sd, ok := dayOf(f.StartDate, loc); !ok {
		errs["start"] = "give the first day"
	} else {
		in.Start = sd
		if m, ok := clockMinutes(f.StartTime); ok && f.StartTime != "" {
			in.Start = atClock(sd, m)
		}
	}
	if ed, ok := dayOf(f.EndDate, loc); !ok {
		errs["end"] = "give the last day"
	} else {
		in.End = ed.AddDate(0, 0, 1)
		if m, ok := clockMinutes(f.EndTime); ok && f.EndTime != "" {
			in.End = atClock(ed, m)
		}
	}
	d := AgendaSettingsPage{Who: who, AbsForm: f}
	if len(errs) > 0 {
		d.AbsErrors = errs
		return s.renderAgendaSettings(w, r, a, http.StatusUnprocessableEntity, d)
	}
	if _, err := s.Agenda.CreateAbsence(r.Context(), a, who, in); err != nil {
		e, ok := invalid(err)
		if !ok {
			return err
		}
		d.AbsErrors = e
		return s.renderAgendaSettings(w, r, a, statusFor(err), d)
	}
	s.done(w, r, "/agenda/settings?who="+url.QueryEscape(who)+"#absences", "absence_added")
	return nil
}

func (s *Server) agendaDeleteAbsence(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	if err := s.Agenda.DeleteAbsence(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	who := r.PostFormValue("who")
	if who == "" {
		who = a.PersonID
	}
	s.done(w, r, "/agenda/settings?who="+url.QueryEscape(who)+"#absences", "absence_deleted")
	return nil
}

// OverrideRow is one known travel time in the list.
type OverrideRow struct {
	ID      string
	From    string
	To      string
	Mode    string
	Minutes int
	OneWay  bool
	Note    string
}

// OverrideForm is a known travel time as entered.
type OverrideForm struct {
	From    string
	To      string
	Mode    string
	Minutes string
	OneWay  bool
	Note    string
}

// fillOverrides adds the known travel times and the form's choices to d.
func (s *Server) fillOverrides(r *http.Request, a *authz.Actor, d *AgendaSettingsPage) error {
	pr := s.page(r, a, "agenda").P
	list, err := s.Agenda.ListTravelOverrides(r.Context(), a)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, o := range s.locationOptions(r.Context(), a, "") {
		names[o.Value] = o.Label
	}
	for _, o := range list {
		d.Overrides = append(d.Overrides, OverrideRow{ID: o.ID, From: names[o.FromLocationID], To: names[o.ToLocationID],
			Mode: pr.T("agenda.mode." + modeKey(string(o.Mode))), Minutes: o.Minutes, OneWay: o.OneWay, Note: o.Note})
	}
	if d.OvForm.Mode == "" {
		d.OvForm.Mode = string(travel.Car)
	}
	d.OvLocs = s.locationOptions(r.Context(), a, d.OvForm.From)
	d.OvLocsTo = s.locationOptions(r.Context(), a, d.OvForm.To)
	d.OvModes = modeOptions(pr, d.OvForm.Mode, false)
	return nil
}

func (s *Server) agendaSaveOverride(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	v := r.PostForm
	f := OverrideForm{From: v.Get("from_location_id"), To: v.Get("to_location_id"), Mode: v.Get("mode"),
		Minutes: strings.TrimSpace(v.Get("minutes")), OneWay: v.Get("one_way") == "1", Note: v.Get("note")}
	who := v.Get("who")
	if who == "" {
		who = a.PersonID
	}
	d := AgendaSettingsPage{Who: who, OvForm: f}
	n, err := strconv.Atoi(f.Minutes)
	if err != nil {
		d.OvErrors = FieldErrors{"minutes": "is not a number"}
		return s.renderAgendaSettings(w, r, a, http.StatusUnprocessableEntity, d)
	}
	in := agenda.TravelOverride{FromLocationID: f.From, ToLocationID: f.To, Mode: travel.Mode(f.Mode), Minutes: n, OneWay: f.OneWay, Note: f.Note}
	if _, err := s.Agenda.SaveTravelOverride(r.Context(), a, in); err != nil {
		e, ok := invalid(err)
		if !ok {
			return err
		}
		d.OvErrors = e
		return s.renderAgendaSettings(w, r, a, statusFor(err), d)
	}
	s.done(w, r, "/agenda/settings?who="+url.QueryEscape(who)+"#travel", "travel_override_saved")
	return nil
}

func (s *Server) agendaDeleteOverride(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	if err := s.Agenda.DeleteTravelOverride(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	s.done(w, r, "/agenda/settings#travel", "travel_override_deleted")
	return nil
}

// atClock is the wall-clock time m minutes after day's midnight.
func atClock(day time.Time, m int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, day.Location())
}
