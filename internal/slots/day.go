package slots

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"time"

	"spil/internal/holiday"
	"spil/internal/travel"
)

// finder is one search: the people and the day being searched.
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
