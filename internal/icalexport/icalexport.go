// Package icalexport writes agenda items as an iCalendar (RFC 5545) stream,
// for a one-off export of an agenda and for a private subscription feed.
//
// It enforces the visibility rule of the agenda: an item the reader may not
// see in full (private without the private scope, confidential without the
// confidential scope) is written as a busy block only — a neutral title,
// CLASS:PRIVATE, the same times and recurrence, and none of its title,
// description, location, organizer, attendees or priority — so free/busy
// stays right and nothing else leaks. The caller decides the reader's scope
// (from the mandate); this package only applies it.
//
// Output is valid for strict readers: CRLF line ends, lines folded at 75
// octets without splitting a UTF-8 sequence, TEXT escaped, DTSTAMP in UTC,
// DTSTART/DTEND with a TZID and one generated VTIMEZONE per zone used.
package icalexport

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/holiday"
)

// Visibility values of Item.Visibility.
const (
	VisibilityNormal       = "normal"
	VisibilityPrivate      = "private"
	VisibilityConfidential = "confidential"
)

// Status values of Item.Status. The empty status is written as no STATUS.
const (
	StatusTentative = "tentative"
	StatusConfirmed = "confirmed"
	StatusCancelled = "cancelled"
)

// Person is an organizer or attendee.
type Person struct {
	Name  string // written as the CN parameter; may be empty
	Email string // written as a mailto: URI; required
	// SentBy is who acts for this person (an assistant for the principal
	// who organizes), written as SENT-BY="mailto:…" when not empty.
	SentBy string
	// PartStat (e.g. "NEEDS-ACTION", "ACCEPTED") and RSVP ("RSVP=TRUE")
	// are written on attendees when set, as invitations need.
	PartStat string
	RSVP     bool
}

// Item is one agenda item (one VEVENT). A changed occurrence of a series is
// its own Item with the series' UID and RecurrenceID set.
type Item struct {
	UID                          string // required; stable across exports
	Title, Description, Location string

	// Start and End are the instants of a timed item; End must not be
	// before Start. They are written to the second (sub-seconds dropped).
	Start, End time.Time
	// AllDay items use StartDate and EndDate instead (EndDate exclusive,
	// after StartDate); Start, End and Loc are then ignored.
	AllDay             bool
	StartDate, EndDate holiday.Date
	// Loc is the zone the item is written in; nil means Start.Location().
	// UTC, "Local" and zones without an IANA name are written in UTC.
	Loc *time.Location

	Visibility string // "normal", "private" or "confidential"; required
	Status     string // "", "tentative", "confirmed" or "cancelled"
	// Priority is spil's P1 (highest) … P4 (lowest); 0 means none.
	// Written as PRIORITY 1, 3, 5, 9 (RFC 5545 3.8.1.9: 1–4 high,
	// 5 medium, 6–9 low), the values Outlook and Apple use for high,
	// normal and low.
	Priority int

	// RRule is written as the RRULE value as given (without "RRULE:").
	RRule string
	// RDates (extra occurrences) and ExDates (excluded ones) are written as
	// RDATE and EXDATE in the item's zone (as dates for all-day items: the
	// civil date of each time in its own location).
	RDates, ExDates []time.Time
	// RecurrenceID marks a changed occurrence: the original start of the
	// occurrence it replaces, written like ExDates.
	RecurrenceID *time.Time
	Sequence     int
	Updated      time.Time // written as LAST-MODIFIED (UTC) when not zero

	Organizer *Person
	Attendees []Person

	// ReaderAttends says the reader takes part in the item: it is shown
	// in full whatever its visibility and the reader's scopes.
	ReaderAttends bool

	// Reminder is how long before the start a calendar app should alert
	// (a VALARM with ACTION:DISPLAY); nil for none. Busy blocks carry none.
	Reminder *time.Duration
}

