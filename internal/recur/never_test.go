package recur

import (
	"testing"
	"time"
)

func TestRulesThatNeverMatchHaveNoInstances(t *testing.T) {
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		rule  string
		never bool
	}{
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", true},
		{"FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", true},
		{"FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31", true},
		{"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30", true},
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", false}, // leap days exist
		{"FREQ=MONTHLY;BYMONTHDAY=31", false},
		{"FREQ=DAILY;BYMONTH=4,5;BYMONTHDAY=31", false}, // 31 May
		{"FREQ=WEEKLY", false},
	}
	for _, c := range cases {
		r, err := Parse(c.rule)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.neverMatches(); got != c.never {
			t.Errorf("%s: neverMatches = %v, want %v", c.rule, got, c.never)
		}
		got := Set{Start: start, Rules: []Rule{r}}.First(1)
		if c.never && len(got) != 0 {
			t.Errorf("%s: instances %v", c.rule, got)
		}
		if !c.never && len(got) != 1 {
			t.Errorf("%s: no first instance", c.rule)
		}
	}
}
