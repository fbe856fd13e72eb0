package slots

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/travel"
)

// Test places: PC4 centroids as in internal/travel's tests.
var (
	zuidas  = travel.Place{Lat: 52.331, Lon: 4.8742}
	utrecht = travel.Place{Lat: 52.0884, Lon: 5.1175}
	denHaag = travel.Place{Lat: 52.078, Lon: 4.3177}
)

func ams(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at returns the Amsterdam wall-clock time on the given 2026 date.
func at(t testing.TB, month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, ams(t))
}

func find(t *testing.T, req Request) []Candidate {
	t.Helper()
	got, err := Find(context.Background(), req, travel.Formula{})
	if err != nil {
		t.Fatalf("Find: %v (fields %v)", err, apperr.FieldsOf(err))
	}
	return got
}

func texts(c Candidate) []string {
	var s []string
	for _, r := range c.Reasons {
		s = append(s, r.Text)
	}
	return s
}

func hasText(c Candidate, want string) bool {
	for _, r := range c.Reasons {
		if r.Text == want {
			return true
		}
	}
	return false
}

func local(t testing.TB, c Candidate) string {
	return c.Start.In(ams(t)).Format("Mon 2006-01-02 15:04")
}

// twoPeople: Anna works at Zuidas, Jan in Utrecht and has a meeting at the
// Jaarbeurs 13:00–14:00. They meet at Zuidas by car on Tuesday 14 April 2026.
func twoPeople(t *testing.T) Request {
	return Request{
		People: []Person{
			{ID: "anna", Name: "Anna", Office: &Place{Name: "Zuidas", Place: zuidas}},
			{ID: "jan", Name: "Jan", Office: &Place{Name: "Utrecht", Place: utrecht}, Busy: []Appointment{{
				Title: "Trade fair", Start: at(t, 4, 14, 13, 0), End: at(t, 4, 14, 14, 0), Priority: 2,
				Location: &Place{Name: "Jaarbeurs", Place: utrecht},
			}}},
		},
		Duration: time.Hour,
		From:     at(t, 4, 14, 0, 0),
		To:       at(t, 4, 15, 0, 0),
		Location: &Place{Name: "Zuidas", Place: zuidas},
		Mode:     travel.Car,
		Limit:    100,
	}
}

func TestTwoPeopleTravel(t *testing.T) {
	got := find(t, twoPeople(t))
	if len(got) == 0 {
		t.Fatal("no candidates")
	}
	// Best: after Jan's fair, one trip (46 min) instead of two.
	best := got[0]
	if l := local(t, best); l != "Tue 2026-04-14 15:00" {
		t.Errorf("best = %s, want 15:00 (reasons %q)", l, texts(best))
	}
	if !hasText(best, "Jan travels 46 min from Jaarbeurs") {
		t.Errorf("best reasons = %q, want Jan's trip from the Jaarbeurs", texts(best))
	}
	if best.Score != -46 {
		t.Errorf("best score = %v, want -46", best.Score)
	}
	byStart := map[string]Candidate{}
	for _, c := range got {
		byStart[local(t, c)] = c
		// Anna is at her own office: she never travels.
		for _, r := range c.Reasons {
			if r.PersonID == "anna" && (r.Code == CodeTravelFrom || r.Code == CodeTravelTo) {
				t.Errorf("%s: Anna travels: %q", local(t, c), r.Text)
			}
		}
	}
	// Jan leaves Utrecht at 09:00 and arrives 09:46: the first morning slot is 10:00.
	if _, ok := byStart["Tue 2026-04-14 09:45"]; ok {
		t.Error("09:45 offered though Jan cannot be there before 09:46")
	}
	morning, ok := byStart["Tue 2026-04-14 10:00"]
	if !ok {
		t.Fatal("10:00 not offered")
	}
	for _, want := range []string{"Jan travels 46 min from Utrecht", "Jan travels 46 min to Jaarbeurs afterwards"} {
		if !hasText(morning, want) {
			t.Errorf("10:00 reasons = %q, want %q", texts(morning), want)
		}
	}
	// 11:00–12:00 + 46 min reaches the fair at 12:46; 11:15 would be late.
	if _, ok := byStart["Tue 2026-04-14 11:00"]; !ok {
		t.Error("11:00 not offered")
	}
	for _, s := range []string{"Tue 2026-04-14 11:15", "Tue 2026-04-14 13:00", "Tue 2026-04-14 14:30", "Tue 2026-04-14 16:15"} {
		if _, ok := byStart[s]; ok {
			t.Errorf("%s offered", s)
		}
	}
	last := byStart["Tue 2026-04-14 16:00"]
	if !hasText(last, "ends when Anna's working day ends") {
		t.Errorf("16:00 reasons = %q, want end of day", texts(last))
	}
	// Ranked: score never increases, and equal scores are in time order.
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.Score < b.Score || (a.Score == b.Score && !a.Start.Before(b.Start)) {
			t.Errorf("order: %s (%v) before %s (%v)", local(t, a), a.Score, local(t, b), b.Score)
		}
	}
	// Check the reason arguments of one travel reason.
	for _, r := range morning.Reasons {
		if r.Code == CodeTravelFrom {
			want := map[string]string{"person": "Jan", "minutes": "46", "place": "Utrecht", "mode": "car"}
			if !reflect.DeepEqual(r.Args, want) || r.PersonID != "jan" {
				t.Errorf("travel_from = %+v, want args %v", r, want)
			}
		}
	}
}

