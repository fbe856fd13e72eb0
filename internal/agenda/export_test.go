package agenda

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/ical"
	"spil/internal/testutil"
)

// secretWords occur only in the boss's private and confidential items.
var secretWords = []string{"Dentist", "Smile", "Merger", "Acme", "takeover", "acme.example"}

// visibilityAgenda fills the boss's agenda with an item of each
// visibility; the board meeting has emp as attendee.
func visibilityAgenda(t *testing.T, f *fixture) {
	t.Helper()
	f.create(t, f.boss, Input{Title: "Board meeting", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 12, 0), Priority: P1,
		Attendees: []Attendee{{PersonID: f.emp}}})
	f.create(t, f.boss, Input{Title: "Dentist", Notes: "Smile", Start: at(2026, 11, 3, 14, 0), End: at(2026, 11, 3, 15, 0), Visibility: Private})
	f.create(t, f.boss, Input{Title: "Merger talks", Notes: "Acme takeover", Place: Place{Name: "Acme HQ"},
		Start: at(2026, 11, 3, 16, 0), End: at(2026, 11, 3, 17, 0), Visibility: Confidential,
		Attendees: []Attendee{{Name: "CEO Acme", Email: "ceo@acme.example"}}})
}

func (f *fixture) export(t *testing.T, reader, owner, lang string) ([]byte, ical.Calendar) {
	t.Helper()
	var buf bytes.Buffer
	if err := f.svc.ExportICS(ctx, f.actor(t, reader), owner, &buf, lang); err != nil {
		t.Fatalf("export: %v", err)
	}
	cal, err := ical.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("parse export: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), cal
}

func summaries(cal ical.Calendar) []string {
	out := make([]string, len(cal.Events))
	for i, e := range cal.Events {
		out[i] = e.Summary
	}
	slices.Sort(out)
	return out
}

// checkVisibility asserts what each role reads in an export or feed of
// the boss's agenda, and that hidden words occur nowhere in the bytes.
func checkVisibility(t *testing.T, f *fixture, read func(who string) ([]byte, ical.Calendar)) {
	t.Helper()
	cases := []struct {
		who    string
		want   []string
		hidden bool // no secret word may occur
	}{
		{f.boss, []string{"Board meeting", "Dentist", "Merger talks"}, false},
		{f.ma, []string{"Bezet", "Board meeting", "Dentist"}, false},
		{f.maSee, []string{"Bezet", "Bezet", "Board meeting"}, true},
		{f.emp, []string{"Bezet", "Bezet", "Board meeting"}, true}, // attends the board meeting
		{f.other, []string{"Bezet", "Bezet", "Bezet"}, true},
	}
	for _, c := range cases {
		out, cal := read(c.who)
		if got := summaries(cal); !slices.Equal(got, c.want) {
			t.Errorf("%s reads %v, want %v", c.who, got, c.want)
		}
		if c.who == f.ma && bytes.Contains(out, []byte("Merger")) {
			t.Errorf("assistant without the confidential scope reads the merger")
		}
		if c.hidden {
			for _, w := range secretWords {
				if bytes.Contains(out, []byte(w)) {
					t.Errorf("%s's export contains %q", c.who, w)
				}
			}
		}
		for _, e := range cal.Events {
			if e.Summary == "Bezet" && (e.Description != "" || e.Location != "" || len(e.Attendees) > 0 || e.Priority != 0) {
				t.Errorf("%s: busy block carries details: %+v", c.who, e)
			}
			if !e.Start.Before(e.End) || e.Start.Year() != 2026 {
				t.Errorf("%s: block at %s–%s", c.who, e.Start, e.End)
			}
		}
	}
}

func TestExportVisibilityPerRole(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		visibilityAgenda(t, f)
		checkVisibility(t, f, func(who string) ([]byte, ical.Calendar) { return f.export(t, who, f.boss, "nl") })
		_, cal := f.export(t, f.other, f.boss, "en")
		if got := summaries(cal); !slices.Equal(got, []string{"Busy", "Busy", "Busy"}) {
			t.Errorf("English busy blocks %v", got)
		}
		// The attendee's own export holds the meeting they attend.
		if _, cal := f.export(t, f.emp, f.emp, "nl"); !slices.Equal(summaries(cal), []string{"Board meeting"}) {
			t.Errorf("attendee's own export %v", summaries(cal))
		}
		err := f.svc.ExportICS(ctx, f.actor(t, f.boss), "no-such-person", &bytes.Buffer{}, "nl")
		wantKind(t, err, apperr.NotFound)
	})
}

