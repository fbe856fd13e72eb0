package icalexport_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/holiday"
	"spil/internal/ical"
	"spil/internal/icalexport"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

var stamp = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// export writes items and checks the structural invariants every output
// must keep; it returns the bytes.
func export(t testing.TB, items []icalexport.Item, opt icalexport.Options) []byte {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = stamp
	}
	var buf bytes.Buffer
	if err := icalexport.Write(&buf, items, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	checkLines(t, buf.Bytes())
	return buf.Bytes()
}

// checkLines asserts CRLF line ends, at most 75 octets a line, valid UTF-8
// on every physical line and balanced BEGIN/END.
func checkLines(t testing.TB, out []byte) {
	t.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Fatalf("output does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	var stack []string
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		switch {
		case strings.HasPrefix(l, "BEGIN:"):
			stack = append(stack, l[6:])
		case strings.HasPrefix(l, "END:"):
			if len(stack) == 0 || stack[len(stack)-1] != l[4:] {
				t.Fatalf("line %d: %s does not close %v", i+1, l, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed components %v", stack)
	}
}

func parse(t testing.TB, out []byte) ical.Calendar {
	t.Helper()
	cal, err := ical.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, out)
	}
	return cal
}

func TestRoundTripTimesAndZones(t *testing.T) {
	ams := mustZone(t, "Europe/Amsterdam")
	ny := mustZone(t, "America/New_York")
	cases := []struct {
		name       string
		start, end time.Time
		loc        *time.Location
		wantZone   string
	}{
		{"before spring change", time.Date(2026, 3, 28, 10, 0, 0, 0, ams), time.Date(2026, 3, 28, 11, 0, 0, 0, ams), nil, "Europe/Amsterdam"},
		{"across the spring gap", time.Date(2026, 3, 29, 1, 30, 0, 0, ams), time.Date(2026, 3, 29, 3, 30, 0, 0, ams), nil, "Europe/Amsterdam"},
		{"after spring change", time.Date(2026, 3, 30, 9, 0, 0, 0, ams), time.Date(2026, 3, 30, 17, 0, 0, 0, ams), nil, "Europe/Amsterdam"},
		// 00:30 and 01:30 UTC are both 02:30 in Amsterdam: only UTC names them.
		{"first 02:30 of October night", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC), ams, ""},
		{"second 02:30 of October night", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 3, 0, 0, 0, time.UTC), ams, ""},
		{"after autumn change", time.Date(2026, 10, 26, 9, 0, 0, 0, ams), time.Date(2026, 10, 26, 10, 0, 0, 0, ams), nil, "Europe/Amsterdam"},
		{"New York", time.Date(2026, 3, 10, 9, 0, 0, 0, ny), time.Date(2026, 3, 10, 10, 0, 0, 0, ny), nil, "America/New_York"},
		{"UTC", time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 13, 0, 0, 0, time.UTC), nil, "UTC"},
		{"fixed offset written as UTC", time.Date(2026, 6, 1, 12, 0, 0, 0, time.FixedZone("X", 3600)), time.Date(2026, 6, 1, 13, 0, 0, 0, time.FixedZone("X", 3600)), nil, "UTC"},
	}
	var items []icalexport.Item
	for i, c := range cases {
		items = append(items, icalexport.Item{UID: c.name, Title: c.name, Start: c.start, End: c.end, Loc: c.loc, Visibility: "normal", Sequence: i})
	}
	cal := parse(t, export(t, items, icalexport.Options{}))
	if len(cal.Events) != len(cases) {
		t.Fatalf("read back %d events, want %d; warnings %v", len(cal.Events), len(cases), cal.Warnings)
	}
	for i, c := range cases {
		ev := cal.Events[i]
		if ev.UID != c.name || ev.Summary != c.name {
			t.Errorf("%s: UID %q summary %q", c.name, ev.UID, ev.Summary)
		}
		if !ev.Start.Equal(c.start) || !ev.End.Equal(c.end) {
			t.Errorf("%s: read back %v – %v, want %v – %v", c.name, ev.Start, ev.End, c.start, c.end)
		}
		if c.wantZone != "" && ev.Start.Location().String() != c.wantZone {
			t.Errorf("%s: zone %s, want %s", c.name, ev.Start.Location(), c.wantZone)
		}
		if ev.Sequence != i {
			t.Errorf("%s: sequence %d, want %d", c.name, ev.Sequence, i)
		}
	}
	if len(cal.Warnings) != 0 {
		t.Errorf("warnings: %v", cal.Warnings)
	}
}

