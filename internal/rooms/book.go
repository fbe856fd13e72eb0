package rooms

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"spil/internal/org"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/jobs"
)

// Book reserves a room in its own transaction; see BookTx.
func (s *Service) Book(ctx context.Context, actor *authz.Actor, in BookingInput) (Booking, error) {
	var b Booking
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = s.BookTx(ctx, tx, actor, in)
		return err
	})
	return b, err
}

// BookTx reserves a room inside the caller's transaction. Anyone logged in
// may book within the room's rules; an assistant books for a principal
// (ForPersonID) under a mandate with agenda.edit, the Office Manager for
// anyone; such bookings are audited on the principal's behalf. The booking
// is pending when the room needs approval (unless the Office Manager books),
// else confirmed. Times are kept in whole minutes, UTC.
//
// Errors: NotFound for an unknown or archived room; Forbidden when actor may
// not book for ForPersonID; Invalid with field messages (start, end,
// attendees, room_id) when the booking breaks the room's rules (ends before
// it starts, starts in the past, outside bookable hours or days, longer than
// the maximum, more than two years ahead, more attendees than the room
// holds, a role that may not book it, a subject over 200 characters, a meeting_id that is not a
// meeting of the person booked for); Conflict "the room is already booked at that time" when a
// pending or confirmed booking overlaps.
func (s *Service) BookTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, in BookingInput) (Booking, error) {
	if actor == nil {
		return Booking{}, apperr.New(apperr.Unauthorized, "log in to book a room")
	}
	in.Title = oneLine(in.Title)
	in.Start, in.End = in.Start.UTC().Truncate(time.Minute), in.End.UTC().Truncate(time.Minute)
	forID := in.ForPersonID
	if forID == actor.PersonID {
		forID = ""
	}
	if forID != "" && !actor.IsSystem() && !actor.Can(authz.OfficeManage) && !actor.ActsFor(forID, authz.AgendaEdit) {
		return Booking{}, apperr.Forbiddenf("you may not book rooms for this person")
	}
	bookedBy := actor.PersonID
	if bookedBy == "" {
		bookedBy, forID = forID, ""
	}
	room, err := s.lockRoom(ctx, tx, in.RoomID)
	if err != nil {
		return Booking{}, err
	}
	if !room.Active {
		return Booking{}, apperr.NotFoundf("room not found")
	}
	if err := s.checkRules(ctx, tx, actor, forID, room, in.Start, in.End, in.Attendees, true); err != nil {
		return Booking{}, err
	}
	if len([]rune(in.Title)) > 200 {
		return Booking{}, apperr.Fields{"title": "the subject is too long"}.Err()
	}
	if in.MeetingID != "" && !actor.IsSystem() {
		if err := meetingOf(ctx, tx, in.MeetingID, bookedBy, forID); err != nil {
			return Booking{}, err
		}
	}
	if err := overlapFree(ctx, tx, room.ID, in.Start, in.End, ""); err != nil {
		return Booking{}, err
	}
	status := Confirmed
	if room.NeedsApproval && !actor.Can(authz.OfficeManage) {
		status = Pending
	}
	id, now := newID(), s.now()
	_, err = tx.ExecContext(ctx, `INSERT INTO room_bookings (id, room_id, starts_at, ends_at, title, booked_by, booked_for,
		meeting_id, attendees, confidential, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
		id, room.ID, in.Start, in.End, in.Title, nullable(bookedBy), nullable(forID), nullable(in.MeetingID),
		in.Attendees, in.Confidential, status, now)
	if err != nil {
		return Booking{}, fmt.Errorf("insert booking: %w", err)
	}
	if err := s.scheduleRelease(ctx, tx, room, id, in.Start); err != nil {
		return Booking{}, err
	}
	b, err := bookingTx(ctx, tx, id)
	if err != nil {
		return Booking{}, err
	}
	label := room.Name
	if err := audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "book", ObjectType: "room_booking", ObjectID: id,
		OnBehalfOf: forID, Label: label, Summary: fmt.Sprintf("room %s booked %s–%s (%s)", room.Name,
			in.Start.Format(time.RFC3339), in.End.Format(time.RFC3339), status),
		After: auditView(b)}); err != nil {
		return Booking{}, err
	}
	return b, nil
}

// auditView is what the audit log keeps of a booking: no confidential title.
func auditView(b Booking) map[string]any {
	m := map[string]any{"room": b.RoomName, "start": b.Start, "end": b.End, "status": b.Status}
	if !b.Confidential {
		m["title"] = b.Title
	}
	return m
}

// checkRules applies the room's rules to a booking from start to end.
// checkRole is false for moves by the Office Manager of someone else's
// booking, where the booker's role was checked when they booked.
func (s *Service) checkRules(ctx context.Context, tx *sql.Tx, actor *authz.Actor, forID string, room Room, start, end time.Time, attendees int, checkRole bool) error {
	var f apperr.Fields
	now := s.now()
	switch {
	case start.IsZero():
		f.Add("start", "enter a start")
	case end.IsZero():
		f.Add("end", "enter an end")
	case !end.After(start):
		f.Add("end", "the end must be after the start")
	case start.Before(now.Truncate(time.Minute)):
		f.Add("start", "the booking starts in the past")
	case start.After(now.AddDate(2, 0, 0)):
		f.Add("start", "rooms can be booked up to two years ahead")
	}
	if len(f) > 0 {
		return f.Err()
	}
	if room.MaxMinutes > 0 && end.Sub(start) > time.Duration(room.MaxMinutes)*time.Minute {
		f.Add("end", "the booking is longer than this room's maximum duration")
	}
	loc := org.Zone(ctx, tx)
	ls, le := start.In(loc), end.In(loc)
	day := time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, loc)
	from, until := minutesInDay(day, ls), minutesInDay(day, le)
	switch {
	case !room.BookableOn(ls.Weekday()):
		f.Add("start", "the room cannot be booked on this day")
	case le.After(day.AddDate(0, 0, 1)):
		f.Add("end", "a booking must end on the day it starts")
	case from < room.BookableFrom || until > room.BookableUntil:
		f.Add("start", "the booking is outside the room's bookable hours")
	}
	if attendees < 0 {
		f.Add("attendees", "the number of attendees cannot be negative")
	} else if attendees > room.Capacity {
		f.Add("attendees", "more attendees than the room holds")
	}
	if checkRole && len(room.BookableBy) > 0 && !actor.IsSystem() && !actor.Can(authz.OfficeManage) {
		ok := slices.ContainsFunc(room.BookableBy, actor.HasRole)
		if !ok && forID != "" {
			var n int
			in := "'" + strings.Join(room.BookableBy, "','") + "'" // role keys are checked words, see RoleKeys
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM role_assignments WHERE person_id = $1 AND role IN (`+in+`)`, forID).Scan(&n); err != nil {
				return fmt.Errorf("roles of principal: %w", err)
			}
			ok = n > 0
		}
		if !ok {
			f.Add("room_id", "your role may not book this room")
		}
	}
	return f.Err()
}

