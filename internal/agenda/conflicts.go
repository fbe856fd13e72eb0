package agenda

import (
	"context"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/holiday"
	"spil/internal/slots"
)

// Proposals for a conflict: how many, and how far ahead of the moved item's
// day they are looked for.
const (
	MaxProposals   = 5
	ProposalWindow = 15 * 24 * time.Hour
)

// Conflict is an item that collides with a given one, with proposed new
// slots for whichever of the two has the lower priority. spil never moves
// anything itself.
type Conflict struct {
	Code  string     `json:"code"` // FlagOverlap or FlagUnreachable
	Other Occurrence `json:"other"`
	// MoveOther is set when the proposals are for Other (it has the lower
	// priority, or the given item is P1); otherwise they are for the given
	// item. Two P1 items get no proposals.
	MoveOther bool              `json:"move_other"`
	Proposals []slots.Candidate `json:"proposals"`
}

// Conflicts returns what collides with the appointment id in its owner's
// agenda — for a series, with the occurrence originally starting at
// occurrenceStart: items it overlaps, the item before it from which it
// cannot be reached in time, and the item after it that cannot be reached
// in time from it. Each conflict carries up to MaxProposals slots (from the
// slot finder: same duration, from the item's day to about two weeks later,
// not in the past, the working hours, absences, holidays and travel of the
// owner and internal attendees, overbooking nothing) for the item with the
// lower priority; on equal priority, for the given item. Nothing is moved.
// Other is masked for actor as in List; proposals' reasons never name what
// actor may not see.
//
// Errors: NotFound when the appointment does not exist or actor may not see
// it in full; Invalid "occurrence_start" when it is missing for a series or
// is not one of its occurrences.
func (s *Service) Conflicts(ctx context.Context, actor *authz.Actor, id string, occurrenceStart *time.Time) ([]Conflict, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.NotFoundf("appointment not found")
	}
	ap, err := getAppointment(ctx, s.DB.R, id)
	if err != nil {
		return nil, err
	}
	acc := AccessTo(actor, ap.OwnerID)
	if !acc.SeesItem(ap.Visibility) && !isAttendee(ap, actor.PersonID) {
		return nil, apperr.NotFoundf("appointment not found")
	}
	at, until := ap.Start, ap.End
	if ap.Recurring() {
		if occurrenceStart == nil {
			return nil, needOccurrence("say which occurrence of the series")
		}
		at, until = *occurrenceStart, occurrenceStart.Add(ap.End.Sub(ap.Start))
	}
	if !takesTime(ap) {
		return []Conflict{}, nil
	}
	owner := ap.OwnerID
	profiles, err := loadProfiles(ctx, s.DB.R, []string{owner})
	if err != nil {
		return nil, err
	}
	p := profiles[owner]
	lo, hi := at.Add(-26*time.Hour), until.Add(26*time.Hour)
	occs, err := occurrences(ctx, s.DB.R, []string{owner}, lo, hi)
	if err != nil {
		return nil, err
	}
	target := -1
	for i, o := range occs[owner] {
		if o.ID == id && (!ap.Recurring() || o.OccurrenceStart.Equal(*occurrenceStart)) {
			target = i
			at = o.At
		}
	}
	if target < 0 {
		return nil, needOccurrence("no occurrence of this series starts then")
	}
	est, err := s.estimator(ctx, s.DB.R)
	if err != nil {
		return nil, err
	}
	ests := newEstimates(est)
	out := []Conflict{}
	seen := map[[2]string]bool{}
	me := occs[owner][target]
	for d := holiday.DateOf(at.In(p.loc)); d.Before(holiday.DateOf(me.Until.Add(-time.Second).In(p.loc)).AddDays(1)); d = d.AddDays(1) {
		day, err := buildDay(ctx, p, d, occs[owner], nil, ests)
		if err != nil {
			return nil, err
		}
		for i, it := range day.items {
			mine := it.o.ID == me.ID && it.o.OccurrenceStart.Equal(me.OccurrenceStart)
			for _, f := range it.flags {
				var other Occurrence
				switch {
				case mine && (f.code == FlagOverlap || f.code == FlagUnreachable):
					other = day.items[f.with].o
				case !mine && f.code == FlagUnreachable && sameOccurrence(day.items[f.with].o, me):
					other = day.items[i].o
				default:
					continue
				}
				key := [2]string{f.code, other.ID + "@" + other.OccurrenceStart.String()}
				if seen[key] {
					continue
				}
				seen[key] = true
				c, err := s.conflict(ctx, actor, f.code, me, other)
				if err != nil {
					return nil, err
				}
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func sameOccurrence(a, b Occurrence) bool {
	return a.ID == b.ID && a.OccurrenceStart.Equal(b.OccurrenceStart)
}

// conflict describes the collision of me with other, with proposals for the
// one to move.
func (s *Service) conflict(ctx context.Context, actor *authz.Actor, code string, me, other Occurrence) (Conflict, error) {
	c := Conflict{Code: code, Proposals: []slots.Candidate{}}
	c.MoveOther = other.Priority > me.Priority || me.Priority == P1
	mover := me
	if c.MoveOther {
		mover = other
	}
	c.Other = other
	c.Other.Appointment = mask(other.Appointment, AccessTo(actor, other.OwnerID), isAttendee(other.Appointment, actor.PersonID))
	if mover.Priority == P1 {
		return c, nil
	}
	props, err := s.propose(ctx, actor, mover)
	if err != nil {
		return c, err
	}
	c.Proposals = props
	return c, nil
}

// propose finds new slots for the occurrence o.
func (s *Service) propose(ctx context.Context, actor *authz.Actor, o Occurrence) ([]slots.Candidate, error) {
	dur := o.Until.Sub(o.At)
	if dur > 24*time.Hour {
		return []slots.Candidate{}, nil // meetings across midnight are never offered
	}
	dur = (dur + time.Minute - 1).Truncate(time.Minute)
	ids := []string{o.OwnerID}
	for _, a := range o.Attendees {
		if a.PersonID != "" && a.Response != Declined && len(ids) < slots.MaxPeople {
			ids = append(ids, a.PersonID)
		}
	}
	ids = uniqueIDs(ids)
	profiles, err := loadProfiles(ctx, s.DB.R, ids[:1])
	if err != nil {
		return nil, err
	}
	loc := profiles[o.OwnerID].loc
	from := holiday.DateOf(o.At.In(loc)).Midnight(loc)
	to := from.Add(ProposalWindow)
	if now := s.Clock.Now(); now.After(from) {
		from = now.Truncate(time.Minute)
	}
	if to.Sub(from) < dur {
		return []slots.Candidate{}, nil
	}
	skip := func(b *busyItem) bool { return b.is(o) }
	req, err := s.slotRequest(ctx, actor, ids, from, to, skip, nil)
	if err != nil {
		return nil, err
	}
	req.Duration, req.Limit = dur, MaxProposals
	if o.Place.HasCoordinates() {
		req.Location = &slots.Place{Name: o.Place.Name, Place: o.Place.Travel()}
	}
	if o.TravelMode != "" {
		req.Mode = o.TravelMode
		for i := range req.People {
			req.People[i].Mode = ""
		}
	}
	est, err := s.estimator(ctx, s.DB.R)
	if err != nil {
		return nil, err
	}
	out, err := slots.Find(ctx, req, est)
	if apperr.KindOf(err) == apperr.Invalid {
		return []slots.Candidate{}, nil // e.g. a year the holiday rules do not cover
	}
	if out == nil && err == nil {
		out = []slots.Candidate{}
	}
	return out, err
}