func TestBuffer(t *testing.T) {
	req := Request{
		People: []Person{{ID: "anna", Busy: []Appointment{{
			Title: "Stand-up", Start: at(t, 4, 14, 9, 0), End: at(t, 4, 14, 10, 0), Priority: 2,
		}}}},
		Duration: 30 * time.Minute,
		From:     at(t, 4, 14, 0, 0),
		To:       at(t, 4, 15, 0, 0),
		Buffer:   15 * time.Minute,
	}
	got := find(t, req)
	if len(got) == 0 || local(t, got[0]) != "Tue 2026-04-14 10:15" {
		t.Fatalf("first = %v, want 10:15", got)
	}
}

func deskWork(t *testing.T, prio, mayOverbook int) Request {
	return Request{
		People: []Person{{ID: "anna", Name: "Anna", Busy: []Appointment{{
			Title: "desk work", Start: at(t, 4, 14, 9, 0), End: at(t, 4, 14, 17, 0), Priority: prio,
		}}}},
		Duration:    time.Hour,
		From:        at(t, 4, 14, 0, 0),
		To:          at(t, 4, 15, 0, 0),
		MayOverbook: mayOverbook,
		Step:        time.Hour,
		Limit:       100,
	}
}

func TestOverbooking(t *testing.T) {
	for _, tc := range []struct {
		prio, may int
		offered   bool
	}{
		{4, 0, false}, {4, 4, true}, {4, 3, true}, {4, 2, true},
		{3, 4, false}, {3, 3, true}, {2, 3, false}, {2, 2, true},
		{1, 2, false}, {1, 4, false}, {1, 0, false},
	} {
		t.Run(fmt.Sprintf("P%d_may%d", tc.prio, tc.may), func(t *testing.T) {
			got := find(t, deskWork(t, tc.prio, tc.may))
			if !tc.offered {
				if len(got) != 0 {
					t.Fatalf("P%d overbooked with MayOverbook=%d: %s %q", tc.prio, tc.may, local(t, got[0]), texts(got[0]))
				}
				return
			}
			if len(got) != 8 {
				t.Fatalf("got %d candidates, want 8 (09:00…16:00 on the hour)", len(got))
			}
			want := fmt.Sprintf("overbooks Anna's P%d 'desk work'", tc.prio)
			if !hasText(got[0], want) {
				t.Errorf("reasons = %q, want %q", texts(got[0]), want)
			}
		})
	}
}

func TestFewerOverbookingsFirst(t *testing.T) {
	req := deskWork(t, 4, 4)
	req.People[0].Busy[0].End = at(t, 4, 14, 12, 0)
	req.People[0].Busy = append(req.People[0].Busy, Appointment{
		Title: "filing", Start: at(t, 4, 14, 15, 0), End: at(t, 4, 14, 17, 0), Priority: 3,
	})
	req.MayOverbook = 3
	got := find(t, req)
	if local(t, got[0]) != "Tue 2026-04-14 12:00" || len(got[0].Reasons) != 0 {
		t.Errorf("best = %s %q, want the free 12:00", local(t, got[0]), texts(got[0]))
	}
	// A P4 overbooking ranks before a P3 one.
	var sawP3 bool
	for _, c := range got {
		for _, r := range c.Reasons {
			switch r.Args["priority"] {
			case "3":
				sawP3 = true
			case "4":
				if sawP3 {
					t.Fatalf("P4 overbooking at %s ranked after a P3 one", local(t, c))
				}
			}
		}
	}
	if !sawP3 {
		t.Error("no P3 overbooking offered")
	}
}

