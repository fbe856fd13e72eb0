package suppliers

import (
	"testing"
	"time"
)

// FuzzCheckVAT: any text gives a message or a normalized number that
// passes again unchanged.
func FuzzCheckVAT(f *testing.F) {
	for _, s := range []string{"NL004495445B01", "nl 0000.99998.b57", "ATU12345678", "EL123456789", "", "NL", "XI123456789", "NL00449544\x00B01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, msg := CheckVAT(s)
		if msg != "" {
			return
		}
		if again, msg := CheckVAT(v); msg != "" || again != v {
			t.Errorf("CheckVAT(%q) = %q, but that gives %q, %q", s, v, again, msg)
		}
	})
}

// FuzzCompute: any contract shape gives terms without panicking, and a
// deadline is never before today nor after its term's end.
func FuzzCompute(f *testing.F) {
	f.Add(int64(0), int64(365), 3, 0, true, 12, int64(700))
	f.Add(int64(10), int64(10), 0, 30, false, 0, int64(5))
	f.Fuzz(func(t *testing.T, start, length int64, months, days int, renew bool, renewMonths int, todayOff int64) {
		if months < 0 || months > 120 || days < 0 || days > 3650 || renewMonths < 0 || renewMonths > 120 ||
			length < 0 || length > 40000 || start < -40000 || start > 40000 || todayOff < -40000 || todayOff > 80000 {
			return
		}
		base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		c := Contract{Status: StatusActive, StartsOn: base.AddDate(0, 0, int(start)), EndsOn: base.AddDate(0, 0, int(start+length)),
			NoticeMonths: months, NoticeDays: days, AutoRenew: renew, RenewMonths: renewMonths}
		today := base.AddDate(0, 0, int(todayOff))
		tm := Compute(c, today)
		if tm.HasDeadline() && (tm.NoticeBy.Before(today) || tm.NoticeBy.After(tm.NoticeTermEnd) || tm.DaysLeft < 0) {
			t.Errorf("%+v on %s: %+v", c, today.Format(dateLayout), tm)
		}
	})
}
