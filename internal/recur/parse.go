// Package recur expands iCalendar recurrences (RFC 5545 RRULE, RDATE and
// EXDATE) into concrete occurrences in a time zone.
//
// Expansion works on wall-clock time: the rule is evaluated on the local
// date and time of DTSTART and every result is then placed in DTSTART's
// location, so a weekly 09:00 meeting in Europe/Amsterdam stays at 09:00
// local time on both sides of a daylight-saving change (RFC 5545 3.3.10:
// "the recurrence ... is generated in the time zone of DTSTART"). A local
// time that does not exist (the spring-forward gap) is moved forward by the
// length of the gap, as RFC 5545 3.3.5 prescribes.
//
// The rule arithmetic (BYxxx expansion and limiting, BYSETPOS, BYWEEKNO,
// WKST) is delegated to github.com/teambition/rrule-go, a port of
// python-dateutil, evaluated in UTC used as a floating clock; this package
// adds parsing with precise errors, time-zone placement, UNTIL handling,
// DTSTART as first instance, RDATE/EXDATE and bounded expansion.
package recur

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"spil/internal/apperr"
)

// Frequency is the FREQ rule part.
type Frequency int

// The frequencies, from coarse to fine (same order as rrule-go).
const (
	Yearly Frequency = iota
	Monthly
	Weekly
	Daily
	Hourly
	Minutely
	Secondly
)

var freqNames = [...]string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"}

func (f Frequency) String() string {
	if f < 0 || int(f) >= len(freqNames) {
		return "Frequency(" + strconv.Itoa(int(f)) + ")"
	}
	return freqNames[f]
}

// Until is the UNTIL rule part. Exactly one of its forms applies.
type Until struct {
	// Value holds the parsed date-time. For UTC values its location is
	// time.UTC; for floating and DATE values it holds the wall clock in
	// time.UTC and Floating is true.
	Value    time.Time
	Floating bool // no "Z": interpreted in the location of DTSTART
	IsDate   bool // a DATE value (YYYYMMDD): the whole day is included
}

// Rule is a parsed RRULE value. The zero Rule is not valid; obtain one
// from Parse.
type Rule struct {
	Freq     Frequency
	Interval int // >= 1
	Count    int // 0 = not set
	Until    *Until
	Wkst     time.Weekday // default Monday

	BySetPos   []int
	ByMonth    []int
	ByMonthDay []int
	ByYearDay  []int
	ByWeekNo   []int
	ByDay      []WeekdayNum
	ByHour     []int
	ByMinute   []int
	BySecond   []int

	src string
}

// WeekdayNum is one BYDAY entry: a weekday with an optional ordinal
// (N = 0: every such weekday; N = -1: the last one in the month or year).
type WeekdayNum struct {
	N   int
	Day time.Weekday
}

// String returns the rule text as it was given to Parse (normalized to
// upper case, without a leading "RRULE:").
func (r Rule) String() string { return r.src }

var dayCodes = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// maxRuleLen bounds the input so a hostile rule cannot make Parse slow.
const maxRuleLen = 4096

