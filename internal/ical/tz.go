package ical

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// vtimezone is an embedded VTIMEZONE reduced to what is needed to compute
// its UTC offset: observances with onset, offsets and yearly rules.
type vtimezone struct {
	id   string
	obs  []observance
	line int
}

type observance struct {
	start    wall
	from, to int // seconds east of UTC
	rule     *yearlyRule
	rdates   []wall
}

// yearlyRule is the subset of RRULE that time-zone observances use:
// FREQ=YEARLY with BYMONTH, BYDAY (optionally with an ordinal) and
// BYMONTHDAY, bounded by UNTIL.
type yearlyRule struct {
	month    int
	weekday  int // -1: none
	ordinal  int // 0: any
	monthday []int
	until    *wall
}

func parseVTimezone(c *component) (*vtimezone, error) {
	id, _ := c.first("TZID")
	tz := &vtimezone{id: strings.TrimSpace(unescapeText(id.value)), line: c.line}
	for _, sub := range c.subs {
		if sub.name != "STANDARD" && sub.name != "DAYLIGHT" {
			continue
		}
		var o observance
		ds, ok := sub.first("DTSTART")
		if !ok {
			return nil, fmt.Errorf("%s observance at line %d has no DTSTART", sub.name, sub.line)
		}
		w, err := parseWall(ds.value)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", ds.line, err)
		}
		o.start = w
		f, ok1 := sub.first("TZOFFSETFROM")
		t, ok2 := sub.first("TZOFFSETTO")
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s observance at line %d lacks TZOFFSETFROM or TZOFFSETTO", sub.name, sub.line)
		}
		if o.from, err = parseOffset(f.value); err != nil {
			return nil, fmt.Errorf("line %d: %v", f.line, err)
		}
		if o.to, err = parseOffset(t.value); err != nil {
			return nil, fmt.Errorf("line %d: %v", t.line, err)
		}
		if rr, ok := sub.first("RRULE"); ok {
			o.rule = parseYearlyRule(rr.value, w)
		}
		for _, rd := range sub.all("RDATE") {
			for _, v := range strings.Split(rd.value, ",") {
				if rw, err := parseWall(v); err == nil {
					o.rdates = append(o.rdates, rw)
				}
			}
		}
		tz.obs = append(tz.obs, o)
	}
	if len(tz.obs) == 0 {
		return nil, fmt.Errorf("VTIMEZONE %q at line %d has no STANDARD or DAYLIGHT observance", tz.id, c.line)
	}
	return tz, nil
}

// parseYearlyRule returns nil for rules it does not understand; the
// observance then counts only at its DTSTART.
func parseYearlyRule(v string, start wall) *yearlyRule {
	r := &yearlyRule{month: start.mo, weekday: -1}
	freq := ""
	for _, part := range strings.Split(strings.ToUpper(v), ";") {
		k, val, _ := strings.Cut(part, "=")
		switch k {
		case "FREQ":
			freq = val
		case "BYMONTH":
			m, err := strconv.Atoi(val)
			if err != nil || m < 1 || m > 12 {
				return nil
			}
			r.month = m
		case "BYDAY":
			if strings.Contains(val, ",") || len(val) < 2 {
				return nil
			}
			wd := weekdayIndex(val[len(val)-2:])
			if wd < 0 {
				return nil
			}
			r.weekday = wd
			if n := val[:len(val)-2]; n != "" {
				o, err := strconv.Atoi(strings.TrimPrefix(n, "+"))
				if err != nil || o == 0 || o < -5 || o > 5 {
					return nil
				}
				r.ordinal = o
			}
		case "BYMONTHDAY":
			for _, s := range strings.Split(val, ",") {
				d, err := strconv.Atoi(s)
				if err != nil || d < 1 || d > 31 {
					return nil
				}
				r.monthday = append(r.monthday, d)
			}
		case "UNTIL":
			u, err := parseWall(val)
			if err != nil {
				return nil
			}
			r.until = &u
		}
	}
	if freq != "YEARLY" {
		return nil
	}
	return r
}

func weekdayIndex(s string) int {
	for i, n := range []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"} {
		if s == n {
			return i
		}
	}
	return -1
}

