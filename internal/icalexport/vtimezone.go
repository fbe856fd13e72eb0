package icalexport

import (
	"fmt"
	"slices"
	"time"
)

// zoneUse is one zone used by the items and the years its times fall in.
type zoneUse struct {
	loc        *time.Location
	minY, maxY int
}

type zoneSet map[string]*zoneUse

func newZoneSet() zoneSet { return zoneSet{} }

// seriesYears is how far beyond its first start a recurring item's zone is
// described when the zone is irregular (regular zones repeat by RRULE).
const seriesYears = 5

func (zs zoneSet) add(loc *time.Location, t time.Time) {
	y := t.In(loc).Year()
	z := zs[loc.String()]
	if z == nil {
		zs[loc.String()] = &zoneUse{loc: loc, minY: y, maxY: y}
		return
	}
	z.minY, z.maxY = min(z.minY, y), max(z.maxY, y)
}

// addItem records the zone of every time of it that is written with a TZID.
func (zs zoneSet) addItem(it *Item, known map[string]bool) {
	if it.AllDay {
		return
	}
	zone := itemZone(it, known)
	if zone == nil {
		return
	}
	zs.add(zone, it.Start)
	zs.add(zone, it.End)
	if it.RRule != "" {
		zs.add(zone, it.Start.AddDate(seriesYears, 0, 0))
	}
	for _, x := range it.RDates {
		zs.add(zone, x)
	}
	for _, x := range it.ExDates {
		zs.add(zone, x)
	}
	if it.RecurrenceID != nil {
		zs.add(zone, *it.RecurrenceID)
	}
}

func (zs zoneSet) sorted() []*zoneUse {
	var out []*zoneUse
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range zs {
			if !yield(k) {
				return
			}
		}
	}) {
		out = append(out, zs[name])
	}
	return out
}

// transition is a change of offset in a zone.
type transition struct {
	at       time.Time // the instant, UTC
	from, to int       // offsets in seconds east of UTC
	name     string    // abbreviation after the change
	dst      bool      // the zone after the change is daylight saving time
}

// transitions lists the offset changes of loc in [lo, hi).
func transitions(loc *time.Location, lo, hi time.Time) []transition {
	var out []transition
	t := lo
	for {
		_, end := t.In(loc).ZoneBounds()
		if !end.IsZero() && !end.After(t) {
			// Go's ZoneBounds can return end == t at the synthetic
			// year boundaries of a zone's extended rule (seen at
			// 2044-12-31 in Europe/Amsterdam); step over it.
			t = t.Add(24 * time.Hour)
			if !t.Before(hi) {
				return out
			}
			continue
		}
		if end.IsZero() || !end.Before(hi) {
			return out
		}
		prev, from := end.Add(-time.Second).In(loc).Zone()
		name, to := end.In(loc).Zone()
		if from != to || prev != name {
			out = append(out, transition{at: end.UTC(), from: from, to: to, name: name, dst: end.In(loc).IsDST()})
		}
		t = end
	}
}

// rule is a yearly transition pattern: the nth (or last, -1) weekday of a
// month at a wall time.
type rule struct {
	month     time.Month
	weekday   time.Weekday
	nth       int
	h, m, s   int
	from, to  int
	name      string
	firstWall time.Time // wall time (as UTC fields) of the first onset
}

