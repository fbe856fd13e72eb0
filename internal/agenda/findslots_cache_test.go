package agenda

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/testutil"
)

// busyText is who's free/busy of person on 3 November 2026 as "09:00-10:00
// confirmed" lines.
func (f *fixture) busyText(t testing.TB, person string) string {
	t.Helper()
	m, err := f.svc.FreeBusy(ctx, f.actor(t, f.emp), []string{person}, at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range m[person] {
		out = append(out, b.Start.In(ams).Format("15:04")+"-"+b.End.In(ams).Format("15:04")+" "+b.Status)
	}
	return strings.Join(out, ", ")
}

func TestBusyCacheFollowsEveryChange(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		want := func(person, s string) {
			t.Helper()
			for range 2 { // built, then read from the cache
				if got := f.busyText(t, person); got != s {
					t.Fatalf("busy = %q, want %q", got, s)
				}
			}
		}
		want(f.boss, "")
		var n int
		if err := d.R.QueryRow(`SELECT COUNT(*) FROM agenda_busy_cache WHERE person_id = $1`, f.boss).Scan(&n); err != nil || n == 0 {
			t.Fatalf("nothing cached: %d, %v", n, err)
		}
		boss := f.actor(t, f.boss)
		ap := f.create(t, f.boss, Input{Title: "A", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0)})
		want(f.boss, "09:00-10:00 confirmed")
		if _, err := f.svc.Move(ctx, boss, ap.ID, Edit{}, at(2026, 11, 3, 11, 0), at(2026, 11, 3, 12, 0)); err != nil {
			t.Fatal(err)
		}
		want(f.boss, "11:00-12:00 confirmed")
		in := ap.Input
		in.Start, in.End, in.Status = at(2026, 11, 3, 11, 0), at(2026, 11, 3, 12, 0), Tentative
		in.Attendees = []Attendee{{PersonID: f.emp}}
		if _, err := f.svc.Update(ctx, boss, ap.ID, Edit{}, in); err != nil {
			t.Fatal(err)
		}
		want(f.boss, "11:00-12:00 tentative")
		want(f.emp, "11:00-12:00 tentative")
		if err := f.svc.Respond(ctx, f.actor(t, f.emp), ap.ID, f.emp, Declined); err != nil {
			t.Fatal(err)
		}
		want(f.emp, "")
		// A series with a changed occurrence, then deleted whole.
		series := f.create(t, f.boss, Input{Title: "S", Start: at(2026, 11, 2, 14, 0), End: at(2026, 11, 2, 15, 0), RRule: "FREQ=DAILY;COUNT=5"})
		want(f.boss, "11:00-12:00 tentative, 14:00-15:00 confirmed")
		occ := at(2026, 11, 3, 14, 0)
		if _, err := f.svc.Move(ctx, boss, series.ID, Edit{Range: ThisOccurrence, OccurrenceStart: &occ}, at(2026, 11, 3, 16, 0), at(2026, 11, 3, 17, 0)); err != nil {
			t.Fatal(err)
		}
		want(f.boss, "11:00-12:00 tentative, 16:00-17:00 confirmed")
		if err := f.svc.Delete(ctx, boss, series.ID, Edit{}); err != nil {
			t.Fatal(err)
		}
		want(f.boss, "11:00-12:00 tentative")
		if err := f.svc.Delete(ctx, boss, ap.ID, Edit{}); err != nil {
			t.Fatal(err)
		}
		want(f.boss, "")
	})
}

func TestBusyCacheIsReadAndRepaired(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.create(t, f.boss, Input{Title: "A", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0)})
		if got := f.busyText(t, f.boss); got != "09:00-10:00 confirmed" {
			t.Fatalf("busy = %q", got)
		}
		// What the cache holds is what is answered while it is valid...
		fake := encodeBusy([]busyItem{{key: "x", at: at(2026, 11, 3, 13, 0).Unix(), until: at(2026, 11, 3, 14, 0).Unix(), occ: at(2026, 11, 3, 13, 0).Unix()}})
		if _, err := d.W.Exec(`UPDATE agenda_busy_cache SET data = $1 WHERE person_id = $2 AND month = '2026-11'`, fake, f.boss); err != nil {
			t.Fatal(err)
		}
		if got := f.busyText(t, f.boss); got != "13:00-14:00 confirmed" {
			t.Fatalf("busy from the cache = %q", got)
		}
		// ... unless its horizon lies beyond this database's changes (a
		// dump restored elsewhere) ...
		if _, err := d.W.Exec(`UPDATE agenda_busy_cache SET horizon = 9000000000000000 WHERE person_id = $1`, f.boss); err != nil {
			t.Fatal(err)
		}
		if got := f.busyText(t, f.boss); got != "09:00-10:00 confirmed" {
			t.Fatalf("busy with a horizon from elsewhere = %q", got)
		}
		var far int
		if err := d.R.QueryRow(`SELECT COUNT(*) FROM agenda_busy_cache WHERE horizon = 9000000000000000`).Scan(&far); err != nil || far != 0 {
			t.Errorf("%d months keep a horizon from elsewhere (%v)", far, err)
		}
		// ... damaged data is built again ...
		if _, err := d.W.Exec(`UPDATE agenda_busy_cache SET data = $1 WHERE person_id = $2`, []byte{9, 9}, f.boss); err != nil {
			t.Fatal(err)
		}
		if got := f.busyText(t, f.boss); got != "09:00-10:00 confirmed" {
			t.Fatalf("busy after damage = %q", got)
		}
		// ... and any change makes it invalid.
		if _, err := d.W.Exec(`UPDATE agenda_busy_cache SET data = $1 WHERE person_id = $2 AND month = '2026-11'`, fake, f.boss); err != nil {
			t.Fatal(err)
		}
		f.create(t, f.boss, Input{Title: "B", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		if got := f.busyText(t, f.boss); got != "09:00-11:00 confirmed" {
			t.Fatalf("busy after a change = %q", got)
		}
	})
}