// Options are the per-feed settings of Write.
type Options struct {
	ProdID       string // PRODID; default "-//spil//agenda//NL"
	CalendarName string // X-WR-CALNAME when not empty
	// SeePrivate and SeeConfidential are the reader's scopes: whether the
	// reader's mandate lets them see private, respectively confidential,
	// items in full. Deny by default: both false show busy blocks only.
	SeePrivate      bool
	SeeConfidential bool
	// Lang chooses the title of busy blocks: "en" gives "Busy", anything
	// else (default "nl") "Bezet".
	Lang string
	// Now is written as DTSTAMP; zero means time.Now(). Pass the clock's
	// time for reproducible output.
	Now time.Time
	// Method is the calendar's METHOD (RFC 5546): "" means PUBLISH (a
	// feed or export); an invitation uses REQUEST or CANCEL, an answer
	// REPLY. Other values are an apperr.Invalid error.
	Method string
}

// Write writes items as one VCALENDAR to w. It validates every item first
// and writes nothing when one is invalid: an apperr.Invalid error names the
// item's UID and the problem. Errors of w are returned as they are.
func Write(w io.Writer, items []Item, opt Options) error {
	method := opt.Method
	switch method {
	case "":
		method = "PUBLISH"
	case "PUBLISH", "REQUEST", "CANCEL", "REPLY":
	default:
		return apperr.Errorf(apperr.Invalid, "unknown calendar method %q", clip(method, 20))
	}
	for i := range items {
		if err := validate(&items[i]); err != nil {
			return err
		}
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	bw := bufio.NewWriter(w)
	lw := &lineWriter{w: bw}
	prodID := opt.ProdID
	if prodID == "" {
		prodID = "-//spil//agenda//NL"
	}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:" + escapeText(prodID))
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:" + method)
	if opt.CalendarName != "" {
		lw.line("X-WR-CALNAME:" + escapeText(opt.CalendarName))
	}
	zs, known := newZoneSet(), map[string]bool{}
	for i := range items {
		zs.addItem(&items[i], known)
	}
	for _, z := range zs.sorted() {
		writeVTimezone(lw, z)
	}
	stamp := now.UTC().Format(utcLayout)
	for i := range items {
		writeEvent(lw, &items[i], opt, stamp, known)
	}
	lw.line("END:VCALENDAR")
	if lw.err != nil {
		return lw.err
	}
	return bw.Flush()
}

func validate(it *Item) error {
	bad := func(format string, args ...any) error {
		return apperr.Errorf(apperr.Invalid, "item %q: %s", clip(it.UID, 60), fmt.Sprintf(format, args...))
	}
	if strings.TrimSpace(it.UID) == "" {
		return apperr.Errorf(apperr.Invalid, "item without UID (title hidden)")
	}
	switch it.Visibility {
	case VisibilityNormal, VisibilityPrivate, VisibilityConfidential:
	default:
		return bad("unknown visibility %q", clip(it.Visibility, 20))
	}
	switch it.Status {
	case "", StatusTentative, StatusConfirmed, StatusCancelled:
	default:
		return bad("unknown status %q", clip(it.Status, 20))
	}
	if it.Priority < 0 || it.Priority > 4 {
		return bad("priority %d is not P1–P4", it.Priority)
	}
	if it.AllDay {
		if it.StartDate.Year < 1 || it.StartDate.Year > 9999 || !validDate(it.StartDate) || !validDate(it.EndDate) {
			return bad("invalid all-day dates %v–%v", it.StartDate, it.EndDate)
		}
		if !it.EndDate.After(it.StartDate) {
			return bad("all-day end %v is not after start %v", it.EndDate, it.StartDate)
		}
		return nil
	}
	if it.Start.IsZero() || it.End.IsZero() {
		return bad("no start or end")
	}
	if it.End.Before(it.Start) {
		return bad("ends before it starts")
	}
	if y := it.Start.UTC().Year(); y < 2 || y > 9998 {
		return bad("start year %d out of range", y)
	}
	if y := it.End.UTC().Year(); y < 2 || y > 9998 {
		return bad("end year %d out of range", y)
	}
	for _, x := range it.ExDates {
		if y := x.UTC().Year(); y < 2 || y > 9998 {
			return bad("EXDATE year %d out of range", y)
		}
	}
	for _, x := range it.RDates {
		if y := x.UTC().Year(); y < 2 || y > 9998 {
			return bad("RDATE year %d out of range", y)
		}
	}
	if it.RecurrenceID != nil {
		if y := it.RecurrenceID.UTC().Year(); y < 2 || y > 9998 {
			return bad("RECURRENCE-ID year %d out of range", y)
		}
	}
	return nil
}

func validDate(d holiday.Date) bool {
	return d.Year >= 1 && d.Year <= 9999 && holiday.NewDate(d.Year, d.Month, d.Day) == d
}

// visibleInFull reports whether the reader may see everything of it.
func visibleInFull(it *Item, opt Options) bool {
	if it.ReaderAttends {
		return true
	}
	switch it.Visibility {
	case VisibilityNormal:
		return true
	case VisibilityPrivate:
		return opt.SeePrivate
	case VisibilityConfidential:
		return opt.SeeConfidential
	}
	return false
}

// busyTitle is the SUMMARY of a busy block.
func busyTitle(lang string) string {
	if lang == "en" {
		return "Busy"
	}
	return "Bezet"
}

var icalPriority = [5]int{0, 1, 3, 5, 9}

func writeEvent(lw *lineWriter, it *Item, opt Options, stamp string, known map[string]bool) {
	full := visibleInFull(it, opt)
	lw.line("BEGIN:VEVENT")
	lw.line("UID:" + escapeText(it.UID))
	lw.line("DTSTAMP:" + stamp)
	zone := itemZone(it, known)
	if it.AllDay {
		lw.line("DTSTART;VALUE=DATE:" + dateString(it.StartDate))
		lw.line("DTEND;VALUE=DATE:" + dateString(it.EndDate))
	} else {
		// A recurring series keeps its zone even at an ambiguous wall
		// time: recurrence follows local time.
		series := it.series()
		lw.line(timeProp("DTSTART", it.Start, zone, series))
		lw.line(timeProp("DTEND", it.End, zone, series))
	}
	if full {
		lw.line("SUMMARY:" + escapeText(it.Title))
		if it.Description != "" {
			lw.line("DESCRIPTION:" + escapeText(it.Description))
		}
		if it.Location != "" {
			lw.line("LOCATION:" + escapeText(it.Location))
		}
		switch it.Visibility {
		case VisibilityPrivate:
			lw.line("CLASS:PRIVATE")
		case VisibilityConfidential:
			lw.line("CLASS:CONFIDENTIAL")
		default:
			lw.line("CLASS:PUBLIC")
		}
		if it.Priority > 0 {
			lw.line(fmt.Sprintf("PRIORITY:%d", icalPriority[it.Priority]))
		}
	} else {
		lw.line("SUMMARY:" + busyTitle(opt.Lang))
		lw.line("CLASS:PRIVATE")
	}
	if it.Status != "" {
		lw.line("STATUS:" + strings.ToUpper(it.Status))
	}
	if it.Status == StatusCancelled {
		lw.line("TRANSP:TRANSPARENT")
	} else {
		lw.line("TRANSP:OPAQUE")
	}
	if it.RRule != "" {
		lw.line("RRULE:" + cleanValue(strings.TrimPrefix(strings.TrimSpace(it.RRule), "RRULE:")))
	}
	for _, x := range it.RDates {
		lw.line(recurProp("RDATE", x, it, zone))
	}
	for _, x := range it.ExDates {
		lw.line(recurProp("EXDATE", x, it, zone))
	}
	if it.RecurrenceID != nil {
		lw.line(recurProp("RECURRENCE-ID", *it.RecurrenceID, it, zone))
	}
	if it.Sequence > 0 {
		lw.line(fmt.Sprintf("SEQUENCE:%d", it.Sequence))
	}
	if !it.Updated.IsZero() {
		lw.line("LAST-MODIFIED:" + it.Updated.UTC().Format(utcLayout))
	}
	if full {
		if it.Organizer != nil {
			lw.line(personProp("ORGANIZER", *it.Organizer, ""))
		}
		for _, a := range it.Attendees {
			extra := ";ROLE=REQ-PARTICIPANT"
			if a.PartStat != "" {
				extra += ";PARTSTAT=" + paramToken(a.PartStat)
			}
			if a.RSVP {
				extra += ";RSVP=TRUE"
			}
			lw.line(personProp("ATTENDEE", a, extra))
		}
		if it.Reminder != nil && *it.Reminder >= 0 {
			lw.line("BEGIN:VALARM")
			lw.line("ACTION:DISPLAY")
			lw.line("DESCRIPTION:" + escapeText(it.Title))
			lw.line("TRIGGER:" + triggerBefore(*it.Reminder))
			lw.line("END:VALARM")
		}
	}
	lw.line("END:VEVENT")
}

const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
)

