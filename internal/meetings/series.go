package meetings

import (
	"context"
	"database/sql"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// NextInput says when the next meeting of a series takes place.
type NextInput struct {
	// Start and End of the next meeting; zero means the same time a week
	// later.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// RoomID books a room; "" means the same room as this meeting, when it
	// had one; "-" means no room.
	RoomID string `json:"room_id"`
}

// PlanNext creates the next meeting of meeting id's series as a draft: same
// title, description, organizer, preparer, place, confidentiality and
// attendees (answers reset), in the same series, at in's time. Agenda items
// are not copied; use MoveItemToNext for open topics.
//
// Errors: NotFound, Forbidden as CanEdit; Invalid as Create (a time in the
// past included); Conflict when the room is taken.
func (s *Service) PlanNext(ctx context.Context, actor *authz.Actor, id string, in NextInput) (Meeting, error) {
	var newID string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, err := s.editable(ctx, tx, actor, id, false)
		if err != nil {
			return err
		}
		newID, err = s.planNextTx(ctx, tx, actor, m, in)
		return err
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Get(ctx, actor, newID)
}

func (s *Service) planNextTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, m Meeting, in NextInput) (string, error) {
	if in.Start.IsZero() {
		loc, err := time.LoadLocation(m.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		// A week later on the wall clock, so DST does not shift the hour.
		in.Start = m.Start.In(loc).AddDate(0, 0, 7)
		in.End = m.End.In(loc).AddDate(0, 0, 7)
	}
	if in.End.IsZero() {
		in.End = in.Start.Add(m.End.Sub(m.Start))
	}
	if !in.Start.After(s.Clock.Now()) {
		return "", apperr.Fields{"start": "the next meeting must start in the future"}.Err()
	}
	switch in.RoomID {
	case "":
		in.RoomID = m.RoomID
	case "-":
		in.RoomID = ""
	}
	series := m.SeriesID
	if series == "" {
		series = m.ID
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET series_id = $1 WHERE id = $1`, m.ID); err != nil {
			return "", err
		}
	}
	next := Input{
		Title: m.Title, Description: m.Description, OrganizerID: m.OrganizerID, PreparerID: m.PreparerID,
		Start: in.Start, End: in.End, TimeZone: m.TimeZone, RoomID: in.RoomID,
		LocationText: m.LocationText, OnlineURL: m.OnlineURL, Confidential: m.Confidential,
	}
	for _, a := range m.Attendees {
		next.Attendees = append(next.Attendees, AttendeeInput{PersonID: a.PersonID, Name: a.Name, Email: a.Email, Optional: !a.Required})
	}
	return s.createTx(ctx, tx, actor, next, series)
}