// TestExportImportRoundTrip exports an agenda with a series across the end
// of daylight-saving time, a changed and an excluded occurrence, an
// all-day item and a New York call, imports it into another agenda and
// compares every occurrence; importing it again changes nothing.
func TestExportImportRoundTrip(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.actor(t, f.boss)
		series := f.create(t, f.boss, Input{Title: "Weekly 1:1", Start: at(2026, 10, 14, 9, 30), End: at(2026, 10, 14, 10, 0),
			RRule: "FREQ=WEEKLY;COUNT=6", Priority: P2, Place: Place{Name: "Kamer 3"}})
		moved := at(2026, 10, 28, 9, 30)
		if _, err := f.svc.Move(ctx, a, series.ID, Edit{Range: ThisOccurrence, OccurrenceStart: &moved}, at(2026, 10, 28, 15, 0), at(2026, 10, 28, 15, 45)); err != nil {
			t.Fatal(err)
		}
		gone := at(2026, 11, 4, 9, 30)
		if err := f.svc.Delete(ctx, a, series.ID, Edit{Range: ThisOccurrence, OccurrenceStart: &gone}); err != nil {
			t.Fatal(err)
		}
		f.create(t, f.boss, Input{Title: "Autumn break", AllDay: true, Start: at(2026, 10, 24, 0, 0), End: at(2026, 10, 26, 0, 0)})
		ny, _ := time.LoadLocation("America/New_York")
		f.create(t, f.boss, Input{Title: "Call New York", TimeZone: "America/New_York",
			Start: time.Date(2026, 10, 30, 9, 0, 0, 0, ny), End: time.Date(2026, 10, 30, 9, 30, 0, 0, ny), Visibility: Private})
		out, _ := f.export(t, f.boss, f.boss, "nl")

		rep := f.importICS(t, f.other, f.other, string(out), false)
		if rep.Created != 4 || len(rep.Skipped) != 0 {
			t.Fatalf("import of the export: %+v", rep)
		}
		from, to := at(2026, 10, 1, 0, 0), at(2026, 12, 1, 0, 0)
		want := occurrenceLines(t, f, f.boss, from, to)
		got := occurrenceLines(t, f, f.other, from, to)
		if !slices.Equal(got, want) {
			t.Errorf("round trip\n got %q\nwant %q", got, want)
		}
		if len(want) != 7 || want[0] != "10-14 09:30–10:00 +0200 Weekly 1:1 P2 normal Europe/Amsterdam" {
			t.Errorf("original agenda %q", want)
		}
		rep = f.importICS(t, f.boss, f.boss, string(out), false)
		if rep.Created != 0 || rep.Updated != 4 {
			t.Errorf("import into the same agenda: %+v", rep)
		}
		if again := occurrenceLines(t, f, f.boss, from, to); !slices.Equal(again, want) {
			t.Errorf("after importing its own export\n got %q\nwant %q", again, want)
		}
	})
}

// occurrenceLines lists owner's agenda as wall-clock lines in Amsterdam.
func occurrenceLines(t *testing.T, f *fixture, owner string, from, to time.Time) []string {
	t.Helper()
	list, err := f.svc.List(ctx, f.actor(t, owner), owner, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range list {
		s, e := o.At.In(ams), o.Until.In(ams)
		out = append(out, strings.Join([]string{s.Format("01-02 15:04") + "–" + e.Format("15:04 -0700"), o.Title,
			"P" + string(rune('0'+o.Priority)), o.Visibility, o.TimeZone}, " "))
	}
	return out
}
