package recur

import (
	"slices"
	"time"

	"github.com/teambition/rrule-go"
)

// MaxCandidates bounds the work of one expansion: at most this many
// candidate instances are taken from each rule (whether or not they fall
// in the requested window or are excluded). Rules that never produce, such
// as FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31, end at year 9999 of the rule
// engine; together this makes every expansion terminate.
const MaxCandidates = 100_000

// SubDailyHorizon bounds HOURLY, MINUTELY and SECONDLY rules: they yield
// no instance later than this after DTSTART (or after Between's from).
const SubDailyHorizon = 10 * 366 * 24 * time.Hour

// Set is a recurrence set (RFC 5545 3.8.5.3): DTSTART, the instances of its
// rules and the RDATEs, minus the EXDATEs.
type Set struct {
	// Start is DTSTART. Its location is the zone in which the rules are
	// evaluated: build a floating or TZID-qualified DTSTART with
	// time.Date(..., loc) (or ParseTime). When Start matches the rules it
	// is the first instance and COUNT includes it.
	Start time.Time
	// Rules are the RRULEs. RFC 5545 allows one; several are merged.
	Rules []Rule
	// RDates are extra instances, ExDates removed ones. They are compared
	// as instants; a DATE EXDATE should be given at the wall-clock time of
	// Start on that day.
	RDates, ExDates []time.Time
	// IncludeStart makes Start an instance even when it does not match
	// the rules (it then does not count against COUNT). RFC 5545 leaves an
	// unsynchronized DTSTART undefined ("The recurrence set generated with
	// a DTSTART property value not synchronized with the recurrence rule
	// is undefined"); libical, ical.js and python-dateutil all leave it
	// out, and so does Set by default. A Set without rules always yields
	// Start.
	IncludeStart bool
	// AllDay marks a DATE-valued DTSTART: BYHOUR, BYMINUTE and BYSECOND
	// are ignored and sub-daily frequencies step by whole days.
	AllDay bool
}

// First returns the first n instances of the set in chronological order
// (fewer if the set is smaller). n <= 0 returns nil.
func (s Set) First(n int) []time.Time {
	if n <= 0 {
		return nil
	}
	return s.expand(time.Time{}, time.Time{}, n)
}

// Between returns the instances t with from <= t < to in chronological
// order, at most limit of them (limit <= 0 means no limit other than
// MaxCandidates per rule).
func (s Set) Between(from, to time.Time, limit int) []time.Time {
	if !to.After(from) {
		return nil
	}
	return s.expand(from, to, limit)
}