func TestPrivateNeverLeaks(t *testing.T) {
	secret := &Place{Name: "Clinic Secretlocation", Place: denHaag}
	req := Request{
		People: []Person{{ID: "anna", Name: "Anna", Office: &Place{Name: "Zuidas", Place: zuidas}, Busy: []Appointment{
			{Title: "Therapy session", Start: at(t, 4, 14, 9, 0), End: at(t, 4, 14, 10, 0), Priority: 4, Location: secret, Private: true},
			{Title: "Physio therapy", Start: at(t, 4, 14, 12, 0), End: at(t, 4, 14, 13, 0), Priority: 2, Location: secret, Private: true},
			{Title: "Oncologist", Start: at(t, 4, 14, 15, 0), End: at(t, 4, 14, 16, 0), Priority: 4, Private: true},
		}}},
		Duration:    time.Hour,
		From:        at(t, 4, 14, 0, 0),
		To:          at(t, 4, 15, 0, 0),
		Location:    &Place{Name: "Utrecht", Place: utrecht},
		Mode:        travel.PublicTransport,
		MayOverbook: 4,
		Limit:       100,
	}
	got := find(t, req)
	if len(got) == 0 {
		t.Fatal("no candidates")
	}
	var sawBusy, sawPrivateTrip bool
	for _, c := range got {
		for _, r := range c.Reasons {
			all := r.Text + fmt.Sprint(r.Args)
			for _, bad := range []string{"herapy", "Therapy", "Oncologist", "Clinic", "Secret"} {
				if strings.Contains(all, bad) {
					t.Errorf("%s: reason leaks %q: %q %v", local(t, c), bad, r.Text, r.Args)
				}
			}
			if _, ok := r.Args["title"]; ok && r.Code == CodeOverbooks {
				t.Errorf("private overbooking has a title argument: %v", r.Args)
			}
			sawBusy = sawBusy || r.Text == "overbooks Anna's P4 (busy)"
			sawPrivateTrip = sawPrivateTrip || strings.Contains(r.Text, "a private appointment")
		}
	}
	if !sawBusy || !sawPrivateTrip {
		t.Errorf("want both a 'busy' overbooking and a trip from/to 'a private appointment' (busy %v, trip %v)", sawBusy, sawPrivateTrip)
	}
}

func TestKingsDaySkipped(t *testing.T) {
	req := Request{
		People:   []Person{{ID: "anna"}},
		Duration: time.Hour,
		From:     at(t, 4, 27, 0, 0), // Monday 27 April 2026, King's Day
		To:       at(t, 4, 29, 0, 0),
		Step:     time.Hour,
		Limit:    100,
	}
	got := find(t, req)
	if len(got) != 8 {
		t.Errorf("got %d candidates, want 8 on 28 April only", len(got))
	}
	for _, c := range got {
		if c.Start.In(ams(t)).Day() != 28 {
			t.Errorf("candidate on %s", local(t, c))
		}
	}
	if len(got) > 0 && local(t, got[0]) != "Tue 2026-04-28 09:00" {
		t.Errorf("first = %s", local(t, got[0]))
	}
}

