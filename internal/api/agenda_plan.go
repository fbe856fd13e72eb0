package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/agenda"
	"spil/internal/slots"
	"spil/internal/travel"
)

// PeoplePeriod names several agendas and a period.
type PeoplePeriod struct {
	PersonIDs []string `query:"person_id,explode" required:"true" minItems:"1" maxItems:"100" doc:"The people, one person_id parameter each (person_id=a&person_id=b)."`
	Period
}

// AgendaDay is one person's day in a plan.
type AgendaDay struct {
	PersonID string      `json:"person_id" doc:"Whose day it is."`
	Date     string      `json:"date" format:"date" doc:"The civil date, in the person's time zone." example:"2026-11-02"`
	Holiday  *DayHoliday `json:"holiday,omitempty" doc:"The Dutch public holiday or other notable day, if any."`
	Working  []TimeSpan  `json:"working" nullable:"false" doc:"The working-hour spans of the day (none on a day off)."`
	StartsAt string      `json:"starts_at" enum:"office,home" doc:"Where the day starts."`
	EndsAt   string      `json:"ends_at" enum:"office,home" doc:"Where the day ends."`
	Absences []Absence   `json:"absences" nullable:"false" doc:"Absences overlapping the day."`
	Items    []PlanItem  `json:"items" nullable:"false" doc:"The appointments of the day by start, with travel blocks and flags."`
}

// DayHoliday names a notable day.
type DayHoliday struct {
	Key    string `json:"key" doc:"Language-independent key." example:"kings_day"`
	NameNL string `json:"name_nl" example:"Koningsdag"`
	NameEN string `json:"name_en" example:"King's Day"`
	DayOff bool   `json:"day_off" doc:"True for a public holiday: a day off by default."`
}

// TimeSpan is a stretch of time.
type TimeSpan struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// PlanItem is an appointment in a day plan.
type PlanItem struct {
	Occurrence
	TravelBefore *TravelBlock `json:"travel_before,omitempty" doc:"The travel from the previous place (the previous item, or where the day starts), when the places differ."`
	Flags        []PlanFlag   `json:"flags" nullable:"false" doc:"What is wrong with the item: overlaps, an unreachable sequence, outside working hours, during an absence or on a holiday."`
}

// TravelBlock is the time needed to get to an item.
type TravelBlock struct {
	From    string      `json:"from" doc:"Where from; empty when the caller may not see it."`
	To      string      `json:"to" doc:"Where to; empty when the caller may not see it."`
	Start   time.Time   `json:"start" doc:"When one has to leave."`
	End     time.Time   `json:"end" doc:"The item's start."`
	Minutes int         `json:"minutes" doc:"Travel time in minutes."`
	Mode    travel.Mode `json:"mode" enum:"car,public_transport,bike,walking"`
	Source  string      `json:"source" doc:"Where the time comes from: estimate (the formula), override (a known travel time between two locations), or a routing service."`
	FromID  string      `json:"from_id,omitempty" doc:"The appointment travelled from; absent when the day starts there (home or the office)."`
}

// PlanFlag is one problem with a plan item.
type PlanFlag struct {
	Code        string `json:"code" enum:"overlap,unreachable,outside_hours,absent,holiday" doc:"What is wrong."`
	With        string `json:"with,omitempty" doc:"The other appointment's ID (overlap, unreachable)."`
	WithTitle   string `json:"with_title,omitempty" doc:"The other appointment's title, when the caller may see it."`
	LateMinutes int    `json:"late_minutes,omitempty" doc:"For unreachable: how many minutes late one arrives."`
	Text        string `json:"text" doc:"The problem in English; code and the fields are for translation."`
}

func agendaDayOf(d agenda.Day) AgendaDay {
	out := AgendaDay{PersonID: d.PersonID, Date: d.Date.String(), StartsAt: d.StartsAt, EndsAt: d.EndsAt,
		Working: []TimeSpan{}, Absences: []Absence{}, Items: []PlanItem{}}
	if h := d.Holiday; h != nil {
		out.Holiday = &DayHoliday{Key: h.Key, NameNL: h.Name.NL, NameEN: h.Name.EN, DayOff: h.DayOff}
	}
	for _, w := range d.Working {
		out.Working = append(out.Working, TimeSpan{w.Start, w.End})
	}
	for _, ab := range d.Absences {
		out.Absences = append(out.Absences, absenceOf(ab))
	}
	for _, it := range d.Items {
		pi := PlanItem{Occurrence: occurrenceOf(it.Occurrence), Flags: []PlanFlag{}}
		if tb := it.TravelBefore; tb != nil {
			pi.TravelBefore = &TravelBlock{From: tb.From, To: tb.To, Start: tb.Start, End: tb.End, Minutes: tb.Minutes, Mode: tb.Mode, Source: tb.Source, FromID: tb.FromID}
		}
		for _, f := range it.Flags {
			pi.Flags = append(pi.Flags, PlanFlag(f))
		}
		out.Items = append(out.Items, pi)
	}
	return out
}

