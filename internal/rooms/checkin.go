package rooms

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/jobs"
)

// Job kinds of the rooms module.
const (
	// KindRelease releases a booking nobody checked in for.
	KindRelease = "rooms.release"
	// KindReleaseMail tells the organizer their booking was released.
	KindReleaseMail = "rooms.release_mail"
	// KindDecisionMail tells the organizer a pending booking was approved
	// or rejected.
	KindDecisionMail = "rooms.decision_mail"
)

type releasePayload struct {
	BookingID string `json:"booking_id"`
}

// RegisterJobs gives r the rooms module's background work.
func (s *Service) RegisterJobs(r *jobs.Runner) {
	r.Handle(KindRelease, s.runRelease)
	r.Handle(KindReleaseMail, s.runReleaseMail)
	r.Handle(KindDecisionMail, s.runDecisionMail)
}

// CheckInOpen reports whether b can be checked in at now: it is confirmed,
// not yet checked in, and now lies between window minutes before its start
// and window minutes after it (when an unclaimed booking is released).
func CheckInOpen(b Booking, window int, now time.Time) bool {
	w := time.Duration(window) * time.Minute
	return b.Status == Confirmed && b.CheckedInAt == nil && !now.Before(b.Start.Add(-w)) && now.Before(b.Start.Add(w)) && now.Before(b.End)
}

// CheckIn records that a booking's room is in use, so it is not released.
// Anyone logged in may check in — whoever stands at the room and scans its
// QR code, as the booker or an attendee, is taken as proof the room is used;
// who checked in is kept and audited. Check-in is open from the window
// before the start until the window after it.
// Errors: NotFound for an unknown booking; Conflict when the booking is not
// confirmed, already checked in, or outside the check-in time.
func (s *Service) CheckIn(ctx context.Context, actor *authz.Actor, bookingID string) (Booking, error) {
	if actor == nil || actor.PersonID == "" {
		return Booking{}, apperr.New(apperr.Unauthorized, "log in to check in")
	}
	var out Booking
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		b, room, err := s.lockBooking(ctx, tx, bookingID)
		if err != nil {
			return err
		}
		now := s.now()
		switch {
		case b.CheckedInAt != nil:
			return apperr.Conflictf("this booking is already checked in")
		case b.Status != Confirmed:
			return apperr.Conflictf("this booking is not confirmed")
		case !CheckInOpen(b, room.CheckInWindow, now):
			return apperr.Conflictf("check-in is not open for this booking now")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE room_bookings SET checked_in_at = $2, checked_in_by = $3, updated_at = $2 WHERE id = $1`,
			b.ID, now, actor.PersonID); err != nil {
			return fmt.Errorf("check in: %w", err)
		}
		if s.Jobs != nil {
			if _, err := s.Jobs.Cancel(ctx, tx, releaseKey(b.ID)); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "check_in", ObjectType: "room_booking", ObjectID: b.ID,
			Label: b.RoomName, Summary: fmt.Sprintf("checked in to %s at %s", b.RoomName, now.Format(time.RFC3339))}); err != nil {
			return err
		}
		out, err = bookingTx(ctx, tx, b.ID)
		return err
	})
	if err != nil {
		return Booking{}, err
	}
	return mask(actor, out), nil
}

// CheckInCandidate returns the booking of a room that can be checked in now
// (see CheckInOpen), as actor may see it. NotFound when the room is unknown
// or no booking is open for check-in.
func (s *Service) CheckInCandidate(ctx context.Context, actor *authz.Actor, roomID string) (Booking, error) {
	room, err := s.Get(ctx, actor, roomID)
	if err != nil {
		return Booking{}, err
	}
	now := s.now()
	w := time.Duration(room.CheckInWindow) * time.Minute
	bs, err := s.Bookings(ctx, actor, roomID, now.Add(-w), now.Add(w), false)
	if err != nil {
		return Booking{}, err
	}
	for _, b := range bs {
		if CheckInOpen(b, room.CheckInWindow, now) {
			return b, nil
		}
	}
	return Booking{}, apperr.NotFoundf("no booking of this room can be checked in now")
}

// runRelease releases a confirmed booking of a check-in room when nobody
// checked in by its start plus the window, and enqueues the mail to the
// organizer in the same transaction. It does nothing for a booking that was
// checked in, cancelled, moved later (its new job comes later) or deleted,
// or whose room no longer requires check-in, so running it twice is harmless.
func (s *Service) runRelease(ctx context.Context, t jobs.Task) error {
	var p releasePayload
	if err := t.Decode(&p); err != nil {
		return jobs.Permanent(err)
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		b, room, err := s.lockBooking(ctx, tx, p.BookingID)
		if apperr.KindOf(err) == apperr.NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		due := b.Start.Add(time.Duration(room.CheckInWindow) * time.Minute)
		if !room.CheckInRequired || b.Status != Confirmed || b.CheckedInAt != nil || s.now().Before(due) {
			return nil
		}
		sys := authz.System("spil")
		if err := s.setStatus(ctx, tx, sys, b, Released, "release", "nobody checked in"); err != nil {
			return err
		}
		_, _, err = s.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindReleaseMail, Payload: releasePayload{BookingID: b.ID},
			UniqueKey: "room-booking/" + b.ID + "/released-mail"})
		return err
	})
}

// organizer returns name, e-mail address and language of a person.
func organizer(ctx context.Context, q *sql.DB, personID string) (name, email, lang string, err error) {
	err = q.QueryRowContext(ctx, `SELECT name, email, language FROM people WHERE id = $1`, personID).Scan(&name, &email, &lang)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", nil
	}
	return
}