func TestWorkingHoursAndDST(t *testing.T) {
	req := Request{
		People: []Person{{ID: "anna", WorkingHours: map[time.Weekday][]Span{
			time.Friday: {{9 * time.Hour, 17 * time.Hour}},
			time.Monday: {{9 * time.Hour, 12 * time.Hour}, {13 * time.Hour, 17*time.Hour + 30*time.Minute}},
		}}},
		Duration: time.Hour,
		From:     at(t, 3, 27, 0, 0),
		To:       at(t, 4, 1, 0, 0),
		Step:     30 * time.Minute,
		Limit:    500,
	}
	got := find(t, req)
	var fri, mon []string
	for _, c := range got {
		l := c.Start.In(ams(t))
		switch l.Weekday() {
		case time.Friday:
			fri = append(fri, l.Format("15:04"))
		case time.Monday:
			mon = append(mon, l.Format("15:04"))
		default:
			t.Errorf("candidate on a day off: %s", local(t, c))
		}
	}
	wantFri := []string{"09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"}
	wantMon := []string{"09:00", "09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"}
	if !reflect.DeepEqual(fri, wantFri) {
		t.Errorf("Friday = %v, want %v", fri, wantFri)
	}
	if !reflect.DeepEqual(mon, wantMon) {
		t.Errorf("Monday = %v, want %v", mon, wantMon)
	}
	// 09:00 is 08:00 UTC in winter time and 07:00 UTC in summer time.
	if got[0].Start.UTC().Format(time.RFC3339) != "2026-03-27T08:00:00Z" {
		t.Errorf("Friday 09:00 = %s UTC", got[0].Start.UTC())
	}
	for _, c := range got {
		if local(t, c) == "Mon 2026-03-30 09:00" && c.Start.UTC().Format(time.RFC3339) != "2026-03-30T07:00:00Z" {
			t.Errorf("Monday 09:00 = %s UTC", c.Start.UTC())
		}
	}
}

// On Sunday 29 March 2026 the clock jumps from 02:00 to 03:00: a span
// 01:00–04:00 on the wall clock is two hours long and 02:xx does not exist.
func TestSpringForwardNight(t *testing.T) {
	req := Request{
		People:   []Person{{ID: "night", WorkingHours: map[time.Weekday][]Span{time.Sunday: {{1 * time.Hour, 4 * time.Hour}}}}},
		Duration: 2 * time.Hour,
		From:     at(t, 3, 29, 0, 0),
		To:       at(t, 3, 30, 0, 0),
		Limit:    100,
	}
	got := find(t, req)
	if len(got) != 1 || got[0].Start.UTC().Format(time.RFC3339) != "2026-03-29T00:00:00Z" ||
		got[0].End.In(ams(t)).Format("15:04") != "04:00" {
		t.Fatalf("2 h meeting: got %v, want only 01:00–04:00 local", got)
	}
	req.Duration = 30 * time.Minute
	got = find(t, req)
	var starts []string
	for _, c := range got {
		starts = append(starts, c.Start.In(ams(t)).Format("15:04"))
	}
	want := []string{"01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30"}
	if !reflect.DeepEqual(starts, want) {
		t.Errorf("30 min meetings start at %v, want %v", starts, want)
	}
}

func TestAbsence(t *testing.T) {
	req := Request{
		People:   []Person{{ID: "anna", Absences: []Interval{{at(t, 4, 14, 0, 0), at(t, 4, 14, 15, 0)}}}},
		Duration: time.Hour,
		From:     at(t, 4, 14, 0, 0),
		To:       at(t, 4, 15, 0, 0),
		Step:     time.Hour,
	}
	got := find(t, req)
	if len(got) != 2 || local(t, got[0]) != "Tue 2026-04-14 15:00" {
		t.Errorf("got %d, first %v; want 15:00 and 16:00", len(got), got)
	}
}

func TestDeterministic(t *testing.T) {
	req := twoPeople(t)
	req.People[0].Busy = []Appointment{
		{Title: "b", Start: at(t, 4, 14, 11, 0), End: at(t, 4, 14, 11, 30), Priority: 4, Location: &Place{Place: denHaag}},
		{Title: "a", Start: at(t, 4, 14, 9, 0), End: at(t, 4, 14, 9, 30), Priority: 3},
		{Title: "c", Start: at(t, 4, 14, 16, 0), End: at(t, 4, 14, 17, 0), Priority: 4},
	}
	req.MayOverbook = 3
	first := find(t, req)
	for i := 0; i < 5; i++ {
		// Reverse the order of the busy list: the answer must not change.
		b := req.People[0].Busy
		for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
			b[l], b[r] = b[r], b[l]
		}
		if again := find(t, req); !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d differs", i)
		}
	}
}