func secretItem(vis string) icalexport.Item {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	return icalexport.Item{
		UID: "secret-1", Title: "Sollicitatie Zwanenburg", Description: "Geheim gesprek over overstap",
		Location: "Hotel Okura kamer 512", Start: time.Date(2026, 4, 2, 14, 0, 0, 0, ams), End: time.Date(2026, 4, 2, 15, 30, 0, 0, ams),
		Visibility: vis, Status: "confirmed", Priority: 1, RRule: "FREQ=WEEKLY;COUNT=3",
		ExDates:   []time.Time{time.Date(2026, 4, 9, 14, 0, 0, 0, ams)},
		Organizer: &icalexport.Person{Name: "Headhunter Haaksbergen", Email: "hh@werving.example"},
		Attendees: []icalexport.Person{{Name: "Directeur De Vries", Email: "devries@spil.example"}},
	}
}

var secrets = []string{"Sollicitatie", "Zwanenburg", "Geheim", "Okura", "Haaksbergen", "werving", "De Vries", "devries", "PRIORITY"}

func TestHiddenItemsAreBusyBlocks(t *testing.T) {
	for _, c := range []struct {
		vis            string
		opt            icalexport.Options
		full           bool
		busy, wantClas string
	}{
		{"private", icalexport.Options{}, false, "Bezet", "PRIVATE"},
		{"private", icalexport.Options{Lang: "en"}, false, "Busy", "PRIVATE"},
		{"private", icalexport.Options{SeeConfidential: true}, false, "Bezet", "PRIVATE"},
		{"private", icalexport.Options{SeePrivate: true}, true, "", "PRIVATE"},
		{"confidential", icalexport.Options{SeePrivate: true}, false, "Bezet", "PRIVATE"},
		{"confidential", icalexport.Options{SeeConfidential: true}, true, "", "CONFIDENTIAL"},
		{"normal", icalexport.Options{}, true, "", "PUBLIC"},
	} {
		it := secretItem(c.vis)
		out := export(t, []icalexport.Item{it}, c.opt)
		ev := parse(t, out).Events[0]
		if !ev.Start.Equal(it.Start) || !ev.End.Equal(it.End) || ev.RRule != it.RRule || len(ev.ExDates) != 1 {
			t.Errorf("%s %+v: times or recurrence changed: %v–%v %q %v", c.vis, c.opt, ev.Start, ev.End, ev.RRule, ev.ExDates)
		}
		if ev.Class != c.wantClas {
			t.Errorf("%s %+v: CLASS %q, want %q", c.vis, c.opt, ev.Class, c.wantClas)
		}
		if c.full {
			if ev.Summary != it.Title || ev.Description != it.Description || ev.Location != it.Location ||
				ev.Organizer == nil || ev.Organizer.Name != it.Organizer.Name || len(ev.Attendees) != 1 || ev.Attendees[0].Email != "devries@spil.example" {
				t.Errorf("%s %+v: not shown in full: %+v", c.vis, c.opt, ev)
			}
			if !bytes.Contains(out, []byte("PRIORITY:1\r\n")) {
				t.Errorf("%s %+v: no PRIORITY:1", c.vis, c.opt)
			}
			continue
		}
		for _, s := range secrets {
			if bytes.Contains(bytes.ToLower(out), bytes.ToLower([]byte(s))) {
				t.Errorf("%s %+v: output contains %q:\n%s", c.vis, c.opt, s, out)
			}
		}
		if ev.Summary != c.busy || ev.Description != "" || ev.Location != "" || ev.Organizer != nil || len(ev.Attendees) != 0 {
			t.Errorf("%s %+v: busy block is %+v", c.vis, c.opt, ev)
		}
		if !bytes.Contains(out, []byte("TRANSP:OPAQUE\r\n")) {
			t.Errorf("%s %+v: busy block is not opaque", c.vis, c.opt)
		}
	}
}

