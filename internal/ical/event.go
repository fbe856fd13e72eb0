package ical

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// readEvent converts one VEVENT. It returns an error when the event cannot
// be placed in time (no or bad DTSTART, a malformed content line); smaller
// problems are warnings and the event is kept.
func readEvent(c *component, res *resolver, warn func(string)) (Event, error) {
	ev := Event{Line: c.line, Visibility: VisibilityNormal}
	for _, p := range c.props {
		if p.bad != "" && !strings.HasPrefix(p.name, "X-") {
			return ev, fmt.Errorf("line %d: malformed line: %s", p.line, p.bad)
		}
	}
	if u, ok := c.first("UID"); ok {
		ev.UID = unescapeText(u.value)
	}
	for _, p := range c.props {
		if p.bad != "" {
			warn(fmt.Sprintf("line %d: ignored malformed extension line: %s", p.line, p.bad))
		}
	}
	where := func(line int) string {
		if ev.UID != "" {
			return fmt.Sprintf("line %d (UID %s)", line, clip(ev.UID, 60))
		}
		return fmt.Sprintf("line %d", line)
	}
	if ev.UID == "" {
		warn(where(c.line) + ": event has no UID")
	}
	text := func(name string) string {
		if p, ok := c.first(name); ok {
			return unescapeText(p.value)
		}
		return ""
	}
	ev.Summary, ev.Description, ev.Location = text("SUMMARY"), text("DESCRIPTION"), text("LOCATION")
	ev.Status = strings.ToUpper(strings.TrimSpace(text("STATUS")))
	ev.Class = strings.ToUpper(strings.TrimSpace(text("CLASS")))
	switch ev.Class {
	case "", "PUBLIC":
	case "CONFIDENTIAL":
		ev.Visibility = VisibilityConfidential
	default:
		ev.Visibility = VisibilityPrivate
	}

	ds, ok := c.first("DTSTART")
	if !ok {
		return ev, errors.New("no DTSTART")
	}
	start, err := parseWall(ds.value)
	if err != nil {
		return ev, fmt.Errorf("line %d: DTSTART: %v", ds.line, err)
	}
	if strings.EqualFold(ds.param("VALUE"), "DATE") && !start.date {
		return ev, fmt.Errorf("line %d: DTSTART has VALUE=DATE but a date-time value", ds.line)
	}
	_, hasTZ := ds.params["TZID"]
	ev.TZID = ds.param("TZID")
	ev.AllDay = start.date
	ev.Floating = !start.date && !start.utc && !hasTZ
	ev.Start = placeStart(start, ds, res)
	if ev.AllDay {
		ev.StartDate = Date{start.y, time.Month(start.mo), start.d}
	}

	switch de, hasEnd := c.first("DTEND"); {
	case hasEnd:
		end, err := parseWall(de.value)
		if err != nil {
			warn(fmt.Sprintf("%s: DTEND ignored: %v", where(de.line), err))
			ev.End = defaultEnd(ev)
			break
		}
		if end.date != start.date {
			warn(fmt.Sprintf("%s: DTEND is a %s but DTSTART is not; DTEND read as given", where(de.line), kind(end)))
		}
		ev.End = placeStart(end, de, res)
	default:
		if du, ok := c.first("DURATION"); ok {
			d, err := parseDuration(du.value)
			if err != nil {
				warn(fmt.Sprintf("%s: DURATION ignored: %v", where(du.line), err))
				ev.End = defaultEnd(ev)
			} else {
				ev.End = d.addTo(ev.Start)
			}
		} else {
			ev.End = defaultEnd(ev)
		}
	}
	if ev.End.Before(ev.Start) {
		warn(fmt.Sprintf("%s: event ends before it starts; end set to start", where(c.line)))
		ev.End = ev.Start
	}
	if ev.AllDay {
		y, m, d := ev.End.Date()
		ev.EndDate = Date{y, m, d}
	}

	if o, ok := c.first("ORGANIZER"); ok {
		p := person(o)
		ev.Organizer = &p
	}
	for _, a := range c.all("ATTENDEE") {
		ev.Attendees = append(ev.Attendees, person(a))
	}
	for _, cat := range c.all("CATEGORIES") {
		for _, s := range splitText(cat.value) {
			if s = strings.TrimSpace(s); s != "" {
				ev.Categories = append(ev.Categories, s)
			}
		}
	}
	rr := c.all("RRULE")
	if len(rr) > 0 {
		ev.RRule = strings.TrimSpace(rr[0].value)
		if len(rr) > 1 {
			warn(fmt.Sprintf("%s: %d RRULEs; only the first is kept", where(rr[1].line), len(rr)))
		}
	}
	ev.RDates = dateList(c.all("RDATE"), res, warn, where)
	ev.ExDates = dateList(c.all("EXDATE"), res, warn, where)
	if rid, ok := c.first("RECURRENCE-ID"); ok {
		vals := dateList([]contentLine{rid}, res, warn, where)
		if len(vals) == 1 {
			ev.RecurrenceID = &vals[0]
			ev.ThisAndFuture = strings.EqualFold(rid.param("RANGE"), "THISANDFUTURE")
		}
	}
	if s, ok := c.first("SEQUENCE"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s.value))
		if err != nil || n < 0 {
			warn(fmt.Sprintf("%s: SEQUENCE %q ignored", where(s.line), clip(s.value, 20)))
		} else {
			ev.Sequence = n
		}
	}
	if p, ok := c.first("PRIORITY"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(p.value))
		if err != nil || n < 0 || n > 9 {
			warn(fmt.Sprintf("%s: PRIORITY %q ignored", where(p.line), clip(p.value, 20)))
		} else {
			ev.Priority = n
		}
	}
	if lm, ok := c.first("LAST-MODIFIED"); ok {
		w, err := parseWall(lm.value)
		if err != nil || w.date {
			warn(fmt.Sprintf("%s: LAST-MODIFIED %q ignored", where(lm.line), clip(lm.value, 30)))
		} else {
			// RFC 5545 3.8.7.3 requires UTC; a value without Z is read as UTC.
			ev.LastModified = w.asUTC()
		}
	}
	ev.Reminder = reminder(c, ev.Start, warn)
	return ev, nil
}