// AppointmentConflict is an item that collides with an appointment.
type AppointmentConflict struct {
	Code      string     `json:"code" enum:"overlap,unreachable" doc:"Overlapping times, or not reachable in time from one to the other."`
	Other     Occurrence `json:"other" doc:"The other item, as the caller may see it."`
	MoveOther bool       `json:"move_other" doc:"True when the other item has the lower priority, so the proposals are for it; otherwise they are for the appointment asked about."`
	Proposals []Slot     `json:"proposals" nullable:"false" doc:"New times for the item that should move, best first. spil never moves anything itself."`
}

// Slot is a candidate time from the slot finder.
type Slot struct {
	Start   time.Time    `json:"start"`
	End     time.Time    `json:"end"`
	Score   float64      `json:"score" doc:"Higher is better: minus one per minute of travel, much less per overbooked item (milder for P4 than P2)."`
	Reasons []SlotReason `json:"reasons" nullable:"false" doc:"Why the slot is as it is, e.g. \"Jan travels 35 min from Zuidas\"."`
}

// SlotReason explains a slot.
type SlotReason struct {
	Code     string            `json:"code" doc:"What kind of reason (overbooks, travel_from, travel_to, …)."`
	PersonID string            `json:"person_id,omitempty" doc:"Whom it is about."`
	Args     map[string]string `json:"args,omitempty" doc:"The values in the text, for translation."`
	Text     string            `json:"text" doc:"The reason in English."`
}

func slotsOf(cs []slots.Candidate) []Slot {
	out := make([]Slot, 0, len(cs))
	for _, c := range cs {
		s := Slot{Start: c.Start, End: c.End, Score: c.Score, Reasons: make([]SlotReason, 0, len(c.Reasons))}
		for _, r := range c.Reasons {
			s.Reasons = append(s.Reasons, SlotReason{Code: r.Code, PersonID: r.PersonID, Args: r.Args, Text: r.Text})
		}
		out = append(out, s)
	}
	return out
}

// SlotQuery asks the slot finder for times.
type SlotQuery struct {
	PersonIDs       []string    `json:"person_ids" minItems:"1" maxItems:"100" doc:"Everyone who must be there."`
	DurationMinutes int         `json:"duration_minutes" minimum:"5" maximum:"1440" doc:"How long the meeting lasts."`
	From            time.Time   `json:"from" doc:"Start of the window to search."`
	To              time.Time   `json:"to" doc:"End of the window to search."`
	Place           AgendaPlace `json:"place,omitzero" doc:"Where the meeting is, for travel from and to the neighbouring appointments; absent for online."`
	Mode            travel.Mode `json:"mode,omitempty" enum:"car,public_transport,bike,walking" doc:"How the people travel; default each person's own mode."`
	BufferMinutes   int         `json:"buffer_minutes,omitempty" minimum:"0" maximum:"240" doc:"Extra minutes kept free before and after."`
	MayOverbook     int         `json:"may_overbook,omitempty" minimum:"0" maximum:"4" doc:"The highest-priority items that may be overbooked: 4 only P4 items, 3 P3 and P4, 2 P2 to P4; 0 or absent none. P1 items never."`
	Limit           int         `json:"limit,omitempty" minimum:"0" maximum:"100" doc:"At most this many candidates; default 10."`
}

// BusyPerson is the busy time of one person.
type BusyPerson struct {
	PersonID string      `json:"person_id"`
	Busy     []BusyBlock `json:"busy" nullable:"false" doc:"Busy stretches by start, without anything about what they are."`
}

// BusyBlock is a stretch of busy time.
type BusyBlock struct {
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Status string    `json:"status" enum:"tentative,confirmed,absent" doc:"tentative or confirmed for appointments; absent for an absence."`
}

type conflictsInput struct {
	PathID
	OccurrenceStart time.Time `query:"occurrence_start" doc:"For a series: the instance to check (its occurrence_start); default the first."`
}

