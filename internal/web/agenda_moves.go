package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// MovePage asks to confirm moving an item to a proposed slot.
type MovePage struct {
	Item     ItemView
	Series   bool
	NewStart string // local "2006-01-02T15:04", as posted
	NewEnd   string
	NewWhen  string // in words
	Back     string
	Range    RangeChoice
}

// RangeChoice asks which part of a series a change is for.
type RangeChoice struct {
	Legend  string
	Options []Option
}

// rangeChoice offers this occurrence, this and following, and all, with
// selected ticked.
func rangeChoice(p *i18n.Printer, legend, selected string) RangeChoice {
	rc := RangeChoice{Legend: legend}
	for _, v := range []string{agenda.ThisOccurrence, agenda.ThisAndFollowing, agenda.AllOccurrences} {
		rc.Options = append(rc.Options, Option{Value: v, Label: p.T("agenda.range." + v), Checked: v == selected})
	}
	return rc
}

// occurrenceTimes returns the current start and end of the occurrence occ
// of ap (for a single item or a changed occurrence: its own times).
func occurrenceTimes(ap agenda.Appointment, occ *time.Time) (time.Time, time.Time) {
	if ap.Recurring() && occ != nil {
		return *occ, occ.Add(ap.End.Sub(ap.Start))
	}
	return ap.Start, ap.End
}

