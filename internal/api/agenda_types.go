package api

import (
	"time"

	"spil/internal/agenda"
	"spil/internal/travel"
)

// AgendaPlace is where an appointment happens.
type AgendaPlace struct {
	LocationID string   `json:"location_id,omitempty" doc:"One of the organization's locations (see list-locations); its name and coordinates are filled in."`
	Name       string   `json:"name,omitempty" doc:"The address or place, when it is none of the organization's locations." example:"Zuidplein 126, Amsterdam"`
	Latitude   *float64 `json:"latitude,omitempty" minimum:"-90" maximum:"90" doc:"For travel times; give both coordinates or neither."`
	Longitude  *float64 `json:"longitude,omitempty" minimum:"-180" maximum:"180" doc:"For travel times; give both coordinates or neither."`
}

func (p AgendaPlace) toAgenda() agenda.Place {
	return agenda.Place{LocationID: p.LocationID, Name: p.Name, Lat: p.Latitude, Lon: p.Longitude}
}

func agendaPlaceOf(p agenda.Place) AgendaPlace {
	return AgendaPlace{LocationID: p.LocationID, Name: p.Name, Latitude: p.Lat, Longitude: p.Lon}
}

// Attendee takes part in an appointment.
type Attendee struct {
	PersonID string `json:"person_id,omitempty" doc:"A colleague (see list-people); their name and e-mail address are filled in."`
	Name     string `json:"name,omitempty" doc:"An external contact's name."`
	Email    string `json:"email,omitempty" doc:"An external contact's e-mail address."`
	Response string `json:"response,omitempty" enum:"needs_action,accepted,declined,tentative" doc:"The attendee's answer; default needs_action."`
}

// AppointmentInput is what a person fills in for an appointment.
type AppointmentInput struct {
	Title    string      `json:"title" doc:"What the appointment is." example:"Overleg cliënt Bakker BV"`
	Notes    string      `json:"notes,omitempty" doc:"Free text."`
	Start    time.Time   `json:"start" doc:"Start (RFC 3339). For an all-day item: midnight of the first day in time_zone."`
	End      time.Time   `json:"end" doc:"End, after the start. For an all-day item: midnight after the last day."`
	AllDay   bool        `json:"all_day,omitempty" doc:"A whole-day item; it does not block time."`
	TimeZone string      `json:"time_zone,omitempty" doc:"IANA zone the item is planned in and its recurrence evaluated in; default the organization's." example:"Europe/Amsterdam"`
	Place    AgendaPlace `json:"place,omitzero" doc:"Where; absent for online or unknown."`
	Priority int         `json:"priority,omitempty" minimum:"0" maximum:"4" doc:"1 (must not move, never overbooked) to 4 (flexible); 0 or absent means 3."`
	// Visibility: normal, private or confidential.
	Visibility      string      `json:"visibility,omitempty" enum:"normal,private,confidential" doc:"Who sees the title and details besides the owner: normal — assistants with agenda.see; private — with agenda.see_private; confidential — with agenda.see_private and documents.see_confidential. Everyone else sees a busy block."`
	Status          string      `json:"status,omitempty" enum:"tentative,confirmed,cancelled" doc:"Default confirmed. A cancelled item takes no time."`
	Attendees       []Attendee  `json:"attendees,omitempty" maxItems:"200" doc:"Colleagues and external contacts taking part."`
	ReminderMinutes *int        `json:"reminder_minutes,omitempty" minimum:"0" doc:"A reminder this many minutes before the start."`
	TravelMode      travel.Mode `json:"travel_mode,omitempty" enum:"car,public_transport,bike,walking" doc:"How the owner gets there, instead of their usual mode."`
	RRule           string      `json:"rrule,omitempty" doc:"Recurrence rule (RFC 5545 RRULE value)." example:"FREQ=WEEKLY;BYDAY=MO"`
	RDates          []time.Time `json:"rdates,omitempty" doc:"Extra occurrence starts of a series."`
	ExDates         []time.Time `json:"exdates,omitempty" doc:"Occurrence starts left out of a series. Absent on an update of a series keeps the current ones."`
}

