package agenda

import (
	"context"
	"time"

	"spil/internal/holiday"
	"spil/internal/slots"
	"spil/internal/travel"
)

// rawDay is one person's day as planning sees it, before masking for a
// reader.
type rawDay struct {
	date     holiday.Date
	start    time.Time // local midnight
	end      time.Time // the next local midnight
	holiday  *holiday.Holiday
	working  []slots.Interval
	absences []Absence
	items    []rawItem
	startsAt string
	endsAt   string
}

// rawItem is an occurrence in a day with its travel and flags; flags name
// other items by index.
type rawItem struct {
	o      Occurrence
	travel *rawTravel
	flags  []rawFlag
}

type rawTravel struct {
	from     int // index of the item travelled from; -1 for the day's start place
	fromHome bool
	fromName string
	est      travel.Estimate
	mode     travel.Mode
}

type rawFlag struct {
	code string
	with int // index of the other item, -1 for none
	late int // minutes, for FlagUnreachable
}

// estimates caches travel estimates for one request.
type estimates struct {
	est   travel.Estimator
	cache map[estKey]travel.Estimate
}

type estKey struct {
	from, to travel.Place
	mode     travel.Mode
}

func newEstimates(est travel.Estimator) *estimates {
	return &estimates{est: est, cache: map[estKey]travel.Estimate{}}
}

func (e *estimates) get(ctx context.Context, from, to travel.Place, mode travel.Mode) (travel.Estimate, error) {
	k := estKey{from, to, mode}
	if r, ok := e.cache[k]; ok {
		return r, nil
	}
	r, err := e.est.Estimate(ctx, from, to, mode)
	if err != nil {
		return r, err
	}
	e.cache[k] = r
	return r, nil
}

// buildDay plans date d of person p from their occurrences and absences
// (sorted; any that do not touch the day are left out).
func buildDay(ctx context.Context, p *profile, d holiday.Date, occs []Occurrence, abs []Absence, est *estimates) (rawDay, error) {
	loc := p.loc
	day := rawDay{date: d, start: d.Midnight(loc), end: d.AddDays(1).Midnight(loc), working: p.hours.working(d, loc)}
	day.startsAt, day.endsAt = p.hours.dayPlaces(d.Weekday())
	if h, ok, err := holiday.IsHoliday(d); err == nil && ok {
		day.holiday = &h
	}
	for _, ab := range abs {
		if ab.Start.Before(day.end) && ab.End.After(day.start) {
			day.absences = append(day.absences, ab)
		}
	}
	for _, o := range occs {
		if o.At.Before(day.end) && o.Until.After(day.start) {
			day.items = append(day.items, rawItem{o: o})
		}
	}
	items := day.items
	for i := range items {
		a := &items[i]
		if !takesTime(a.o.Appointment) {
			continue
		}
		for j := i + 1; j < len(items) && items[j].o.At.Before(a.o.Until); j++ {
			b := &items[j]
			if takesTime(b.o.Appointment) && b.o.Until.After(a.o.At) {
				a.flags = append(a.flags, rawFlag{code: FlagOverlap, with: j})
				b.flags = append(b.flags, rawFlag{code: FlagOverlap, with: i})
			}
		}
	}
	for i := range items {
		a := &items[i]
		if !takesTime(a.o.Appointment) {
			continue
		}
		if !covered(maxTime(a.o.At, day.start), minTime(a.o.Until, day.end), day.working) {
			a.flags = append(a.flags, rawFlag{code: FlagOutsideHours, with: -1})
		}
		for _, ab := range day.absences {
			if ab.Start.Before(a.o.Until) && a.o.At.Before(ab.End) {
				a.flags = append(a.flags, rawFlag{code: FlagAbsent, with: -1})
				break
			}
		}
		if day.holiday != nil {
			a.flags = append(a.flags, rawFlag{code: FlagHoliday, with: -1})
		}
	}
	return day, planTravel(ctx, p, &day, est)
}

// planTravel adds a travel block before each item with a place that is not
// where the person was: the place of the previous item with a place that
// day, else where the day starts (office or home). It flags an item that
// cannot be reached in time from the previous one (travel.Reachable with the
// person's buffer), leaving when the last appointment in between ends.
// Overlapping items are flagged as such, not as unreachable.
func planTravel(ctx context.Context, p *profile, day *rawDay, est *estimates) error {
	var start *Place
	home := day.startsAt == AtHome
	switch {
	case home && p.Home.HasCoordinates():
		start = &p.Home
	case !home && p.Office.HasCoordinates():
		start = &p.Office
	}
	items := day.items
	prev := -1 // the previous item with a place
	for i := range items {
		a := &items[i]
		o := a.o
		if !takesTime(o.Appointment) || !o.Place.HasCoordinates() || o.At.Before(day.start) {
			continue
		}
		rt := &rawTravel{from: prev}
		var from Place
		switch {
		case prev >= 0:
			from, rt.fromName = items[prev].o.Place, items[prev].o.Place.Name
		case start != nil:
			from, rt.fromHome = *start, home
			if !home {
				rt.fromName = p.Office.Name
			}
		default:
			prev = i
			continue
		}
		rt.mode = o.TravelMode
		if rt.mode == "" {
			rt.mode = p.TravelMode
		}
		e, err := est.get(ctx, from.Travel(), o.Place.Travel(), rt.mode)
		if err != nil {
			return err
		}
		if e.Duration > 0 {
			rt.est = e
			a.travel = rt
			if prev >= 0 && !items[prev].o.Until.After(o.At) {
				buffer := time.Duration(p.BufferMinutes) * time.Minute
				if ok, late := travel.Reachable(departure(items, prev, i), o.At, e, buffer); !ok {
					a.flags = append(a.flags, rawFlag{code: FlagUnreachable, with: prev, late: ceilMinutes(late)})
				}
			}
		}
		prev = i
	}
	return nil
}

// departure is when the person can leave for items[next] after items[prev]:
// when items[prev] ends, or later when an appointment without a place (a
// call) in between ends before items[next] starts.
func departure(items []rawItem, prev, next int) time.Time {
	t, limit := items[prev].o.Until, items[next].o.At
	for _, it := range items[prev+1 : next] {
		if takesTime(it.o.Appointment) && it.o.Until.After(t) && !it.o.Until.After(limit) {
			t = it.o.Until
		}
	}
	return t
}

func ceilMinutes(d time.Duration) int { return int((d + time.Minute - 1) / time.Minute) }

// covered reports whether [s, e) lies within the union of spans (sorted).
func covered(s, e time.Time, spans []slots.Interval) bool {
	for _, sp := range spans {
		if sp.Start.After(s) {
			return false
		}
		if sp.End.After(s) {
			s = sp.End
		}
		if !s.Before(e) {
			return true
		}
	}
	return !s.Before(e)
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
