package agenda

// This file declares the planning side of the agenda (settings and working
// hours, absences, travel overrides, the day plan with travel blocks and
// flags, conflicts with proposals, the slot finder and free/busy). Each
// function moves to its own file when it is built.

import (
	"context"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/holiday"
	"spil/internal/slots"
	"spil/internal/travel"
)

var errNotBuilt = apperr.New(apperr.Internal, "not built yet")

// Day places: where a working day starts or ends.
const (
	AtOffice = "office"
	AtHome   = "home"
)

// DayHours is one working-hour span on a weekday, in minutes from local
// midnight, with where the day starts and ends.
type DayHours struct {
	Weekday    time.Weekday `json:"weekday"`
	Start      int          `json:"start_minute"`
	End        int          `json:"end_minute"`
	StartPlace string       `json:"start_place"` // AtOffice or AtHome
	EndPlace   string       `json:"end_place"`
}

// Settings are a person's agenda settings.
type Settings struct {
	PersonID      string      `json:"person_id"`
	TimeZone      string      `json:"time_zone"` // "" means the organization's
	TravelMode    travel.Mode `json:"travel_mode"`
	BufferMinutes int         `json:"buffer_minutes"`
	// Home is shown only to the person and to readers who see private items.
	Home Place `json:"home"`
	// Office is the person's location in the directory (read-only here).
	Office Place `json:"office"`
	// Hours are the working-hour spans; none stored means Monday to Friday
	// 09:00–17:00 from and to the office.
	Hours []DayHours `json:"hours"`
}

