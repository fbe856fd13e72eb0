// Package ical reads iCalendar (RFC 5545) files written by other producers
// — Outlook, Exchange, Google, Apple, Thunderbird, Lotus Notes, Zimbra… —
// into neutral events for spil's agenda. It resolves time zones (IANA
// names, vendor-prefixed names, Windows names, embedded VTIMEZONEs) so that
// every Start and End is a correct instant, and keeps the recurrence parts
// as text plus resolved times for the recurrence package to expand.
//
// The grammar is parsed by hand rather than with emersion/go-ical because
// real files break it in ways go-ical rejects as a whole (byte-order marks,
// blank TZIDs, stray control characters, one bad event among many); this
// package instead skips only the broken event and says why.
package ical

import (
	"fmt"
	"io"
	"strings"
	"time"

	"spil/internal/apperr"
)

// MaxSize is the largest input Parse reads; larger input is rejected.
const MaxSize = 16 << 20

// MaxDepth is how deeply components may nest (VCALENDAR > VEVENT > VALARM
// is 3); deeper input is rejected.
const MaxDepth = 8

// Calendar is the result of Parse.
type Calendar struct {
	Events []Event
	// Skipped lists the VEVENTs that could not be read, in file order.
	Skipped []SkippedEvent
	// Warnings lists what was skipped or guessed, each naming its line and,
	// where known, the event's UID.
	Warnings []string
	// Method is the METHOD of the first VCALENDAR that has one, upper
	// case (PUBLISH, REQUEST, REPLY, CANCEL… — RFC 5546); "" when none.
	Method string
}

// SkippedEvent is a VEVENT that could not be read, and why.
type SkippedEvent struct {
	Line    int    // line of BEGIN:VEVENT
	UID     string // "" when it has none
	Summary string
	Reason  string // e.g. "no DTSTART", "line 9: DTSTART: invalid date"
}

// Visibility is spil's view of CLASS.
type Visibility string

// Visibilities. CLASS:PUBLIC (or none) is normal; an unknown class is
// private, as RFC 5545 3.8.1.3 requires.
const (
	VisibilityNormal       Visibility = "normal"
	VisibilityPrivate      Visibility = "private"
	VisibilityConfidential Visibility = "confidential"
)

// Person is an ORGANIZER or ATTENDEE.
type Person struct {
	Email    string // without "mailto:"; the raw value when it is no mailto URI
	Name     string // CN
	Role     string // ROLE, e.g. REQ-PARTICIPANT, CHAIR
	PartStat string // PARTSTAT, e.g. ACCEPTED, NEEDS-ACTION
	SentBy   string // SENT-BY without "mailto:", e.g. an assistant's address
	RSVP     bool   // RSVP=TRUE: the organizer asks for an answer
}

// Date is a civil date without a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateValue is one resolved RDATE, EXDATE or RECURRENCE-ID value.
type DateValue struct {
	Raw    string    // the value as written
	TZID   string    // the TZID parameter as written
	Time   time.Time // the instant (midnight in the default zone for dates)
	AllDay bool      // a DATE value
	End    time.Time // for RDATE;VALUE=PERIOD: the period's end; else zero
}

// Event is one VEVENT.
type Event struct {
	Line        int // line of BEGIN:VEVENT
	UID         string
	Summary     string
	Description string
	Location    string
	// Start and End are instants in the zone the file meant (an IANA zone
	// where one could be found, else a fixed offset named after the TZID).
	// For all-day events they are midnight of StartDate/EndDate in the
	// default zone and AllDay is set; EndDate is exclusive.
	Start, End         time.Time
	AllDay             bool
	StartDate, EndDate Date
	// Floating is set when DTSTART had neither TZID nor "Z" and was read in
	// the default zone.
	Floating bool
	TZID     string // DTSTART's TZID parameter as written
	Status   string // STATUS, upper case (CONFIRMED, TENTATIVE, CANCELLED)
	Class    string // CLASS as written, upper case
	Visibility
	Organizer  *Person
	Attendees  []Person
	Categories []string
	// Recurrence parts. RRule is the RRULE value as written.
	RRule         string
	RDates        []DateValue
	ExDates       []DateValue
	RecurrenceID  *DateValue
	ThisAndFuture bool // RECURRENCE-ID;RANGE=THISANDFUTURE
	Sequence      int
	LastModified  time.Time // zero when absent
	// Priority is PRIORITY as written: 0 (none), 1 (highest) … 9 (lowest).
	Priority int
	// Reminder is how long before the start the first alarm (VALARM) goes
	// off, nil when the event has none before its start.
	Reminder *time.Duration
}

