package slots

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"spil/internal/travel"
)

// denseRequest: 20 people at three offices with dense agendas over three
// months (five to six appointments every working day, most with a place,
// every fifth private, priorities 1–4), a one-hour meeting in Utrecht.
func denseRequest(b testing.TB, mayOverbook int) Request {
	rng := rand.New(rand.NewPCG(3, 4))
	places := []*Place{{Name: "Zuidas", Place: zuidas}, {Name: "Utrecht", Place: utrecht}, {Name: "Den Haag", Place: denHaag}, nil}
	from := at(b, 11, 2, 0, 0)
	to := from.Add(MaxWindow)
	var people []Person
	for p := range 20 {
		person := Person{ID: fmt.Sprintf("p%d", p), Name: fmt.Sprintf("Person %d", p), Office: places[p%3], Mode: travel.Car}
		for day := from.AddDate(0, 0, -1); day.Before(to.AddDate(0, 0, 1)); day = day.AddDate(0, 0, 1) {
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			start := day.Add(9 * time.Hour)
			for range 5 + rng.IntN(2) {
				start = start.Add(time.Duration(rng.IntN(3)) * 15 * time.Minute)
				end := start.Add(time.Duration(30+15*rng.IntN(4)) * time.Minute)
				person.Busy = append(person.Busy, Appointment{Title: "work", Start: start, End: end,
					Priority: 1 + rng.IntN(4), Location: places[rng.IntN(len(places))], Private: rng.IntN(5) == 0})
				start = end
			}
		}
		people = append(people, person)
	}
	return Request{People: people, Duration: time.Hour, From: from, To: to,
		Location: &Place{Name: "Utrecht", Place: utrecht}, Mode: travel.Car, MayOverbook: mayOverbook}
}

func BenchmarkFind20People3Months(b *testing.B) {
	for _, mo := range []int{0, 4} {
		b.Run(fmt.Sprintf("may_overbook=%d", mo), func(b *testing.B) {
			req := denseRequest(b, mo)
			ctx := context.Background()
			for b.Loop() {
				if _, err := Find(ctx, req, travel.Formula{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
