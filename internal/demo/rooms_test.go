package demo_test

import "testing"

// TestSeedRooms: both offices have rooms, this week and next have bookings,
// the boardroom's booking next week waits for approval, and one booking is
// an assistant's for the director.
func TestSeedRooms(t *testing.T) {
	e := newEnv(t)
	e.seed(t, 0)
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := e.db.R.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT COUNT(DISTINCT location_id) FROM rooms`); n != 2 {
		t.Errorf("rooms in %d locations, want 2", n)
	}
	if n := count(`SELECT COUNT(*) FROM rooms`); n != 7 {
		t.Errorf("%d rooms, want 7", n)
	}
	if n := count(`SELECT COUNT(*) FROM room_bookings WHERE status IN ('pending', 'confirmed')`); n < 6 {
		t.Errorf("only %d bookings", n)
	}
	if n := count(`SELECT COUNT(*) FROM room_bookings WHERE status = 'pending'`); n != 1 {
		t.Errorf("%d pending bookings, want 1", n)
	}
	director := e.idByEmail(t, "director@demo.example")
	if n := count(`SELECT COUNT(*) FROM room_bookings WHERE booked_for = $1`, director); n < 1 {
		t.Errorf("no booking for the director")
	}
}
