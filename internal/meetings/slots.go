package meetings

import (
	"context"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/rooms"
	"spil/internal/slots"
)

// SlotQuery asks for times when the attendees and a room are free.
type SlotQuery struct {
	PersonIDs []string
	Duration  time.Duration
	From, To  time.Time
	// RoomID is the chosen room; "" with Rooms set looks for any room that
	// fits (capacity, equipment, location); both empty: no room (online).
	RoomID string
	// Rooms filters the rooms to choose from when RoomID is empty.
	Rooms *rooms.Filter
	Limit int
}

// Slot is a candidate time with the room that is free then.
type Slot struct {
	slots.Candidate
	RoomID   string `json:"room_id,omitempty"`
	RoomName string `json:"room_name,omitempty"`
}

// FindSlots runs the agenda's slot finder for the attendees (working hours,
// absences, holidays, appointments, travel — see agenda.FindSlots) and keeps
// the candidates in which the chosen room, or one of the rooms matching the
// filter, is free (rooms.Service.Busy: pending and confirmed bookings).
// Candidates keep the slot finder's ranking; each names the room.
//
// Errors as agenda.FindSlots; NotFound for an unknown room.
func (s *Service) FindSlots(ctx context.Context, actor *authz.Actor, q SlotQuery) ([]Slot, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = slots.DefaultLimit
	}
	aq := agenda.SlotQuery{PersonIDs: q.PersonIDs, Duration: q.Duration, From: q.From, To: q.To, Limit: limit}
	var candidates []rooms.Room
	switch {
	case q.RoomID != "" && s.Rooms != nil:
		r, err := s.Rooms.Get(ctx, actor, q.RoomID)
		if err != nil {
			return nil, err
		}
		candidates = []rooms.Room{r}
	case q.Rooms != nil && s.Rooms != nil:
		rs, err := s.Rooms.List(ctx, actor, *q.Rooms)
		if err != nil {
			return nil, err
		}
		if len(rs) == 0 {
			return []Slot{}, nil
		}
		candidates = rs
	}
	if len(candidates) > 0 {
		aq.Limit = slots.MaxLimit // the room filters some out; keep the ranking
	}
	found, err := s.Agenda.FindSlots(ctx, actor, aq)
	if err != nil {
		return nil, err
	}
	out := []Slot{}
	if len(candidates) == 0 {
		for _, c := range found {
			if len(out) == limit {
				break
			}
			out = append(out, Slot{Candidate: c})
		}
		return out, nil
	}
	ids := make([]string, len(candidates))
	for i, r := range candidates {
		ids[i] = r.ID
	}
	busy, err := s.Rooms.Busy(ctx, ids, q.From, q.To)
	if err != nil {
		return nil, err
	}
	for _, c := range found {
		if len(out) == limit {
			break
		}
		for _, r := range candidates {
			if free(busy[r.ID], c.Start, c.End) {
				out = append(out, Slot{Candidate: c, RoomID: r.ID, RoomName: r.Name})
				break
			}
		}
	}
	return out, nil
}

// free reports whether [start, end) overlaps none of the intervals.
func free(busy []rooms.Interval, start, end time.Time) bool {
	for _, b := range busy {
		if b.Start.Before(end) && start.Before(b.End) {
			return false
		}
	}
	return true
}
