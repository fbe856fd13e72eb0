// Package agenda keeps the agendas of the people in the organization:
// appointments with priorities P1–P4, visibility, recurrence and attendees,
// working hours, absences and travel between places. A principal works in
// their own agenda; a Management Assistant works in a principal's agenda as
// far as the principal's mandate allows; everyone else sees free/busy only.
//
// Every method takes the acting person (authz.Actor) and enforces these
// rules itself, in SQL where it lists. Every change is written to the audit
// log in the same transaction, naming the principal when done on their
// behalf.
package agenda

import (
	"time"

	"spil/internal/travel"
)

// Priority values. P1 must not move and is never overbooked; P4 is flexible.
const (
	P1 = 1
	P2 = 2
	P3 = 3
	P4 = 4
)

// Visibility of an appointment.
const (
	// Normal items are seen in full by the owner, their attendees and
	// assistants with the agenda.see scope; others see busy time.
	Normal = "normal"
	// Private items need the agenda.see_private scope besides.
	Private = "private"
	// Confidential items need agenda.see_private and
	// documents.see_confidential (handling confidential information).
	Confidential = "confidential"
)

// Status of an appointment. Cancelled items stay in the agenda, struck
// through, but take no time.
const (
	Tentative = "tentative"
	Confirmed = "confirmed"
	Cancelled = "cancelled"
)

// Attendee responses.
const (
	NeedsAction = "needs_action"
	Accepted    = "accepted"
	Declined    = "declined"
	TentativeR  = "tentative"
)

// Edit ranges for a recurring series.
const (
	// Only the one occurrence (a changed occurrence, or an EXDATE on delete).
	ThisOccurrence = "this"
	// This occurrence and all later ones: the series is split.
	ThisAndFollowing = "following"
	// The whole series.
	AllOccurrences = "all"
)

// Attendee is someone taking part: a person of the organization (PersonID
// set) or an external contact (Name and Email).
type Attendee struct {
	PersonID string `json:"person_id,omitempty"`
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Response string `json:"response"`
}

// Place is where an appointment happens: one of the organization's
// locations (LocationID) or an address with optional coordinates. The zero
// Place means online or unknown.
type Place struct {
	LocationID string   `json:"location_id,omitempty"`
	Name       string   `json:"name,omitempty"` // the location's name or the address
	Lat        *float64 `json:"latitude,omitempty"`
	Lon        *float64 `json:"longitude,omitempty"`
}

// HasCoordinates reports whether travel to p can be estimated.
func (p Place) HasCoordinates() bool { return p.Lat != nil && p.Lon != nil }

// Travel returns p as a travel.Place (ID is the location ID, so overrides per
// pair of locations match).
func (p Place) Travel() travel.Place {
	tp := travel.Place{ID: p.LocationID}
	if p.Lat != nil {
		tp.Lat = *p.Lat
	}
	if p.Lon != nil {
		tp.Lon = *p.Lon
	}
	return tp
}

// Input is what a person fills in for an appointment.
type Input struct {
	Title string `json:"title"`
	Notes string `json:"notes"`
	// Start and End are instants; for all-day items they are midnight of
	// the first day and of the day after the last day, in TimeZone.
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	AllDay   bool      `json:"all_day"`
	TimeZone string    `json:"time_zone"` // IANA name; "" means the organization's zone
	Place    Place     `json:"place"`
	// Priority 1–4; 0 means P3.
	Priority   int        `json:"priority"`
	Visibility string     `json:"visibility"` // "" means normal
	Status     string     `json:"status"`     // "" means confirmed
	Attendees  []Attendee `json:"attendees"`
	// ReminderMinutes before the start; nil means no reminder.
	ReminderMinutes *int `json:"reminder_minutes,omitempty"`
	// TravelMode overrides the owner's travel mode for getting there.
	TravelMode travel.Mode `json:"travel_mode,omitempty"`
	// Recurrence: an RRULE value (without "RRULE:"), extra dates and
	// excluded dates (instants of occurrence starts).
	RRule   string      `json:"rrule,omitempty"`
	RDates  []time.Time `json:"rdates,omitempty"`
	ExDates []time.Time `json:"exdates,omitempty"`
	// UID is the iCalendar UID; "" makes one. Set by imports.
	UID string `json:"-"`
	// Source says where the item came from ("" for spil itself, "ics" for
	// an import).
	Source string `json:"-"`
}

// Appointment is one stored appointment (a single item, a series master or
// a changed occurrence) as the actor may see it.
type Appointment struct {
	ID      string `json:"id"`
	OwnerID string `json:"owner_id"`
	UID     string `json:"uid"`
	// SeriesID and RecurrenceID are set on a changed occurrence: the series
	// it belongs to and the original start it replaces.
	SeriesID     string     `json:"series_id,omitempty"`
	RecurrenceID *time.Time `json:"recurrence_id,omitempty"`
	Input
	Sequence  int       `json:"sequence"`
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Hidden is set when the actor may only see that the time is taken:
	// title, notes, place, attendees and priority are then empty.
	Hidden bool `json:"hidden"`
}

// Recurring reports whether a is a series master.
func (a Appointment) Recurring() bool { return a.RRule != "" || len(a.RDates) > 0 }

// Occurrence is one appointment as it happens in time: a single item, one
// instance of a series, or a changed occurrence. ID is the stored row;
// OccurrenceStart identifies the instance within a series.
type Occurrence struct {
	Appointment
	// OccurrenceStart is the original start of this instance (for a single
	// item: its start). Pass it to edits with ThisOccurrence or
	// ThisAndFollowing.
	OccurrenceStart time.Time `json:"occurrence_start"`
	// Start and End of this instance (Appointment.Start/End are the
	// series' first).
	At    time.Time `json:"at"`
	Until time.Time `json:"until"`
	// Attending is set when the agenda holder is an attendee of someone
	// else's appointment rather than its owner.
	Attending bool `json:"attending,omitempty"`
}

// Busy reports whether o takes time (not cancelled, not declined).
func (o Occurrence) Busy() bool { return o.Status != Cancelled }

// Absence is time a person is away: leave, sickness, out of office.
type Absence struct {
	ID       string    `json:"id"`
	PersonID string    `json:"person_id"`
	Kind     string    `json:"kind"` // "leave", "sick", "out_of_office"; "absent" when hidden
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Note     string    `json:"note,omitempty"`
}

// Absence kinds. Others than the person and those allowed to see private
// items see "absent" only: the reason for absence (sickness) is personal data.
const (
	Leave       = "leave"
	Sick        = "sick"
	OutOfOffice = "out_of_office"
	Absent      = "absent"
)
