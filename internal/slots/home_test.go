package slots

import (
	"testing"
	"time"

	"spil/internal/travel"
)

// A person who works from home in Utrecht on Tuesdays can meet in Utrecht
// at 09:00 that day; on Monday they start at the Zuidas office and cannot.
func TestStartsHome(t *testing.T) {
	person := Person{ID: "jan", Name: "Jan",
		Office:     &Place{Name: "Zuidas", Place: zuidas},
		Home:       &Place{Name: "home", Place: utrecht},
		StartsHome: map[time.Weekday]bool{time.Tuesday: true}}
	req := Request{People: []Person{person}, Duration: time.Hour, Location: &Place{Name: "Utrecht", Place: utrecht},
		Mode: travel.Car, Limit: 1}
	for day, want := range map[int]bool{9: false, 10: true} { // Monday and Tuesday 9 and 10 November 2026
		req.From, req.To = at(t, 11, day, 9, 0), at(t, 11, day, 10, 0)
		got := find(t, req)
		if (len(got) == 1) != want {
			t.Errorf("%v: %d candidates at 09:00, want offered=%v", req.From.Weekday(), len(got), want)
		}
		for _, c := range got {
			if len(c.Reasons) > 0 && c.Reasons[0].Code == CodeTravelFrom {
				t.Errorf("travel from home to the same place: %v", texts(c))
			}
		}
	}
}