// minutesInDay returns t's minutes after the start of day (1440 at the
// next midnight), counted in wall-clock time.
func minutesInDay(day, t time.Time) int {
	if t.Year() != day.Year() || t.YearDay() != day.YearDay() {
		if t.After(day) {
			return 24*60 + t.Hour()*60 + t.Minute()
		}
		return -1
	}
	return t.Hour()*60 + t.Minute()
}

// overlapFree returns Conflict when a pending or confirmed booking of room
// other than except overlaps [start, end). Call it with the room locked.
func overlapFree(ctx context.Context, tx *sql.Tx, roomID string, start, end time.Time, except string) error {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM room_bookings WHERE room_id = $1 AND status IN ('pending', 'confirmed')
		AND starts_at < $3 AND ends_at > $2 AND id <> $4 LIMIT 1`, roomID, start, end, except).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check overlap: %w", err)
	}
	return apperr.Conflictf("the room is already booked at that time")
}

// releaseKey is the unique key of a booking's release job.
func releaseKey(bookingID string) string { return "room-booking/" + bookingID + "/release" }

// scheduleRelease enqueues the release of booking id at start plus the
// room's check-in window when the room requires check-in.
func (s *Service) scheduleRelease(ctx context.Context, tx *sql.Tx, room Room, id string, start time.Time) error {
	if !room.CheckInRequired || s.Jobs == nil {
		return nil
	}
	_, _, err := s.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindRelease, Payload: releasePayload{BookingID: id},
		RunAt: start.Add(time.Duration(room.CheckInWindow) * time.Minute), UniqueKey: releaseKey(id)})
	return err
}

// bookingTx reads one booking unmasked.
func bookingTx(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id string) (Booking, error) {
	b, err := scanBooking(q.QueryRowContext(ctx, bookingSelect+` WHERE b.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Booking{}, apperr.NotFoundf("booking not found")
	}
	if err != nil {
		return Booking{}, fmt.Errorf("read booking: %w", err)
	}
	return b, nil
}

// meetingOf checks that meetingID is a meeting organized by the person the
// booking is for (forID, else bookedBy), so nobody ties a booking to
// someone else's meeting. Errors: Invalid "meeting_id".
func meetingOf(ctx context.Context, tx *sql.Tx, meetingID, bookedBy, forID string) error {
	organizer := forID
	if organizer == "" {
		organizer = bookedBy
	}
	var got string
	err := tx.QueryRowContext(ctx, `SELECT organizer_id FROM meetings WHERE id = $1`, meetingID).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && got != organizer) {
		return apperr.Fields{"meeting_id": "choose a meeting of the person the room is booked for"}.Err()
	}
	if err != nil {
		return fmt.Errorf("meeting of the booking: %w", err)
	}
	return nil
}