func TestFoldingLongDutchTitle(t *testing.T) {
	title := strings.Repeat("Overleg café “De Gouden Leeuw” met één 🚀🎉 emoji, ", 6)
	desc := "Eerste regel\nTweede regel: crème brûlée; drie, vier \\ vijf\t👩‍👩‍👧 " + strings.Repeat("é", 100)
	it := icalexport.Item{UID: "fold", Title: title, Description: desc, Location: strings.Repeat("🏢", 40),
		Start: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC), Visibility: "normal",
		Attendees: []icalexport.Person{{Name: `Zoë "Z" ^ O'Brien, Jr.; é` + strings.Repeat("é", 50), Email: "zoe@example.org"}}}
	// Every possible cut offset: shift the title one byte at a time.
	for pad := range 4 {
		it.Title = strings.Repeat("x", pad) + title
		out := export(t, []icalexport.Item{it}, icalexport.Options{})
		ev := parse(t, out).Events[0]
		if ev.Summary != it.Title || ev.Description != desc || ev.Location != it.Location {
			t.Fatalf("pad %d: read back %q / %q / %q", pad, ev.Summary, ev.Description, ev.Location)
		}
		if len(ev.Attendees) != 1 || ev.Attendees[0].Name != it.Attendees[0].Name {
			t.Fatalf("pad %d: attendee read back %+v", pad, ev.Attendees)
		}
	}
}

func TestTextEscaping(t *testing.T) {
	it := icalexport.Item{UID: "esc,1;x", Title: `a,b;c\d` + "\nnext\r\nline\rend\x00\x07", Start: stamp, End: stamp, Visibility: "normal"}
	out := export(t, []icalexport.Item{it}, icalexport.Options{CalendarName: "Agenda, van; Jan"})
	if !bytes.Contains(out, []byte(`SUMMARY:a\,b\;c\\d\nnext\nline\nend`+"\r\n")) {
		t.Errorf("SUMMARY not escaped as expected:\n%s", out)
	}
	if !bytes.Contains(out, []byte(`X-WR-CALNAME:Agenda\, van\; Jan`+"\r\n")) {
		t.Errorf("calendar name not escaped:\n%s", out)
	}
	ev := parse(t, out).Events[0]
	if want := "a,b;c\\d\nnext\nline\nend"; ev.Summary != want || ev.UID != it.UID {
		t.Errorf("read back %q (UID %q), want %q", ev.Summary, ev.UID, want)
	}
	if !bytes.Contains(out, []byte("DTSTAMP:20261130T080000Z\r\n")) {
		t.Errorf("DTSTAMP not the given time in UTC")
	}
}

func TestStatus(t *testing.T) {
	ams := mustZone(t, "Europe/Amsterdam")
	base := icalexport.Item{Start: time.Date(2026, 6, 1, 9, 0, 0, 0, ams), End: time.Date(2026, 6, 1, 10, 0, 0, 0, ams), Visibility: "normal"}
	var items []icalexport.Item
	for _, s := range []string{"cancelled", "tentative", "confirmed", ""} {
		it := base
		it.UID, it.Status = "s-"+s, s
		items = append(items, it)
	}
	hidden := base
	hidden.UID, hidden.Status, hidden.Visibility = "hidden-cancelled", "cancelled", "private"
	items = append(items, hidden)
	out := export(t, items, icalexport.Options{})
	evs := parse(t, out).Events
	for i, want := range []string{"CANCELLED", "TENTATIVE", "CONFIRMED", "", "CANCELLED"} {
		if evs[i].Status != want {
			t.Errorf("%s: STATUS %q, want %q", evs[i].UID, evs[i].Status, want)
		}
	}
	if n := bytes.Count(out, []byte("TRANSP:TRANSPARENT\r\n")); n != 2 {
		t.Errorf("%d transparent events, want the 2 cancelled ones", n)
	}
}

