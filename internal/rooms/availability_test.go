package rooms

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/testutil"
)

func TestAvailability(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		small := f.room(t, "Klein", func(in *RoomInput) { in.Capacity = 4; in.Equipment = []string{"whiteboard"} })
		big := f.room(t, "Groot", func(in *RoomInput) { in.Capacity = 20; in.Equipment = []string{"screen", "video"} })
		big2 := f.room(t, "Groot 2", func(in *RoomInput) {
			in.Capacity = 12
			in.Equipment = []string{"screen", "video"}
			in.BookableFrom, in.BookableUntil = 9*60, 17*60
		})
		f.book(t, f.emp, BookingInput{RoomID: big.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		emp := f.actor(t, f.emp)
		got, err := f.svc.Available(ctx, emp, at(2026, 11, 3, 10, 30), at(2026, 11, 3, 11, 30), Filter{MinCapacity: 6, Equipment: []string{"video"}})
		if err != nil || len(got) != 1 || got[0].ID != big2.ID {
			t.Fatalf("available = %v, %v", got, err)
		}
		got, _ = f.svc.Available(ctx, emp, at(2026, 11, 3, 8, 0), at(2026, 11, 3, 9, 0), Filter{})
		if len(got) != 2 || got[0].ID != big.ID || got[1].ID != small.ID { // by name: Groot, Klein
			t.Fatalf("available before Groot 2's hours = %v", got)
		}
		// An archived room is never free, even for the Office Manager who sees it.
		if err := f.svc.SetActive(ctx, f.actor(t, f.om), small.ID, false); err != nil {
			t.Fatal(err)
		}
		got, _ = f.svc.Available(ctx, f.actor(t, f.om), at(2026, 11, 3, 8, 0), at(2026, 11, 3, 9, 0), Filter{Archived: true})
		if len(got) != 1 || got[0].ID != big.ID {
			t.Fatalf("available with an archived room = %v", got)
		}
		av, err := f.svc.Availability(ctx, emp, at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0), Filter{LocationID: f.loc, MinCapacity: 15})
		if err != nil || len(av) != 1 {
			t.Fatalf("availability = %v, %v", av, err)
		}
		want := []Interval{{at(2026, 11, 3, 7, 0).UTC(), at(2026, 11, 3, 10, 0).UTC()}, {at(2026, 11, 3, 11, 0).UTC(), at(2026, 11, 3, 22, 0).UTC()}}
		if fmt.Sprint(av[0].Free) != fmt.Sprint(want) || len(av[0].Busy) != 1 {
			t.Fatalf("free = %v, want %v; busy %v", av[0].Free, want, av[0].Busy)
		}
	})
}

// BenchmarkAvailabilityWeek is the room finder's work for a week: 50 rooms,
// each with about four bookings a working day, free and busy time per room.
func BenchmarkAvailabilityWeek(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchAvailability(b, testutil.NewSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { benchAvailability(b, testutil.NewPostgres(b)) })
}

func benchAvailability(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	om := f.actor(b, f.om)
	monday := at(2026, 11, 9, 0, 0)
	n := 0
	for i := 0; i < 50; i++ {
		r := f.room(b, fmt.Sprintf("Ruimte %02d", i), func(in *RoomInput) { in.Capacity = 2 + i%20 })
		for day := 0; day < 5; day++ {
			for h := 0; h < 4; h++ {
				s := monday.AddDate(0, 0, day).Add(time.Duration(8+2*h+i%2) * time.Hour)
				if _, err := f.svc.Book(ctx, om, BookingInput{RoomID: r.ID, Start: s, End: s.Add(90 * time.Minute)}); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
	}
	emp := f.actor(b, f.emp)
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		av, err := f.svc.Availability(ctx, emp, monday, monday.AddDate(0, 0, 7), Filter{})
		if err != nil || len(av) != 50 {
			b.Fatal(len(av), err)
		}
	}
	b.StopTimer()
	// The process's CPU time per call: on SQLite all the work, and a figure
	// that holds on a busy shared machine where ns/op also counts waiting.
	// On PostgreSQL the server's share is not in it.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(n), "bookings")
}

func TestParseStored(t *testing.T) {
	for _, want := range []time.Time{
		time.Date(2026, 11, 9, 8, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 29, 1, 30, 15, 0, time.UTC),
		time.Date(2026, 3, 29, 1, 30, 15, 500, time.UTC),
		time.Date(2026, 3, 29, 3, 30, 0, 0, ams),
	} {
		got, err := parseStored(want.Format("2006-01-02 15:04:05.999999999-07:00"))
		if err != nil || !got.Equal(want) {
			t.Errorf("parseStored(%v) = %v, %v", want, got, err)
		}
	}
	if _, err := parseStored("2026-13-xx 08:00:00+00:00"); err == nil {
		t.Error("nonsense parsed")
	}
}

// cpuTime is the user and system CPU time of this process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
