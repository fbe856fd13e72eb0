package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/travel"
)

// WorkingHours is one working-hour span on a weekday.
type WorkingHours struct {
	Weekday     int    `json:"weekday" minimum:"0" maximum:"6" doc:"0 Sunday, 1 Monday … 6 Saturday."`
	StartMinute int    `json:"start_minute" minimum:"0" maximum:"1439" doc:"Start, in minutes from local midnight (540 is 09:00)." example:"540"`
	EndMinute   int    `json:"end_minute" minimum:"1" maximum:"1440" doc:"End, in minutes from local midnight, after the start." example:"1020"`
	StartPlace  string `json:"start_place,omitempty" enum:"office,home" doc:"Where the day starts; default office."`
	EndPlace    string `json:"end_place,omitempty" enum:"office,home" doc:"Where the day ends; default office."`
}

// AgendaSettingsInput are the settings a person changes.
type AgendaSettingsInput struct {
	TimeZone      string         `json:"time_zone,omitempty" doc:"IANA zone; empty for the organization's." example:"Europe/Amsterdam"`
	TravelMode    travel.Mode    `json:"travel_mode,omitempty" enum:"car,public_transport,bike,walking" doc:"How the person usually travels; default car."`
	BufferMinutes int            `json:"buffer_minutes,omitempty" minimum:"0" maximum:"240" doc:"Minutes kept free around appointments by the slot finder."`
	Home          AgendaPlace    `json:"home,omitzero" doc:"Home address with coordinates, for days that start or end at home. Private: shown only to the person and to assistants who see private items."`
	Hours         []WorkingHours `json:"hours" nullable:"false" maxItems:"50" doc:"The working-hour spans; an empty list means Monday to Friday 09:00–17:00 from and to the office."`
}

// AgendaSettings are a person's agenda settings.
type AgendaSettings struct {
	PersonID string `json:"person_id"`
	AgendaSettingsInput
	Office       AgendaPlace `json:"office,omitzero" doc:"The person's location in the staff directory (change it with update-person)."`
	HoursDefault bool        `json:"hours_default" doc:"True when no working hours are set and hours shows the default, Monday to Friday 09:00–17:00."`
}

func agendaSettingsOf(s agenda.Settings) AgendaSettings {
	out := AgendaSettings{PersonID: s.PersonID, Office: agendaPlaceOf(s.Office), HoursDefault: s.HoursDefault, AgendaSettingsInput: AgendaSettingsInput{
		TimeZone: s.TimeZone, TravelMode: s.TravelMode, BufferMinutes: s.BufferMinutes, Home: agendaPlaceOf(s.Home), Hours: []WorkingHours{}}}
	for _, h := range s.Hours {
		out.Hours = append(out.Hours, WorkingHours{Weekday: int(h.Weekday), StartMinute: h.Start, EndMinute: h.End, StartPlace: h.StartPlace, EndPlace: h.EndPlace})
	}
	return out
}

func (in AgendaSettingsInput) toAgenda(personID string) agenda.Settings {
	out := agenda.Settings{PersonID: personID, TimeZone: in.TimeZone, TravelMode: in.TravelMode, BufferMinutes: in.BufferMinutes, Home: in.Home.toAgenda()}
	for _, h := range in.Hours {
		out.Hours = append(out.Hours, agenda.DayHours{Weekday: time.Weekday(h.Weekday), Start: h.StartMinute, End: h.EndMinute, StartPlace: h.StartPlace, EndPlace: h.EndPlace})
	}
	return out
}

// AbsenceInput is an absence to record.
type AbsenceInput struct {
	Kind  string    `json:"kind" enum:"leave,sick,out_of_office" doc:"What kind of absence."`
	Start time.Time `json:"start" doc:"Start of the absence."`
	End   time.Time `json:"end" doc:"End of the absence, after the start."`
	Note  string    `json:"note,omitempty" doc:"A note, e.g. where to reach the person."`
}

