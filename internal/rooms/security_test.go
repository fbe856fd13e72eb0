package rooms

import (
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// An assistant's bookings for a principal are theirs only under the
// mandate: what they change is recorded on the principal's behalf, and once
// the mandate is withdrawn they no longer read a confidential title or
// change the booking.
func TestAssistantsBookingForPrincipalFollowsTheMandate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Directie", nil)
		b := f.book(t, f.ma, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0),
			Title: "Strategie", ForPersonID: f.boss, Confidential: true})
		moved, err := f.svc.MoveBooking(ctx, f.actor(t, f.ma), b.ID, at(2026, 11, 3, 11, 0), at(2026, 11, 3, 12, 0))
		if err != nil {
			t.Fatal(err)
		}
		var onBehalf string
		if err := d.R.QueryRow(`SELECT COALESCE(on_behalf_of, '') FROM audit_log WHERE object_id = $1 AND action = 'move'`, b.ID).Scan(&onBehalf); err != nil || onBehalf != f.boss {
			t.Fatalf("the assistant's move is recorded on behalf of %q (%v), want the principal", onBehalf, err)
		}

		if _, err := d.W.Exec(`DELETE FROM mandates WHERE principal_id = $1 AND assistant_id = $2`, f.boss, f.ma); err != nil {
			t.Fatal(err)
		}
		ma := f.actor(t, f.ma)
		got, err := f.svc.Booking(ctx, ma, moved.ID)
		if err != nil || got.Title != "" || !got.Hidden {
			t.Fatalf("the former assistant reads %+v, %v", got, err)
		}
		wantKind(t, f.svc.CancelBooking(ctx, ma, b.ID), apperr.Forbidden)
		// Her own booking stays hers.
		own := f.book(t, f.ma, BookingInput{RoomID: r.ID, Start: at(2026, 11, 4, 10, 0), End: at(2026, 11, 4, 11, 0), Title: "Inwerken", Confidential: true})
		if got, _ := f.svc.Booking(ctx, ma, own.ID); got.Title != "Inwerken" {
			t.Fatalf("her own booking reads %+v", got)
		}
		if err := f.svc.CancelBooking(ctx, ma, own.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// A room's calendar is read a month at most at a time, as the API says.
func TestRoomCalendarPeriodIsBounded(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Directie", nil)
		_, err := f.svc.Bookings(ctx, f.actor(t, f.emp), r.ID, at(2026, 1, 1, 0, 0), at(2036, 1, 1, 0, 0), false)
		wantField(t, err, "to")
		_, err = f.svc.Bookings(ctx, f.actor(t, f.emp), r.ID, at(2026, 1, 2, 0, 0), at(2026, 1, 1, 0, 0), false)
		wantField(t, err, "to")
	})
}

// Line breaks typed into a room's name or a booking's subject are kept out:
// both go into mail.
func TestNamesAndSubjectsStayOnOneLine(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Directie\r\nBcc: spion@evil.example", nil)
		b := f.book(t, f.emp, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Title: "Overleg\nBcc: x@y.example"})
		if r.Name != "Directie  Bcc: spion@evil.example" || b.Title != "Overleg Bcc: x@y.example" {
			t.Fatalf("room %q, booking %q", r.Name, b.Title)
		}
	})
}
