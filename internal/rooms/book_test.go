package rooms

import (
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestBookAndOverlap(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Zaal 1", nil)
		b := f.book(t, f.emp, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Title: "Teamoverleg"})
		if b.Status != Confirmed || b.BookedBy != f.emp || b.BookedByName != "Erik Medewerker" || !b.Start.Equal(at(2026, 11, 3, 10, 0)) {
			t.Fatalf("booking = %+v", b)
		}
		// Overlapping in every way is refused; touching is fine.
		for _, iv := range [][2]time.Time{
			{at(2026, 11, 3, 10, 0), at(2026, 11, 3, 11, 0)},
			{at(2026, 11, 3, 9, 30), at(2026, 11, 3, 10, 1)},
			{at(2026, 11, 3, 10, 59), at(2026, 11, 3, 12, 0)},
			{at(2026, 11, 3, 10, 15), at(2026, 11, 3, 10, 45)},
			{at(2026, 11, 3, 9, 0), at(2026, 11, 3, 12, 0)},
		} {
			_, err := f.svc.Book(ctx, f.actor(t, f.emp2), BookingInput{RoomID: r.ID, Start: iv[0], End: iv[1], Title: "x"})
			wantKind(t, err, apperr.Conflict)
			if apperr.MessageOf(err) != "the room is already booked at that time" {
				t.Fatalf("message %q", apperr.MessageOf(err))
			}
		}
		f.book(t, f.emp2, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 11, 0), End: at(2026, 11, 3, 12, 0), Title: "Daarna"})
		f.book(t, f.emp2, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0), Title: "Ervoor"})

		busy, err := f.svc.Busy(ctx, []string{r.ID}, at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0))
		if err != nil || len(busy[r.ID]) != 3 {
			t.Fatalf("busy = %v, %v", busy, err)
		}
		// A cancelled booking frees the room.
		if err := f.svc.CancelBooking(ctx, f.actor(t, f.emp), b.ID); err != nil {
			t.Fatal(err)
		}
		f.book(t, f.emp2, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Title: "Nu vrij"})
		// Someone else may not cancel it.
		err = f.svc.CancelBooking(ctx, f.actor(t, f.emp), busyID(t, f, r.ID, at(2026, 11, 3, 10, 0)))
		wantKind(t, err, apperr.Forbidden)
	})
}

func busyID(t *testing.T, f *fixture, roomID string, start time.Time) string {
	t.Helper()
	bs, err := f.svc.Bookings(ctx, f.actor(t, f.om), roomID, start, start.Add(time.Minute), false)
	if err != nil || len(bs) != 1 {
		t.Fatalf("bookings at %v: %v, %v", start, bs, err)
	}
	return bs[0].ID
}

func TestBookingRules(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Klein", func(in *RoomInput) {
			in.Capacity = 4
			in.MaxMinutes = 120
			in.BookableFrom, in.BookableUntil = 8*60, 18*60
			in.BookableBy = []string{"principal", "management_assistant"}
		})
		open := f.room(t, "Open", nil)
		emp := f.actor(t, f.emp)
		cases := []struct {
			name, field string
			in          BookingInput
		}{
			{"end before start", "end", BookingInput{RoomID: open.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 9, 0)}},
			{"in the past", "start", BookingInput{RoomID: open.ID, Start: at(2026, 11, 2, 7, 0), End: at(2026, 11, 2, 9, 0)}},
			{"weekend", "start", BookingInput{RoomID: open.ID, Start: at(2026, 11, 7, 10, 0), End: at(2026, 11, 7, 11, 0)}},
			{"role", "room_id", BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)}},
			{"over two days", "end", BookingInput{RoomID: open.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 4, 9, 0)}},
			{"far ahead", "start", BookingInput{RoomID: open.ID, Start: at(2028, 11, 7, 10, 0), End: at(2028, 11, 7, 11, 0)}},
			{"long subject", "title", BookingInput{RoomID: open.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Title: strings.Repeat("x", 201)}},
		}
		for _, c := range cases {
			_, err := f.svc.Book(ctx, emp, c.in)
			if apperr.FieldsOf(err)[c.field] == "" {
				t.Errorf("%s: got %v, want a message for %s", c.name, err, c.field)
			}
		}
		boss := f.actor(t, f.boss)
		for _, c := range []struct {
			name, field string
			in          BookingInput
		}{
			{"too long", "end", BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 12, 1)}},
			{"before hours", "start", BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 7, 30), End: at(2026, 11, 3, 8, 30)}},
			{"after hours", "start", BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 17, 30), End: at(2026, 11, 3, 18, 30)}},
			{"over capacity", "attendees", BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Attendees: 5}},
		} {
			_, err := f.svc.Book(ctx, boss, c.in)
			if apperr.FieldsOf(err)[c.field] == "" {
				t.Errorf("%s: got %v, want a message for %s", c.name, err, c.field)
			}
		}
		// Within the rules the principal may book it, up to the exact limits.
		f.book(t, f.boss, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 8, 0), End: at(2026, 11, 3, 10, 0), Attendees: 4})
		f.book(t, f.boss, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 16, 0), End: at(2026, 11, 3, 18, 0)})
		// An archived room takes no bookings.
		if err := f.svc.SetActive(ctx, f.actor(t, f.om), open.ID, false); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.Book(ctx, emp, BookingInput{RoomID: open.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		wantKind(t, err, apperr.NotFound)
		if _, err := f.svc.Get(ctx, emp, open.ID); apperr.KindOf(err) != apperr.NotFound {
			t.Fatalf("archived room visible to an employee: %v", err)
		}
	})
}