func dateString(d holiday.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// itemZone returns the zone an item's times are written in, or nil for UTC.
// known caches which zone names load.
func itemZone(it *Item, known map[string]bool) *time.Location {
	loc := it.Loc
	if loc == nil {
		loc = it.Start.Location()
	}
	return exportable(loc, known)
}

// exportable returns loc when it has an IANA name that readers can
// resolve, else nil (write in UTC).
func exportable(loc *time.Location, known map[string]bool) *time.Location {
	if loc == nil || loc == time.UTC {
		return nil
	}
	name := loc.String()
	if name == "" || name == "UTC" || name == "Local" || strings.ContainsAny(name, ";:,\"\\ \t") {
		return nil
	}
	ok, seen := known[name]
	if !seen {
		_, err := time.LoadLocation(name)
		ok = err == nil
		known[name] = ok
	}
	if !ok {
		return nil
	}
	return loc
}

// timeProp writes name with t in zone (TZID) or in UTC when zone is nil
// or, unless keepZone, when the wall time is ambiguous (the second 02:30
// of an October night): RFC 5545 3.3.5 reads such a wall time as its first
// occurrence, so only UTC states the instant.
func timeProp(name string, t time.Time, zone *time.Location, keepZone bool) string {
	t = t.Truncate(time.Second)
	if zone == nil {
		return name + ":" + t.UTC().Format(utcLayout)
	}
	l := t.In(zone)
	if !keepZone && !wallIsExact(l) {
		return name + ":" + t.UTC().Format(utcLayout)
	}
	return name + ";TZID=" + zone.String() + ":" + l.Format(localLayout)
}

// wallIsExact reports whether the wall time of t in its zone names t
// (and no earlier instant).
func wallIsExact(t time.Time) bool {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if !time.Date(y, mo, d, h, mi, s, 0, t.Location()).Equal(t) {
		return false
	}
	// The same wall time at the offset before or after the current one.
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	for _, b := range []time.Time{start.Add(-time.Second), end} {
		if start.IsZero() && b.Before(t) || end.IsZero() && b.After(t) {
			continue
		}
		_, o := b.Zone()
		if o == off {
			continue
		}
		u := t.Add(time.Duration(off-o) * time.Second).In(t.Location())
		uy, umo, ud := u.Date()
		uh, umi, us := u.Clock()
		if uy == y && umo == mo && ud == d && uh == h && umi == mi && us == s {
			return false
		}
	}
	return true
}

// series reports whether it repeats (RRULE or RDATE).
func (it *Item) series() bool { return it.RRule != "" || len(it.RDates) > 0 }

// recurProp writes an RDATE, EXDATE or RECURRENCE-ID of the item.
func recurProp(name string, t time.Time, it *Item, zone *time.Location) string {
	if it.AllDay {
		y, m, d := t.Date()
		return name + ";VALUE=DATE:" + dateString(holiday.Date{Year: y, Month: m, Day: d})
	}
	return timeProp(name, t, zone, it.series())
}

func clip(s string, n int) string {
	s = cleanText(s)
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// triggerBefore writes a TRIGGER duration d before the start, in whole
// minutes: "-PT15M", "-P1DT2H", "PT0S" for at the start.
func triggerBefore(d time.Duration) string {
	m := int(d / time.Minute)
	if m == 0 {
		return "PT0S"
	}
	days, hours, mins := m/(24*60), m/60%24, m%60
	out := "-P"
	if days > 0 {
		out += fmt.Sprintf("%dD", days)
	}
	if hours > 0 || mins > 0 {
		out += "T"
		if hours > 0 {
			out += fmt.Sprintf("%dH", hours)
		}
		if mins > 0 {
			out += fmt.Sprintf("%dM", mins)
		}
	}
	return out
}