func (in AppointmentInput) toAgenda() agenda.Input {
	out := agenda.Input{Title: in.Title, Notes: in.Notes, Start: in.Start, End: in.End, AllDay: in.AllDay,
		TimeZone: in.TimeZone, Place: in.Place.toAgenda(), Priority: in.Priority, Visibility: in.Visibility,
		Status: in.Status, ReminderMinutes: in.ReminderMinutes, TravelMode: in.TravelMode,
		RRule: in.RRule, RDates: in.RDates, ExDates: in.ExDates}
	for _, at := range in.Attendees {
		out.Attendees = append(out.Attendees, agenda.Attendee(at))
	}
	return out
}

// Appointment is a stored appointment (a single item, a series, or a
// changed occurrence of a series) as the caller may see it.
type Appointment struct {
	ID           string     `json:"id" doc:"The appointment's ID."`
	OwnerID      string     `json:"owner_id" doc:"Whose agenda it is in."`
	UID          string     `json:"uid" doc:"The iCalendar UID."`
	SeriesID     string     `json:"series_id,omitempty" doc:"For a changed occurrence: the series it belongs to."`
	RecurrenceID *time.Time `json:"recurrence_id,omitempty" doc:"For a changed occurrence: the original start it replaces."`
	Hidden       bool       `json:"hidden" doc:"True when the caller may only see that the time is taken: title, notes, place, attendees and priority are then empty."`
	AppointmentInput
	Sequence  int       `json:"sequence" doc:"Revision number, raised on every change."`
	CreatedBy string    `json:"created_by,omitempty" doc:"Who made it (the owner, or an assistant on their behalf)."`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func appointmentOf(ap agenda.Appointment) Appointment {
	in := ap.Input
	out := Appointment{ID: ap.ID, OwnerID: ap.OwnerID, UID: ap.UID, SeriesID: ap.SeriesID, RecurrenceID: ap.RecurrenceID,
		Hidden: ap.Hidden, Sequence: ap.Sequence, CreatedBy: ap.CreatedBy, CreatedAt: ap.CreatedAt, UpdatedAt: ap.UpdatedAt,
		AppointmentInput: AppointmentInput{Title: in.Title, Notes: in.Notes, Start: in.Start, End: in.End, AllDay: in.AllDay,
			TimeZone: in.TimeZone, Place: agendaPlaceOf(in.Place), Priority: in.Priority, Visibility: in.Visibility,
			Status: in.Status, ReminderMinutes: in.ReminderMinutes, TravelMode: in.TravelMode,
			RRule: in.RRule, RDates: in.RDates, ExDates: in.ExDates}}
	for _, at := range in.Attendees {
		out.Attendees = append(out.Attendees, Attendee(at))
	}
	if ap.Hidden {
		out.CreatedBy = "" // who keeps this agenda is not for a free/busy reader
	}
	return out
}

// Occurrence is an appointment as it happens in time: a single item, one
// instance of a series, or a changed occurrence. Start and end are this
// instance's; edit it with the appointment's ID and occurrence_start.
type Occurrence struct {
	Appointment
	OccurrenceStart time.Time `json:"occurrence_start" doc:"The original start of this instance; pass it as occurrence_start to change or delete this instance (range this or following)."`
	Recurring       bool      `json:"recurring" doc:"True for an instance of a series."`
	Attending       bool      `json:"attending,omitempty" doc:"True when the agenda holder attends someone else's appointment."`
}

func occurrenceOf(o agenda.Occurrence) Occurrence {
	out := Occurrence{Appointment: appointmentOf(o.Appointment), OccurrenceStart: o.OccurrenceStart,
		Recurring: o.Recurring() || o.SeriesID != "", Attending: o.Attending}
	out.Start, out.End = o.At, o.Until
	return out
}

func occurrencesOf(list []agenda.Occurrence) []Occurrence {
	out := make([]Occurrence, len(list))
	for i, o := range list {
		out[i] = occurrenceOf(o)
	}
	return out
}
