package ical

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
)

func mustParse(t *testing.T, s string) Calendar {
	t.Helper()
	cal, err := Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return cal
}

func vcal(lines ...string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func TestRejectsNonCalendar(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"html":      {"<html><body>hi</body></html>\n", `line 1: not an iCalendar file: expected BEGIN:VCALENDAR, found "<html>`},
		"empty":     {"\r\n\r\n", "empty input"},
		"vcard":     {"BEGIN:VCARD\nFN:x\nEND:VCARD\n", "line 1: not an iCalendar file"},
		"truncated": {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T090000Z\n", "line 4: file ends inside BEGIN:VEVENT of line 2 (truncated?)"},
		"mismatch":  {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n", "line 3: END:VTODO does not close BEGIN:VEVENT of line 2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in))
			var ae *apperr.Error
			var se *SyntaxError
			if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || !errors.As(err, &se) {
				t.Fatalf("err = %#v, want apperr.Invalid wrapping *SyntaxError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestBrokenEventSkippedOthersKept(t *testing.T) {
	cal := mustParse(t, vcal(
		"BEGIN:VEVENT", "UID:good-1", "DTSTART:20240301T090000Z", "END:VEVENT",
		"BEGIN:VEVENT", "UID:bad", "DTSTART:2024-03-01", "END:VEVENT",
		"BEGIN:VEVENT", "UID:no-colon", "DTSTART:20240301T090000Z", "SUMMARY hello", "END:VEVENT",
		"BEGIN:VEVENT", "UID:good-2", "DTSTART;VALUE=DATE:20240302", "END:VEVENT",
	))
	if len(cal.Events) != 2 || cal.Events[0].UID != "good-1" || cal.Events[1].UID != "good-2" {
		t.Fatalf("events = %+v", cal.Events)
	}
	joined := strings.Join(cal.Warnings, "\n")
	for _, w := range []string{"line 7: skipped event (UID bad): line 9: DTSTART: invalid date", "line 11: skipped event (UID no-colon): line 14: malformed line"} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings %q lack %q", cal.Warnings, w)
		}
	}
}

func TestFoldingBOMAndLF(t *testing.T) {
	in := "\xef\xbb\xbfBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:Weekly \n sync\n\twith team\nDTSTART:20240301T090000Z\nEND:VEVENT\nEND:VCALENDAR"
	cal := mustParse(t, in)
	if got := cal.Events[0].Summary; got != "Weekly syncwith team" {
		t.Errorf("summary %q", got)
	}
}

func TestTextAndParameters(t *testing.T) {
	cal := mustParse(t, vcal("BEGIN:VEVENT", "UID:t", "DTSTART:20240301T090000Z",
		`SUMMARY:Lunch\, then talk\; bring \\ notes\nplease`,
		`CATEGORIES:Work\,Home,Travel`,
		`CATEGORIES:Extra`,
		`ATTENDEE;CN=George Herman ^'Babe^' Ruth;ROLE=CHAIR;PARTSTAT=accepted:mailto:babe@example.com`,
		`ORGANIZER;CN="Doe, Jane":MAILTO:jane@example.com`,
		"CLASS:CONFIDENTIAL", "STATUS:tentative", "SEQUENCE:3", "LAST-MODIFIED:20240201T101500Z",
		"END:VEVENT"))
	ev := cal.Events[0]
	if ev.Summary != "Lunch, then talk; bring \\ notes\nplease" {
		t.Errorf("summary %q", ev.Summary)
	}
	if got := strings.Join(ev.Categories, "|"); got != "Work,Home|Travel|Extra" {
		t.Errorf("categories %q", got)
	}
	a := ev.Attendees[0]
	if a.Name != `George Herman "Babe" Ruth` || a.Email != "babe@example.com" || a.Role != "CHAIR" || a.PartStat != "ACCEPTED" {
		t.Errorf("attendee %+v", a)
	}
	if ev.Organizer == nil || ev.Organizer.Name != "Doe, Jane" || ev.Organizer.Email != "jane@example.com" {
		t.Errorf("organizer %+v", ev.Organizer)
	}
	if ev.Visibility != VisibilityConfidential || ev.Status != "TENTATIVE" || ev.Sequence != 3 || utc(ev.LastModified) != "2024-02-01T10:15:00Z" {
		t.Errorf("event %+v", ev)
	}
}

func TestClassToVisibility(t *testing.T) {
	for class, want := range map[string]Visibility{"": VisibilityNormal, "PUBLIC": VisibilityNormal, "PRIVATE": VisibilityPrivate,
		"CONFIDENTIAL": VisibilityConfidential, "X-SECRET": VisibilityPrivate} {
		lines := []string{"BEGIN:VEVENT", "UID:c", "DTSTART:20240301T090000Z"}
		if class != "" {
			lines = append(lines, "CLASS:"+class)
		}
		cal := mustParse(t, vcal(append(lines, "END:VEVENT")...))
		if got := cal.Events[0].Visibility; got != want {
			t.Errorf("CLASS %q → %s, want %s", class, got, want)
		}
	}
}

func TestTimeZones(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	for name, tc := range map[string]struct {
		lines    []string
		utc      string
		zone     string
		floating bool
	}{
		"iana":          {[]string{"DTSTART;TZID=Europe/Berlin:20240701T090000"}, "2024-07-01T07:00:00Z", "Europe/Berlin", false},
		"mozilla":       {[]string{"DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20240115T090000"}, "2024-01-15T08:00:00Z", "Europe/Berlin", false},
		"windows":       {[]string{"DTSTART;TZID=W. Europe Standard Time:20240701T090000"}, "2024-07-01T07:00:00Z", "Europe/Berlin", false},
		"windows-aus":   {[]string{`DTSTART;TZID="AUS Eastern Standard Time":20240115T090000`}, "2024-01-14T22:00:00Z", "Australia/Sydney", false},
		"windows-rom":   {[]string{"DTSTART;TZID=Romance Standard Time:20240115T090000"}, "2024-01-15T08:00:00Z", "Europe/Paris", false},
		"windows-mor":   {[]string{"DTSTART;TZID=Morocco Standard Time:20240115T090000"}, "2024-01-15T08:00:00Z", "Africa/Casablanca", false},
		"windows-case":  {[]string{"DTSTART;TZID=eastern standard time:20240115T090000"}, "2024-01-15T14:00:00Z", "America/New_York", false},
		"utc":           {[]string{"DTSTART;TZID=Europe/Berlin:20240701T090000Z"}, "2024-07-01T09:00:00Z", "UTC", false},
		"floating":      {[]string{"DTSTART:20240701T090000"}, "2024-07-01T07:00:00Z", "Europe/Amsterdam", true},
		"unknown":       {[]string{"DTSTART;TZID=Mars/Olympus:20240701T090000"}, "2024-07-01T09:00:00Z", "UTC", false},
		"dst-gap":       {[]string{"DTSTART;TZID=Europe/Amsterdam:20240331T023000"}, "2024-03-31T01:30:00Z", "Europe/Amsterdam", false},
		"vtimezone-own": {vtz("Custom Zone", "+0530", "+0630", "BYMONTH=2;BYDAY=1SU", "BYMONTH=9;BYDAY=-1SU", "DTSTART;TZID=Custom Zone:20240701T090000"), "2024-07-01T02:30:00Z", "Custom Zone", false},
		"vtimezone-eu":  {vtz("Amsterdam, Berlin", "+0100", "+0200", "BYMONTH=3;BYDAY=-1SU", "BYMONTH=10;BYDAY=-1SU", "DTSTART;TZID=Amsterdam, Berlin:20240701T090000"), "2024-07-01T07:00:00Z", "Europe/Amsterdam", false},
	} {
		t.Run(name, func(t *testing.T) {
			// The last line is the event's DTSTART; any before it precede the event.
			n := len(tc.lines) - 1
			lines := append([]string{}, tc.lines[:n]...)
			lines = append(lines, "BEGIN:VEVENT", "UID:z", tc.lines[n])
			lines = append(lines, "DURATION:PT1H", "END:VEVENT")
			cal, err := ParseIn(strings.NewReader(vcal(lines...)), ams)
			if err != nil {
				t.Fatal(err)
			}
			e := cal.Events[0]
			if utc(e.Start) != tc.utc || e.Start.Location().String() != tc.zone || e.Floating != tc.floating {
				t.Errorf("start %s [%s] floating=%v, want %s [%s] %v; warnings %q", utc(e.Start), e.Start.Location(), e.Floating, tc.utc, tc.zone, tc.floating, cal.Warnings)
			}
			if e.End.Sub(e.Start) != time.Hour {
				t.Errorf("end %v", e.End)
			}
		})
	}
}

// vtz returns a VTIMEZONE with the given standard/daylight offsets and
// rules, followed by extra lines.
func vtz(id, std, dst, dstRule, stdRule string, extra ...string) []string {
	return append([]string{"BEGIN:VTIMEZONE", "TZID:" + id,
		"BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:" + dst, "TZOFFSETTO:" + std, "RRULE:FREQ=YEARLY;" + stdRule, "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "TZOFFSETFROM:" + std, "TZOFFSETTO:" + dst, "RRULE:FREQ=YEARLY;" + dstRule, "END:DAYLIGHT",
		"END:VTIMEZONE"}, extra...)
}

func TestUnknownTZIDUsesXWRTimezone(t *testing.T) {
	cal := mustParse(t, vcal("X-WR-TIMEZONE:America/Chicago", "BEGIN:VEVENT", "UID:u", "DTSTART;TZID=Nowhere:20240115T090000", "END:VEVENT"))
	if got := utc(cal.Events[0].Start); got != "2024-01-15T15:00:00Z" {
		t.Errorf("start %s", got)
	}
	if len(cal.Warnings) != 1 || !strings.Contains(cal.Warnings[0], `TZID "Nowhere"`) {
		t.Errorf("warnings %q", cal.Warnings)
	}
}

func TestAllDayAndDuration(t *testing.T) {
	cal := mustParse(t, vcal(
		"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20241026", "DURATION:P2D", "END:VEVENT",
		"BEGIN:VEVENT", "UID:b", "DTSTART;VALUE=DATE:20241231", "END:VEVENT",
		"BEGIN:VEVENT", "UID:c", "DTSTART;TZID=Europe/Amsterdam:20241026T120000", "DURATION:P1DT30M", "END:VEVENT",
	))
	a, b, c := cal.Events[0], cal.Events[1], cal.Events[2]
	if !a.AllDay || a.StartDate != (Date{2024, 10, 26}) || a.EndDate != (Date{2024, 10, 28}) {
		t.Errorf("a %+v", a)
	}
	if !b.AllDay || b.EndDate != (Date{2025, 1, 1}) {
		t.Errorf("b end %+v", b.EndDate)
	}
	// P1D across the end of DST is one calendar day (25 hours), then 30 min.
	if got := c.End.Sub(c.Start); got != 25*time.Hour+30*time.Minute {
		t.Errorf("c lasts %v", got)
	}
}

func TestRecurrenceParts(t *testing.T) {
	cal := mustParse(t, vcal(
		"BEGIN:VEVENT", "UID:r", "DTSTART;TZID=Europe/Amsterdam:20240304T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO",
		"EXDATE;TZID=Europe/Amsterdam:20240311T090000,20240318T090000",
		"RDATE;VALUE=PERIOD;TZID=Europe/Amsterdam:20240320T140000/PT2H",
		"END:VEVENT",
		"BEGIN:VEVENT", "UID:r", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Amsterdam:20240401T090000",
		"DTSTART;TZID=Europe/Amsterdam:20240401T100000", "END:VEVENT"))
	m, o := cal.Events[0], cal.Events[1]
	if m.RRule != "FREQ=WEEKLY;BYDAY=MO" || len(m.ExDates) != 2 || utc(m.ExDates[1].Time) != "2024-03-18T08:00:00Z" {
		t.Errorf("master %+v", m)
	}
	if len(m.RDates) != 1 || m.RDates[0].End.Sub(m.RDates[0].Time) != 2*time.Hour {
		t.Errorf("rdates %+v", m.RDates)
	}
	if o.RecurrenceID == nil || !o.ThisAndFuture || utc(o.RecurrenceID.Time) != "2024-04-01T07:00:00Z" {
		t.Errorf("override %+v", o)
	}
}

func TestWindowsTableLoads(t *testing.T) {
	for _, p := range windowsZones {
		if _, err := time.LoadLocation(p[1]); err != nil {
			t.Errorf("%s → %s: %v", p[0], p[1], err)
		}
	}
}

// TestVTimezoneWithRDates reads the tzurl Casablanca VTIMEZONE (RDATE-based
// Ramadan changes) under a TZID that is no zone name, so its own rules
// decide: 2024-03-20 is in Ramadan (+00), 2024-07-01 is not (+01).
func TestVTimezoneWithRDates(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpusDir(t), "tzurl__Casablanca_vtimezone_rdate.ics"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "TZID:Africa/Casablanca", "TZID:Casa Custom", 1)
	s = strings.Replace(s, "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Casa Custom:20240320T120000\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nUID:2\r\nDTSTART;TZID=Casa Custom:20240701T120000\r\nEND:VEVENT\r\nEND:VCALENDAR", 1)
	cal := mustParse(t, s)
	if got := utc(cal.Events[0].Start); got != "2024-03-20T12:00:00Z" {
		t.Errorf("Ramadan start %s; warnings %q", got, cal.Warnings)
	}
	if got := utc(cal.Events[1].Start); got != "2024-07-01T11:00:00Z" {
		t.Errorf("July start %s; warnings %q", got, cal.Warnings)
	}
	// Same through the VTIMEZONE evaluator alone.
	vt := parseTestVTimezone(t, s)
	for _, w := range []wall{{y: 2024, mo: 3, d: 20, h: 12}, {y: 2024, mo: 7, d: 1, h: 12}, {y: 2019, mo: 5, d: 20, h: 12}} {
		got, _ := vt.instant(w)
		cas, _ := time.LoadLocation("Africa/Casablanca")
		if want := w.in(cas); !got.Equal(want) {
			t.Errorf("%v: VTIMEZONE gives %s, tzdata %s", w, utc(got), utc(want))
		}
	}
}

func parseTestVTimezone(t *testing.T, s string) *vtimezone {
	t.Helper()
	var warns []string
	cals, err := buildTree(unfold([]byte(s)), &warns)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cals[0].subs {
		if c.name == "VTIMEZONE" {
			vt, err := parseVTimezone(c)
			if err != nil {
				t.Fatal(err)
			}
			return vt
		}
	}
	t.Fatal("no VTIMEZONE")
	return nil
}