// AbsenceInput is what a person fills in for an absence.
type AbsenceInput struct {
	Kind  string    `json:"kind"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Note  string    `json:"note"`
}

// TravelOverride is a known travel time between two of the organization's
// locations by one mode.
type TravelOverride struct {
	ID             string      `json:"id"`
	FromLocationID string      `json:"from_location_id"`
	ToLocationID   string      `json:"to_location_id"`
	Mode           travel.Mode `json:"mode"`
	Minutes        int         `json:"minutes"`
	OneWay         bool        `json:"one_way"`
	Note           string      `json:"note"`
}

// Day is one person's day in a plan.
type Day struct {
	PersonID string       `json:"person_id"`
	Date     holiday.Date `json:"date"`
	// Holiday names a Dutch public holiday on this day ("" for none), in
	// Dutch and English.
	Holiday  *holiday.Holiday `json:"holiday,omitempty"`
	Working  []slots.Interval `json:"working"`
	Absences []Absence        `json:"absences"`
	Items    []PlanItem       `json:"items"`
	StartsAt string           `json:"starts_at"` // AtOffice or AtHome
	EndsAt   string           `json:"ends_at"`
}

// PlanItem is an occurrence in a day plan, with the travel to get there and
// what is wrong with it.
type PlanItem struct {
	Occurrence
	TravelBefore *TravelBlock `json:"travel_before,omitempty"`
	Flags        []Flag       `json:"flags,omitempty"`
}

// TravelBlock is the time needed to get from the previous place to an item.
type TravelBlock struct {
	From    string      `json:"from"` // place names; "" when hidden
	To      string      `json:"to"`
	Start   time.Time   `json:"start"`
	End     time.Time   `json:"end"`
	Minutes int         `json:"minutes"`
	Mode    travel.Mode `json:"mode"`
	Source  string      `json:"source"`
}

// Flag codes.
const (
	FlagOverlap      = "overlap"       // overlaps another busy item (With)
	FlagUnreachable  = "unreachable"   // cannot be reached in time from the previous item (LateMinutes)
	FlagOutsideHours = "outside_hours" // outside the person's working hours
	FlagAbsent       = "absent"        // during an absence
	FlagHoliday      = "holiday"       // on a public holiday
)

// Flag is one problem with a plan item. Text is English; Code and the
// fields are for translation.
type Flag struct {
	Code        string `json:"code"`
	With        string `json:"with,omitempty"` // the other occurrence's ID
	WithTitle   string `json:"with_title,omitempty"`
	LateMinutes int    `json:"late_minutes,omitempty"`
	Text        string `json:"text"`
}

// Conflict is an item that collides with a given one, with proposed new
// slots for whichever of the two has the lower priority. spil never moves
// anything itself.
type Conflict struct {
	Code  string     `json:"code"` // FlagOverlap or FlagUnreachable
	Other Occurrence `json:"other"`
	// MoveOther is set when Other has the lower priority (Proposals are for
	// it); otherwise the proposals are for the given item.
	MoveOther bool              `json:"move_other"`
	Proposals []slots.Candidate `json:"proposals"`
}

// SlotQuery is a request to the slot finder.
type SlotQuery struct {
	PersonIDs     []string      `json:"person_ids"`
	Duration      time.Duration `json:"duration"`
	From          time.Time     `json:"from"`
	To            time.Time     `json:"to"`
	Place         Place         `json:"place"`
	Mode          travel.Mode   `json:"mode"`
	BufferMinutes int           `json:"buffer_minutes"`
	MayOverbook   int           `json:"may_overbook"`
	Limit         int           `json:"limit"`
}

// BusyBlock is a stretch of busy time, without anything about what it is.
type BusyBlock struct {
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Status string    `json:"status"` // Tentative or Confirmed; absences are "absent"
}

// Settings returns personID's agenda settings.
func (s *Service) Settings(ctx context.Context, actor *authz.Actor, personID string) (Settings, error) {
	return Settings{}, errNotBuilt
}

// SaveSettings stores personID's agenda settings.
func (s *Service) SaveSettings(ctx context.Context, actor *authz.Actor, personID string, in Settings) (Settings, error) {
	return Settings{}, errNotBuilt
}

// ListAbsences returns personID's absences overlapping [from, to).
func (s *Service) ListAbsences(ctx context.Context, actor *authz.Actor, personID string, from, to time.Time) ([]Absence, error) {
	return nil, errNotBuilt
}

// CreateAbsence records an absence for personID.
func (s *Service) CreateAbsence(ctx context.Context, actor *authz.Actor, personID string, in AbsenceInput) (Absence, error) {
	return Absence{}, errNotBuilt
}

// DeleteAbsence removes an absence.
func (s *Service) DeleteAbsence(ctx context.Context, actor *authz.Actor, id string) error {
	return errNotBuilt
}

// ListTravelOverrides returns the organization's known travel times.
func (s *Service) ListTravelOverrides(ctx context.Context, actor *authz.Actor) ([]TravelOverride, error) {
	return nil, errNotBuilt
}

// SaveTravelOverride adds or changes a known travel time.
func (s *Service) SaveTravelOverride(ctx context.Context, actor *authz.Actor, in TravelOverride) (TravelOverride, error) {
	return TravelOverride{}, errNotBuilt
}

// DeleteTravelOverride removes a known travel time.
func (s *Service) DeleteTravelOverride(ctx context.Context, actor *authz.Actor, id string) error {
	return errNotBuilt
}

// Plan returns per person the days of [from, to) with items, travel blocks
// and flags, as actor may see them.
func (s *Service) Plan(ctx context.Context, actor *authz.Actor, personIDs []string, from, to time.Time) (map[string][]Day, error) {
	return nil, errNotBuilt
}

// Conflicts returns what collides with the appointment id (the occurrence
// starting at occurrenceStart for a series), with proposals.
func (s *Service) Conflicts(ctx context.Context, actor *authz.Actor, id string, occurrenceStart *time.Time) ([]Conflict, error) {
	return nil, errNotBuilt
}

// FindSlots runs the slot finder over the agendas of q.PersonIDs.
func (s *Service) FindSlots(ctx context.Context, actor *authz.Actor, q SlotQuery) ([]slots.Candidate, error) {
	return nil, errNotBuilt
}

// FreeBusy returns the busy time of each person in [from, to).
func (s *Service) FreeBusy(ctx context.Context, actor *authz.Actor, personIDs []string, from, to time.Time) (map[string][]BusyBlock, error) {
	return nil, errNotBuilt
}
