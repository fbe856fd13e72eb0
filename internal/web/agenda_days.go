package web

import (
	"context"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/holiday"
	"spil/internal/slots"
)

// planDay is one person's day as the views draw it, from agenda.Plan.
type planDay struct {
	Date     time.Time // local midnight
	Holiday  *holiday.Holiday
	Working  []slots.Interval
	Absences []agenda.Absence
	Items    []agenda.PlanItem
}

// loadDays returns per person the days from day (a local midnight) on, n
// days long, with travel blocks, flags and working hours (agenda.Plan);
// planned is true when they came with them.
func (s *Server) loadDays(ctx context.Context, a *authz.Actor, people []string, day time.Time, n int) (map[string][]planDay, bool, error) {
	loc := day.Location()
	from, to := day, day.AddDate(0, 0, n)
	out := make(map[string][]planDay, len(people))
	plan, err := s.Agenda.Plan(ctx, a, people, from, to)
	if err == nil {
		for _, id := range people {
			days := make([]planDay, n)
			for i := range days {
				days[i].Date = day.AddDate(0, 0, i)
			}
			for _, d := range plan[id] {
				i := dayIndex(d.Date.Midnight(loc), day, n)
				if i < 0 {
					continue
				}
				days[i] = planDay{Date: days[i].Date, Holiday: d.Holiday, Working: d.Working, Absences: d.Absences, Items: d.Items}
			}
			out[id] = days
		}
		return out, true, nil
	}
	return nil, false, err
}

// dayIndex is the position of the day starting at d among the n days from
// first, -1 when outside.
func dayIndex(d, first time.Time, n int) int {
	for i := 0; i < n; i++ {
		if first.AddDate(0, 0, i).Equal(d) {
			return i
		}
	}
	return -1
}

// gridFor returns the range of hours that shows every timed item, travel
// block and working-hour span of days.
func gridFor(days ...[]planDay) gridRange {
	g := defaultRange
	for _, list := range days {
		for _, d := range list {
			for _, w := range d.Working {
				g = g.widen(minutesIn(w.Start, d.Date), minutesIn(w.End, d.Date))
			}
			for _, it := range d.Items {
				if it.AllDay {
					continue
				}
				start := it.At
				if it.TravelBefore != nil && it.TravelBefore.Start.Before(start) {
					start = it.TravelBefore.Start
				}
				g = g.widen(minutesIn(start, d.Date), minutesIn(it.Until, d.Date))
			}
		}
	}
	return g
}