func TestAssistantBooksForPrincipal(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Directie", func(in *RoomInput) { in.BookableBy = []string{"principal"} })
		ma := f.actor(t, f.ma)
		b, err := f.svc.Book(ctx, ma, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0),
			Title: "Strategie", ForPersonID: f.boss, Confidential: true})
		if err != nil {
			t.Fatal(err)
		}
		if b.BookedBy != f.ma || b.BookedFor != f.boss || b.Organizer() != f.boss {
			t.Fatalf("booking = %+v", b)
		}
		var onBehalf string
		if err := d.R.QueryRow(`SELECT COALESCE(on_behalf_of, '') FROM audit_log WHERE object_id = $1 AND action = 'book'`, b.ID).Scan(&onBehalf); err != nil || onBehalf != f.boss {
			t.Fatalf("audit on behalf of %q, %v", onBehalf, err)
		}
		// Without a mandate: Forbidden.
		_, err = f.svc.Book(ctx, f.actor(t, f.emp), BookingInput{RoomID: r.ID, Start: at(2026, 11, 4, 10, 0), End: at(2026, 11, 4, 11, 0), ForPersonID: f.boss})
		wantKind(t, err, apperr.Forbidden)
		// The confidential title: the principal and assistant see it; the
		// office manager and colleagues see busy and the booker.
		for who, sees := range map[string]bool{f.boss: true, f.ma: true, f.om: false, f.emp: false} {
			bs, err := f.svc.Bookings(ctx, f.actor(t, who), r.ID, at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0), false)
			if err != nil || len(bs) != 1 {
				t.Fatalf("bookings: %v %v", bs, err)
			}
			if got := bs[0].Title == "Strategie"; got != sees || bs[0].BookedByName != "Mara Assistent" || bs[0].Hidden == sees {
				t.Errorf("%s sees %+v", who, bs[0])
			}
		}
	})
}

func TestApproval(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Boardroom", func(in *RoomInput) { in.NeedsApproval = true })
		b := f.book(t, f.emp, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Title: "Klantbezoek"})
		if b.Status != Pending {
			t.Fatalf("status %s", b.Status)
		}
		// A pending booking holds the room.
		_, err := f.svc.Book(ctx, f.actor(t, f.emp2), BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 30), End: at(2026, 11, 3, 11, 0)})
		wantKind(t, err, apperr.Conflict)
		wantKind(t, f.svc.Approve(ctx, f.actor(t, f.emp), b.ID), apperr.Forbidden)
		pend, err := f.svc.PendingBookings(ctx, f.actor(t, f.om))
		if err != nil || len(pend) != 1 || pend[0].ID != b.ID {
			t.Fatalf("pending = %v, %v", pend, err)
		}
		if err := f.svc.Approve(ctx, f.actor(t, f.om), b.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.Booking(ctx, f.actor(t, f.emp), b.ID)
		if got.Status != Confirmed {
			t.Fatalf("status after approval %s", got.Status)
		}
		wantKind(t, f.svc.Approve(ctx, f.actor(t, f.om), b.ID), apperr.Conflict)
		// Rejected: the room is free again.
		b2 := f.book(t, f.emp2, BookingInput{RoomID: r.ID, Start: at(2026, 11, 4, 10, 0), End: at(2026, 11, 4, 11, 0)})
		if err := f.svc.Reject(ctx, f.actor(t, f.om), b2.ID, "Verbouwing"); err != nil {
			t.Fatal(err)
		}
		f.book(t, f.emp, BookingInput{RoomID: r.ID, Start: at(2026, 11, 4, 10, 0), End: at(2026, 11, 4, 11, 0)})
		// The office manager's own booking needs no approval.
		if b := f.book(t, f.om, BookingInput{RoomID: r.ID, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0)}); b.Status != Confirmed {
			t.Fatalf("office manager's booking %s", b.Status)
		}
	})
}

func TestMoveBooking(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.room(t, "Zaal", nil)
		a := f.book(t, f.emp, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		f.book(t, f.emp2, BookingInput{RoomID: r.ID, Start: at(2026, 11, 3, 12, 0), End: at(2026, 11, 3, 13, 0)})
		// Moving within its own slot (overlapping itself) is fine.
		m, err := f.svc.MoveBooking(ctx, f.actor(t, f.emp), a.ID, at(2026, 11, 3, 10, 30), at(2026, 11, 3, 11, 30))
		if err != nil || !m.Start.Equal(at(2026, 11, 3, 10, 30)) {
			t.Fatalf("move: %+v %v", m, err)
		}
		_, err = f.svc.MoveBooking(ctx, f.actor(t, f.emp), a.ID, at(2026, 11, 3, 11, 30), at(2026, 11, 3, 12, 30))
		wantKind(t, err, apperr.Conflict)
		_, err = f.svc.MoveBooking(ctx, f.actor(t, f.emp2), a.ID, at(2026, 11, 3, 14, 0), at(2026, 11, 3, 15, 0))
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.MoveBooking(ctx, f.actor(t, f.emp), a.ID, at(2026, 11, 3, 14, 0), at(2026, 11, 3, 13, 0))
		wantField(t, err, "end")
	})
}
