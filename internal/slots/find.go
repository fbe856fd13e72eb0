package slots

import (
	"cmp"
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
				out = append(out, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return a.Start.Compare(b.Start)
	})
	if len(out) > limit {
		out = out[:limit:limit]
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

type finder struct {
	req    *Request
	est    travel.Estimator
	loc    *time.Location
	people []personState
	// The day being searched: its bounds, and the span in which every
	// person works.
	dayStart, dayEnd time.Time
	earliest, latest time.Time
}

type personState struct {
	p      Person
	name   string
	busy   []Appointment // sorted by Start, End
	maxDur time.Duration // the longest appointment
	wh     map[time.Weekday][]Span
	// Travel estimates by origin and destination, memoised per search.
	cache map[[2]*Place]travel.Estimate
	// The day being searched: working spans, the appointments around it
	// (a stretch of busy) and the absences that touch it.
	spans    []Interval
	day      []Appointment
	absences []Interval
}

func newPersonState(p Person) personState {
	ps := personState{p: p, name: p.Name, wh: map[time.Weekday][]Span{}, cache: map[[2]*Place]travel.Estimate{}}
	if ps.name == "" {
		ps.name = p.ID
	}
	wh := p.WorkingHours
	if wh == nil {
		wh = DefaultWorkingHours()
	}
	for d, spans := range wh {
		spans = slices.Clone(spans)
		slices.SortFunc(spans, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
		ps.wh[d] = spans
	}
	byTime := func(a, b Appointment) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.End.Compare(b.End)
	}
	ps.busy = p.Busy // read only; sorted in a copy when it is not sorted yet
	if !slices.IsSortedFunc(ps.busy, byTime) {
		ps.busy = slices.Clone(p.Busy)
		slices.SortStableFunc(ps.busy, byTime)
	}
	for _, a := range ps.busy {
		ps.maxDur = max(ps.maxDur, a.End.Sub(a.Start))
	}
	return ps
}

// setDay prepares every person's working spans, appointments and absences
// on d; it reports false when someone does not work that day.
func (f *finder) setDay(d holiday.Date) bool {
	loc := f.loc
	f.dayStart, f.dayEnd = d.Midnight(loc), d.AddDays(1).Midnight(loc)
	f.earliest, f.latest = f.dayStart, f.dayEnd
	for i := range f.people {
		ps := &f.people[i]
		spans := ps.wh[d.Weekday()]
		if len(spans) == 0 {
			return false
		}
		ps.spans = ps.spans[:0]
		for _, s := range spans {
			ps.spans = append(ps.spans, Interval{Start: f.wallClock(d, s.Start), End: f.wallClock(d, s.End)})
		}
		f.earliest = maxTime(f.earliest, ps.spans[0].Start)
		f.latest = minTime(f.latest, ps.spans[len(ps.spans)-1].End)
		// Appointments that can matter: those overlapping the day or
		// ending at its start (the previous appointment of a slot must end
		// on the same local day). Any others in this stretch fail every
		// test in evaluate.
		lo := sort.Search(len(ps.busy), func(j int) bool { return !ps.busy[j].Start.Before(f.dayStart.Add(-ps.maxDur)) })
		hi := lo + sort.Search(len(ps.busy)-lo, func(j int) bool { return !ps.busy[lo+j].Start.Before(f.dayEnd) })
		ps.day = ps.busy[lo:hi]
		ps.absences = ps.absences[:0]
		for _, a := range ps.p.Absences {
			if a.Start.Before(f.dayEnd) && f.dayStart.Before(a.End) {
				ps.absences = append(ps.absences, a)
			}
		}
	}
	return true
}

// wallClock returns the instant at offset from midnight on the wall clock
// of day d (the day set).
func (f *finder) wallClock(d holiday.Date, offset time.Duration) time.Time {
	if f.dayEnd.Sub(f.dayStart) == 24*time.Hour { // no daylight-saving change that day
		return f.dayStart.Add(offset)
	}
	return time.Date(d.Year, d.Month, d.Day, 0, int(offset/time.Minute), 0, 0, f.loc)
}

// slotStart returns the instant of minute m of day d on the wall clock; ok
// is false when that wall-clock time does not exist.
func (f *finder) slotStart(d holiday.Date, m int) (time.Time, bool) {
	if f.dayEnd.Sub(f.dayStart) == 24*time.Hour {
		return f.dayStart.Add(time.Duration(m) * time.Minute), true
	}
	s := time.Date(d.Year, d.Month, d.Day, 0, m, 0, 0, f.loc)
	return s, s.Hour()*60+s.Minute() == m && holiday.DateOf(s) == d
}

func (f *finder) estimate(ctx context.Context, ps *personState, from, to *Place, mode travel.Mode) (travel.Estimate, error) {
	k := [2]*Place{from, to}
	if e, ok := ps.cache[k]; ok {
		return e, nil
	}
	e, err := f.est.Estimate(ctx, from.Place, to.Place, mode)
	if err != nil {
		return travel.Estimate{}, err
	}
	ps.cache[k] = e
	return e, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
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
				over = append(over, a)
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
		var fromLabel string
		switch {
		case prevLoc != nil:
			from, fromLabel = prevLoc.Location, apptPlaceLabel(prevLoc)
		case ps.p.Home != nil && ps.p.StartsHome[dayStart.Weekday()]:
			from, fromLabel = ps.p.Home, placeLabel(ps.p.Home, "home")
		case ps.p.Office != nil:
			from, fromLabel = ps.p.Office, placeLabel(ps.p.Office, "the office")
		case ps.p.Home != nil:
			from, fromLabel = ps.p.Home, placeLabel(ps.p.Home, "home")
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

		for _, a := range over {
			overbooked++
			severity += 5 - a.Priority
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
			c.Reasons = append(c.Reasons, travelReason(CodeTravelFrom, ps, inbound, fromLabel, mode))
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
