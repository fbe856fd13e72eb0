package rooms

import (
	"sync"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// race books overlapping slots of one room from n goroutines, spread over
// the given services (separate connection pools stand for separate spil
// instances), and returns how many succeeded and the other errors.
func race(t *testing.T, f *fixture, svcs []*Service, roomID string, n int) (ok int, conflicts int) {
	t.Helper()
	people := []string{f.emp, f.emp2, f.boss, f.om}
	var wg sync.WaitGroup
	var mu sync.Mutex
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			svc := svcs[i%len(svcs)]
			actor := f.actor(t, people[i%len(people)])
			// Every slot overlaps 10:00–10:30 on Tuesday.
			s := at(2026, 11, 3, 9, 45).Add(time.Duration(i%4) * 5 * time.Minute)
			<-start
			_, err := svc.Book(ctx, actor, BookingInput{RoomID: roomID, Start: s, End: s.Add(time.Hour), Title: "race"})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case apperr.KindOf(err) == apperr.Conflict:
				conflicts++
			default:
				t.Errorf("booking %d: %v", i, err)
			}
		}(i)
	}
	close(start)
	wg.Wait()
	return ok, conflicts
}

func countOccupying(t *testing.T, d *db.DB, roomID string) int {
	t.Helper()
	var n int
	if err := d.R.QueryRow(`SELECT COUNT(*) FROM room_bookings WHERE room_id = $1 AND status IN ('pending', 'confirmed')`, roomID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestConcurrentBookingSQLite(t *testing.T) {
	d := testutil.NewSQLite(t)
	f := newFixture(t, d)
	r := f.room(t, "Populair", nil)
	const n = 24
	ok, conflicts := race(t, f, []*Service{f.svc}, r.ID, n)
	if ok != 1 || conflicts != n-1 {
		t.Fatalf("%d bookings succeeded and %d conflicted; want 1 and %d", ok, conflicts, n-1)
	}
	if got := countOccupying(t, d, r.ID); got != 1 {
		t.Fatalf("%d bookings stored", got)
	}
}

// TestConcurrentBookingPostgres books from two separate connection pools on
// one database, as two spil instances behind a load balancer would.
func TestConcurrentBookingPostgres(t *testing.T) {
	url := testutil.PostgresURL(t)
	open := func() *db.DB {
		d, err := db.Open(ctx, db.Options{DatabaseURL: url, MaxConns: 8})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	d1, d2 := open(), open()
	if err := d1.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, d1)
	svc2 := &Service{DB: d2, Clock: f.clock, Jobs: f.svc.Jobs}
	for round := 0; round < 3; round++ {
		r := f.room(t, "Populair "+string(rune('A'+round)), nil)
		const n = 24
		ok, conflicts := race(t, f, []*Service{f.svc, svc2}, r.ID, n)
		if ok != 1 || conflicts != n-1 {
			t.Fatalf("round %d: %d bookings succeeded and %d conflicted; want 1 and %d", round, ok, conflicts, n-1)
		}
		if got := countOccupying(t, d1, r.ID); got != 1 {
			t.Fatalf("round %d: %d bookings stored", round, got)
		}
	}
}
