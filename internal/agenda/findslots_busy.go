package agenda

import (
	"context"
	"time"

	"spil/internal/db"
	"spil/internal/slots"
)

// busyItem is an occurrence that takes time, with whether the actor attends
// it (and so sees it in full).
type busyItem struct {
	Occurrence
	actorAttends bool
}

// slot is b for the slot finder, private unless the reader (with access acc
// to the agenda) sees the item in full.
func (b busyItem) slot(acc Access) slots.Appointment {
	a := slots.Appointment{Title: b.Title, Start: b.At, End: b.Until, Priority: b.Priority,
		Private: !b.actorAttends && !acc.SeesItem(b.Visibility)}
	if b.Place.HasCoordinates() {
		a.Location = &slots.Place{Name: b.Place.Name, Place: b.Place.Travel()}
	}
	if a.Private {
		a.Title = ""
		if a.Location != nil {
			a.Location.Name = ""
		}
	}
	return a
}

// busyOf returns per holder the occurrences overlapping [from, to) that
// take time (not cancelled, not all-day).
func busyOf(ctx context.Context, q db.Querier, holders []string, actorID string, from, to time.Time) (map[string][]busyItem, error) {
	all, err := occurrences(ctx, q, holders, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]busyItem, len(all))
	for h, list := range all {
		for _, o := range list {
			if takesTime(o.Appointment) {
				out[h] = append(out[h], busyItem{Occurrence: o, actorAttends: isAttendee(o.Appointment, actorID)})
			}
		}
	}
	return out, nil
}