// localDateTime reads "2006-01-02T15:04" in loc.
func localDateTime(s string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// moveTarget works out the new times a move form asks for: shift (minutes),
// days (whole days on the wall clock), date (another day, same time) or
// start (a new local start; end keeps the duration unless given).
func moveTarget(r *http.Request, from, until time.Time, loc *time.Location) (time.Time, time.Time, error) {
	dur := until.Sub(from)
	lf := from.In(loc)
	switch {
	case r.PostFormValue("shift") != "":
		n, err := strconv.Atoi(r.PostFormValue("shift"))
		if err != nil || n == 0 || n%5 != 0 || n < -24*60 || n > 24*60 {
			return from, until, apperr.New(apperr.Invalid, "invalid move")
		}
		s := from.Add(time.Duration(n) * time.Minute)
		return s, s.Add(dur), nil
	case r.PostFormValue("days") != "":
		n, err := strconv.Atoi(r.PostFormValue("days"))
		if err != nil || n == 0 || n < -366 || n > 366 {
			return from, until, apperr.New(apperr.Invalid, "invalid move")
		}
		s := lf.AddDate(0, 0, n)
		return s, s.Add(dur), nil
	case r.PostFormValue("date") != "":
		d, ok := dayOf(r.PostFormValue("date"), loc)
		if !ok {
			return from, until, &apperr.Error{Kind: apperr.Invalid, Message: "give a date", Fields: map[string]string{"date": "give a date"}}
		}
		s := time.Date(d.Year(), d.Month(), d.Day(), lf.Hour(), lf.Minute(), 0, 0, loc)
		return s, s.Add(dur), nil
	case r.PostFormValue("start") != "":
		s, ok := localDateTime(r.PostFormValue("start"), loc)
		if !ok {
			return from, until, apperr.New(apperr.Invalid, "invalid move")
		}
		e := s.Add(dur)
		if v := r.PostFormValue("end"); v != "" {
			if e, ok = localDateTime(v, loc); !ok {
				return from, until, apperr.New(apperr.Invalid, "invalid move")
			}
		}
		return s, e, nil
	}
	return from, until, apperr.New(apperr.Invalid, "invalid move")
}

// agendaMove moves one item (one occurrence of a series unless range says
// otherwise). From a view (htmx) it answers the view again with what
// happened; otherwise it goes back where the form came from.
func (s *Server) agendaMove(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	loc := p.P.Loc
	id := r.PathValue("id")
	ap, err := s.Agenda.Get(ctx, a, id)
	if err != nil {
		return err
	}
	occ := parseOcc(r.PostFormValue("occ"))
	from, until := occurrenceTimes(ap, occ)
	back := localBack(r.PostFormValue("back"), agendaURL(ap.OwnerID, viewWeek, midnight(from, loc)))
	start, end, err := moveTarget(r, from, until, loc)
	if err == nil {
		e := agenda.Edit{Range: r.PostFormValue("range"), OccurrenceStart: occ}
		_, err = s.Agenda.Move(ctx, a, id, e, start, end)
	}
	if err != nil && !isUserError(err) {
		return err
	}
	if r.Header.Get("HX-Request") != "true" && strings.HasPrefix(back, "/agenda/items/") {
		if err != nil {
			return err
		}
		s.done(w, r, back, "appointment_moved")
		return nil
	}
	if r.Header.Get("HX-Request") != "true" && err == nil {
		s.done(w, r, back, "appointment_moved")
		return nil
	}
	status, alert, said := http.StatusOK, "", ""
	if err != nil {
		alert = agendaMsg(p.P, apperr.MessageOf(err))
		if r.Header.Get("HX-Request") != "true" {
			status = statusOf(err)
		}
	} else {
		said = p.P.T("agenda.moved_to", ap.Title, p.P.Weekday(start)+" "+p.P.DateTime(start))
	}
	bu, _ := url.Parse(back)
	if bu.Path == "/agenda/side" {
		d, perr := s.sidePage(r, a, p, bu.Query())
		if perr != nil {
			return perr
		}
		d.Status, d.Alert = said, alert
		s.render(w, r, status, "agenda_side", p, d)
		return nil
	}
	d, perr := s.agendaPage(r, a, p, bu.Query())
	if perr != nil {
		return perr
	}
	d.Status, d.Alert = said, alert
	s.render(w, r, status, "agenda", p, d)
	return nil
}

// isUserError reports whether err is the person's to fix (refused or
// invalid), not a fault of spil.
func isUserError(err error) bool {
	switch apperr.KindOf(err) {
	case apperr.Invalid, apperr.Conflict, apperr.Forbidden:
		return true
	}
	return false
}

// localBack returns back when it is a page of the agenda, else def.
func localBack(back, def string) string {
	if back != "" && safeNext(back) == back && strings.HasPrefix(back, "/agenda") {
		return back
	}
	return def
}

// agendaMoveConfirm shows where a proposal would move an item and asks to
// confirm: spil never moves anything without the person saying so.
func (s *Server) agendaMoveConfirm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	loc := p.P.Loc
	id := r.PathValue("id")
	ap, err := s.Agenda.Get(ctx, a, id)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	occ := parseOcc(q.Get("occ"))
	from, until := occurrenceTimes(ap, occ)
	start, ok1 := localDateTime(q.Get("start"), loc)
	end, ok2 := localDateTime(q.Get("end"), loc)
	if !ok1 || !ok2 || !end.After(start) {
		return apperr.New(apperr.Invalid, "invalid move")
	}
	o := agenda.Occurrence{Appointment: ap, At: from, Until: until, OccurrenceStart: from}
	if occ != nil {
		o.OccurrenceStart = *occ
	}
	v := viewer{p: p.P, a: a, today: midnight(s.Clock.Now(), loc)}
	d := MovePage{Item: v.item(ap.OwnerID, agenda.PlanItem{Occurrence: o}, agenda.AccessTo(a, ap.OwnerID), time.Time{}),
		Series: ap.Recurring() || ap.SeriesID != "", NewStart: q.Get("start"), NewEnd: q.Get("end"),
		NewWhen: p.P.Weekday(start) + " " + p.P.Date(start) + ", " + whenText(p.P, start, end, false),
		Back:    localBack(q.Get("back"), agendaURL(ap.OwnerID, viewWeek, midnight(start, loc))),
		Range:   rangeChoice(p.P, p.P.T("agenda.range_move"), agenda.ThisOccurrence)}
	if !d.Item.CanMove {
		return apperr.Forbiddenf("you may not move this item")
	}
	s.render(w, r, http.StatusOK, "agenda_move", p, d)
	return nil
}

// agendaDelete removes an item, or for a series the part the range says.
func (s *Server) agendaDelete(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	p := s.page(r, a, "agenda")
	id := r.PathValue("id")
	ap, err := s.Agenda.Get(ctx, a, id)
	if err != nil {
		return err
	}
	occ := parseOcc(r.PostFormValue("occ"))
	from, _ := occurrenceTimes(ap, occ)
	if err := s.Agenda.Delete(ctx, a, id, agenda.Edit{Range: r.PostFormValue("range"), OccurrenceStart: occ}); err != nil {
		return err
	}
	s.done(w, r, agendaURL(ap.OwnerID, viewWeek, midnight(from, p.P.Loc)), "appointment_deleted")
	return nil
}