func TestValidation(t *testing.T) {
	ok := func() Request { return deskWork(t, 4, 4) }
	for _, tc := range []struct {
		name  string
		edit  func(*Request)
		field string
	}{
		{"no people", func(r *Request) { r.People = nil }, "people"},
		{"zero duration", func(r *Request) { r.Duration = 0 }, "duration"},
		{"negative duration", func(r *Request) { r.Duration = -time.Hour }, "duration"},
		{"short window", func(r *Request) { r.To = r.From.Add(30 * time.Minute) }, "to"},
		{"long window", func(r *Request) { r.To = r.From.Add(MaxWindow + time.Minute) }, "to"},
		{"may overbook P1", func(r *Request) { r.MayOverbook = 1 }, "may_overbook"},
		{"may overbook 5", func(r *Request) { r.MayOverbook = 5 }, "may_overbook"},
		{"may overbook -1", func(r *Request) { r.MayOverbook = -1 }, "may_overbook"},
		{"step", func(r *Request) { r.Step = 90 * time.Second }, "step"},
		{"limit", func(r *Request) { r.Limit = -1 }, "limit"},
		{"mode", func(r *Request) { r.Location = &Place{Place: zuidas} }, "mode"},
		{"location lat", func(r *Request) { r.Location = &Place{Place: travel.Place{Lat: 91}}; r.Mode = travel.Car }, "location.lat"},
		{"person id", func(r *Request) { r.People[0].ID = "" }, "people[0].id"},
		{"duplicate id", func(r *Request) { r.People = append(r.People, r.People[0]) }, "people[1].id"},
		{"priority", func(r *Request) { r.People[0].Busy[0].Priority = 0 }, "people[0].busy[0].priority"},
		{"span", func(r *Request) {
			r.People[0].WorkingHours = map[time.Weekday][]Span{time.Monday: {{17 * time.Hour, 9 * time.Hour}}}
		}, "people[0].working_hours.monday[0]"},
		{"year", func(r *Request) { r.From = r.From.AddDate(-100, 0, 0) }, "from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ok()
			tc.edit(&r)
			_, err := Find(context.Background(), r, nil)
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("err = %v, want Invalid", err)
			}
			if _, has := apperr.FieldsOf(err)[tc.field]; !has {
				t.Errorf("fields = %v, want %q", apperr.FieldsOf(err), tc.field)
			}
		})
	}
	if _, err := Find(context.Background(), ok(), nil); err != nil {
		t.Errorf("valid request: %v", err)
	}
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Find(ctx, twoPeople(t), nil); err == nil {
		t.Error("no error for a cancelled context")
	}
}

// benchRequest: 5 people in Amsterdam, Utrecht, Den Haag with a full agenda
// (two appointments every other day at varying places), two weeks, step 15 min.
func benchRequest(b testing.TB) Request {
	places := []*Place{{Name: "Zuidas", Place: zuidas}, {Name: "Utrecht", Place: utrecht}, {Name: "Den Haag", Place: denHaag}, nil}
	var people []Person
	for p := 0; p < 5; p++ {
		person := Person{ID: fmt.Sprintf("p%d", p), Name: fmt.Sprintf("Person %d", p), Office: places[p%3]}
		for d := 0; d < 14; d++ {
			if (p+d)%2 == 1 {
				continue // a quiet day
			}
			for k := 0; k < 2; k++ {
				start := at(b, 4, 6+d, 9+4*k+(p+d)%3, 15*((p+k)%4))
				person.Busy = append(person.Busy, Appointment{
					Title: fmt.Sprintf("appt %d/%d", d, k), Start: start, End: start.Add(time.Hour),
					Priority: []int{4, 3, 4, 1, 2}[(p+d+k)%5], Location: places[(p+d+k)%4], Private: k == 1,
				})
			}
		}
		people = append(people, person)
	}
	return Request{
		People: people, Duration: time.Hour,
		From: at(b, 4, 6, 0, 0), To: at(b, 4, 20, 0, 0),
		Location: &Place{Name: "Utrecht", Place: utrecht}, Mode: travel.PublicTransport,
		Buffer: 10 * time.Minute, MayOverbook: 3, Limit: 20,
	}
}

func TestBenchRequestFindsSlots(t *testing.T) {
	got, err := Find(context.Background(), benchRequest(t), nil)
	if err != nil || len(got) == 0 {
		t.Fatalf("got %d, err %v", len(got), err)
	}
}

func BenchmarkFind5People2Weeks(b *testing.B) {
	req := benchRequest(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Find(ctx, req, travel.Formula{}); err != nil {
			b.Fatal(err)
		}
	}
}
