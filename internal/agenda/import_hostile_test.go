package agenda

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestImportHostileRecurrence(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		var dead, long []string
		for i := range maxDeadRules + 1 {
			dead = append(dead, vevent(fmt.Sprintf("UID:dead-%d", i), "SUMMARY:Never", "DTSTART:20261102T080000Z", "DTEND:20261102T090000Z",
				"RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"))
		}
		for i := range 40 {
			long = append(long, vevent(fmt.Sprintf("UID:long-%d", i), "SUMMARY:Forever", "DTSTART:20261102T080000Z", "DTEND:20261102T081000Z",
				"RRULE:FREQ=DAILY;COUNT=100000"))
		}
		for name, c := range map[string]struct{ file, want string }{
			"dead rules": {ics(dead...), "more than 10 events have a recurrence rule that gives no dates at all"},
			"long rules": {ics(long...), "more than 2000000 occurrences together"},
		} {
			rep, err := f.svc.ImportICS(ctx, f.actor(t, f.boss), f.boss, strings.NewReader(c.file), ImportOptions{KeepValid: true})
			wantField(t, err, "file")
			if !rep.Rejected || rep.Created != 0 || !strings.Contains(apperr.MessageOf(err), c.want) {
				t.Errorf("%s: %+v, %v", name, rep, err)
			}
		}
		if got := f.all(t, f.boss); len(got) != 0 {
			t.Errorf("rejected files stored %v", titles(got))
		}
		// A few rules without dates are single appointments at their start.
		rep := f.importICS(t, f.boss, f.boss, ics(dead[0]), false)
		if rep.Created != 1 || !strings.Contains(strings.Join(rep.Warnings, " "), "the rule gives no dates; imported as a single appointment") {
			t.Errorf("one dead rule: %+v", rep)
		}
		if o := find(t, f.all(t, f.boss), "Never"); o.RRule != "" || !o.At.Equal(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("stored as %+v", o.Appointment)
		}
	})
}