// Parse parses an RRULE value such as "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10".
// A leading "RRULE:" is accepted, names and values are case-insensitive and
// empty parts (a trailing ";") are ignored.
//
// On bad input it returns an apperr.Invalid error whose Fields map the
// offending rule part (e.g. "BYMONTHDAY") to what is wrong with it. It
// rejects: a missing or unknown FREQ, unknown or repeated parts, values out
// of the ranges of RFC 5545 3.3.10, INTERVAL or COUNT below 1, and COUNT
// together with UNTIL ("they MUST NOT occur in the same 'recur'").
func Parse(s string) (Rule, error) {
	invalid := func(part, msg string) (Rule, error) {
		return Rule{}, &apperr.Error{Kind: apperr.Invalid, Message: "invalid recurrence rule",
			Fields: map[string]string{part: msg}}
	}
	if len(s) > maxRuleLen {
		return invalid("RRULE", fmt.Sprintf("longer than %d characters", maxRuleLen))
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "RRULE:")
	r := Rule{Interval: 1, Wkst: time.Monday}
	seen := map[string]bool{}
	var norm []string
	for part := range strings.SplitSeq(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, val, ok := strings.Cut(part, "=")
		if !ok {
			return invalid(part, "expected NAME=VALUE")
		}
		if seen[name] {
			return invalid(name, "appears more than once")
		}
		seen[name] = true
		if val == "" {
			return invalid(name, "has no value")
		}
		var err string
		switch name {
		case "FREQ":
			err = "unknown frequency " + strconv.Quote(val)
			for i, n := range freqNames {
				if n == val {
					r.Freq, err = Frequency(i), ""
				}
			}
		case "INTERVAL":
			r.Interval, err = posInt(val)
		case "COUNT":
			r.Count, err = posInt(val)
		case "UNTIL":
			u, e := parseUntil(val)
			r.Until, err = u, e
		case "WKST":
			d, ok := dayCodes[val]
			if !ok {
				err = "unknown weekday " + strconv.Quote(val)
			}
			r.Wkst = d
		case "BYSECOND":
			r.BySecond, err = intList(val, 0, 60, false) // 60 = leap second per RFC
		case "BYMINUTE":
			r.ByMinute, err = intList(val, 0, 59, false)
		case "BYHOUR":
			r.ByHour, err = intList(val, 0, 23, false)
		case "BYMONTHDAY":
			r.ByMonthDay, err = intList(val, 1, 31, true)
		case "BYYEARDAY":
			r.ByYearDay, err = intList(val, 1, 366, true)
		case "BYWEEKNO":
			r.ByWeekNo, err = intList(val, 1, 53, true)
		case "BYMONTH":
			r.ByMonth, err = intList(val, 1, 12, false)
		case "BYSETPOS":
			r.BySetPos, err = intList(val, 1, 366, true)
		case "BYDAY":
			r.ByDay, err = dayList(val)
		default:
			return invalid(name, "unknown rule part")
		}
		if err != "" {
			return invalid(name, err)
		}
		norm = append(norm, name+"="+val)
	}
	switch {
	case !seen["FREQ"]:
		return invalid("FREQ", "is required")
	case seen["COUNT"] && seen["UNTIL"]:
		return invalid("UNTIL", "must not be combined with COUNT")
	}
	// RFC 5545 3.3.10 forbids BYDAY ordinals outside MONTHLY/YEARLY and
	// BYWEEKNO outside YEARLY; producers emit them anyway, so like
	// python-dateutil we accept them: the ordinal is ignored and BYWEEKNO
	// limits the candidate days.
	r.src = strings.Join(norm, ";")
	return r, nil
}

func posInt(v string) (int, string) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, "must be a whole number of at least 1, got " + strconv.Quote(v)
	}
	return n, ""
}

func intList(v string, lo, hi int, signed bool) ([]int, string) {
	var out []int
	for f := range strings.SplitSeq(v, ",") {
		n, err := strconv.Atoi(strings.TrimPrefix(f, "+"))
		if err != nil || f == "" {
			return nil, "not a number: " + strconv.Quote(f)
		}
		ok := n >= lo && n <= hi || signed && n <= -lo && n >= -hi && n != 0
		if !ok {
			if signed {
				return nil, fmt.Sprintf("value %d is out of range %d..%d or -%d..-%d", n, lo, hi, hi, lo)
			}
			return nil, fmt.Sprintf("value %d is out of range %d..%d", n, lo, hi)
		}
		if len(out) >= 400 {
			return nil, "too many values"
		}
		if !slices.Contains(out, n) { // duplicates add nothing (and confuse the engine)
			out = append(out, n)
		}
	}
	return out, ""
}

