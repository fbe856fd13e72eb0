package recur

import (
	"testing"
	"time"

	"spil/internal/apperr"
)

func amsterdam(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatalf("load Europe/Amsterdam: %v", err)
	}
	return loc
}

func mustParse(t *testing.T, s string) Rule {
	t.Helper()
	r, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return r
}

// A weekly Monday 09:00 meeting in Amsterdam stays at 09:00 local time
// across both switches of 2026 (29 March and 25 October), so its UTC time
// moves from 08:00 to 07:00 and back.
func TestWeeklyAcrossDSTAmsterdam(t *testing.T) {
	loc := amsterdam(t)
	s := Set{Start: time.Date(2026, 3, 16, 9, 0, 0, 0, loc), Rules: []Rule{mustParse(t, "FREQ=WEEKLY;BYDAY=MO")}}
	got := s.Between(time.Date(2026, 3, 1, 0, 0, 0, 0, loc), time.Date(2026, 11, 10, 0, 0, 0, 0, loc), 0)
	if len(got) != 35 {
		t.Fatalf("got %d Mondays, want 35", len(got))
	}
	for _, o := range got {
		if h, m, _ := o.In(loc).Clock(); h != 9 || m != 0 || o.In(loc).Weekday() != time.Monday {
			t.Errorf("occurrence %v is not Monday 09:00 in Amsterdam", o.In(loc))
		}
	}
	utcHour := func(d time.Time) int { return d.UTC().Hour() }
	if h := utcHour(got[1]); got[1].Day() != 23 || h != 8 { // 23 March, CET
		t.Errorf("23 March: %v, want 08:00 UTC", got[1].UTC())
	}
	if h := utcHour(got[2]); got[2].Day() != 30 || h != 7 { // 30 March, CEST
		t.Errorf("30 March: %v, want 07:00 UTC", got[2].UTC())
	}
	oct26 := time.Date(2026, 10, 26, 9, 0, 0, 0, loc)
	if !containsTime(got, oct26) || utcHour(oct26) != 8 {
		t.Errorf("26 October 09:00 CET (08:00 UTC) missing: %v", got)
	}
}

// A daily 02:30 event: on 29 March 2026 02:30 does not exist in Amsterdam
// and becomes 03:30 CEST (RFC 5545 3.3.5); on 25 October 02:30 happens
// twice and the event occurs once.
func TestDailyInDSTGapAndOverlap(t *testing.T) {
	loc := amsterdam(t)
	s := Set{Start: time.Date(2026, 3, 28, 2, 30, 0, 0, loc), Rules: []Rule{mustParse(t, "FREQ=DAILY;COUNT=3")}}
	got := s.First(10)
	want := []string{"2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00"}
	assertTimes(t, got, want)

	s = Set{Start: time.Date(2026, 10, 24, 2, 30, 0, 0, loc), Rules: []Rule{mustParse(t, "FREQ=DAILY;COUNT=3")}}
	got = s.First(10)
	if len(got) != 3 || got[1].In(loc).Hour() != 2 || got[1].In(loc).Day() != 25 {
		t.Errorf("25 October: got %v", got)
	}
}

// UNTIL in UTC is compared as an instant: 07:00Z on 30 March 2026 is 09:00
// CEST, so the 09:00 occurrence that day is included.
func TestUntilUTCAgainstLocalStart(t *testing.T) {
	loc := amsterdam(t)
	s := Set{Start: time.Date(2026, 3, 27, 9, 0, 0, 0, loc), Rules: []Rule{mustParse(t, "FREQ=DAILY;UNTIL=20260330T070000Z")}}
	got := s.First(100)
	want := []string{"2026-03-27T09:00:00+01:00", "2026-03-28T09:00:00+01:00", "2026-03-29T09:00:00+02:00", "2026-03-30T09:00:00+02:00"}
	assertTimes(t, got, want)
}

func TestRDateExDate(t *testing.T) {
	loc := amsterdam(t)
	start := time.Date(2026, 1, 5, 10, 0, 0, 0, loc)
	s := Set{
		Start:   start,
		Rules:   []Rule{mustParse(t, "RRULE:FREQ=WEEKLY;COUNT=3")},
		RDates:  []time.Time{time.Date(2026, 1, 7, 14, 0, 0, 0, loc), start},
		ExDates: []time.Time{time.Date(2026, 1, 12, 10, 0, 0, 0, loc)},
	}
	assertTimes(t, s.First(10), []string{"2026-01-05T10:00:00+01:00", "2026-01-07T14:00:00+01:00", "2026-01-19T10:00:00+01:00"})
	assertTimes(t, s.Between(time.Date(2026, 1, 6, 0, 0, 0, 0, loc), time.Date(2026, 2, 1, 0, 0, 0, 0, loc), 1),
		[]string{"2026-01-07T14:00:00+01:00"})
}

// A rule that never produces must still end, and quickly.
func TestNeverProducingRuleTerminates(t *testing.T) {
	for _, rule := range []string{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31"} {
		s := Set{Start: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), Rules: []Rule{mustParse(t, rule)}}
		if got := s.First(5); len(got) != 0 {
			t.Errorf("%s: got %v, want none", rule, got)
		}
	}
}

func TestParseErrorsNameThePart(t *testing.T) {
	cases := map[string]string{
		"":                                  "FREQ",
		"BYDAY=MO":                          "FREQ",
		"FREQ=FORTNIGHTLY":                  "FREQ",
		"FREQ=DAILY;BYMONTHDAY=32":          "BYMONTHDAY",
		"FREQ=DAILY;BYMONTHDAY=0":           "BYMONTHDAY",
		"FREQ=DAILY;BYDAY=XX":               "BYDAY",
		"FREQ=MONTHLY;BYDAY=54MO":           "BYDAY",
		"FREQ=DAILY;COUNT=0":                "COUNT",
		"FREQ=DAILY;INTERVAL=-1":            "INTERVAL",
		"FREQ=DAILY;UNTIL=2026":             "UNTIL",
		"FREQ=DAILY;COUNT=2;UNTIL=20260101": "UNTIL",
		"FREQ=DAILY;FREQ=WEEKLY":            "FREQ",
		"FREQ=DAILY;BYFOO=1":                "BYFOO",
		"FREQ=DAILY;WKST=XY":                "WKST",
	}
	for in, part := range cases {
		_, err := Parse(in)
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("Parse(%q) = %v, want an Invalid error", in, err)
			continue
		}
		if _, ok := apperr.FieldsOf(err)[part]; !ok {
			t.Errorf("Parse(%q) = %v, want the message on %s", in, err, part)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1,-1",
		"FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,TH;UNTIL=20261231T230000Z", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "RRULE:freq=daily;;"} {
		f.Add(s)
	}
	start := time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			return
		}
		set := Set{Start: start, Rules: []Rule{r}}
		begin := time.Now()
		set.First(20)
		set.Between(start, start.AddDate(0, 1, 0), 50)
		if d := time.Since(begin); d > 5*time.Second {
			t.Fatalf("expanding %q took %v", s, d)
		}
	})
}

func containsTime(ts []time.Time, x time.Time) bool {
	for _, t := range ts {
		if t.Equal(x) {
			return true
		}
	}
	return false
}

func assertTimes(t *testing.T, got []time.Time, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if g := got[i].Format(time.RFC3339); g != want[i] {
			t.Errorf("occurrence %d: got %s, want %s", i, g, want[i])
		}
	}
}
