package agenda

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/slots"
)

// BusyBlock is a stretch of busy time, without anything about what it is.
type BusyBlock struct {
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Status string    `json:"status"` // Tentative or Confirmed; absences are "absent"
}

// FreeBusy returns the busy time of each person in [from, to), clipped to
// it and sorted by start (then confirmed, tentative, absent). Anyone logged
// in may ask it about anyone: it never holds a title, place or kind.
//
// Blocks are merged: the appointments that take time (not cancelled, not
// all-day; owned or attended) become "confirmed" blocks where at least one
// confirmed appointment runs, and "tentative" blocks where only tentative
// ones do, so the two never overlap; touching or overlapping blocks of one
// status are joined. Absences become "absent" blocks, merged among
// themselves; they may overlap appointment blocks.
//
// Errors: Forbidden when not logged in; Invalid for a bad period or more
// than MaxOwners people; NotFound when one of personIDs is no person.
func (s *Service) FreeBusy(ctx context.Context, actor *authz.Actor, personIDs []string, from, to time.Time) (map[string][]BusyBlock, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.Forbiddenf("log in to see free and busy time")
	}
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	if len(personIDs) > MaxOwners {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("at most %d agendas at once", MaxOwners))
	}
	personIDs = uniqueIDs(personIDs)
	if err := s.checkPeople(ctx, s.DB.R, personIDs); err != nil {
		return nil, err
	}
	type spans struct{ confirmed, tentative []slots.Interval }
	busy := make(map[string]*spans, len(personIDs))
	err := s.busyOf(ctx, personIDs, from, to, nil, func(h string, items []busyItem) {
		sp := &spans{}
		for i := range items {
			b := &items[i]
			iv := slots.Interval{Start: maxTime(b.At(), from), End: minTime(b.Until(), to)}
			if b.tentative {
				sp.tentative = append(sp.tentative, iv)
			} else {
				sp.confirmed = append(sp.confirmed, iv)
			}
		}
		busy[h] = sp
	})
	if err != nil {
		return nil, err
	}
	abs, err := absencesOf(ctx, s.DB.R, personIDs, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]BusyBlock, len(personIDs))
	for _, id := range personIDs {
		var confirmed, tentative, absent []slots.Interval
		if sp := busy[id]; sp != nil {
			confirmed, tentative = sp.confirmed, sp.tentative
		}
		for _, ab := range abs[id] {
			absent = append(absent, slots.Interval{Start: maxTime(ab.Start, from), End: minTime(ab.End, to)})
		}
		confirmed = union(confirmed)
		list := make([]BusyBlock, 0, len(confirmed)+len(tentative)+len(absent))
		for _, iv := range confirmed {
			list = append(list, BusyBlock{Start: iv.Start.UTC(), End: iv.End.UTC(), Status: Confirmed})
		}
		for _, iv := range subtract(union(tentative), confirmed) {
			list = append(list, BusyBlock{Start: iv.Start.UTC(), End: iv.End.UTC(), Status: Tentative})
		}
		for _, iv := range union(absent) {
			list = append(list, BusyBlock{Start: iv.Start.UTC(), End: iv.End.UTC(), Status: Absent})
		}
		rank := map[string]int{Confirmed: 0, Tentative: 1, Absent: 2}
		slices.SortFunc(list, func(a, b BusyBlock) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(rank[a.Status], rank[b.Status]))
		})
		out[id] = list
	}
	return out, nil
}

// union merges overlapping and touching intervals; the result is sorted.
func union(ivs []slots.Interval) []slots.Interval {
	ivs = slices.DeleteFunc(ivs, func(iv slots.Interval) bool { return !iv.Start.Before(iv.End) })
	slices.SortFunc(ivs, func(a, b slots.Interval) int { return a.Start.Compare(b.Start) })
	var out []slots.Interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// subtract returns the parts of ivs (sorted, disjoint) outside cut (sorted,
// disjoint).
func subtract(ivs, cut []slots.Interval) []slots.Interval {
	var out []slots.Interval
	for _, iv := range ivs {
		s := iv.Start
		for _, c := range cut {
			if !c.End.After(s) || !c.Start.Before(iv.End) {
				continue
			}
			if c.Start.After(s) {
				out = append(out, slots.Interval{Start: s, End: c.Start})
			}
			s = c.End
		}
		if s.Before(iv.End) {
			out = append(out, slots.Interval{Start: s, End: iv.End})
		}
	}
	return out
}
