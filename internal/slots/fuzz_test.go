package slots

import (
	"context"
	"testing"
	"time"

	"spil/internal/holiday"
	"spil/internal/travel"
)

// FuzzFindRules builds requests from random bytes and checks every candidate
// against the rules independently of how Find searches: inside the window and
// working hours, not on a public holiday, not overlapping an appointment that
// may not be overbooked, and ranked.
func FuzzFindRules(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add([]byte{200, 17, 33, 99, 4, 4, 4, 4, 1, 1, 1, 1, 250, 128, 64, 32, 16, 8})
	f.Add([]byte("King's Day and a busy week in spring"))
	f.Add([]byte{3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	places := []*Place{nil, {Name: "Zuidas", Place: zuidas}, {Name: "Utrecht", Place: utrecht}, {Name: "Den Haag", Place: denHaag}}
	f.Fuzz(func(t *testing.T, data []byte) {
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return int(b)
		}
		loc := ams(t)
		// A window of 1–4 days starting between 24 March and 1 May 2026
		// (DST change, King's Day).
		from := time.Date(2026, 3, 24+next()%39, 0, 0, 0, 0, loc)
		req := Request{
			Duration:    time.Duration(15*(1+next()%8)) * time.Minute,
			From:        from,
			To:          from.AddDate(0, 0, 1+next()%4),
			Location:    places[next()%len(places)],
			Mode:        travel.Modes()[next()%4],
			Buffer:      time.Duration(5*(next()%4)) * time.Minute,
			MayOverbook: []int{0, 2, 3, 4}[next()%4],
			Limit:       MaxLimit,
		}
		for p := 0; p < 1+next()%3; p++ {
			person := Person{ID: string(rune('a' + p)), Office: places[next()%len(places)]}
			if next()%2 == 0 {
				person.WorkingHours = map[time.Weekday][]Span{}
				for d := time.Sunday; d <= time.Saturday; d++ {
					if next()%3 != 0 {
						start := time.Duration(next()%20) * 30 * time.Minute
						person.WorkingHours[d] = []Span{{start, start + time.Duration(1+next()%10)*time.Hour}}
					}
				}
			}
			for a := 0; a < next()%6; a++ {
				start := from.Add(time.Duration(next()%96) * time.Hour / 2)
				person.Busy = append(person.Busy, Appointment{
					Title: "x", Start: start, End: start.Add(time.Duration(1+next()%8) * 15 * time.Minute),
					Priority: 1 + next()%4, Location: places[next()%len(places)],
				})
			}
			req.People = append(req.People, person)
		}
		got, err := Find(context.Background(), req, nil)
		if err != nil {
			t.Fatalf("Find: %v", err)
		}
		for i, c := range got {
			if c.Start.Before(req.From) || c.End.After(req.To) || c.End.Sub(c.Start) != req.Duration {
				t.Errorf("%s: outside the window or wrong length", local(t, c))
			}
			if i > 0 && (got[i-1].Score < c.Score || (got[i-1].Score == c.Score && !got[i-1].Start.Before(c.Start))) {
				t.Errorf("%s ranked after %s", local(t, c), local(t, got[i-1]))
			}
			ls := c.Start.In(loc)
			if h, off, _ := holiday.IsHoliday(holiday.DateOf(ls)); off {
				t.Errorf("%s: on %s", local(t, c), h.Name.EN)
			}
			for _, p := range req.People {
				wh := p.WorkingHours
				if wh == nil {
					wh = DefaultWorkingHours()
				}
				in := false
				mid := time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, loc)
				for _, s := range wh[ls.Weekday()] {
					if !c.Start.Before(wall(mid, s.Start)) && !c.End.After(wall(mid, s.End)) {
						in = true
					}
				}
				if !in {
					t.Errorf("%s: outside %s's working hours", local(t, c), p.ID)
				}
				for _, a := range p.Busy {
					if a.Start.Before(c.End) && c.Start.Before(a.End) &&
						(req.MayOverbook == 0 || a.Priority == 1 || a.Priority < req.MayOverbook) {
						t.Errorf("%s: overbooks %s's P%d with MayOverbook=%d", local(t, c), p.ID, a.Priority, req.MayOverbook)
					}
				}
			}
		}
	})
}

// wall returns the instant at wall-clock offset d after midnight mid.
func wall(mid time.Time, d time.Duration) time.Time {
	return time.Date(mid.Year(), mid.Month(), mid.Day(), 0, int(d/time.Minute), 0, 0, mid.Location())
}