func dayList(v string) ([]WeekdayNum, string) {
	var out []WeekdayNum
	for f := range strings.SplitSeq(v, ",") {
		if len(f) < 2 {
			return nil, "not a weekday: " + strconv.Quote(f)
		}
		d, ok := dayCodes[f[len(f)-2:]]
		if !ok {
			return nil, "not a weekday: " + strconv.Quote(f)
		}
		n := 0
		if num := f[:len(f)-2]; num != "" {
			var err error
			n, err = strconv.Atoi(strings.TrimPrefix(num, "+"))
			if err != nil || n == 0 || n < -53 || n > 53 || strings.HasPrefix(num, "+-") {
				return nil, "bad ordinal in " + strconv.Quote(f) + " (use 1..53 or -53..-1)"
			}
		}
		if len(out) >= 400 {
			return nil, "too many values"
		}
		if w := (WeekdayNum{N: n, Day: d}); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out, ""
}

func parseUntil(v string) (*Until, string) {
	t, isDate, utc, err := parseValue(v)
	if err != nil {
		return nil, err.Error()
	}
	return &Until{Value: t, Floating: !utc, IsDate: isDate}, ""
}

// parseValue parses an RFC 5545 DATE ("20260329") or DATE-TIME
// ("20260329T090000", optionally with "Z") into a wall clock in time.UTC.
func parseValue(v string) (t time.Time, isDate, utc bool, err error) {
	switch {
	case len(v) == 8:
		t, err = time.Parse("20060102", v)
		isDate = true
	case len(v) == 16 && v[15] == 'Z':
		t, err = time.Parse("20060102T150405", v[:15])
		utc = true
	case len(v) == 15:
		t, err = time.Parse("20060102T150405", v)
	default:
		err = fmt.Errorf("%q is not a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS[Z])", v)
	}
	if err != nil && !strings.Contains(err.Error(), "DATE") {
		err = fmt.Errorf("%q is not a valid date or date-time", v)
	}
	return t, isDate, utc, err
}

// ParseTime parses an RFC 5545 DATE or DATE-TIME value as used in DTSTART,
// RDATE and EXDATE. A value ending in "Z" is UTC; any other (floating or
// TZID-qualified) value is read as wall-clock time in loc. isDate reports a
// DATE value, which is placed at 00:00 in loc.
func ParseTime(v string, loc *time.Location) (t time.Time, isDate bool, err error) {
	w, isDate, utc, err := parseValue(strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, false, apperr.Errorf(apperr.Invalid, "invalid date-time: %v", err)
	}
	if utc {
		return w, false, nil
	}
	return wallIn(w, loc), isDate, nil
}

// toOption converts r into rrule-go options on a floating start.
// For an all-day set the time-of-day parts are dropped: a DATE has no time.
func (r Rule) toOption(floatStart time.Time, allDay bool) rrule.ROption {
	o := rrule.ROption{
		Freq:       rrule.Frequency(r.Freq),
		Dtstart:    floatStart,
		Interval:   r.Interval,
		Count:      r.Count,
		Wkst:       pyDay(r.Wkst),
		Bysetpos:   r.BySetPos,
		Bymonth:    r.ByMonth,
		Bymonthday: r.ByMonthDay,
		Byyearday:  r.ByYearDay,
		Byweekno:   r.ByWeekNo,
		Byhour:     r.ByHour,
		Byminute:   r.ByMinute,
	}
	if allDay {
		o.Byhour, o.Byminute, r.BySecond = nil, nil, nil
		if r.Freq > Daily {
			o.Freq = rrule.DAILY
		}
	}
	for _, s := range r.BySecond {
		if s == 60 { // leap seconds do not exist in Go time; treat as 59
			s = 59
		}
		o.Bysecond = append(o.Bysecond, s)
	}
	for _, d := range r.ByDay {
		wd := pyDay(d.Day)
		if d.N != 0 {
			wd = wd.Nth(d.N)
		}
		o.Byweekday = append(o.Byweekday, wd)
	}
	return o
}

func pyDay(d time.Weekday) rrule.Weekday {
	return [...]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}[d]
}
