package agenda

import (
	"context"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/holiday"
	"spil/internal/slots"
	"spil/internal/travel"
)

// MaxPlanRange is the longest stretch one plan may cover.
const MaxPlanRange = 92 * 24 * time.Hour

// Day is one person's day in a plan.
type Day struct {
	PersonID string       `json:"person_id"`
	Date     holiday.Date `json:"date"`
	// Holiday is the Dutch public holiday on this day (a day off), nil
	// for none; its Name holds the Dutch and English names.
	Holiday *holiday.Holiday `json:"holiday,omitempty"`
	// Working are the working-hour spans of the weekday (also on a holiday
	// or during an absence: see Holiday and Absences).
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
	// From and To are place names: "" when the item there is hidden from
	// the reader; From is "home" (never the address) when the day starts
	// at home.
	From    string      `json:"from"`
	To      string      `json:"to"`
	Start   time.Time   `json:"start"`
	End     time.Time   `json:"end"`
	Minutes int         `json:"minutes"`
	Mode    travel.Mode `json:"mode"`
	Source  string      `json:"source"`
	// FromID is the occurrence travelled from ("" for the day's start
	// place).
	FromID string `json:"from_id,omitempty"`
}

// Flag codes.
const (
	FlagOverlap      = "overlap"       // overlaps another busy item (With)
	FlagUnreachable  = "unreachable"   // cannot be reached in time from the previous item (With, LateMinutes)
	FlagOutsideHours = "outside_hours" // outside the person's working hours
	FlagAbsent       = "absent"        // during an absence
	FlagHoliday      = "holiday"       // on a public holiday
)

// Flag is one problem with a plan item. Text is English; Code and the
// fields are for translation. WithTitle is empty when the other item is
// hidden from the reader.
type Flag struct {
	Code        string `json:"code"`
	With        string `json:"with,omitempty"` // the other occurrence's ID
	WithTitle   string `json:"with_title,omitempty"`
	LateMinutes int    `json:"late_minutes,omitempty"`
	Text        string `json:"text"`
}

// Plan returns per person the local days (in the person's time zone, else
// the organization's) touched by [from, to): working hours, the public
// holiday, absences, and the items with travel blocks and flags, as actor
// may see them. Anyone logged in may plan with anyone's agenda: what they may
// not see comes as busy blocks, absences as "absent", and flags and travel
// blocks never name a hidden item's title or place.
//
// All-day and cancelled items are listed but take no time: no flags, no
// travel. See docs/agenda/planning.md for the rules.
//
// Errors: Forbidden when not logged in; Invalid for a bad period (longer
// than MaxPlanRange) or more than MaxOwners people; NotFound when one of
// personIDs is no person.
func (s *Service) Plan(ctx context.Context, actor *authz.Actor, personIDs []string, from, to time.Time) (map[string][]Day, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.Forbiddenf("log in to see agendas")
	}
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	if to.Sub(from) > MaxPlanRange {
		return nil, apperr.Fields{"to": "a plan can cover at most 92 days"}.Err()
	}
	if len(personIDs) > MaxOwners {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("at most %d agendas at once", MaxOwners))
	}
	personIDs = uniqueIDs(personIDs)
	profiles, err := loadProfiles(ctx, s.DB.R, personIDs)
	if err != nil {
		return nil, err
	}
	// A day in any zone lies within a day of from and to.
	lo, hi := from.Add(-26*time.Hour), to.Add(26*time.Hour)
	occs, err := occurrences(ctx, s.DB.R, personIDs, lo, hi)
	if err != nil {
		return nil, err
	}
	abs, err := absencesOf(ctx, s.DB.R, personIDs, lo, hi)
	if err != nil {
		return nil, err
	}
	est, err := s.estimator(ctx, s.DB.R)
	if err != nil {
		return nil, err
	}
	ests := newEstimates(est)
	out := make(map[string][]Day, len(personIDs))
	for _, id := range personIDs {
		p := profiles[id]
		acc := AccessTo(actor, id)
		first, last := holiday.DateOf(from.In(p.loc)), holiday.DateOf(to.Add(-time.Nanosecond).In(p.loc))
		for d := first; !d.After(last); d = d.AddDays(1) {
			raw, err := buildDay(ctx, p, d, occs[id], abs[id], ests)
			if err != nil {
				return nil, err
			}
			out[id] = append(out[id], raw.view(actor, acc, id))
		}
	}
	return out, nil
}

func uniqueIDs(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// view is the day as actor (with access acc to the person's agenda) may see
// it.
func (d rawDay) view(actor *authz.Actor, acc Access, personID string) Day {
	out := Day{PersonID: personID, Date: d.date, Holiday: d.holiday, Working: d.working,
		StartsAt: d.startsAt, EndsAt: d.endsAt, Absences: []Absence{}, Items: make([]PlanItem, 0, len(d.items))}
	for _, ab := range d.absences {
		out.Absences = append(out.Absences, maskAbsence(ab, acc))
	}
	seen := make([]Occurrence, len(d.items))
	for i, it := range d.items {
		o := it.o
		o.Appointment = maskFor(o.Appointment, actor, acc, AccessTo(actor, o.OwnerID))
		seen[i] = o
	}
	for i, it := range d.items {
		pi := PlanItem{Occurrence: seen[i]}
		if t := it.travel; t != nil {
			b := &TravelBlock{To: seen[i].Place.Name, Start: it.o.At.Add(-t.est.Duration), End: it.o.At,
				Minutes: ceilMinutes(t.est.Duration), Mode: t.mode, Source: t.est.Source}
			switch {
			case t.from >= 0:
				b.From, b.FromID = seen[t.from].Place.Name, seen[t.from].ID
			case t.fromHome:
				b.From = AtHome
			default:
				b.From = t.fromName
			}
			pi.TravelBefore = b
		}
		for _, f := range it.flags {
			pi.Flags = append(pi.Flags, flagView(f, seen, d.holiday))
		}
		out.Items = append(out.Items, pi)
	}
	return out
}

// flagView puts a flag in words without naming what the reader may not see.
func flagView(f rawFlag, seen []Occurrence, h *holiday.Holiday) Flag {
	out := Flag{Code: f.code, LateMinutes: f.late}
	other := "a busy item"
	if f.with >= 0 {
		o := seen[f.with]
		out.With = o.ID
		if !o.Hidden {
			out.WithTitle = o.Title
			other = fmt.Sprintf("%q", o.Title)
		}
	}
	switch f.code {
	case FlagOverlap:
		out.Text = "overlaps " + other
	case FlagUnreachable:
		out.Text = fmt.Sprintf("cannot be reached in time from %s: %d min late", other, f.late)
	case FlagOutsideHours:
		out.Text = "outside working hours"
	case FlagAbsent:
		out.Text = "during an absence"
	case FlagHoliday:
		out.Text = "on a public holiday"
		if h != nil {
			out.Text += " (" + h.Name.EN + ")"
		}
	}
	return out
}
