package meetings

import (
	"context"
	"database/sql"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/rooms"
)

// Create stores a new meeting as a draft and books its room (in.RoomID)
// through the rooms module in the same transaction, so a meeting never
// exists with a room that was taken meanwhile. Schedule puts it in the
// organizer's agenda; SendInvitations invites the attendees.
//
// The organizer is the actor or a principal the actor acts for with
// agenda.edit; the preparer defaults to the assistant creating it.
//
// Errors: Invalid naming each bad field (title, start, end, time_zone,
// online_url, organizer_id, preparer_id, attendees[i].email …); Conflict
// (from the rooms module) when the room is taken or its rules refuse the
// booking.
func (s *Service) Create(ctx context.Context, actor *authz.Actor, in Input) (Meeting, error) {
	if actor == nil || (actor.PersonID == "" && !actor.IsSystem()) {
		return Meeting{}, apperr.Forbiddenf("log in to plan a meeting")
	}
	var id string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.createTx(ctx, tx, actor, in, "")
		return err
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Get(ctx, actor, id)
}

// createTx validates in and stores it as a draft in tx, with seriesID
// (empty: the meeting starts its own series). It returns the new ID.
func (s *Service) createTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, in Input, seriesID string) (string, error) {
	in, err := s.normalize(ctx, tx, actor, in)
	if err != nil {
		return "", err
	}
	now := s.Clock.Now().UTC()
	id := newID()
	if seriesID == "" {
		seriesID = id
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO meetings (id, uid, sequence, title, description, organizer_id, preparer_id,
		starts_at, ends_at, time_zone, location_text, online_url, status, series_id, confidential, created_by, created_at, updated_at)
		VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $14, $15, $15)`,
		id, id+"@spil", in.Title, in.Description, in.OrganizerID, nullStr(in.PreparerID),
		in.Start, in.End, in.TimeZone, in.LocationText, in.OnlineURL, seriesID, in.Confidential, nullStr(actor.PersonID), now)
	if err != nil {
		return "", fmt.Errorf("store meeting: %w", err)
	}
	if err := insertAttendees(ctx, tx, id, in.Attendees, 0); err != nil {
		return "", err
	}
	if in.RoomID != "" {
		if err := s.bookRoom(ctx, tx, actor, id, in); err != nil {
			return "", err
		}
	}
	return id, audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: "create", ObjectType: "meeting", ObjectID: id,
		OnBehalfOf: actor.OnBehalfOf(in.OrganizerID),
		Message:    "meeting.create",
		Label:      label(in.Title, in.Confidential),
		Summary:    fmt.Sprintf("plan meeting %q", label(in.Title, in.Confidential)),
		After:      map[string]any{"start": in.Start, "end": in.End, "room_id": in.RoomID, "attendees": len(in.Attendees)},
	})
}

// label is how a meeting is named in the audit log: confidential titles
// stay out.
func label(title string, confidential bool) string {
	if confidential {
		return "confidential meeting"
	}
	return title
}

func insertAttendees(ctx context.Context, tx *sql.Tx, meetingID string, as []AttendeeInput, from int) error {
	for i, a := range as {
		_, err := tx.ExecContext(ctx, `INSERT INTO meeting_attendees (id, meeting_id, position, person_id, name, email, external, required, response)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'needs_action')`,
			newID(), meetingID, from+i, nullStr(a.PersonID), a.Name, a.Email, a.PersonID == "", !a.Optional)
		if err != nil {
			return fmt.Errorf("store attendee: %w", err)
		}
	}
	return nil
}

// bookRoom books in.RoomID for meeting id through the rooms module and
// records the booking on the meeting.
func (s *Service) bookRoom(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id string, in Input) error {
	if s.Rooms == nil {
		return apperr.Fields{"room_id": "rooms cannot be booked here"}.Err()
	}
	forID := ""
	if in.OrganizerID != actor.PersonID {
		forID = in.OrganizerID
	}
	b, err := s.Rooms.BookTx(ctx, tx, actor, rooms.BookingInput{
		RoomID: in.RoomID, Start: in.Start, End: in.End, Title: in.Title,
		ForPersonID: forID, MeetingID: id, Attendees: len(in.Attendees) + 1, Confidential: in.Confidential,
	})
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE meetings SET room_id = $1, room_booking_id = $2 WHERE id = $3`, in.RoomID, b.ID, id)
	return err
}
