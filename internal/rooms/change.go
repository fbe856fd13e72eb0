package rooms

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/jobs"
)

// Booking returns one booking as actor may see it (a confidential booking of
// someone else without its title). NotFound when there is no such booking or
// actor is not logged in.
func (s *Service) Booking(ctx context.Context, actor *authz.Actor, id string) (Booking, error) {
	if actor == nil {
		return Booking{}, apperr.NotFoundf("booking not found")
	}
	b, err := bookingTx(ctx, s.DB.R, id)
	if err != nil {
		return Booking{}, err
	}
	return mask(actor, b), nil
}

// lockBooking reads booking id in tx with its room locked, so a change and
// a new booking of the same room cannot interleave.
func (s *Service) lockBooking(ctx context.Context, tx *sql.Tx, id string) (Booking, Room, error) {
	b, err := bookingTx(ctx, tx, id)
	if err != nil {
		return Booking{}, Room{}, err
	}
	r, err := s.lockRoom(ctx, tx, b.RoomID)
	if err != nil {
		return Booking{}, Room{}, err
	}
	b, err = bookingTx(ctx, tx, id) // as it is now that the room is ours
	return b, r, err
}

// CancelBooking cancels a booking in its own transaction; see CancelBookingTx.
func (s *Service) CancelBooking(ctx context.Context, actor *authz.Actor, id string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return s.CancelBookingTx(ctx, tx, actor, id) })
}

// CancelBookingTx cancels a pending or confirmed booking inside the caller's
// transaction and drops its release job; cancelling a booking that no
// longer occupies its room (cancelled, released, rejected) is a no-op. Who
// may: see MayChange. Errors: NotFound for an unknown booking, Forbidden
// for others.
func (s *Service) CancelBookingTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id string) error {
	b, _, err := s.lockBooking(ctx, tx, id)
	if err != nil {
		return err
	}
	if !MayChange(actor, b) {
		return apperr.Forbiddenf("you may not cancel this booking")
	}
	if !b.Occupies() {
		return nil
	}
	return s.setStatus(ctx, tx, actor, b, Cancelled, "cancel", "")
}

// setStatus moves b to status, drops its release job when it no longer
// occupies the room, and records the change.
func (s *Service) setStatus(ctx context.Context, tx *sql.Tx, actor *authz.Actor, b Booking, status, action, reason string) error {
	now := s.now()
	var by any
	if actor != nil && actor.PersonID != "" {
		by = actor.PersonID
	}
	q := `UPDATE room_bookings SET status = $2, reason = $3, updated_at = $4 WHERE id = $1`
	args := []any{b.ID, status, reason, now}
	if action == "approve" || action == "reject" {
		q = `UPDATE room_bookings SET status = $2, reason = $3, updated_at = $4, decided_by = $5, decided_at = $4 WHERE id = $1`
		args = append(args, by)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("%s booking: %w", action, err)
	}
	if status != Pending && status != Confirmed && s.Jobs != nil {
		if _, err := s.Jobs.Cancel(ctx, tx, releaseKey(b.ID)); err != nil {
			return err
		}
	}
	after := b
	after.Status = status
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: action, ObjectType: "room_booking", ObjectID: b.ID,
		OnBehalfOf: onBehalf(actor, b), Label: b.RoomName,
		Summary: fmt.Sprintf("booking of %s at %s: %s", b.RoomName, b.Start.Format(time.RFC3339), status),
		Before:  auditView(b), After: auditView(after)})
}

// onBehalf is the principal an actor changes b for — also when the
// assistant changing it booked it for them — and "" when acting for
// themselves or as the Office Manager.
func onBehalf(actor *authz.Actor, b Booking) string {
	o := b.Organizer()
	if actor == nil || actor.PersonID == "" || actor.PersonID == o {
		return ""
	}
	if actor.ActsFor(o, authz.AgendaEdit) {
		return o
	}
	return ""
}

// MoveBooking moves a booking in its own transaction; see MoveBookingTx.
func (s *Service) MoveBooking(ctx context.Context, actor *authz.Actor, id string, start, end time.Time) (Booking, error) {
	var b Booking
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = s.MoveBookingTx(ctx, tx, actor, id, start, end)
		return err
	})
	return b, err
}

