package holiday

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
)

// corpusEntry is one day in $SPIL_CORPUS/dutch/holidays/expected/NL-YYYY.json.
type corpusEntry struct {
	Date  string `json:"date"` // "2025-04-26 00:00:00", local to Europe/Amsterdam
	Name  string `json:"name"` // Dutch name
	Type  string `json:"type"`
	Rule  string `json:"rule"`
	Start string `json:"start"` // the day's start as a UTC instant
}

func TestNetherlandsMatchesCorpus(t *testing.T) {
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		t.Skip("SPIL_CORPUS is not set; set it to the corpus folder (e.g. /work/shared/corpus) to check the Dutch holidays")
	}
	for year := 2015; year <= 2029; year++ {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			path := filepath.Join(root, "dutch", "holidays", "expected", fmt.Sprintf("NL-%d.json", year))
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read expected file: %v", err)
			}
			var want []corpusEntry
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			got, err := Netherlands(year)
			if err != nil {
				t.Fatal(err)
			}
			ams, err := time.LoadLocation("Europe/Amsterdam")
			if err != nil {
				t.Fatal(err)
			}
			type key struct{ date, kind string }
			produced := map[key][]Holiday{}
			for _, h := range got {
				k := key{h.Date.String(), h.Kind}
				produced[k] = append(produced[k], h)
			}
			matched, names, rules := 0, 0, 0
			expected := map[key]bool{}
			for _, w := range want {
				k := key{strings.TrimSuffix(w.Date, " 00:00:00"), w.Type}
				expected[k] = true
				hs := produced[k]
				if len(hs) == 0 {
					t.Errorf("%s %q (%s, rule %q) is missing", k.date, w.Name, w.Type, w.Rule)
					continue
				}
				matched++
				if start := hs[0].Date.Midnight(ams).UTC().Format("2006-01-02T15:04:05.000Z"); start != w.Start {
					t.Errorf("%s starts at %s, corpus says %s", k.date, start, w.Start)
				}
				for _, h := range hs {
					if h.Name.NL == w.Name {
						names++
						if h.Rule == w.Rule {
							rules++
						}
						break
					}
				}
			}
			extra := 0
			for _, h := range got {
				if !expected[key{h.Date.String(), h.Kind}] {
					extra++
					t.Errorf("extra %s day %s %s (%s) not in the corpus", h.Kind, h.Date, h.Key, h.Name.NL)
				}
			}
			if names != len(want) || rules != len(want) {
				t.Errorf("names agree %d/%d, rules agree %d/%d", names, len(want), rules, len(want))
			}
			t.Logf("NL-%d: %d/%d expected days produced with the same date and type; Dutch name %d/%d; rule %d/%d; extra days %d",
				year, matched, len(want), names, len(want), rules, len(want), extra)
		})
	}
}

func TestKingsDayMovesToSaturdayWhenTheTwentySeventhIsASunday(t *testing.T) {
	cases := map[int]string{
		2014: "2014-04-26", // 27 April 2014 was a Sunday: the first King's Day
		2015: "2015-04-27",
		2025: "2025-04-26",
		2031: "2031-04-26",
		2036: "2036-04-26",
		2030: "2030-04-27",
	}
	for y, want := range cases {
		h := mustFind(t, y, "kings_day")
		if h.Date.String() != want || !h.DayOff || h.Kind != KindPublic {
			t.Errorf("King's Day %d = %s (%s, day off %v), want %s public day off", y, h.Date, h.Kind, h.DayOff, want)
		}
	}
}

func TestQueensDayBefore2014(t *testing.T) {
	cases := map[int]string{
		2013: "2013-04-30",
		2006: "2006-04-29", // 30 April 2006 was a Sunday
		1995: "1995-04-29",
		2000: "2000-04-29",
		2001: "2001-04-30",
	}
	for y, want := range cases {
		h := mustFind(t, y, "queens_day")
		if h.Date.String() != want || h.Name.EN != "Queen's Day" {
			t.Errorf("Queen's Day %d = %s %q, want %s", y, h.Date, h.Name.EN, want)
		}
		if _, ok := find(t, y, "kings_day"); ok {
			t.Errorf("%d has a King's Day", y)
		}
	}
}

func TestLiberationDayEveryYearNotADayOffByDefault(t *testing.T) {
	for _, y := range []int{2024, 2025, 2030} { // 2025 and 2030 are lustrum years
		h := mustFind(t, y, "liberation_day")
		if h.Date != (Date{y, time.May, 5}) || h.Kind != KindSchool || h.DayOff {
			t.Errorf("Liberation Day %d = %+v", y, h)
		}
	}
}

