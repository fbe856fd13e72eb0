package agenda

import (
	"context"
	"database/sql"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// p1Horizon is how far ahead a new series is checked against P1 items, and
// p1Instances how many of its instances at most.
const (
	p1Horizon   = 366 * 24 * time.Hour
	p1Instances = 1000
)

// takesTime reports whether an item blocks its time: not cancelled and not
// all-day (all-day items are reminders of the day, as in Outlook "free").
func takesTime(ap Appointment) bool { return ap.Status != Cancelled && !ap.AllDay }

// instances returns the occurrences of ap within the P1 horizon.
func instances(ap Appointment) []Occurrence {
	if !ap.Recurring() {
		return expand(ap, ap.Start, ap.End, nil)
	}
	from := ap.Start
	return expand(ap, from, from.Add(p1Horizon), nil)
}

// checkP1 refuses ap when one of its instances overlaps a P1 item in the
// owner's agenda: a P1 item is never overbooked. Occurrences
// for which ignore returns true (the item being changed) are left out.
func (s *Service) checkP1(ctx context.Context, tx *sql.Tx, actor *authz.Actor, ap Appointment, ignore func(Occurrence) bool) error {
	if !takesTime(ap) {
		return nil
	}
	mine := instances(ap)
	if len(mine) > p1Instances {
		mine = mine[:p1Instances]
	}
	if len(mine) == 0 {
		return nil
	}
	from, to := mine[0].At, mine[len(mine)-1].Until
	existing, err := occurrences(ctx, tx, []string{ap.OwnerID}, from, to)
	if err != nil {
		return err
	}
	acc := AccessTo(actor, ap.OwnerID)
	for _, o := range existing[ap.OwnerID] {
		if o.ID == ap.ID || (ignore != nil && ignore(o)) || !takesTime(o.Appointment) {
			continue
		}
		if o.Priority != P1 {
			continue
		}
		for _, m := range mine {
			if m.At.Before(o.Until) && o.At.Before(m.Until) {
				return p1Conflict(o, maskFor(o.Appointment, actor, acc, AccessTo(actor, o.OwnerID)))
			}
		}
	}
	return nil
}

func p1Conflict(o Occurrence, seen Appointment) error {
	when := o.At.UTC().Format(time.RFC3339)
	what := "a busy item"
	if !seen.Hidden {
		what = `"` + seen.Title + `"`
	}
	return &apperr.Error{Kind: apperr.Conflict,
		Message: "this time overlaps the P1 item " + what + " at " + when + ", which must not move",
		Fields:  map[string]string{"start": "overlaps the P1 item " + what + " at " + when}}
}