func TestBusyEncodingRoundTrip(t *testing.T) {
	lat, lon := 52.09, 5.12
	zuidas := &Place{LocationID: "loc-z", Name: "Zuidas", Lat: &zuidasLat, Lon: &zuidasLon}
	clinic := &Place{Name: "Clinic", Lat: &lat, Lon: &lon}
	t0 := at(2026, 11, 30, 23, 30).Unix()
	uid := "01a22a1e-1a71-7273-822c-ffbe83ce6210"
	items := []busyItem{
		{key: idKey(uid), Title: "Board", at: t0, until: t0 + 3600, occ: t0, priority: 1, place: zuidas, attendees: []string{idKey("p1"), idKey(uid)}},
		{key: "b", Title: "Therapy", at: t0 + 7200, until: t0 + 9000, occ: t0 - 86400, priority: 4, visibility: 1, tentative: true, place: clinic},
		{key: "c", Title: "Call", at: t0 + 9000, until: t0 + 9600, occ: t0 + 9000, priority: 3, visibility: 2, place: &Place{Name: "Teams"}},
		{key: "d", Title: "Clinic again", at: t0 + 9600, until: t0 + 9900, occ: t0 + 9600, priority: 2, place: &Place{Name: "Clinic", Lat: &lat, Lon: &lon}},
	}
	data := encodeBusy(items)
	locs := map[string]*Place{"loc-z": zuidas}
	got, err := decodeBusy(data, nil, 0, t0, t0+86400, locs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].Title != "Board" || got[3].Title != "Clinic again" || !got[0].is(Occurrence{Appointment: Appointment{ID: uid}, OccurrenceStart: time.Unix(t0, 0)}) ||
		got[1].key != "b" || got[0].place != zuidas || !got[0].attends(idKey(uid)) || got[0].attends("p") || got[1].attends(idKey(uid)) ||
		*got[1].place.Lat != lat || got[1].place.Name != "Clinic" || !got[1].tentative || got[1].occ != t0-86400 ||
		visibilityName[got[2].visibility] != Confidential || got[2].place.Name != "Teams" || got[2].place.HasCoordinates() ||
		got[3].place != got[1].place {
		t.Errorf("round trip: %s", dumpBusy(got))
	}
	// Items starting before the month (taken from the previous one) and
	// outside the period are left out.
	if got, _ := decodeBusy(data, nil, t0+1, t0, t0+86400, locs); len(got) != 3 || got[0].key != "b" {
		t.Errorf("skip: %s", dumpBusy(got))
	}
	if got, _ := decodeBusy(data, nil, 0, t0+9000, t0+9601, locs); len(got) != 2 || got[0].key != "c" {
		t.Errorf("period: %s", dumpBusy(got))
	}
	for i := range data {
		if _, err := decodeBusy(data[:i], nil, 0, t0, t0+86400, locs); err == nil {
			t.Errorf("truncated at %d: no error", i)
		}
	}
	if months := busyMonths(at(2026, 11, 2, 0, 0), at(2027, 2, 2, 0, 0)); !slices.EqualFunc(months, []string{"2026-11", "2026-12", "2027-01", "2027-02"},
		func(m busyMonth, k string) bool { return m.key == k }) {
		t.Errorf("months = %v", months)
	}
}

func dumpBusy(list []busyItem) string {
	var b strings.Builder
	for _, it := range list {
		fmt.Fprintf(&b, "%+v %+v; ", it, it.place)
	}
	return b.String()
}