// regularRules reports whether ts are exactly one change to daylight time
// and one to standard time in every year of [y0, y1], each following one
// yearly rule; it returns the two rules.
func regularRules(ts []transition, y0, y1 int) ([2]rule, bool) {
	var rules [2]rule
	if len(ts) != 2*(y1-y0+1) {
		return rules, false
	}
	var nths [2]map[int]bool
	for i, t := range ts {
		k := 0
		if t.dst {
			k = 1
		}
		wall := t.at.Add(time.Duration(t.from) * time.Second)
		if wall.Year() != y0+i/2 {
			return rules, false
		}
		dim := time.Date(wall.Year(), wall.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		cands := map[int]bool{(wall.Day()-1)/7 + 1: true}
		if wall.Day()+7 > dim {
			cands[-1] = true
		}
		h, m, s := wall.Clock()
		r := rule{month: wall.Month(), weekday: wall.Weekday(), h: h, m: m, s: s, from: t.from, to: t.to, name: t.name, firstWall: wall}
		if nths[k] == nil {
			rules[k], nths[k] = r, cands
			continue
		}
		f := rules[k]
		if f.month != r.month || f.weekday != r.weekday || f.h != h || f.m != m || f.s != s || f.from != r.from || f.to != r.to || f.name != r.name {
			return rules, false
		}
		for n := range nths[k] {
			if !cands[n] {
				delete(nths[k], n)
			}
		}
	}
	for k := range rules {
		if nths[k] == nil || len(nths[k]) == 0 {
			return rules, false
		}
		rules[k].nth = 0
		for n := range nths[k] {
			if n == -1 || rules[k].nth == 0 || (rules[k].nth != -1 && n < rules[k].nth) {
				rules[k].nth = n
			}
		}
	}
	return rules, true
}

// ruleCheckYears is how many years after the covered ones a zone's yearly
// rule must also hold before it is written as an RRULE: this fixes "last"
// versus "4th" and makes the rule right for some years of recurrence.
const ruleCheckYears = 10

// writeVTimezone writes the VTIMEZONE of z.loc, derived from Go's zone
// data. The description starts on 1 January of the year before the first
// covered year. A zone with a regular yearly pattern over the covered
// years and ruleCheckYears beyond gets one STANDARD and one DAYLIGHT with
// RRULE (open ended); any other zone gets one observance per change in the
// covered years (the last offset then holds after them). A zone without
// changes gets a single STANDARD.
func writeVTimezone(lw *lineWriter, z *zoneUse) {
	loc := z.loc
	y0 := z.minY - 1
	lo := time.Date(y0, 1, 1, 0, 0, 0, 0, loc)
	lw.line("BEGIN:VTIMEZONE")
	lw.line("TZID:" + loc.String())
	hiCheck := time.Date(z.maxY+ruleCheckYears+1, 1, 1, 0, 0, 0, 0, loc)
	if rules, ok := regularRules(transitions(loc, lo, hiCheck), y0, z.maxY+ruleCheckYears); ok {
		for k, r := range rules {
			kind := "STANDARD"
			if k == 1 {
				kind = "DAYLIGHT"
			}
			lw.line("BEGIN:" + kind)
			lw.line("DTSTART:" + r.firstWall.Format(localLayout))
			lw.line("TZOFFSETFROM:" + offset(r.from))
			lw.line("TZOFFSETTO:" + offset(r.to))
			lw.line("TZNAME:" + escapeText(r.name))
			lw.line(fmt.Sprintf("RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(r.month), r.nth, weekdayCode(r.weekday)))
			lw.line("END:" + kind)
		}
		lw.line("END:VTIMEZONE")
		return
	}
	// Irregular or no changes: the offset at lo, then every change.
	name, off := lo.Zone()
	observance(lw, lo.IsDST(), time.Date(y0, 1, 1, 0, 0, 0, 0, time.UTC), off, off, name)
	hi := time.Date(z.maxY+1, 1, 1, 0, 0, 0, 0, loc)
	for _, t := range transitions(loc, lo, hi) {
		observance(lw, t.dst, t.at.Add(time.Duration(t.from)*time.Second), t.from, t.to, t.name)
	}
	lw.line("END:VTIMEZONE")
}

func observance(lw *lineWriter, dst bool, wall time.Time, from, to int, name string) {
	kind := "STANDARD"
	if dst {
		kind = "DAYLIGHT"
	}
	lw.line("BEGIN:" + kind)
	lw.line("DTSTART:" + wall.Format(localLayout))
	lw.line("TZOFFSETFROM:" + offset(from))
	lw.line("TZOFFSETTO:" + offset(to))
	lw.line("TZNAME:" + escapeText(name))
	lw.line("END:" + kind)
}

// offset formats seconds east of UTC as ±HHMM, or ±HHMMSS when needed.
func offset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

func weekdayCode(d time.Weekday) string {
	return [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[d]
}