// Parse reads an iCalendar stream with floating times in Europe/Amsterdam.
// See ParseIn.
func Parse(r io.Reader) (Calendar, error) {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return Calendar{}, fmt.Errorf("ical: load default zone: %w", err)
	}
	return ParseIn(r, loc)
}

// ParseIn reads an iCalendar stream (one or more VCALENDARs) and returns
// its VEVENTs in file order. Floating times are read in zone def. A file
// that is not iCalendar, is truncated or has mismatched BEGIN/END is
// rejected with an apperr.Invalid error wrapping a *SyntaxError with the
// line number; an event that cannot be read (no or bad DTSTART, malformed
// line) is skipped with a warning. Reading errors are returned as they are.
func ParseIn(r io.Reader, def *time.Location) (Calendar, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return Calendar{}, fmt.Errorf("ical: read: %w", err)
	}
	if len(data) > MaxSize {
		return Calendar{}, invalid(&SyntaxError{Msg: fmt.Sprintf("the file is larger than %d MB", MaxSize>>20)})
	}
	var cal Calendar
	warn := func(s string) { cal.Warnings = append(cal.Warnings, s) }
	cals, err := buildTree(unfold(data), &cal.Warnings)
	if err != nil {
		return Calendar{}, invalid(err)
	}
	for _, vc := range cals {
		readCalendar(vc, def, warn, &cal)
	}
	return cal, nil
}

func invalid(err error) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: "invalid iCalendar file", Err: err}
}

func readCalendar(vc *component, def *time.Location, warn func(string), cal *Calendar) {
	res := newResolver(def, warn)
	if m, ok := vc.first("METHOD"); ok && cal.Method == "" {
		cal.Method = strings.ToUpper(strings.TrimSpace(m.value))
	}
	for _, p := range vc.props {
		if p.bad != "" {
			warn(fmt.Sprintf("line %d: ignored malformed line: %s", p.line, p.bad))
		}
	}
	if x, ok := vc.first("X-WR-TIMEZONE"); ok {
		if loc := res.byName(x.value); loc != nil {
			res.fallback, res.fbName = loc, "X-WR-TIMEZONE "+loc.String()
		}
	}
	for _, sub := range vc.subs {
		if sub.name != "VTIMEZONE" {
			continue
		}
		vt, err := parseVTimezone(sub)
		if err != nil {
			warn(fmt.Sprintf("line %d: ignored VTIMEZONE: %v", sub.line, err))
			continue
		}
		res.vtz[vt.id] = vt
	}
	for _, sub := range vc.subs {
		if sub.name != "VEVENT" {
			continue
		}
		ev, err := readEvent(sub, res, warn)
		if err != nil {
			sk := SkippedEvent{Line: sub.line, Reason: err.Error()}
			uid := ""
			if u, ok := sub.first("UID"); ok {
				sk.UID = unescapeText(u.value)
				uid = fmt.Sprintf(" (UID %s)", clip(u.value, 60))
			}
			if v, ok := sub.first("SUMMARY"); ok {
				sk.Summary = unescapeText(v.value)
			}
			cal.Skipped = append(cal.Skipped, sk)
			warn(fmt.Sprintf("line %d: skipped event%s: %v", sub.line, uid, err))
			continue
		}
		cal.Events = append(cal.Events, ev)
	}
}
