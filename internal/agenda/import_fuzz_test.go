package agenda

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"spil/internal/apperr"
	"spil/internal/testutil"
)

// FuzzImportICS imports arbitrary bytes into an agenda with a P1 item,
// whole or not at all: it never panics, answers only Invalid for a bad
// file, and a rejected file stores nothing.
func FuzzImportICS(f *testing.F) {
	f.Add([]byte(ics(vevent("UID:a", "SUMMARY:A", "DTSTART;TZID=W. Europe Standard Time:20261103T090000", "DURATION:PT1H",
		"RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=W. Europe Standard Time:20261110T090000"),
		vevent("UID:a", "RECURRENCE-ID;TZID=W. Europe Standard Time:20261117T090000", "DTSTART:20261117T150000Z", "DTEND:20261117T160000Z"))))
	f.Add([]byte(ics(vevent("UID:b", "SUMMARY:Clash", "DTSTART:20261102T093000Z", "DTEND:20261102T103000Z", "CLASS:PRIVATE", "PRIORITY:1"))))
	f.Add([]byte(ics(vevent("UID:c", "DTSTART;VALUE=DATE:20261105", "RRULE:FREQ=YEARLY;UNTIL=20251231", "RDATE;VALUE=DATE:20261224"))))
	if root := os.Getenv("SPIL_CORPUS"); root != "" {
		for _, name := range []string{"apple-ical1.5__blalor.ics", "misc__issue_75_range_thisandfuture.ics", "thunderbird__recurring_events_moved.ics",
			"google__issue_62_moved_event.ics", "lotus-notes6__calconnect6.ics", "apple-ical1.5__Christian32Holidays.ics"} {
			if b, err := os.ReadFile(filepath.Join(root, "ical", name)); err == nil {
				f.Add(b)
			}
		}
	}
	fx := newFixture(f, testutil.NewSQLite(f))
	fx.create(f, fx.boss, Input{Title: "Board", Start: at(2026, 11, 2, 10, 0), End: at(2026, 11, 2, 12, 0), Priority: P1})
	boss := fx.actor(f, fx.boss)
	count := func(t *testing.T) (n int) {
		if err := fx.db.R.QueryRow(`SELECT (SELECT COUNT(*) FROM appointments) + (SELECT COUNT(*) FROM appointment_attendees) + (SELECT COUNT(*) FROM audit_log)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := count(t)
		rep, err := fx.svc.ImportICS(ctx, boss, fx.boss, bytes.NewReader(data), ImportOptions{FileName: "fuzz.ics"})
		if err != nil && apperr.KindOf(err) != apperr.Invalid {
			t.Fatalf("unexpected error %v", err)
		}
		if err != nil || rep.Rejected {
			if after := count(t); after != before {
				t.Fatalf("rejected file (%v, %d skipped) changed the database: %d rows, then %d", err, len(rep.Skipped), before, after)
			}
			if err == nil && len(rep.Skipped) == 0 {
				t.Fatalf("rejected without a reason: %+v", rep)
			}
			return
		}
		if len(rep.Skipped) != 0 || rep.Created+rep.Updated > rep.Events {
			t.Fatalf("report %+v", rep)
		}
	})
}