func (a *API) registerAgendaPlanning() {
	register(a, op{
		ID: "get-agenda-plan", Method: http.MethodGet, Path: "/agendas/plan", Tag: agendaTag,
		Summary: "Get the day plans of one or more agendas",
		Description: "Returns per person (in the order asked) and day of the period: working hours, absences, Dutch public holidays, and the " +
			"appointments with the travel block before each (when two consecutive items, or the day's start, are at different places) and " +
			"flags: overlaps, unreachable sequences (with how late), outside working hours, during an absence, on a holiday. This is the " +
			"side-by-side view of an assistant who supports several principals. Items are shown as the caller may see them; flags and " +
			"travel blocks never reveal what the caller may not see.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *PeoplePeriod) (*body[List[AgendaDay]], error) {
		plan, err := a.Agenda.Plan(ctx, actorFrom(ctx), in.PersonIDs, in.From, in.To)
		if err != nil {
			return nil, inQuery(err, "from", "to", "person_id")
		}
		var days []AgendaDay
		seen := map[string]bool{}
		for _, id := range in.PersonIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			for _, d := range plan[id] {
				days = append(days, agendaDayOf(d))
			}
		}
		return listOf(days), nil
	})

	register(a, op{
		ID: "get-appointment-conflicts", Method: http.MethodGet, Path: "/appointments/{id}/conflicts", Tag: agendaTag,
		Summary: "Get what collides with an appointment",
		Description: "Returns the items that overlap the appointment or cannot be reached in time from it (or it from them), with proposed new " +
			"times for whichever of the two has the lower priority. spil proposes; it never moves anything itself.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *conflictsInput) (*body[List[AppointmentConflict]], error) {
		var occ *time.Time
		if !in.OccurrenceStart.IsZero() {
			occ = &in.OccurrenceStart
		}
		cs, err := a.Agenda.Conflicts(ctx, actorFrom(ctx), in.ID, occ)
		if err != nil {
			return nil, inQuery(err, "occurrence_start")
		}
		out := make([]AppointmentConflict, len(cs))
		for i, c := range cs {
			out[i] = AppointmentConflict{Code: c.Code, Other: occurrenceOf(c.Other), MoveOther: c.MoveOther, Proposals: slotsOf(c.Proposals)}
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "find-slots", Method: http.MethodPost, Path: "/agendas/find-slots", Tag: agendaTag,
		Summary: "Find a time for a meeting",
		Description: "Ranks candidate slots for a meeting of these people: within everyone's working hours, not on a Dutch public holiday or " +
			"during an absence, leaving time to travel from and to the neighbouring appointments (buffer included), and overbooking no item " +
			"of a higher priority than may_overbook (never a P1 item). Each slot lists its reasons; reasons about items the caller may not " +
			"see never name them.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body SlotQuery }) (*body[List[Slot]], error) {
		q := in.Body
		cs, err := a.Agenda.FindSlots(ctx, actorFrom(ctx), agenda.SlotQuery{PersonIDs: q.PersonIDs,
			Duration: time.Duration(q.DurationMinutes) * time.Minute, From: q.From, To: q.To, Place: q.Place.toAgenda(),
			Mode: q.Mode, BufferMinutes: q.BufferMinutes, MayOverbook: q.MayOverbook, Limit: q.Limit})
		if err != nil {
			return nil, err
		}
		return listOf(slotsOf(cs)), nil
	})

	register(a, op{
		ID: "get-freebusy", Method: http.MethodGet, Path: "/agendas/freebusy", Tag: agendaTag,
		Summary: "Get free/busy time",
		Description: "Returns for each person the stretches of the period in which they are busy (appointments that take time, and absences), " +
			"merged and without anything about what they are. Every logged-in person may ask this for anyone.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *PeoplePeriod) (*body[List[BusyPerson]], error) {
		fb, err := a.Agenda.FreeBusy(ctx, actorFrom(ctx), in.PersonIDs, in.From, in.To)
		if err != nil {
			return nil, inQuery(err, "from", "to", "person_id")
		}
		var out []BusyPerson
		seen := map[string]bool{}
		for _, id := range in.PersonIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			bp := BusyPerson{PersonID: id, Busy: []BusyBlock{}}
			for _, b := range fb[id] {
				bp.Busy = append(bp.Busy, BusyBlock(b))
			}
			out = append(out, bp)
		}
		return listOf(out), nil
	})
}
