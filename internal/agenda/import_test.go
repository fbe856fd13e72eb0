package agenda

import (
	"slices"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// ics wraps content lines in a VCALENDAR with CRLF line ends.
func ics(lines ...string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

// vevent is a VEVENT with the given properties.
func vevent(props ...string) string {
	return "BEGIN:VEVENT\r\n" + strings.Join(props, "\r\n") + "\r\nEND:VEVENT"
}

func (f *fixture) importICS(t *testing.T, who, owner, file string, keep bool) ImportReport {
	t.Helper()
	rep, err := f.svc.ImportICS(ctx, f.actor(t, who), owner, strings.NewReader(file), ImportOptions{FileName: "test.ics", KeepValid: keep})
	if err != nil {
		t.Fatalf("import: %v (report %+v)", err, rep)
	}
	return rep
}

// all lists owner's agenda as the owner sees it, November 2026.
func (f *fixture) all(t *testing.T, owner string) []Occurrence {
	t.Helper()
	list, err := f.svc.List(ctx, f.actor(t, owner), owner, at(2026, 10, 25, 0, 0), at(2026, 12, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func find(t *testing.T, list []Occurrence, title string) Occurrence {
	t.Helper()
	for _, o := range list {
		if o.Title == title {
			return o
		}
	}
	t.Fatalf("no %q in %v", title, titles(list))
	return Occurrence{}
}

func TestImportMapsProperties(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		file := ics(
			vevent("UID:board@x", "SUMMARY:Board", "DTSTART;TZID=Europe/Amsterdam:20261103T100000", "DTEND;TZID=Europe/Amsterdam:20261103T120000",
				"LOCATION:Zuidas 1\\, Amsterdam", "DESCRIPTION:Agenda\\nitem 1", "PRIORITY:1",
				"ORGANIZER;CN=Extern Bureau:mailto:chair@bureau.example",
				"ATTENDEE;PARTSTAT=ACCEPTED;CN=Erik:mailto:"+strings.ToUpper(f.emp)+"@EXAMPLE.NL",
				"ATTENDEE;PARTSTAT=DECLINED:mailto:guest@bureau.example"),
			vevent("UID:ny@x", "SUMMARY:Call New York", "DTSTART;TZID=Eastern Standard Time:20261104T090000", "DURATION:PT30M", "PRIORITY:9"),
			vevent("UID:float@x", "SUMMARY:Floating", "DTSTART:20261105T090000", "DTEND:20261105T100000", "CLASS:PRIVATE", "STATUS:TENTATIVE"),
			vevent("UID:day@x", "SUMMARY:Conference", "DTSTART;VALUE=DATE:20261106", "DTEND;VALUE=DATE:20261108", "CLASS:CONFIDENTIAL"),
			vevent("UID:gone@x", "SUMMARY:Cancelled lunch", "DTSTART:20261109T110000Z", "DTEND:20261109T120000Z", "STATUS:CANCELLED"),
			vevent("UID:weekly@x", "SUMMARY:Standup", "DTSTART;TZID=Europe/Amsterdam:20261019T090000", "DTEND;TZID=Europe/Amsterdam:20261019T091500",
				"RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6", "EXDATE;TZID=Europe/Amsterdam:20261109T090000"),
			vevent("UID:weekly@x", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261102T090000", "SUMMARY:Standup (moved)",
				"DTSTART;TZID=Europe/Amsterdam:20261102T140000", "DTEND;TZID=Europe/Amsterdam:20261102T141500"),
		)
		rep := f.importICS(t, f.boss, f.boss, file, false)
		if rep.Events != 7 || rep.Created != 7 || rep.Updated != 0 || len(rep.Skipped) != 0 || rep.Rejected {
			t.Fatalf("report %+v", rep)
		}
		list := f.all(t, f.boss)
		board := find(t, list, "Board")
		if !board.At.Equal(at(2026, 11, 3, 10, 0)) || board.TimeZone != "Europe/Amsterdam" || board.Place.Name != "Zuidas 1, Amsterdam" ||
			board.Notes != "Agenda\nitem 1" || board.Priority != P2 || board.Source != "ics" {
			t.Errorf("board imported as %+v", board.Appointment)
		}
		if len(board.Attendees) != 3 || board.Attendees[0].Email != "chair@bureau.example" || board.Attendees[0].Response != Accepted ||
			board.Attendees[1].PersonID != f.emp || board.Attendees[1].Response != Accepted || board.Attendees[2].Response != Declined {
			t.Errorf("attendees %+v", board.Attendees)
		}
		ny := find(t, list, "Call New York")
		if ny.TimeZone != "America/New_York" || !ny.At.Equal(time.Date(2026, 11, 4, 14, 0, 0, 0, time.UTC)) || ny.Until.Sub(ny.At) != 30*time.Minute || ny.Priority != P4 {
			t.Errorf("New York call imported as %s–%s %s P%d", ny.At, ny.Until, ny.TimeZone, ny.Priority)
		}
		fl := find(t, list, "Floating")
		if !fl.At.Equal(at(2026, 11, 5, 9, 0)) || fl.Visibility != Private || fl.Status != Tentative || fl.Priority != P3 {
			t.Errorf("floating imported as %+v", fl.Appointment)
		}
		day := find(t, list, "Conference")
		if !day.AllDay || !day.At.Equal(at(2026, 11, 6, 0, 0)) || !day.Until.Equal(at(2026, 11, 8, 0, 0)) || day.Visibility != Confidential {
			t.Errorf("conference imported as %+v", day)
		}
		if find(t, list, "Cancelled lunch").Status != Cancelled {
			t.Errorf("cancelled event not cancelled")
		}
		var standups []string
		for _, o := range list {
			if strings.HasPrefix(o.Title, "Standup") {
				standups = append(standups, o.At.In(ams).Format("01-02 15:04")+" "+o.Title)
			}
		}
		want := []string{"10-26 09:00 Standup", "11-02 14:00 Standup (moved)", "11-16 09:00 Standup", "11-23 09:00 Standup"}
		if !slices.Equal(standups, want) {
			t.Errorf("standups %v, want %v", standups, want)
		}
		moved := find(t, list, "Standup (moved)")
		if moved.SeriesID == "" || moved.RecurrenceID == nil || !moved.RecurrenceID.Equal(at(2026, 11, 2, 9, 0)) {
			t.Errorf("changed occurrence stored as %+v", moved.Appointment)
		}
		// The colleague attending sees the board meeting in their agenda.
		if got := titles(f.all(t, f.emp)); !slices.Contains(got, "Board") {
			t.Errorf("attendee's agenda %v lacks Board", got)
		}
		// One audit entry for the whole file.
		var n int
		var summary string
		if err := d.R.QueryRow(`SELECT COUNT(*), MAX(summary) FROM audit_log WHERE object_type = 'agenda' AND action = 'import'`).Scan(&n, &summary); err != nil || n != 1 {
			t.Fatalf("audit entries %d, %v", n, err)
		}
		if summary != `imported 7 appointments from file "test.ics"` {
			t.Errorf("audit summary %q", summary)
		}
		if err := d.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'appointment'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d audit entries per appointment, want none", n)
		}
	})
}

func TestImportAllOrNothingOrKeepValid(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		file := ics(
			vevent("UID:ok@x", "SUMMARY:Fine", "DTSTART:20261103T090000Z", "DTEND:20261103T100000Z"),
			vevent("UID:bad-rule@x", "SUMMARY:Bad rule", "DTSTART:20261103T110000Z", "DTEND:20261103T120000Z", "RRULE:FREQ=WEEKLY;BYMONTHDAY=40"),
			vevent("UID:no-end@x", "SUMMARY:Reminder", "DTSTART:20261104T090000Z"),
			vevent("UID:no-start@x", "SUMMARY:Nothing"),
		)
		rep := f.importICS(t, f.boss, f.boss, file, false)
		if !rep.Rejected || rep.Created != 0 || rep.Events != 4 || len(rep.Skipped) != 3 {
			t.Fatalf("report %+v", rep)
		}
		want := []SkippedEvent{
			{Line: 10, UID: "bad-rule@x", Summary: "Bad rule", Field: "rrule"},
			{Line: 17, UID: "no-end@x", Summary: "Reminder", Field: "end"},
			{Line: 22, UID: "no-start@x", Summary: "Nothing", Reason: "no DTSTART"},
		}
		for i, w := range want {
			g := rep.Skipped[i]
			if g.Line != w.Line || g.UID != w.UID || g.Summary != w.Summary || g.Field != w.Field || g.Reason == "" || (w.Reason != "" && g.Reason != w.Reason) {
				t.Errorf("skipped[%d] = %+v, want %+v", i, g, w)
			}
		}
		if !strings.Contains(rep.Skipped[0].Reason, "BYMONTHDAY") {
			t.Errorf("rule reason %q does not name the part", rep.Skipped[0].Reason)
		}
		if got := f.all(t, f.boss); len(got) != 0 {
			t.Fatalf("rejected file stored %v", titles(got))
		}
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'import'`).Scan(&n)
		if n != 0 {
			t.Errorf("rejected import audited")
		}
		rep = f.importICS(t, f.boss, f.boss, file, true)
		if rep.Rejected || rep.Created != 1 || len(rep.Skipped) != 3 {
			t.Fatalf("keep-valid report %+v", rep)
		}
		if got := titles(f.all(t, f.boss)); !slices.Equal(got, []string{"Fine"}) {
			t.Errorf("keep-valid stored %v", got)
		}
	})
}

func TestReimportUpdatesSameUID(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		v1 := ics(
			vevent("UID:a@x", "SUMMARY:Review", "DTSTART:20261103T090000Z", "DTEND:20261103T100000Z", "SEQUENCE:0"),
			vevent("UID:s@x", "SUMMARY:Weekly", "DTSTART:20261102T080000Z", "DTEND:20261102T083000Z", "RRULE:FREQ=WEEKLY;COUNT=4"),
			vevent("UID:s@x", "RECURRENCE-ID:20261109T080000Z", "SUMMARY:Weekly (moved)", "DTSTART:20261109T130000Z", "DTEND:20261109T133000Z"),
		)
		if rep := f.importICS(t, f.boss, f.boss, v1, false); rep.Created != 3 {
			t.Fatalf("first import %+v", rep)
		}
		// Someone sets the review to P1 in spil; the next import keeps that.
		review := find(t, f.all(t, f.boss), "Review")
		in := review.Input
		in.Priority = P1
		if _, err := f.svc.Update(ctx, f.actor(t, f.boss), review.ID, Edit{}, in); err != nil {
			t.Fatal(err)
		}
		v2 := ics(
			vevent("UID:a@x", "SUMMARY:Review (new room)", "DTSTART:20261103T093000Z", "DTEND:20261103T103000Z", "SEQUENCE:1"),
			vevent("UID:s@x", "SUMMARY:Weekly", "DTSTART:20261102T080000Z", "DTEND:20261102T083000Z", "RRULE:FREQ=WEEKLY;COUNT=4"),
		)
		rep := f.importICS(t, f.boss, f.boss, v2, false)
		if rep.Created != 0 || rep.Updated != 2 {
			t.Fatalf("second import %+v", rep)
		}
		list := f.all(t, f.boss)
		got := find(t, list, "Review (new room)")
		if got.ID != review.ID || got.Priority != P1 || !got.At.Equal(time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)) {
			t.Errorf("review updated to %+v", got.Appointment)
		}
		var weekly []string
		for _, o := range list {
			if strings.HasPrefix(o.Title, "Weekly") {
				weekly = append(weekly, o.At.UTC().Format("01-02 15:04")+" "+o.Title)
			}
		}
		// The file no longer changes the second occurrence: it is back.
		if want := []string{"11-02 08:00 Weekly", "11-09 08:00 Weekly", "11-16 08:00 Weekly", "11-23 08:00 Weekly"}; !slices.Equal(weekly, want) {
			t.Errorf("series %v, want %v", weekly, want)
		}
	})
}

func TestImportNeverOverbooksP1(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.create(t, f.boss, Input{Title: "Board meeting", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 12, 0), Priority: P1})
		f.create(t, f.boss, Input{Title: "Surgery", Start: at(2026, 11, 12, 10, 0), End: at(2026, 11, 12, 11, 0), Priority: P1, Visibility: Private})
		file := ics(
			vevent("UID:clash@x", "SUMMARY:Vendor call", "DTSTART;TZID=Europe/Amsterdam:20261103T113000", "DTEND;TZID=Europe/Amsterdam:20261103T123000"),
			vevent("UID:series@x", "SUMMARY:Thursday sync", "DTSTART;TZID=Europe/Amsterdam:20261105T103000", "DTEND;TZID=Europe/Amsterdam:20261105T110000", "RRULE:FREQ=WEEKLY"),
			vevent("UID:free@x", "SUMMARY:Cancelled overlap", "DTSTART;TZID=Europe/Amsterdam:20261103T100000", "DTEND;TZID=Europe/Amsterdam:20261103T110000", "STATUS:CANCELLED"),
			vevent("UID:after@x", "SUMMARY:After board", "DTSTART;TZID=Europe/Amsterdam:20261103T120000", "DTEND;TZID=Europe/Amsterdam:20261103T130000"),
		)
		rep := f.importICS(t, f.ma, f.boss, file, true)
		if rep.Created != 2 || len(rep.Skipped) != 2 {
			t.Fatalf("report %+v", rep)
		}
		if s := rep.Skipped[0]; s.UID != "clash@x" || s.Field != "start" || !strings.Contains(s.Reason, `P1 item "Board meeting"`) {
			t.Errorf("skipped %+v", s)
		}
		// The sync's instance of 12 November overlaps a private P1 item:
		// the whole series is refused.
		if s := rep.Skipped[1]; s.UID != "series@x" || !strings.Contains(s.Reason, "P1 item") {
			t.Errorf("skipped %+v", s)
		}
	})
}

func TestImportRights(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		file := ics(vevent("UID:a@x", "SUMMARY:Visit", "DTSTART:20261103T090000Z", "DTEND:20261103T100000Z"))
		_, err := f.svc.ImportICS(ctx, f.actor(t, f.maSee), f.boss, strings.NewReader(file), ImportOptions{})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.ImportICS(ctx, f.actor(t, f.emp), f.boss, strings.NewReader(file), ImportOptions{})
		wantKind(t, err, apperr.NotFound)
		rep, err := f.svc.ImportICS(ctx, f.actor(t, f.ma), f.boss, strings.NewReader(file), ImportOptions{FileName: `C:\Users\mara\Downloads\outlook.ics`})
		if err != nil || rep.Created != 1 || rep.FileName != "outlook.ics" {
			t.Fatalf("assistant import: %+v, %v", rep, err)
		}
		var behalf, actorID string
		if err := d.R.QueryRow(`SELECT on_behalf_of, actor_id FROM audit_log WHERE action = 'import'`).Scan(&behalf, &actorID); err != nil || behalf != f.boss || actorID != f.ma {
			t.Errorf("audit on behalf of %q by %q (%v)", behalf, actorID, err)
		}
	})
}

func TestImportBadFiles(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		deep := "BEGIN:VCALENDAR\r\n" + strings.Repeat("BEGIN:X-A\r\n", 50) + strings.Repeat("END:X-A\r\n", 50) + "END:VCALENDAR\r\n"
		for name, c := range map[string]struct{ file, want string }{
			"not ical":  {"<html>hello</html>", "line 1: not an iCalendar file"},
			"truncated": {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n", "truncated"},
			"nested":    {deep, "nested more than 8 deep"},
			"huge":      {ics("X-PAD:" + strings.Repeat("x", 17<<20)), "larger than 16 MB"},
		} {
			rep, err := f.svc.ImportICS(ctx, f.actor(t, f.boss), f.boss, strings.NewReader(c.file), ImportOptions{})
			wantField(t, err, "file")
			if !rep.Rejected || !strings.Contains(apperr.MessageOf(err), c.want) {
				t.Errorf("%s: %+v, %v", name, rep, err)
			}
		}
		// An endless series is stored as a rule, not expanded.
		rep := f.importICS(t, f.boss, f.boss, ics(vevent("UID:e@x", "SUMMARY:Every hour", "DTSTART:20261102T080000Z", "DTEND:20261102T081000Z", "RRULE:FREQ=HOURLY")), false)
		if rep.Created != 1 {
			t.Fatalf("endless series: %+v", rep)
		}
		if n := len(f.all(t, f.boss)); n < 24*20 {
			t.Errorf("endless series lists %d occurrences", n)
		}
	})
}

func TestImportChangedOccurrences(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		series := ics(vevent("UID:s@x", "SUMMARY:Jour fixe", "CLASS:PRIVATE", "DESCRIPTION:Salaries",
			"DTSTART;TZID=Europe/Amsterdam:20261102T090000", "DTEND;TZID=Europe/Amsterdam:20261102T100000", "RRULE:FREQ=WEEKLY;COUNT=4"))
		f.importICS(t, f.boss, f.boss, series, false)
		// A later file carries only a changed occurrence, as an update from
		// the organizer does; Apple-style, without SUMMARY or CLASS.
		update := ics(
			vevent("UID:s@x", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261109T090000", "SEQUENCE:1",
				"DTSTART;TZID=Europe/Amsterdam:20261109T130000", "DTEND;TZID=Europe/Amsterdam:20261109T140000"),
			vevent("UID:s@x", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261109T090000", "SEQUENCE:0",
				"DTSTART;TZID=Europe/Amsterdam:20261109T110000", "DTEND;TZID=Europe/Amsterdam:20261109T120000"),
			vevent("UID:lost@x", "RECURRENCE-ID:20261110T090000Z", "SUMMARY:Lost occurrence", "DTSTART:20261110T150000Z", "DTEND:20261110T160000Z"),
		)
		rep := f.importICS(t, f.boss, f.boss, update, false)
		if rep.Created != 2 || rep.Events != 3 || len(rep.Skipped) != 0 {
			t.Fatalf("report %+v", rep)
		}
		joined := strings.Join(rep.Warnings, "\n")
		for _, w := range []string{"line 11 (UID s@x): an older version of the event at line 4", "(UID lost@x#20261110T090000Z): a changed occurrence (RECURRENCE-ID) whose series is neither"} {
			if !strings.Contains(joined, w) {
				t.Errorf("warnings %q lack %q", rep.Warnings, w)
			}
		}
		list := f.all(t, f.boss)
		var got []string
		for _, o := range list {
			got = append(got, o.At.In(ams).Format("01-02 15:04")+" "+o.Title+" "+o.Visibility+" "+o.Notes)
		}
		want := []string{"11-02 09:00 Jour fixe private Salaries", "11-09 13:00 Jour fixe private Salaries",
			"11-10 16:00 Lost occurrence normal ", "11-16 09:00 Jour fixe private Salaries", "11-23 09:00 Jour fixe private Salaries"}
		if !slices.Equal(got, want) {
			t.Errorf("agenda\n got %q\nwant %q", got, want)
		}
		// A change to "this and all later" occurrences of a known series
		// cannot be imported.
		rep = f.importICS(t, f.boss, f.boss, ics(vevent("UID:s@x", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Amsterdam:20261116T090000",
			"SUMMARY:Later", "DTSTART;TZID=Europe/Amsterdam:20261116T100000", "DTEND;TZID=Europe/Amsterdam:20261116T110000")), false)
		if !rep.Rejected || rep.Skipped[0].Field != "recurrence_id" || !strings.Contains(rep.Skipped[0].Reason, "THISANDFUTURE") {
			t.Errorf("this-and-future report %+v", rep)
		}
	})
}

func TestImportRespectsWhatTheAssistantMaySee(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ed := f.person(t, "Ed Editor", "management_assistant")
		f.mandate(t, f.boss, ed, "agenda.see agenda.edit")
		f.create(t, f.boss, Input{Title: "Surgery", Start: at(2026, 11, 12, 10, 0), End: at(2026, 11, 12, 11, 0), Priority: P1, Visibility: Private})
		f.importICS(t, f.boss, f.boss, ics(vevent("UID:p@x", "SUMMARY:Therapist", "CLASS:PRIVATE", "DTSTART:20261113T090000Z", "DTEND:20261113T100000Z")), false)
		file := ics(
			vevent("UID:c@x", "SUMMARY:Vendor call", "DTSTART;TZID=Europe/Amsterdam:20261112T103000", "DTEND;TZID=Europe/Amsterdam:20261112T113000"),
			vevent("UID:p@x", "SUMMARY:Overwrite", "DTSTART:20261113T090000Z", "DTEND:20261113T100000Z"),
		)
		rep := f.importICS(t, ed, f.boss, file, true)
		if rep.Created != 0 || len(rep.Skipped) != 2 {
			t.Fatalf("report %+v", rep)
		}
		if r := rep.Skipped[0].Reason; !strings.Contains(r, "P1 item a busy item") || strings.Contains(r, "Surgery") {
			t.Errorf("P1 reason %q", r)
		}
		if r := rep.Skipped[1]; r.Field != "uid" || strings.Contains(r.Reason, "Therapist") {
			t.Errorf("hidden item reason %+v", r)
		}
		if find(t, f.all(t, f.boss), "Therapist").Notes != "" {
			t.Errorf("private item changed")
		}
	})
}
