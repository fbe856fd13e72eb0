package meetings

import (
	"testing"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/rooms"
	"spil/internal/testutil"
)

// A meeting made confidential after its room was booked hides its title on
// the room's calendar from colleagues; a new title follows to the booking.
func TestRoomBookingFollowsTitleAndConfidentiality(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		office := f.person(t, "Olga Office", authz.RoleOfficeManager)
		room, err := f.svc.Rooms.Create(ctx, f.actor(t, office), rooms.RoomInput{Name: "Rembrandt", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		in := Input{Title: "Werkoverleg", OrganizerID: f.boss, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0), RoomID: room.ID}
		m, err := f.svc.Create(ctx, f.actor(t, f.boss), in)
		if err != nil {
			t.Fatal(err)
		}
		week := func() rooms.Booking {
			t.Helper()
			bs, err := f.svc.Rooms.Bookings(ctx, f.actor(t, f.emp), room.ID, at(2026, 11, 2, 0, 0), at(2026, 11, 9, 0, 0), false)
			if err != nil || len(bs) != 1 {
				t.Fatalf("room week: %v, %v", bs, err)
			}
			return bs[0]
		}
		if b := week(); b.Title != "Werkoverleg" || b.Hidden {
			t.Fatalf("before: %+v", b)
		}
		in.Title, in.Confidential = "Ontslag van Erik", true
		if _, err := f.svc.Update(ctx, f.actor(t, f.boss), m.ID, in); err != nil {
			t.Fatal(err)
		}
		if b := week(); b.Title != "" || !b.Hidden || !b.Confidential {
			t.Fatalf("a colleague reads the confidential meeting's booking as %+v", b)
		}
		own, err := f.svc.Rooms.Booking(ctx, f.actor(t, f.boss), m.RoomBookingID)
		if err != nil || own.Title != "Ontslag van Erik" {
			t.Fatalf("the organizer reads %+v, %v", own, err)
		}
	})
}

// A room booking can only be tied to a meeting of the person it is booked
// for: someone else's meeting ID is refused.
func TestBookingForSomeoneElsesMeetingIsRefused(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		office := f.person(t, "Olga Office", authz.RoleOfficeManager)
		room, err := f.svc.Rooms.Create(ctx, f.actor(t, office), rooms.RoomInput{Name: "Rembrandt", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		m := f.meeting(t)
		_, err = f.svc.Rooms.Book(ctx, f.actor(t, f.other), rooms.BookingInput{RoomID: room.ID, Title: "Mijn overleg",
			Start: at(2026, 11, 5, 13, 0), End: at(2026, 11, 5, 14, 0), MeetingID: m.ID})
		wantField(t, err, "meeting_id")
		// The organizer's assistant may tie a booking for the organizer to it.
		if _, err := f.svc.Rooms.Book(ctx, f.actor(t, f.ma), rooms.BookingInput{RoomID: room.ID, Title: "Kwartaaloverleg",
			Start: at(2026, 11, 5, 13, 0), End: at(2026, 11, 5, 14, 0), MeetingID: m.ID, ForPersonID: f.boss}); err != nil {
			t.Fatal(err)
		}
	})
}

// A preparer sees the meeting only while their mandate from the organizer
// lasts: once it is withdrawn, the meeting, its documents and the
// checklist entry are gone for them.
func TestPreparerLosesTheMeetingWithTheMandate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t) // made by ma for boss: ma prepares it
		if m.PreparerID != f.ma {
			t.Fatalf("preparer %q, want the assistant", m.PreparerID)
		}
		doc, err := f.svc.AddDocument(ctx, f.actor(t, f.ma), m.ID, "", "cijfers.txt", []byte("omzet 2026"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`DELETE FROM mandates WHERE principal_id = $1 AND assistant_id = $2`, f.boss, f.ma); err != nil {
			t.Fatal(err)
		}
		ma := f.actor(t, f.ma)
		_, err = f.svc.Get(ctx, ma, m.ID)
		wantKind(t, err, apperr.NotFound)
		_, _, err = f.svc.DocumentContent(ctx, ma, doc.ID)
		wantKind(t, err, apperr.NotFound)
		list, err := f.svc.List(ctx, ma, Filter{})
		if err != nil || len(list) != 0 {
			t.Fatalf("the former assistant lists %+v, %v", list, err)
		}
		checks, err := f.svc.Checklist(ctx, ma)
		if err != nil || len(checks) != 0 {
			t.Fatalf("the former assistant's checklist: %+v, %v", checks, err)
		}
		// A confidential meeting needs documents.see_confidential from the preparer too.
		_, err = f.svc.Create(ctx, f.actor(t, f.maNoMail), Input{Title: "Reorganisatie", OrganizerID: f.boss, Confidential: true,
			Start: at(2026, 11, 5, 14, 0), End: at(2026, 11, 5, 15, 0)})
		wantField(t, err, "confidential")
	})
}

// Reordering the agenda on the organizer's behalf is recorded like every
// other change to the agenda.
func TestMovingAnAgendaItemIsAudited(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t)
		if _, err := f.svc.AddItem(ctx, f.actor(t, f.ma), m.ID, ItemInput{Topic: "Cijfers"}); err != nil {
			t.Fatal(err)
		}
		it, err := f.svc.AddItem(ctx, f.actor(t, f.ma), m.ID, ItemInput{Topic: "Rondvraag"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.MoveItem(ctx, f.actor(t, f.ma), it.ID, -1); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE message = 'meeting.item_move' AND object_id = $1 AND on_behalf_of = $2`,
			m.ID, f.boss).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d records of the move (%v), want 1 on the organizer's behalf", n, err)
		}
	})
}

// The organizer keeps changing a meeting after withdrawing the preparer's
// mandate: the former preparer is no longer its preparer.
func TestOrganizerChangesAMeetingWhosePreparerLostTheMandate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t)
		if _, err := d.W.Exec(`DELETE FROM mandates WHERE principal_id = $1 AND assistant_id = $2`, f.boss, f.ma); err != nil {
			t.Fatal(err)
		}
		in := inputOf(m)
		in.Title = "Kwartaaloverleg (verzet)"
		got, err := f.svc.Update(ctx, f.actor(t, f.boss), m.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.PreparerID != "" || got.Title != in.Title {
			t.Fatalf("after the change: preparer %q, title %q", got.PreparerID, got.Title)
		}
		// Making it confidential while the preparer's mandate lacks documents.see_confidential.
		m2, err := f.svc.Create(ctx, f.actor(t, f.maNoMail), Input{Title: "Begroting", OrganizerID: f.boss,
			Start: at(2026, 11, 6, 10, 0), End: at(2026, 11, 6, 11, 0)})
		if err != nil || m2.PreparerID != f.maNoMail {
			t.Fatalf("create: %+v, %v", m2.PreparerID, err)
		}
		in = inputOf(m2)
		in.Confidential = true
		if got, err = f.svc.Update(ctx, f.actor(t, f.boss), m2.ID, in); err != nil || got.PreparerID != "" {
			t.Fatalf("made confidential: preparer %q, %v", got.PreparerID, err)
		}
		_, err = f.svc.Get(ctx, f.actor(t, f.maNoMail), m2.ID)
		wantKind(t, err, apperr.NotFound)
	})
}
