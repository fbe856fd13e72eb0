package agenda

import (
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/testutil"
)

// prune runs the cleanup as the quarter-hourly housekeeping does.
func (f *fixture) prune(t testing.TB) {
	t.Helper()
	if _, err := f.svc.PruneBusyCache(ctx); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(15 * time.Minute)
}

func (f *fixture) count(t testing.TB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := f.db.R.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) floor(t testing.TB) int64 {
	return f.count(t, `SELECT floor FROM agenda_cache_floor WHERE id = 1`)
}

func TestPruneBusyCacheShrinksTheChangeLog(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for i, p := range []string{f.boss, f.emp, f.other, f.boss} {
			f.create(t, p, Input{Title: "A", Start: at(2026, 11, 3, 9+i, 0), End: at(2026, 11, 3, 10+i, 0)})
		}
		before := f.count(t, `SELECT COUNT(*) FROM agenda_changes`)
		newest := f.count(t, `SELECT MAX(xid) FROM agenda_changes`)
		f.prune(t)
		f.prune(t)
		if after := f.count(t, `SELECT COUNT(*) FROM agenda_changes`); after != 1 || before < 3 {
			t.Errorf("changes: %d before, %d after two cleanups; want only the newest left", before, after)
		}
		// Changes are numbered on, never again from the start.
		f.create(t, f.emp, Input{Title: "C", Start: at(2026, 11, 4, 9, 0), End: at(2026, 11, 4, 10, 0)})
		if x := f.count(t, `SELECT MAX(xid) FROM agenda_changes`); x <= newest {
			t.Errorf("a change after the cleanup has xid %d, not past %d", x, newest)
		}
		// The cache still answers the truth, and keeps doing so.
		if got := f.busyText(t, f.boss); got != "09:00-10:00 confirmed, 12:00-13:00 confirmed" {
			t.Fatalf("busy = %q", got)
		}
		f.create(t, f.boss, Input{Title: "B", Start: at(2026, 11, 3, 14, 0), End: at(2026, 11, 3, 15, 0)})
		if got := f.busyText(t, f.boss); got != "09:00-10:00 confirmed, 12:00-13:00 confirmed, 14:00-15:00 confirmed" {
			t.Fatalf("busy after another change = %q", got)
		}
	})
}

func TestPrunedCacheIsNeverStale(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if got := f.busyText(t, f.boss); got != "" {
			t.Fatalf("busy = %q", got)
		}
		var horizon int64
		var old []byte
		if err := d.R.QueryRow(`SELECT horizon, data FROM agenda_busy_cache WHERE person_id = $1 AND month = '2026-11'`, f.boss).Scan(&horizon, &old); err != nil {
			t.Fatal(err)
		}
		// A change after the month was built, then one to someone else, so
		// that the first is not the newest; the cleanup forgets the first.
		f.create(t, f.boss, Input{Title: "Planning", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 12, 0)})
		f.create(t, f.emp, Input{Title: "Other", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0)})
		f.prune(t)
		f.prune(t)
		if n := f.count(t, `SELECT COUNT(*) FROM agenda_changes WHERE person_id = $1`, f.boss); n != 0 {
			t.Fatalf("the boss's change is still noted (%d); the test proves nothing", n)
		}
		if f.floor(t) <= horizon {
			t.Fatalf("floor %d not past the month's horizon %d", f.floor(t), horizon)
		}
		want := func(when string) {
			t.Helper()
			if got := f.busyText(t, f.boss); got != "09:00-12:00 confirmed" {
				t.Fatalf("%s: busy = %q", when, got)
			}
			got, err := f.svc.FindSlots(ctx, f.actor(t, f.emp), SlotQuery{PersonIDs: []string{f.boss}, Duration: time.Hour,
				From: at(2026, 11, 3, 0, 0), To: at(2026, 11, 4, 0, 0)})
			if err != nil || len(got) == 0 || got[0].Start.Before(at(2026, 11, 3, 12, 0)) {
				t.Fatalf("%s: slots %+v, %v; want none before 12:00", when, got, err)
			}
		}
		want("after the cleanup")
		// The month as built before the change, stored late (as by a
		// search that read the agendas before it): below the floor, so
		// never used.
		if _, err := d.W.Exec(`UPDATE agenda_busy_cache SET horizon = $1, data = $2 WHERE person_id = $3 AND month = '2026-11'`,
			horizon, old, f.boss); err != nil {
			t.Fatal(err)
		}
		want("with the old month back")
	})
}

func TestBusyCacheBelowTheFloorIsNotStoredAndTheFloorNeverGoesDown(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.create(t, f.boss, Input{Title: "A", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0)})
		var last int64
		for range 3 {
			f.prune(t)
			if fl := f.floor(t); fl < last {
				t.Fatalf("floor went down from %d to %d", last, fl)
			} else {
				last = fl
			}
			f.create(t, f.emp, Input{Title: "B", Start: at(2026, 11, 4, 9, 0), End: at(2026, 11, 4, 10, 0)})
		}
		// A floor above every horizon a month can get now (as after a
		// PostgreSQL dump restored on another server): nothing is cached,
		// the answers stay right, and the cleanup keeps the floor.
		const high = 9000000000000000
		if _, err := d.W.Exec(`UPDATE agenda_cache_floor SET floor = $1`, high); err != nil {
			t.Fatal(err)
		}
		if got := f.busyText(t, f.boss); got != "09:00-10:00 confirmed" {
			t.Fatalf("busy = %q", got)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agenda_busy_cache WHERE horizon < $1`, high); n != 0 {
			t.Errorf("%d months stored below the floor", n)
		}
		f.prune(t)
		f.prune(t)
		if fl := f.floor(t); fl != high {
			t.Errorf("floor went down to %d", fl)
		}
	})
}