func TestAllDay(t *testing.T) {
	it := icalexport.Item{UID: "koningsdag", Title: "Koningsdag", AllDay: true,
		StartDate: holiday.Date{Year: 2026, Month: 4, Day: 27}, EndDate: holiday.Date{Year: 2026, Month: 4, Day: 28}, Visibility: "normal",
		RRule: "FREQ=YEARLY", ExDates: []time.Time{time.Date(2027, 4, 27, 0, 0, 0, 0, time.UTC)}}
	trip := icalexport.Item{UID: "reis", Title: "Reis", AllDay: true,
		StartDate: holiday.Date{Year: 2026, Month: 10, Day: 24}, EndDate: holiday.Date{Year: 2026, Month: 11, Day: 2}, Visibility: "private"}
	out := export(t, []icalexport.Item{it, trip}, icalexport.Options{})
	for _, want := range []string{"DTSTART;VALUE=DATE:20260427\r\n", "DTEND;VALUE=DATE:20260428\r\n", "EXDATE;VALUE=DATE:20270427\r\n", "DTSTART;VALUE=DATE:20261024\r\n"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("missing %q", want)
		}
	}
	if bytes.Contains(out, []byte("VTIMEZONE")) {
		t.Errorf("all-day items need no VTIMEZONE")
	}
	evs := parse(t, out).Events
	want := []ical.Date{{Year: 2026, Month: 4, Day: 27}, {Year: 2026, Month: 4, Day: 28}, {Year: 2026, Month: 10, Day: 24}, {Year: 2026, Month: 11, Day: 2}}
	got := []ical.Date{evs[0].StartDate, evs[0].EndDate, evs[1].StartDate, evs[1].EndDate}
	for i := range want {
		if !evs[i/2].AllDay || got[i] != want[i] {
			t.Errorf("date %d: %v (all-day %v), want %v", i, got[i], evs[i/2].AllDay, want[i])
		}
	}
	if evs[1].Summary != "Bezet" {
		t.Errorf("private all-day item titled %q", evs[1].Summary)
	}
}

func TestRecurrencePassthrough(t *testing.T) {
	ams := mustZone(t, "Europe/Amsterdam")
	series := icalexport.Item{UID: "standup", Title: "Standup", Start: time.Date(2026, 3, 23, 9, 0, 0, 0, ams), End: time.Date(2026, 3, 23, 9, 15, 0, 0, ams),
		Visibility: "normal", RRule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261231T225959Z",
		ExDates: []time.Time{time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC), time.Date(2026, 10, 26, 9, 0, 0, 0, ams)}}
	rid := time.Date(2026, 3, 31, 9, 0, 0, 0, ams)
	moved := icalexport.Item{UID: "standup", Title: "Standup (later)", Start: time.Date(2026, 3, 31, 11, 0, 0, 0, ams), End: time.Date(2026, 3, 31, 11, 15, 0, 0, ams),
		Visibility: "normal", RecurrenceID: &rid, Sequence: 2}
	out := export(t, []icalexport.Item{series, moved}, icalexport.Options{})
	for _, want := range []string{
		"RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261231T225959Z\r\n",
		"EXDATE;TZID=Europe/Amsterdam:20260330T090000\r\n",
		"EXDATE;TZID=Europe/Amsterdam:20261026T090000\r\n",
		"RECURRENCE-ID;TZID=Europe/Amsterdam:20260331T090000\r\n",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	evs := parse(t, out).Events
	if evs[0].RRule != series.RRule || len(evs[0].ExDates) != 2 || !evs[0].ExDates[0].Time.Equal(series.ExDates[0]) || !evs[0].ExDates[1].Time.Equal(series.ExDates[1]) {
		t.Errorf("series read back as %q %v", evs[0].RRule, evs[0].ExDates)
	}
	if evs[1].RecurrenceID == nil || !evs[1].RecurrenceID.Time.Equal(rid) || !evs[1].Start.Equal(moved.Start) {
		t.Errorf("changed occurrence read back as %+v", evs[1])
	}
}