func TestPublicDaysOf2026(t *testing.T) {
	hs, err := Netherlands(2026)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		if h.DayOff {
			got = append(got, h.Date.String()+" "+h.Name.NL)
		}
	}
	want := []string{
		"2026-01-01 Nieuwjaar",
		"2026-04-05 Pasen",
		"2026-04-06 Tweede paasdag",
		"2026-04-27 Koningsdag",
		"2026-05-14 Hemelvaartsdag",
		"2026-05-24 Pinksteren",
		"2026-05-25 Tweede pinksterdag",
		"2026-12-25 Kerstmis",
		"2026-12-26 Tweede kerstdag",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("public days 2026:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestYearsOutsideTheSupportedRangeAreRefused(t *testing.T) {
	for _, y := range []int{0, -5, MinYear - 1, MaxYear + 1, 20250} {
		hs, err := Netherlands(y)
		if err == nil || apperr.KindOf(err) != apperr.Invalid || hs != nil {
			t.Errorf("Netherlands(%d) = %d days, %v; want an Invalid error", y, len(hs), err)
		}
		if _, _, err := IsHoliday(Date{y, time.December, 25}); apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("IsHoliday in %d: err = %v, want Invalid", y, err)
		}
	}
	if _, err := Between(Date{2099, time.December, 1}, Date{2100, time.January, 31}); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("Between into 2100: err = %v, want Invalid", err)
	}
	for _, y := range []int{MinYear, MaxYear} {
		if _, err := Netherlands(y); err != nil {
			t.Errorf("Netherlands(%d): %v", y, err)
		}
	}
}

func TestIsHoliday(t *testing.T) {
	cases := []struct {
		d    Date
		key  string
		want bool
	}{
		{Date{2025, time.December, 25}, "christmas", true},
		{Date{2025, time.June, 9}, "whit_monday", true},
		{Date{2025, time.April, 26}, "kings_day", true},
		{Date{2025, time.April, 27}, "", false},
		{Date{2025, time.April, 18}, "", false}, // Good Friday: school kind, not a day off
		{Date{2025, time.May, 4}, "", false},    // Remembrance: observance
		{Date{2025, time.December, 31}, "", false},
	}
	for _, c := range cases {
		h, ok, err := IsHoliday(c.d)
		if err != nil || ok != c.want || h.Key != c.key {
			t.Errorf("IsHoliday(%s) = %q, %v, %v; want %q, %v", c.d, h.Key, ok, err, c.key, c.want)
		}
	}
}

func TestBetweenCrossesTheYearAndIsInclusive(t *testing.T) {
	hs, err := Between(Date{2025, time.December, 25}, Date{2026, time.January, 1})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, h := range hs {
		keys = append(keys, h.Date.String()+" "+h.Key)
	}
	want := "2025-12-25 christmas,2025-12-26 boxing_day,2025-12-31 new_years_eve,2026-01-01 new_year"
	if got := strings.Join(keys, ","); got != want {
		t.Errorf("Between = %s\nwant     %s", got, want)
	}
	if hs, err := Between(Date{2026, time.January, 2}, Date{2026, time.January, 1}); err != nil || len(hs) != 0 {
		t.Errorf("reversed range = %v, %v; want nothing", hs, err)
	}
}

func TestOnReturnsCoincidingDays(t *testing.T) {
	// Ascension falls on 4 May, Remembrance of the Dead, when Easter is
	// 26 March; find the first such supported year rather than hard-code it.
	for y := MinYear; y <= MaxYear; y++ {
		d := Date{y, time.May, 4}
		if Easter(y).AddDays(39) != d {
			continue
		}
		hs, err := On(d)
		if err != nil || len(hs) != 2 || hs[0].Key != "remembrance_day" && hs[1].Key != "remembrance_day" {
			t.Errorf("On(%s) = %+v, %v; want Ascension and Remembrance of the Dead", d, hs, err)
		}
		if h, ok, _ := IsHoliday(d); !ok || h.Key != "ascension" {
			t.Errorf("IsHoliday(%s) = %q, %v; want ascension", d, h.Key, ok)
		}
		return
	}
	t.Fatal("no year with Ascension on 4 May in range")
}

func TestDateMidnightInAmsterdam(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// Corpus 2025-04-26 starts 2025-04-25T22:00:00Z (summer time) and
	// 2025-12-25 at 2025-12-24T23:00:00Z (winter time).
	if got := (Date{2025, time.April, 26}).Midnight(ams).UTC().Format(time.RFC3339); got != "2025-04-25T22:00:00Z" {
		t.Errorf("Midnight = %s", got)
	}
	if got := (Date{2025, time.December, 25}).Midnight(ams).UTC().Format(time.RFC3339); got != "2025-12-24T23:00:00Z" {
		t.Errorf("Midnight = %s", got)
	}
	if got := DateOf(time.Date(2025, 12, 24, 23, 30, 0, 0, time.UTC).In(ams)); got != (Date{2025, time.December, 25}) {
		t.Errorf("DateOf = %s", got)
	}
	if got := NewDate(2025, time.April, 31); got != (Date{2025, time.May, 1}) {
		t.Errorf("NewDate normalizes to %s", got)
	}
}

func find(t *testing.T, year int, key string) (Holiday, bool) {
	t.Helper()
	hs, err := Netherlands(year)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.Key == key {
			return h, true
		}
	}
	return Holiday{}, false
}

func mustFind(t *testing.T, year int, key string) Holiday {
	t.Helper()
	h, ok := find(t, year, key)
	if !ok {
		t.Fatalf("%d has no %s", year, key)
	}
	return h
}

func BenchmarkNetherlands(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		if _, err := Netherlands(MinYear + i%(MaxYear-MinYear+1)); err != nil {
			b.Fatal(err)
		}
	}
}
