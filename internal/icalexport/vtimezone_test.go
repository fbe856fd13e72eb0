package icalexport

import (
	"testing"
	"time"
)

// TestTransitionsAcrossExtendedRule checks the transitions far in the
// future, where Go's zone data switches to its extended rule and
// ZoneBounds has a quirk at 2044-12-31.
func TestTransitionsAcrossExtendedRule(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	ts := transitions(loc, time.Date(2040, 1, 1, 0, 0, 0, 0, loc), time.Date(2050, 1, 1, 0, 0, 0, 0, loc))
	if len(ts) != 20 {
		t.Fatalf("%d transitions in 2040–2049, want 20", len(ts))
	}
	rules, ok := regularRules(ts, 2040, 2049)
	if !ok || rules[0].nth != -1 || rules[0].month != time.October || rules[1].nth != -1 || rules[1].month != time.March {
		t.Fatalf("rules %+v ok %v", rules, ok)
	}
	for _, name := range []string{"America/New_York", "Australia/Sydney", "Europe/London"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		ts := transitions(loc, time.Date(2025, 1, 1, 0, 0, 0, 0, loc), time.Date(2040, 1, 1, 0, 0, 0, 0, loc))
		if _, ok := regularRules(ts, 2025, 2039); !ok {
			t.Errorf("%s: no regular rule found for 2025–2039", name)
		}
	}
}
