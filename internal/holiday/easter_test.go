package holiday

import (
	"testing"
	"time"
)

func TestEasterKnownYears(t *testing.T) {
	// Dates from published Easter tables; they include the earliest
	// (22 March) and latest (25 April) possible dates.
	known := map[int]string{
		1583: "1583-04-10",
		1818: "1818-03-22", // earliest possible
		1886: "1886-04-25", // latest possible
		1943: "1943-04-25",
		1961: "1961-04-02",
		2000: "2000-04-23",
		2008: "2008-03-23",
		2011: "2011-04-24",
		2019: "2019-04-21",
		2024: "2024-03-31",
		2025: "2025-04-20",
		2026: "2026-04-05",
		2027: "2027-03-28",
		2038: "2038-04-25",
		2285: "2285-03-22",
	}
	for y, want := range known {
		if got := Easter(y).String(); got != want {
			t.Errorf("Easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestEasterIsASundayBetween22MarchAnd25April(t *testing.T) {
	for y := 1583; y <= 4099; y++ {
		e := Easter(y)
		if e.Weekday() != time.Sunday {
			t.Fatalf("Easter(%d) = %s is a %s", y, e, e.Weekday())
		}
		if e.Before(Date{y, time.March, 22}) || e.After(Date{y, time.April, 25}) {
			t.Fatalf("Easter(%d) = %s is outside 22 March..25 April", y, e)
		}
	}
}

func BenchmarkEaster(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		Easter(1990 + i%100)
	}
}