// Absence is time a person is away.
type Absence struct {
	ID       string    `json:"id"`
	PersonID string    `json:"person_id"`
	Kind     string    `json:"kind" enum:"leave,sick,out_of_office,absent" doc:"absent when the caller may not see why (sickness is personal data)."`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Note     string    `json:"note,omitempty"`
}

func absenceOf(ab agenda.Absence) Absence { return Absence(ab) }

// TravelOverrideInput is a known travel time between two locations.
type TravelOverrideInput struct {
	FromLocationID string      `json:"from_location_id" minLength:"1" doc:"From this location (see list-locations)."`
	ToLocationID   string      `json:"to_location_id" minLength:"1" doc:"To this location."`
	Mode           travel.Mode `json:"mode" enum:"car,public_transport,bike,walking" doc:"By this mode."`
	Minutes        int         `json:"minutes" minimum:"1" maximum:"1440" doc:"The travel time in minutes."`
	OneWay         bool        `json:"one_way,omitempty" doc:"Only in this direction; by default it holds both ways."`
	Note           string      `json:"note,omitempty" doc:"Why, e.g. \"train plus 10 minutes' walk\"."`
}

// TravelOverride is a known travel time, used instead of the estimate.
type TravelOverride struct {
	ID string `json:"id"`
	TravelOverrideInput
}

func travelOverrideOf(t agenda.TravelOverride) TravelOverride {
	return TravelOverride{ID: t.ID, TravelOverrideInput: TravelOverrideInput{FromLocationID: t.FromLocationID, ToLocationID: t.ToLocationID,
		Mode: t.Mode, Minutes: t.Minutes, OneWay: t.OneWay, Note: t.Note}}
}

type absencesInput struct {
	AgendaPath
	Period
}

