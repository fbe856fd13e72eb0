package meetings

import (
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/rooms"
	"spil/internal/testutil"
)

// A meeting whose room booking was cancelled on the rooms pages (or released
// for want of a check-in) no longer counts as having a room: the list shows
// none and the preparation checklist asks for one again.
func TestCancelledRoomBookingIsNoRoom(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		office := f.person(t, "Olga Office", authz.RoleOfficeManager)
		room, err := f.svc.Rooms.Create(ctx, f.actor(t, office), rooms.RoomInput{Name: "Rembrandt", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		m, err := f.svc.Create(ctx, f.actor(t, f.ma), Input{Title: "Overleg", OrganizerID: f.boss,
			Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0), RoomID: room.ID})
		if err != nil {
			t.Fatal(err)
		}
		roomBooked := func() bool {
			t.Helper()
			checks, err := f.svc.Checklist(ctx, f.actor(t, f.ma))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range checks {
				if c.ID == m.ID {
					return c.RoomBooked
				}
			}
			t.Fatal("the meeting is not on the checklist")
			return false
		}
		if !roomBooked() {
			t.Fatal("a meeting with its room booked shows no room")
		}
		if err := f.svc.Rooms.CancelBooking(ctx, f.actor(t, f.ma), m.RoomBookingID); err != nil {
			t.Fatal(err)
		}
		if roomBooked() {
			t.Error("the checklist still counts a cancelled room booking")
		}
	})
}
