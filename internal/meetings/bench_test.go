package meetings

import (
	"fmt"
	"testing"
	"time"

	"spil/internal/authz"
	"spil/internal/rooms"
	"spil/internal/testutil"
)

// BenchmarkFindSlotsWithRoom: the slot finder for three people over a
// week, keeping the times when one of ten rooms is free (each room booked
// twice a day).
func BenchmarkFindSlotsWithRoom(b *testing.B) {
	f := newFixture(b, testutil.NewSQLite(b), nil)
	office := f.person(b, "Olga Office", authz.RoleOfficeManager)
	oa := f.actor(b, office)
	for i := 0; i < 10; i++ {
		r, err := f.svc.Rooms.Create(ctx, oa, rooms.RoomInput{Name: fmt.Sprintf("Kamer %d", i), Capacity: 4 + i})
		if err != nil {
			b.Fatal(err)
		}
		for d := 2; d <= 6; d++ {
			for _, h := range []int{9, 14} {
				if _, err := f.svc.Rooms.Book(ctx, oa, rooms.BookingInput{RoomID: r.ID, Title: "Bezet",
					Start: at(2026, 11, d, h+i%3, 0), End: at(2026, 11, d, h+i%3+2, 0)}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	q := SlotQuery{PersonIDs: []string{f.boss, f.emp, f.ma}, Duration: time.Hour, From: at(2026, 11, 2, 0, 0), To: at(2026, 11, 9, 0, 0),
		Rooms: &rooms.Filter{MinCapacity: 3}}
	a := f.actor(b, f.ma)
	b.ResetTimer()
	for b.Loop() {
		if got, err := f.svc.FindSlots(ctx, a, q); err != nil || len(got) == 0 {
			b.Fatal(len(got), err)
		}
	}
}

// BenchmarkChecklist: the assistant's preparation checklist with 40
// meetings in the next two weeks.
func BenchmarkChecklist(b *testing.B) {
	f := newFixture(b, testutil.NewSQLite(b), nil)
	ma := f.actor(b, f.ma)
	for i := 0; i < 40; i++ {
		d := 3 + i%10
		m, err := f.svc.Create(ctx, ma, Input{Title: fmt.Sprintf("Overleg %d", i), OrganizerID: f.boss,
			Start: at(2026, 11, d, 9+i%8, 0), End: at(2026, 11, d, 10+i%8, 0), Attendees: []AttendeeInput{{PersonID: f.emp}}})
		if err != nil {
			b.Fatal(err)
		}
		f.svc.AddItem(ctx, ma, m.ID, ItemInput{Topic: "Punt", PlannedMinutes: 20})
	}
	b.ResetTimer()
	for b.Loop() {
		if got, err := f.svc.Checklist(ctx, ma); err != nil || len(got) != 40 {
			b.Fatal(len(got), err)
		}
	}
}
