package agenda

import (
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/testutil"
)

// FuzzCreateRRule feeds recurrence rules from outside into Create: a rule is
// either refused as Invalid with nothing stored, or stored, and then every
// listing of it is bounded and at the series' wall-clock time.
func FuzzCreateRRule(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;COUNT=5", "FREQ=DAILY", "FREQ=MONTHLY;BYDAY=3MO,WE,FR", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
		"FREQ=HOURLY;INTERVAL=1", "FREQ=MINUTELY", "FREQ=WEEKLY;UNTIL=20261231T000000Z", "FREQ=;", "RRULE:FREQ=DAILY;BYSETPOS=-1", "FREQ=MONTHLY;BYMONTHDAY=31"} {
		f.Add(s)
	}
	d := testutil.NewSQLite(f)
	fx := newFixture(f, d)
	boss := fx.actor(f, fx.boss)
	f.Fuzz(func(t *testing.T, rule string) {
		in := Input{Title: "Fuzz", Start: at(2026, 11, 2, 9, 0), End: at(2026, 11, 2, 9, 30), Priority: P4, RRule: rule}
		ap, err := fx.svc.Create(ctx, boss, fx.boss, in)
		if err != nil {
			if k := apperr.KindOf(err); k != apperr.Invalid && k != apperr.Conflict {
				t.Fatalf("rule %q: unexpected error %v", rule, err)
			}
			return
		}
		defer func() { _ = fx.svc.Delete(ctx, boss, ap.ID, Edit{}) }()
		list, err := fx.svc.List(ctx, boss, fx.boss, at(2026, 11, 1, 0, 0), at(2027, 11, 1, 0, 0))
		if err != nil {
			t.Fatalf("rule %q: list: %v", rule, err)
		}
		if len(list) > MaxOccurrences {
			t.Fatalf("rule %q: %d instances, more than the bound %d", rule, len(list), MaxOccurrences)
		}
		for _, o := range list {
			if o.Until.Sub(o.At) != 30*time.Minute {
				t.Fatalf("rule %q: instance %v–%v lost its duration", rule, o.At, o.Until)
			}
		}
	})
}