func TestOneVTimezonePerZone(t *testing.T) {
	ams := mustZone(t, "Europe/Amsterdam")
	ny := mustZone(t, "America/New_York")
	tokyo := mustZone(t, "Asia/Tokyo")
	mk := func(uid string, at time.Time) icalexport.Item {
		return icalexport.Item{UID: uid, Title: uid, Start: at, End: at.Add(time.Hour), Visibility: "normal"}
	}
	items := []icalexport.Item{
		mk("a1", time.Date(2026, 1, 5, 9, 0, 0, 0, ams)), mk("n1", time.Date(2026, 7, 5, 9, 0, 0, 0, ny)),
		mk("a2", time.Date(2027, 8, 5, 9, 0, 0, 0, ams)), mk("t1", time.Date(2026, 2, 5, 9, 0, 0, 0, tokyo)),
		mk("u1", time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC)),
	}
	out := string(export(t, items, icalexport.Options{}))
	if n := strings.Count(out, "BEGIN:VTIMEZONE\r\n"); n != 3 {
		t.Errorf("%d VTIMEZONEs, want 3", n)
	}
	for _, z := range []string{"Europe/Amsterdam", "America/New_York", "Asia/Tokyo"} {
		if n := strings.Count(out, "TZID:"+z+"\r\n"); n != 1 {
			t.Errorf("VTIMEZONE %s written %d times", z, n)
		}
	}
	for _, want := range []string{
		"BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n",
		"BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n",
		"TZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:20250101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n",
		"VERSION:2.0\r\n", "PRODID:-//spil//agenda//NL\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(out, "TZID=UTC") || strings.Contains(out, "TZID:UTC") {
		t.Errorf("UTC written as a zone")
	}
}

func TestInvalidItems(t *testing.T) {
	ok := icalexport.Item{UID: "x", Start: stamp, End: stamp, Visibility: "normal"}
	for name, mod := range map[string]func(*icalexport.Item){
		"no UID":        func(it *icalexport.Item) { it.UID = " " },
		"visibility":    func(it *icalexport.Item) { it.Visibility = "" },
		"status":        func(it *icalexport.Item) { it.Status = "maybe" },
		"priority":      func(it *icalexport.Item) { it.Priority = 5 },
		"end before":    func(it *icalexport.Item) { it.End = it.Start.Add(-time.Minute) },
		"no start":      func(it *icalexport.Item) { it.Start = time.Time{} },
		"all-day empty": func(it *icalexport.Item) { it.AllDay = true },
		"all-day invalid": func(it *icalexport.Item) {
			it.AllDay, it.StartDate, it.EndDate = true, holiday.Date{Year: 2026, Month: 2, Day: 30}, holiday.Date{Year: 2026, Month: 3, Day: 2}
		},
	} {
		it := ok
		mod(&it)
		var buf bytes.Buffer
		err := icalexport.Write(&buf, []icalexport.Item{ok, it}, icalexport.Options{Now: stamp})
		if apperr.KindOf(err) != apperr.Invalid || buf.Len() != 0 {
			t.Errorf("%s: err %v, %d bytes written", name, err, buf.Len())
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterErrorReturned(t *testing.T) {
	items := make([]icalexport.Item, 200)
	for i := range items {
		items[i] = icalexport.Item{UID: "x", Title: strings.Repeat("t", 100), Start: stamp, End: stamp, Visibility: "normal"}
	}
	if err := icalexport.Write(failWriter{}, items, icalexport.Options{}); err == nil || err.Error() != "disk full" {
		t.Errorf("err %v, want disk full", err)
	}
}

func BenchmarkWrite(b *testing.B) {
	ams := mustZone(b, "Europe/Amsterdam")
	items := make([]icalexport.Item, 500)
	for i := range items {
		at := time.Date(2026, 1, 1, 9, 0, 0, 0, ams).AddDate(0, 0, i)
		items[i] = secretItem([]string{"normal", "private"}[i%2])
		items[i].Start, items[i].End = at, at.Add(time.Hour)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := icalexport.Write(&buf, items, icalexport.Options{Now: stamp}); err != nil {
			b.Fatal(err)
		}
	}
}
