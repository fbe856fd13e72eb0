package meetings

import (
	"context"
	"database/sql"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// Update changes an open meeting: title, description, time, room, place,
// online link, confidentiality, preparer and attendees (the organizer
// stays). A preparer whose mandate no longer covers the meeting is dropped
// (the assistant making the change, acting for the organizer, takes over). Attendees who stay keep their answers. The room booking moves
// with the time and takes the new title and confidentiality, or is
// exchanged for the new room. When invitations were
// sent and the time, place, title or attendees change, the sequence is
// raised and an updated invitation (METHOD:REQUEST) goes to every attendee,
// and a cancellation (METHOD:CANCEL) to each invited attendee taken off;
// the organizer's agenda item follows.
//
// Errors: NotFound, Forbidden, Conflict as CanEdit; Forbidden when updated
// invitations are needed and the actor may not send mail on the organizer's
// behalf; Invalid as Create; Conflict from the rooms module when the room is
// taken at the new time.
func (s *Service) Update(ctx context.Context, actor *authz.Actor, id string, in Input) (Meeting, error) {
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		in.OrganizerID = cur.OrganizerID
		if in.PreparerID == "" || in.PreparerID == cur.PreparerID {
			// The preparer stays while their mandate lets them prepare this
			// meeting; one whose mandate was withdrawn (or does not cover
			// a meeting made confidential) is no longer its preparer.
			in.PreparerID = cur.PreparerID
			if in.PreparerID != "" {
				ok, err := mayPrepare(ctx, tx, cur.OrganizerID, cur.PreparerID, in.Confidential)
				if err != nil {
					return err
				}
				if !ok {
					in.PreparerID = ""
				}
			}
		}
		if in, err = s.normalize(ctx, tx, actor, in); err != nil {
			return err
		}
		timeChanged := !in.Start.Equal(cur.Start) || !in.End.Equal(cur.End)
		roomChanged := in.RoomID != cur.RoomID
		if err := s.updateRoom(ctx, tx, actor, cur, in, timeChanged, roomChanged); err != nil {
			return err
		}
		attChanged, err := syncAttendees(ctx, tx, cur, in.Attendees)
		if err != nil {
			return err
		}
		stayed, err := loadAttendees(ctx, tx, id)
		if err != nil {
			return err
		}
		removed := removedInvitees(cur, stayed)
		visible := timeChanged || roomChanged || attChanged || in.Title != cur.Title ||
			in.LocationText != cur.LocationText || in.OnlineURL != cur.OnlineURL || in.Description != cur.Description
		seq := cur.Sequence
		resend := visible && cur.InvitedSequence != nil
		if resend {
			if !s.CanSend(actor, cur) {
				return sendDenied(cur)
			}
			seq++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET title = $1, description = $2, preparer_id = $3, starts_at = $4, ends_at = $5,
			time_zone = $6, location_text = $7, online_url = $8, confidential = $9, sequence = $10, updated_at = $11 WHERE id = $12`,
			in.Title, in.Description, nullStr(in.PreparerID), in.Start, in.End, in.TimeZone, in.LocationText, in.OnlineURL,
			in.Confidential, seq, s.Clock.Now().UTC(), id); err != nil {
			return err
		}
		next, err := loadMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if resend {
			if _, err := s.enqueue(ctx, tx, actor, next, MethodRequest, next.Attendees); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meetings SET invited_sequence = sequence, invited_at = $1 WHERE id = $2`, s.Clock.Now().UTC(), id); err != nil {
				return err
			}
			if err := s.enqueueRemoved(ctx, tx, actor, next, removed); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "update", next, map[string]any{"start": next.Start, "end": next.End, "room_id": next.RoomID, "sequence": seq,
			"attendees": len(next.Attendees), "removed": len(removed)})
	})
	if err != nil {
		return Meeting{}, err
	}
	if err := s.syncAgenda(ctx, actor, id); err != nil {
		return Meeting{}, err
	}
	return s.Get(ctx, actor, id)
}

// updateRoom keeps the room booking in step with the meeting.
func (s *Service) updateRoom(ctx context.Context, tx *sql.Tx, actor *authz.Actor, cur Meeting, in Input, timeChanged, roomChanged bool) error {
	if s.Rooms == nil {
		if in.RoomID != "" && roomChanged {
			return apperr.Fields{"room_id": "rooms cannot be booked here"}.Err()
		}
		return nil
	}
	switch {
	case roomChanged:
		if cur.RoomBookingID != "" {
			if err := s.Rooms.CancelBookingTx(ctx, tx, actor, cur.RoomBookingID); err != nil && apperr.KindOf(err) != apperr.NotFound && apperr.KindOf(err) != apperr.Conflict {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET room_id = NULL, room_booking_id = NULL WHERE id = $1`, cur.ID); err != nil {
			return err
		}
		if in.RoomID != "" {
			in.OrganizerID = cur.OrganizerID
			return s.bookRoom(ctx, tx, actor, cur.ID, in)
		}
	case timeChanged && cur.RoomBookingID != "":
		if _, err := s.Rooms.MoveBookingTx(ctx, tx, actor, cur.RoomBookingID, in.Start, in.End); err != nil {
			return err
		}
	}
	// The booking carries the meeting's title and confidentiality, so the
	// room's calendar hides a meeting made confidential.
	if !roomChanged && cur.RoomBookingID != "" && (in.Title != cur.Title || in.Confidential != cur.Confidential) {
		err := s.Rooms.RetitleBookingTx(ctx, tx, actor, cur.RoomBookingID, in.Title, in.Confidential)
		if err != nil && apperr.KindOf(err) != apperr.NotFound {
			return err
		}
	}
	return nil
}

// syncAttendees makes the stored attendees of cur match want: attendees who
// stay (same colleague or address) keep their row and answer, new ones are
// added, others removed. It reports whether anything changed.
func syncAttendees(ctx context.Context, tx *sql.Tx, cur Meeting, want []AttendeeInput) (bool, error) {
	keyOf := func(personID, email string) string {
		if personID != "" {
			return "p:" + personID
		}
		return "e:" + strings.ToLower(email)
	}
	have := map[string]Attendee{}
	for _, a := range cur.Attendees {
		have[keyOf(a.PersonID, a.Email)] = a
	}
	changed := false
	keep := map[string]bool{}
	var add []AttendeeInput
	for i, w := range want {
		k := keyOf(w.PersonID, w.Email)
		if a, ok := have[k]; ok {
			keep[a.ID] = true
			if _, err := tx.ExecContext(ctx, `UPDATE meeting_attendees SET position = $1, required = $2 WHERE id = $3`, i, !w.Optional, a.ID); err != nil {
				return false, err
			}
			continue
		}
		add = append(add, w)
	}
	for _, a := range cur.Attendees {
		if !keep[a.ID] {
			changed = true
			if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_attendees WHERE id = $1`, a.ID); err != nil {
				return false, err
			}
		}
	}
	if len(add) > 0 {
		changed = true
		if err := insertAttendees(ctx, tx, cur.ID, add, len(want)); err != nil {
			return false, err
		}
	}
	return changed, nil
}
