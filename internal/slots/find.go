package slots

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"spil/internal/apperr"
	"spil/internal/holiday"
	"spil/internal/travel"
)

// Find returns up to req.Limit candidate slots for req, best first.
//
// Candidate starts lie on the local wall clock of req.Loc at multiples of
// req.Step from midnight (09:00, 09:15, …); wall-clock times that do not
// exist because of a daylight-saving change are skipped, and in the repeated
// hour of autumn only the first occurrence is tried. A candidate must fit in
// one working-hour span of each person on its local day; meetings across
// midnight are not offered.
//
// Travel: a person is taken to be at the location of their last appointment
// with a location that ended before the slot on the same local day, else at
// their Office, else at Home, leaving when their previous appointment ends
// (else when their working day starts, without buffer). After the slot they
// must reach their next appointment that day with a location. Travel is only
// needed when req.Location is set; Buffer applies between neighbouring
// appointments either way. Overbooked appointments are taken not to happen.
//
// est answers travel times; nil means travel.Formula{}. Find returns an
// apperr.Invalid error naming the fields for a bad request, the estimator's
// error when it fails, and ctx.Err() when ctx ends. An empty list with a nil
// error means no slot satisfies the rules.
func Find(ctx context.Context, req Request, est travel.Estimator) ([]Candidate, error) {
	if err := validate(&req); err != nil {
		return nil, err
	}
	if est == nil {
		est = travel.Formula{}
	}
	loc := req.Loc
	if loc == nil {
		var err error
		loc, err = time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			return nil, apperr.Errorf(apperr.Internal, "loading Europe/Amsterdam: %v", err)
		}
	}
	step := req.Step
	if step == 0 {
		step = DefaultStep
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}

	first := holiday.DateOf(req.From.In(loc))
	last := holiday.DateOf(req.To.In(loc))
	hols, err := holiday.Between(first, last)
	if err != nil {
		return nil, err
	}
	dayOff := map[holiday.Date]bool{}
	for _, h := range hols {
		if h.DayOff {
			dayOff[h.Date] = true
		}
	}

	f := finder{req: &req, est: est, loc: loc}
	for _, p := range req.People {
		f.people = append(f.people, newPersonState(p))
	}

	// First pass: every allowed slot with its score. Reasons are only
	// written for the slots kept (second pass).
	var out []Candidate
	stepMin := int(step / time.Minute)
	for d := first; !d.After(last); d = d.AddDays(1) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if dayOff[d] || !f.setDay(d) {
			continue
		}
		for m := 0; m < 24*60; m += stepMin {
			s, ok := f.slotStart(d, m)
			if !ok {
				continue // does not exist on the wall clock (spring forward)
			}
			e := s.Add(req.Duration)
			if s.Before(req.From) || s.Before(f.earliest) {
				continue
			}
			if e.After(req.To) || e.After(f.latest) {
				break
			}
			c, ok, err := f.evaluate(ctx, s, e, false)
			if err != nil {
				return nil, err
			}
			if ok {
				out = keepBest(out, c, limit)
			}
		}
	}
	for i := range out {
		f.setDay(holiday.DateOf(out[i].Start.In(loc)))
		c, _, err := f.evaluate(ctx, out[i].Start, out[i].End, true)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// keepBest inserts c into best (sorted by Score descending, then Start
// ascending; at most limit long). Candidates arrive in order of start, so an
// equal score goes after those already kept.
func keepBest(best []Candidate, c Candidate, limit int) []Candidate {
	if len(best) == limit && c.Score <= best[len(best)-1].Score {
		return best
	}
	i := sort.Search(len(best), func(i int) bool { return c.Score > best[i].Score })
	best = slices.Insert(best, i, c)
	if len(best) > limit {
		best = best[:limit]
	}
	return best
}

// evaluate checks the slot [s, e) for every person; ok is false when the slot
// is not allowed.
func (f *finder) evaluate(ctx context.Context, s, e time.Time, reasons bool) (Candidate, bool, error) {
	req := f.req
	dayStart, dayEnd := f.dayStart, f.dayEnd
	c := Candidate{Start: s, End: e}
	var overbooked, severity int
	var travelMin float64
	for i := range f.people {
		ps := &f.people[i]
		day := ps.spans
		inSpan := false
		for _, sp := range day {
			if !s.Before(sp.Start) && !e.After(sp.End) {
				inSpan = true
				break
			}
		}
		if !inSpan {
			return c, false, nil
		}
		for _, a := range ps.absences {
			if a.Start.Before(e) && s.Before(a.End) {
				return c, false, nil
			}
		}
		var prev, prevLoc, next *Appointment
		var over []*Appointment
		for j := range ps.day {
			a := &ps.day[j]
			if a.Start.Before(e) && s.Before(a.End) {
				if req.MayOverbook == 0 || a.Priority < req.MayOverbook || a.Priority == 1 {
					return c, false, nil
				}
				overbooked++
				severity += 5 - a.Priority
				if reasons {
					over = append(over, a)
				}
				continue
			}
			if !a.End.After(s) && !a.End.Before(dayStart) {
				if prev == nil || !a.End.Before(prev.End) {
					prev = a
				}
				if a.Location != nil && (prevLoc == nil || !a.End.Before(prevLoc.End)) {
					prevLoc = a
				}
			}
			if !a.Start.Before(e) && a.Start.Before(dayEnd) && next == nil {
				next = a
			}
		}
		mode := ps.p.Mode
		if mode == "" {
			mode = req.Mode
		}

		// Travel to the meeting.
		depart, buffer := day[0].Start, time.Duration(0)
		if prev != nil {
			depart, buffer = prev.End, req.Buffer
		}
		var from *Place
		fromLabel := func() string { return "" } // only written into reasons
		switch {
		case prevLoc != nil:
			from, fromLabel = prevLoc.Location, func() string { return apptPlaceLabel(prevLoc) }
		case ps.p.Home != nil && ps.p.StartsHome[dayStart.Weekday()]:
			from, fromLabel = ps.p.Home, func() string { return placeLabel(ps.p.Home, "home") }
		case ps.p.Office != nil:
			from, fromLabel = ps.p.Office, func() string { return placeLabel(ps.p.Office, "the office") }
		case ps.p.Home != nil:
			from, fromLabel = ps.p.Home, func() string { return placeLabel(ps.p.Home, "home") }
		}
		var inbound travel.Estimate
		if req.Location != nil && from != nil {
			var err error
			if inbound, err = f.estimate(ctx, ps, from, req.Location, mode); err != nil {
				return c, false, err
			}
		}
		if ok, _ := travel.Reachable(depart, s, inbound, buffer); !ok {
			return c, false, nil
		}

		// Travel to the next appointment.
		var outbound travel.Estimate
		if next != nil {
			if req.Location != nil && next.Location != nil {
				var err error
				if outbound, err = f.estimate(ctx, ps, req.Location, next.Location, mode); err != nil {
					return c, false, err
				}
			}
			if ok, _ := travel.Reachable(e, next.Start, outbound, req.Buffer); !ok {
				return c, false, nil
			}
		}

		travelMin += inbound.Duration.Minutes() + outbound.Duration.Minutes()
		if !reasons {
			continue
		}
		// Reasons, in the documented order.
		for _, a := range over {
			c.Reasons = append(c.Reasons, overbookReason(ps, a))
		}
		if inbound.Duration > 0 {
			c.Reasons = append(c.Reasons, travelReason(CodeTravelFrom, ps, inbound, fromLabel(), mode))
		}
		if outbound.Duration > 0 {
			c.Reasons = append(c.Reasons, travelReason(CodeTravelTo, ps, outbound, apptPlaceLabel(next), mode))
		}
		if s.Equal(day[0].Start) {
			c.Reasons = append(c.Reasons, Reason{Code: CodeStartOfDay, PersonID: ps.p.ID,
				Args: map[string]string{"person": ps.name},
				Text: fmt.Sprintf("starts when %s's working day starts", ps.name)})
		}
		if e.Equal(day[len(day)-1].End) {
			c.Reasons = append(c.Reasons, Reason{Code: CodeEndOfDay, PersonID: ps.p.ID,
				Args: map[string]string{"person": ps.name},
				Text: fmt.Sprintf("ends when %s's working day ends", ps.name)})
		}
	}
	c.Score = 0 - (float64(overbooked)*1e6 + float64(severity)*1e4 + travelMin) // 0 - x: never −0
	return c, true, nil
}

func overbookReason(ps *personState, a *Appointment) Reason {
	args := map[string]string{
		"person":   ps.name,
		"priority": strconv.Itoa(a.Priority),
		"start":    a.Start.Format(time.RFC3339),
		"end":      a.End.Format(time.RFC3339),
	}
	text := fmt.Sprintf("overbooks %s's P%d (busy)", ps.name, a.Priority)
	if !a.Private {
		args["title"] = a.Title
		text = fmt.Sprintf("overbooks %s's P%d '%s'", ps.name, a.Priority, a.Title)
	}
	return Reason{Code: CodeOverbooks, PersonID: ps.p.ID, Args: args, Text: text}
}

func travelReason(code string, ps *personState, e travel.Estimate, place string, mode travel.Mode) Reason {
	mins := int(e.Duration.Round(time.Minute) / time.Minute)
	text := fmt.Sprintf("%s travels %s from %s", ps.name, minutes(mins), place)
	if code == CodeTravelTo {
		text = fmt.Sprintf("%s travels %s to %s afterwards", ps.name, minutes(mins), place)
	}
	return Reason{Code: code, PersonID: ps.p.ID, Text: text, Args: map[string]string{
		"person":  ps.name,
		"minutes": strconv.Itoa(mins),
		"place":   place,
		"mode":    string(mode),
	}}
}

// minutes formats a travel time: "35 min", "1 h", "1 h 5 min".
func minutes(m int) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	default:
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	}
}

func placeLabel(p *Place, role string) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.ID != "":
		return p.ID
	}
	return role
}

// apptPlaceLabel names where appointment a is without leaking a private
// appointment's title or location.
func apptPlaceLabel(a *Appointment) string {
	if a.Private {
		return "a private appointment"
	}
	return placeLabel(a.Location, "'"+a.Title+"'")
}