// expand merges all sources. A zero from/to is unbounded.
func (s Set) expand(from, to time.Time, limit int) []time.Time {
	loc := s.Start.Location()
	var srcs []func() (time.Time, bool)
	if s.IncludeStart || len(s.Rules) == 0 {
		srcs = append(srcs, sliceSource([]time.Time{s.Start}))
	}
	if len(s.RDates) > 0 {
		r := slices.Clone(s.RDates)
		slices.SortFunc(r, func(a, b time.Time) int { return a.Compare(b) })
		srcs = append(srcs, sliceSource(r))
	}
	for _, r := range s.Rules {
		srcs = append(srcs, r.source(s.Start, loc, from, to, s.AllDay))
	}
	heads := make([]time.Time, len(srcs))
	live := make([]bool, len(srcs))
	for i, src := range srcs {
		heads[i], live[i] = src()
	}
	var out []time.Time
	var last time.Time
	first := true
	for limit <= 0 || len(out) < limit {
		best := -1
		for i := range srcs {
			if live[i] && (best < 0 || heads[i].Before(heads[best])) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		t := heads[best]
		heads[best], live[best] = srcs[best]()
		if !to.IsZero() && !t.Before(to) {
			live[best] = false // sources are ordered: nothing further is in range
			continue
		}
		if (!first && t.Equal(last)) || (!from.IsZero() && t.Before(from)) || s.excluded(t) {
			continue
		}
		first, last = false, t
		out = append(out, t)
	}
	return out
}

func (s Set) excluded(t time.Time) bool {
	for _, x := range s.ExDates {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

func sliceSource(ts []time.Time) func() (time.Time, bool) {
	return func() (time.Time, bool) {
		if len(ts) == 0 {
			return time.Time{}, false
		}
		t := ts[0]
		ts = ts[1:]
		return t, true
	}
}

// source returns an ordered iterator over the instances of r for a set
// starting at start, evaluated on the wall clock of loc. A non-zero to lets
// the iterator stop early.
func (r Rule) source(start time.Time, loc *time.Location, from, to time.Time, allDay bool) func() (time.Time, bool) {
	float := floating(start.In(loc))
	opt := r.toOption(float, allDay)
	if r.Until != nil {
		opt.Until = r.untilFloating(loc)
	}
	if !to.IsZero() {
		// One day of slack covers wall clocks that map back across a
		// daylight-saving change; expand drops anything at or after to.
		horizon := floating(to.In(loc)).Add(24 * time.Hour)
		if opt.Until.IsZero() || horizon.Before(opt.Until) {
			opt.Until = horizon
		}
	}
	if r.Freq >= Hourly && !allDay {
		// Sub-daily rules that never match would walk every hour up to
		// year 9999 (seconds of CPU); look at most SubDailyHorizon past
		// the later of DTSTART and from.
		base := float
		if f := floating(from.In(loc)); !from.IsZero() && f.After(base) {
			base = f
		}
		if h := base.Add(SubDailyHorizon); opt.Until.IsZero() || h.Before(opt.Until) {
			opt.Until = h
		}
	}
	if r.neverMatches() {
		return sliceSource(nil)
	}
	rr, err := rrule.NewRRule(opt)
	if err != nil { // Parse already enforced the bounds rrule-go checks
		return sliceSource(nil)
	}
	next := rr.Iterator()
	n := 0
	var prev time.Time
	return func() (time.Time, bool) {
		for n < MaxCandidates {
			n++
			f, ok := next()
			if !ok {
				n = MaxCandidates
				break
			}
			t := wallIn(f, loc)
			if !prev.IsZero() && !t.After(prev) {
				// the spring-forward gap can map two wall clocks onto
				// one instant; keep the order strictly increasing
				continue
			}
			prev = t
			return t, true
		}
		return time.Time{}, false
	}
}

// untilFloating returns UNTIL as a wall clock of loc in time.UTC. A UTC
// UNTIL is converted into loc; a DATE UNTIL includes that whole day.
func (r Rule) untilFloating(loc *time.Location) time.Time {
	u := r.Until
	switch {
	case u.IsDate:
		return u.Value.Add(24*time.Hour - time.Second)
	case u.Floating:
		return u.Value
	default:
		return floating(u.Value.In(loc))
	}
}

// floating returns the wall clock of t as a time in time.UTC.
func floating(t time.Time) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

// wallIn places the wall clock of f (read in UTC) in loc. A wall clock in
// the spring-forward gap is moved forward by the gap (RFC 5545 3.3.5: "the
// actual time ... is interpreted using the UTC offset before the gap").
func wallIn(f time.Time, loc *time.Location) time.Time {
	y, m, d := f.Date()
	hh, mm, ss := f.Clock()
	t := time.Date(y, m, d, hh, mm, ss, 0, loc)
	if th, tm, _ := t.Clock(); th != hh || tm != mm {
		// Go chose the offset after the gap; RFC wants the one before.
		_, offBefore := t.Add(-6 * time.Hour).Zone()
		t = time.Date(y, m, d, hh, mm, ss, 0, time.UTC).Add(-time.Duration(offBefore) * time.Second).In(loc)
	}
	return t
}

// neverMatches reports whether the rule's months and days of the month can
// never meet (30 February, 31 April). Such a rule has no instances; the
// expansion underneath would otherwise walk on to the year 9999 looking for
// one, which takes a noticeable fraction of a second.
func (r Rule) neverMatches() bool {
	if len(r.ByMonthDay) == 0 {
		return false
	}
	months := r.ByMonth
	if len(months) == 0 {
		months = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	}
	for _, m := range months {
		longest := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
		for _, d := range r.ByMonthDay {
			if d <= longest && -d <= longest {
				return false
			}
		}
	}
	return true
}