// reminder returns how long before start the first alarm of c goes off:
// a TRIGGER duration before the start (RELATED=START, the default), or an
// absolute DATE-TIME trigger before start. Alarms after the start or related
// to the end are left out.
func reminder(c *component, start time.Time, warn func(string)) *time.Duration {
	for _, a := range c.subs {
		if a.name != "VALARM" {
			continue
		}
		tr, ok := a.first("TRIGGER")
		if !ok {
			continue
		}
		var before time.Duration
		if strings.EqualFold(tr.param("VALUE"), "DATE-TIME") {
			t, err := time.Parse("20060102T150405Z", strings.TrimSpace(tr.value))
			if err != nil || start.IsZero() {
				warn(fmt.Sprintf("line %d: TRIGGER %q ignored", tr.line, clip(tr.value, 30)))
				continue
			}
			before = start.Sub(t)
		} else {
			if strings.EqualFold(tr.param("RELATED"), "END") {
				continue
			}
			d, err := parseDuration(tr.value)
			if err != nil {
				warn(fmt.Sprintf("line %d: TRIGGER ignored: %v", tr.line, err))
				continue
			}
			before = time.Duration(d.days)*24*time.Hour + d.exact
			if !d.neg && before != 0 {
				continue // after the start
			}
		}
		if before < 0 {
			continue
		}
		return &before
	}
	return nil
}

func kind(w wall) string {
	if w.date {
		return "DATE"
	}
	return "DATE-TIME"
}

// placeStart resolves a DTSTART/DTEND-like value; dates are midnight in
// the default zone.
func placeStart(w wall, p contentLine, res *resolver) time.Time {
	if w.date {
		return w.in(res.def)
	}
	_, has := p.params["TZID"]
	return res.at(p.param("TZID"), has, w)
}

// defaultEnd applies RFC 5545 3.6.1: an all-day event without DTEND or
// DURATION lasts one day, a timed one ends when it starts.
func defaultEnd(ev Event) time.Time {
	if ev.AllDay {
		return ev.Start.AddDate(0, 0, 1)
	}
	return ev.Start
}

func person(p contentLine) Person {
	v := strings.TrimSpace(p.value)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	sentBy := strings.TrimSpace(p.param("SENT-BY"))
	if len(sentBy) >= 7 && strings.EqualFold(sentBy[:7], "mailto:") {
		sentBy = sentBy[7:]
	}
	return Person{Email: v, Name: p.param("CN"), Role: strings.ToUpper(p.param("ROLE")), PartStat: strings.ToUpper(p.param("PARTSTAT")),
		SentBy: sentBy, RSVP: strings.EqualFold(strings.TrimSpace(p.param("RSVP")), "TRUE")}
}

// dateList resolves RDATE/EXDATE/RECURRENCE-ID lines; values that cannot
// be read are dropped with a warning.
func dateList(lines []contentLine, res *resolver, warn func(string), where func(int) string) []DateValue {
	var out []DateValue
	for _, l := range lines {
		_, hasTZ := l.params["TZID"]
		tzid := l.param("TZID")
		period := strings.EqualFold(l.param("VALUE"), "PERIOD")
		for _, raw := range strings.Split(l.value, ",") {
			raw = strings.TrimSpace(raw)
			if raw == "" {
				continue
			}
			startS, endS, isPeriod := strings.Cut(raw, "/")
			if period != isPeriod && period {
				warn(fmt.Sprintf("%s: %s value %q is not a period; dropped", where(l.line), l.name, clip(raw, 40)))
				continue
			}
			if len(startS) == 9 && (startS[8] == 'Z' || startS[8] == 'z') {
				startS = startS[:8] // Google writes dates as "20131210Z"
			}
			w, err := parseWall(startS)
			if err != nil {
				warn(fmt.Sprintf("%s: %s value dropped: %v", where(l.line), l.name, err))
				continue
			}
			dv := DateValue{Raw: raw, TZID: tzid, AllDay: w.date}
			if w.date {
				dv.Time = w.in(res.def)
			} else {
				dv.Time = res.at(tzid, hasTZ, w)
			}
			if isPeriod {
				if ew, err := parseWall(endS); err == nil && !ew.date {
					dv.End = res.at(tzid, hasTZ, ew)
				} else if d, err := parseDuration(endS); err == nil {
					dv.End = d.addTo(dv.Time)
				} else {
					warn(fmt.Sprintf("%s: %s period %q has a bad end; dropped", where(l.line), l.name, clip(raw, 40)))
					continue
				}
			}
			out = append(out, dv)
		}
	}
	return out
}
