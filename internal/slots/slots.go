// Package slots finds free time for a meeting: for a set of people, a
// duration and a window it returns a ranked list of candidate slots, each
// with the reasons a person would want to see ("Jan travels 35 min from
// Zuidas", "overbooks Anna's P4 'desk work'").
//
// A candidate is only offered when, for every person, it lies within one of
// their working-hour spans that day, not on a Dutch public holiday (a
// holiday.Holiday with DayOff), not during an absence, overlaps no
// appointment that may not be overbooked, and leaves time to travel from the
// previous appointment and to the next one, buffer included. Candidates are
// ranked by fewer overbookings, then milder overbookings (P4 before P3), then
// less total travel, then earlier start. The result is deterministic.
//
// Everything here is pure computation: no database, no clock, no globals.
// Travel times come from a travel.Estimator passed in by the caller.
package slots

import (
	"time"

	"spil/internal/travel"
)

// Place is a travel.Place with a display name for reasons ("Utrecht",
// "Zuidas office"). An empty Name falls back to the place's ID, then to a
// description of its role ("home", "the office").
type Place struct {
	Name string
	travel.Place
}

// Span is a stretch of local wall-clock time within one day, as offsets from
// local midnight: Span{9 * time.Hour, 17*time.Hour + 30*time.Minute} is
// 09:00–17:30. It is read on the wall clock, so 09:00 stays 09:00 across
// daylight-saving changes. 0 ≤ Start < End ≤ 24h; whole minutes only.
type Span struct {
	Start, End time.Duration
}

// Interval is a stretch of absolute time, Start before End.
type Interval struct {
	Start, End time.Time
}

// Appointment is an existing entry in a person's agenda.
type Appointment struct {
	Title      string
	Start, End time.Time
	// Priority is 1 (must never move) to 4 (flexible).
	Priority int
	// Location is where the appointment takes place; nil means online or
	// unknown, and the person is then taken to still be where they were.
	Location *Place
	// Private appointments appear in reasons as "busy", without their title
	// or location.
	Private bool
}

// Person is one attendee.
type Person struct {
	// ID identifies the person in Reason.PersonID; required and unique.
	ID string
	// Name is used in reason texts; empty means ID.
	Name string
	// WorkingHours are the spans per weekday in which the person can meet.
	// A nil map means DefaultWorkingHours; a weekday missing from a non-nil
	// map is a day off.
	WorkingHours map[time.Weekday][]Span
	// Absences (leave, illness, courses) during which the person cannot meet.
	Absences []Interval
	// Busy are the person's existing appointments, in any order.
	Busy []Appointment
	// Office is where the person starts the working day; when nil, Home is;
	// when both are nil there is no travel constraint from the day's start.
	Home, Office *Place
	// StartsHome names the weekdays on which the working day starts at
	// Home rather than at the Office (when Home is set).
	StartsHome map[time.Weekday]bool
	// Mode is how this person travels; empty means Request.Mode.
	Mode travel.Mode
}

// DefaultWorkingHours returns Monday to Friday 09:00–17:00 (a fresh map on
// every call).
func DefaultWorkingHours() map[time.Weekday][]Span {
	m := map[time.Weekday][]Span{}
	for d := time.Monday; d <= time.Friday; d++ {
		m[d] = []Span{{9 * time.Hour, 17 * time.Hour}}
	}
	return m
}

// Request is what to find a slot for.
type Request struct {
	People   []Person
	Duration time.Duration
	// From and To bound the window: a candidate starts at or after From and
	// ends at or before To. At most MaxWindow long.
	From, To time.Time
	// Location is where the meeting takes place; nil means online (no
	// travel, but Buffer still applies between appointments).
	Location *Place
	// Mode is how people travel unless Person.Mode says otherwise; required
	// when Location is set.
	Mode travel.Mode
	// Buffer is the minimum time between the end of one appointment (plus
	// travel) and the start of the next; negative counts as zero.
	Buffer time.Duration
	// MayOverbook is the lowest priority that may be overbooked: 0 nothing,
	// 4 only P4, 3 P3 and P4, 2 P2 to P4. P1 is never overbooked, so 1 is
	// refused.
	MayOverbook int
	// Step is the granularity of candidate starts on the local wall clock,
	// counted from midnight; 0 means 15 minutes. Whole minutes, at most 24h.
	Step time.Duration
	// Limit is the maximum number of candidates returned; 0 means
	// DefaultLimit, at most MaxLimit.
	Limit int
	// Loc is the time zone of working hours and holidays; nil means
	// Europe/Amsterdam.
	Loc *time.Location
}

// Limits of a Request.
const (
	DefaultStep  = 15 * time.Minute
	DefaultLimit = 10
	MaxLimit     = 500
	MaxWindow    = 92 * 24 * time.Hour // three months
	MaxPeople    = 50
)

// Candidate is one possible slot.
type Candidate struct {
	Start, End time.Time
	// Score summarises the ranking, higher is better: 0 for a slot with no
	// overbooking and no travel, minus 1 per minute of travel (all people,
	// both ways), minus 10 000 per priority step of overbooking severity
	// (5 − priority for each overbooked appointment: P4 costs 1, P3 2, P2 3),
	// minus 1 000 000 per overbooked appointment. Candidates are sorted by
	// Score descending, then Start ascending.
	Score float64
	// Reasons explain the slot, in a fixed order: per person (in request
	// order) overbookings, then travel from, then travel to, then day edges.
	Reasons []Reason
}

// Reason codes.
const (
	// CodeOverbooks: the slot overlaps an appointment of priority ≥
	// MayOverbook. Args: person, priority, title (absent when private),
	// start, end (RFC 3339).
	CodeOverbooks = "overbooks"
	// CodeTravelFrom: the person travels to the meeting. Args: person,
	// minutes, place, mode.
	CodeTravelFrom = "travel_from"
	// CodeTravelTo: the person travels from the meeting to their next
	// appointment. Args: person, minutes, place, mode.
	CodeTravelTo = "travel_to"
	// CodeStartOfDay: the slot starts when the person's working day starts.
	// Args: person.
	CodeStartOfDay = "start_of_day"
	// CodeEndOfDay: the slot ends when the person's working day ends.
	// Args: person.
	CodeEndOfDay = "end_of_day"
)

// Reason is one explanation attached to a candidate. Code and Args are for
// programs (translation, icons); Text is the English sentence.
type Reason struct {
	Code     string
	PersonID string
	Args     map[string]string
	Text     string
}