// onsetIn returns the rule's onset (local wall time) in year y.
func (r *yearlyRule) onsetIn(y int, start wall) (wall, bool) {
	first := time.Date(y, time.Month(r.month), 1, 0, 0, 0, 0, time.UTC)
	days := first.AddDate(0, 1, -1).Day()
	var cands []int
	for d := 1; d <= days; d++ {
		wd := int(first.AddDate(0, 0, d-1).Weekday())
		if r.weekday >= 0 && wd != r.weekday {
			continue
		}
		if len(r.monthday) > 0 && !containsInt(r.monthday, d) {
			continue
		}
		if r.weekday < 0 && len(r.monthday) == 0 && d != start.d {
			continue
		}
		cands = append(cands, d)
	}
	if len(cands) == 0 {
		return wall{}, false
	}
	d := cands[0]
	switch {
	case r.ordinal > 0 && len(r.monthday) == 0:
		if r.ordinal > len(cands) {
			return wall{}, false
		}
		d = cands[r.ordinal-1]
	case r.ordinal < 0 && len(r.monthday) == 0:
		if -r.ordinal > len(cands) {
			return wall{}, false
		}
		d = cands[len(cands)+r.ordinal]
	}
	return wall{y: y, mo: r.month, d: d, h: start.h, mi: start.mi, s: start.s}, true
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

type transition struct {
	at     time.Time // UTC
	offset int
}

// transitions lists the onsets of all observances that matter for years
// lo..hi, sorted by instant.
func (tz *vtimezone) transitions(lo, hi int) []transition {
	var ts []transition
	add := func(o observance, w wall) {
		ts = append(ts, transition{at: w.asUTC().Add(-time.Duration(o.from) * time.Second), offset: o.to})
	}
	for _, o := range tz.obs {
		add(o, o.start)
		for _, w := range o.rdates {
			add(o, w)
		}
		if o.rule == nil {
			continue
		}
		from, to := max(o.start.y, lo-1), hi+1
		if o.rule.until != nil && o.rule.until.y < to {
			to = o.rule.until.y
			if to < from {
				from = to
			}
		}
		for y := from; y <= to; y++ {
			w, ok := o.rule.onsetIn(y, o.start)
			if !ok || w.asUTC().Before(o.start.asUTC()) {
				continue
			}
			if u := o.rule.until; u != nil && w.asUTC().Add(-time.Duration(o.from)*time.Second).After(untilInstant(*u, o.from)) {
				continue
			}
			add(o, w)
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].at.Before(ts[j].at) })
	return ts
}

func untilInstant(u wall, from int) time.Time {
	if u.utc {
		return u.asUTC()
	}
	if u.date {
		return u.asUTC().Add(24*time.Hour - time.Second - time.Duration(from)*time.Second)
	}
	return u.asUTC().Add(-time.Duration(from) * time.Second)
}

// offsetAt returns the offset in effect at instant u given transitions ts.
func (tz *vtimezone) offsetAt(ts []transition, u time.Time) int {
	i := sort.Search(len(ts), func(i int) bool { return ts[i].at.After(u) })
	if i == 0 {
		return tz.obs[0].from
	}
	return ts[i-1].offset
}

// instant converts a wall time to UTC under this VTIMEZONE. An ambiguous
// time takes the first of its two instants; a time in a gap takes the
// offset from before the gap (RFC 5545 3.3.5).
func (tz *vtimezone) instant(w wall) (time.Time, int) {
	ts := tz.transitions(w.y, w.y)
	base := w.asUTC()
	var best time.Time
	bestOff, found := 0, false
	seen := map[int]bool{}
	for _, o := range tz.obs {
		for _, off := range []int{o.from, o.to} {
			if seen[off] {
				continue
			}
			seen[off] = true
			u := base.Add(-time.Duration(off) * time.Second)
			if tz.offsetAt(ts, u) == off && (!found || u.Before(best)) {
				best, bestOff, found = u, off, true
			}
		}
	}
	if !found {
		off := tz.offsetAt(ts, base.Add(-24*time.Hour))
		return base.Add(-time.Duration(off) * time.Second), off
	}
	return best, bestOff
}

// matchesYear reports whether loc gives the same UTC offsets as tz through
// year y, sampled every two hours, allowing two mismatching samples so a
// transition defined an hour apart still matches.
func (tz *vtimezone) matchesYear(loc *time.Location, y int) bool {
	ts := tz.transitions(y, y)
	for m := 1; m <= 12; m += 3 { // cheap rejection before the full scan
		u := time.Date(y, time.Month(m), 15, 12, 0, 0, 0, time.UTC)
		if _, off := u.In(loc).Zone(); off != tz.offsetAt(ts, u) {
			return false
		}
	}
	u := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	end := u.AddDate(1, 0, 0)
	miss := 0
	for ; u.Before(end); u = u.Add(2 * time.Hour) {
		_, off := u.In(loc).Zone()
		if off != tz.offsetAt(ts, u) {
			miss++
			if miss > 2 {
				return false
			}
		}
	}
	return true
}