func (a *API) registerAgendaSettings() {
	register(a, op{
		ID: "get-agenda-settings", Method: http.MethodGet, Path: "/agendas/{person_id}/settings", Tag: agendaTag,
		Summary: "Get agenda settings and working hours",
		Description: "Returns a person's working hours per weekday (with where the day starts and ends), time zone, travel mode and buffer. " +
			"The person and assistants who see their agenda may read them; the home address only those who see private items.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *AgendaPath) (*body[AgendaSettings], error) {
		s, err := a.Agenda.Settings(ctx, actorFrom(ctx), in.PersonID)
		if err != nil {
			return nil, err
		}
		return bodyOf(agendaSettingsOf(s)), nil
	})

	register(a, op{
		ID: "put-agenda-settings", Method: http.MethodPut, Path: "/agendas/{person_id}/settings", Tag: agendaTag,
		Summary: "Change agenda settings and working hours",
		Description: "Replaces a person's agenda settings and working hours: one's own, or a principal's under a mandate with agenda.edit " +
			"(audited on their behalf).",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		AgendaPath
		Body AgendaSettingsInput
	}) (*body[AgendaSettings], error) {
		s, err := a.Agenda.SaveSettings(ctx, actorFrom(ctx), in.PersonID, in.Body.toAgenda(in.PersonID))
		if err != nil {
			return nil, err
		}
		return bodyOf(agendaSettingsOf(s)), nil
	})

	register(a, op{
		ID: "list-absences", Method: http.MethodGet, Path: "/agendas/{person_id}/absences", Tag: agendaTag,
		Summary: "List absences",
		Description: "Lists a person's absences overlapping the period. Anyone logged in sees that the person is away; the kind and note only " +
			"the person and assistants who see private items (others get kind absent).",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *absencesInput) (*body[List[Absence]], error) {
		list, err := a.Agenda.ListAbsences(ctx, actorFrom(ctx), in.PersonID, in.From, in.To)
		if err != nil {
			return nil, inQuery(err, "from", "to")
		}
		out := make([]Absence, len(list))
		for i, ab := range list {
			out[i] = absenceOf(ab)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "create-absence", Method: http.MethodPost, Path: "/agendas/{person_id}/absences", Tag: agendaTag,
		Summary:     "Record an absence",
		Description: "Records leave, sickness or time out of the office for a person: oneself, or a principal under a mandate with agenda.edit.",
		Access:      agendaAccess,
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		AgendaPath
		Body AbsenceInput
	}) (*body[Absence], error) {
		ab, err := a.Agenda.CreateAbsence(ctx, actorFrom(ctx), in.PersonID, agenda.AbsenceInput(in.Body))
		if err != nil {
			return nil, err
		}
		return bodyOf(absenceOf(ab)), nil
	})

	register(a, op{
		ID: "update-absence", Method: http.MethodPut, Path: "/absences/{id}", Tag: agendaTag,
		Summary:     "Change an absence",
		Description: "Replaces the kind, times and note of an absence, with the same rights as recording it.",
		Access:      agendaAccess,
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body AbsenceInput
	}) (*body[Absence], error) {
		ab, err := a.Agenda.UpdateAbsence(ctx, actorFrom(ctx), in.ID, agenda.AbsenceInput(in.Body))
		if err != nil {
			return nil, err
		}
		return bodyOf(absenceOf(ab)), nil
	})

	register(a, op{
		ID: "delete-absence", Method: http.MethodDelete, Path: "/absences/{id}", Tag: agendaTag,
		Summary:     "Delete an absence",
		Description: "Removes an absence, with the same rights as recording it.",
		Access:      agendaAccess,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Agenda.DeleteAbsence(ctx, actorFrom(ctx), in.ID)
	})

	register(a, op{
		ID: "list-travel-overrides", Method: http.MethodGet, Path: "/travel-overrides", Tag: agendaTag,
		Summary:     "List known travel times",
		Description: "Lists the organization's known travel times between two of its locations, which replace the estimate from the coordinates.",
		Access:      agendaAccess,
	}, func(ctx context.Context, _ *struct{}) (*body[List[TravelOverride]], error) {
		list, err := a.Agenda.ListTravelOverrides(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		out := make([]TravelOverride, len(list))
		for i, t := range list {
			out[i] = travelOverrideOf(t)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "put-travel-override", Method: http.MethodPut, Path: "/travel-overrides", Tag: agendaTag,
		Summary: "Set a known travel time",
		Description: "Sets the travel time between two of the organization's locations by one mode, replacing the one set before for the " +
			"same pair and mode. Audited.",
		Access: authz.Need(authz.LocationsManage),
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body TravelOverrideInput }) (*body[TravelOverride], error) {
		b := in.Body
		actor := actorFrom(ctx)
		// Setting a pair and mode that has a travel time changes that one.
		cur, err := a.Agenda.ListTravelOverrides(ctx, actor)
		if err != nil {
			return nil, err
		}
		id := ""
		for _, o := range cur {
			if o.FromLocationID == b.FromLocationID && o.ToLocationID == b.ToLocationID && o.Mode == b.Mode {
				id = o.ID
			}
		}
		t, err := a.Agenda.SaveTravelOverride(ctx, actor, agenda.TravelOverride{ID: id, FromLocationID: b.FromLocationID,
			ToLocationID: b.ToLocationID, Mode: b.Mode, Minutes: b.Minutes, OneWay: b.OneWay, Note: b.Note})
		if err != nil {
			return nil, err
		}
		return bodyOf(travelOverrideOf(t)), nil
	})

	register(a, op{
		ID: "delete-travel-override", Method: http.MethodDelete, Path: "/travel-overrides/{id}", Tag: agendaTag,
		Summary:     "Delete a known travel time",
		Description: "Removes a known travel time; the estimate from the coordinates applies again. Audited.",
		Access:      authz.Need(authz.LocationsManage),
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Agenda.DeleteTravelOverride(ctx, actorFrom(ctx), in.ID)
	})
}