// MoveBookingTx gives a pending or confirmed booking new times inside the
// caller's transaction, under the same rules and overlap check as BookTx
// (the booking itself does not count as overlapping). A moved booking's
// check-in starts over. Errors: NotFound, Forbidden (see MayChange),
// Conflict when the booking no longer occupies its room or the new times
// overlap another booking, Invalid as for BookTx.
func (s *Service) MoveBookingTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id string, start, end time.Time) (Booking, error) {
	b, room, err := s.lockBooking(ctx, tx, id)
	if err != nil {
		return Booking{}, err
	}
	if !MayChange(actor, b) {
		return Booking{}, apperr.Forbiddenf("you may not change this booking")
	}
	if !b.Occupies() {
		return Booking{}, apperr.Conflictf("this booking is no longer active")
	}
	start, end = start.UTC().Truncate(time.Minute), end.UTC().Truncate(time.Minute)
	if start.Equal(b.Start) && end.Equal(b.End) {
		return b, nil
	}
	if !room.Active {
		return Booking{}, apperr.Conflictf("the room is archived")
	}
	own := actor.ActsFor(b.Organizer(), authz.AgendaEdit) // the organizer or their assistant, not the Office Manager
	if err := s.checkRules(ctx, tx, actor, b.BookedFor, room, start, end, b.Attendees, own); err != nil {
		return Booking{}, err
	}
	if err := overlapFree(ctx, tx, room.ID, start, end, b.ID); err != nil {
		return Booking{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE room_bookings SET starts_at = $2, ends_at = $3, checked_in_at = NULL,
		checked_in_by = NULL, updated_at = $4 WHERE id = $1`, b.ID, start, end, s.now()); err != nil {
		return Booking{}, fmt.Errorf("move booking: %w", err)
	}
	if s.Jobs != nil {
		if _, err := s.Jobs.Cancel(ctx, tx, releaseKey(b.ID)); err != nil {
			return Booking{}, err
		}
	}
	if err := s.scheduleRelease(ctx, tx, room, b.ID, start); err != nil {
		return Booking{}, err
	}
	after, err := bookingTx(ctx, tx, b.ID)
	if err != nil {
		return Booking{}, err
	}
	err = audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "move", ObjectType: "room_booking", ObjectID: b.ID,
		OnBehalfOf: onBehalf(actor, b), Label: b.RoomName,
		Summary: fmt.Sprintf("booking of %s moved to %s–%s", b.RoomName, start.Format(time.RFC3339), end.Format(time.RFC3339)),
		Before:  auditView(b), After: auditView(after)})
	return after, err
}

// Approve confirms a pending booking; the organizer (and the assistant who
// booked for them) is told by mail. Forbidden unless actor is the Office
// Manager; NotFound for an unknown booking; Conflict when it is not pending.
func (s *Service) Approve(ctx context.Context, actor *authz.Actor, id string) error {
	return s.decide(ctx, actor, id, Confirmed, "approve", "")
}

// Reject refuses a pending booking, freeing the room, with an optional
// reason the booker sees; they are told by mail. Errors as for Approve.
func (s *Service) Reject(ctx context.Context, actor *authz.Actor, id, reason string) error {
	return s.decide(ctx, actor, id, Rejected, "reject", strings.TrimSpace(reason))
}

func (s *Service) decide(ctx context.Context, actor *authz.Actor, id, status, action, reason string) error {
	if !MayManage(actor) {
		return apperr.Forbiddenf("only the Office Manager approves bookings")
	}
	if len(reason) > 500 {
		return apperr.Fields{"reason": "the reason is too long"}.Err()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		b, _, err := s.lockBooking(ctx, tx, id)
		if err != nil {
			return err
		}
		if b.Status != Pending {
			return apperr.Conflictf("this booking is not waiting for approval")
		}
		if err := s.setStatus(ctx, tx, actor, b, status, action, reason); err != nil {
			return err
		}
		if s.Jobs == nil {
			return nil
		}
		_, _, err = s.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindDecisionMail, Payload: releasePayload{BookingID: b.ID},
			UniqueKey: "room-booking/" + b.ID + "/decision-mail"})
		return err
	})
}

// RetitleBookingTx gives booking id a new title and confidentiality inside
// the caller's transaction — the meetings module keeps a meeting's booking
// in step when the meeting is renamed or made confidential, so the room's
// calendar never shows a confidential meeting's title. Nothing changes (and
// nothing is recorded) when both are as they were. Who may: see MayChange.
// Errors: NotFound for an unknown booking; Forbidden for others; Invalid
// "title" for a subject over 200 characters.
func (s *Service) RetitleBookingTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id, title string, confidential bool) error {
	b, _, err := s.lockBooking(ctx, tx, id)
	if err != nil {
		return err
	}
	if !MayChange(actor, b) {
		return apperr.Forbiddenf("you may not change this booking")
	}
	title = oneLine(title)
	if len([]rune(title)) > 200 {
		return apperr.Fields{"title": "the subject is too long"}.Err()
	}
	if b.Title == title && b.Confidential == confidential {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE room_bookings SET title = $2, confidential = $3, updated_at = $4 WHERE id = $1`,
		b.ID, title, confidential, s.now()); err != nil {
		return fmt.Errorf("retitle booking: %w", err)
	}
	after := b
	after.Title, after.Confidential = title, confidential
	// A booking that is or was confidential keeps its titles out of the log.
	before := auditView(b)
	if confidential {
		delete(before, "title")
	}
	if b.Confidential {
		after.Confidential = true
	}
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "retitle", ObjectType: "room_booking", ObjectID: b.ID,
		OnBehalfOf: onBehalf(actor, b), Label: b.RoomName,
		Summary: fmt.Sprintf("booking of %s at %s renamed", b.RoomName, b.Start.Format(time.RFC3339)),
		Before:  before, After: auditView(after)})
}
