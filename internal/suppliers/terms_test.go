package suppliers

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNoticeDeadline(t *testing.T) {
	for _, c := range []struct {
		end          string
		days, months int
		want         string
	}{
		{"2026-12-31", 0, 3, "2026-09-30"},
		{"2026-12-31", 30, 0, "2026-12-01"},
		{"2027-03-30", 0, 1, "2027-02-27"}, // 31 March - 1 month clamps to 28 February
		{"2026-12-31", 0, 0, "2026-12-31"},
	} {
		if got := NoticeDeadline(d(c.end), c.days, c.months).Format(dateLayout); got != c.want {
			t.Errorf("NoticeDeadline(%s, %dd, %dm) = %s, want %s", c.end, c.days, c.months, got, c.want)
		}
	}
}

func TestComputeIsRenewalAware(t *testing.T) {
	renewing := Contract{Status: StatusActive, StartsOn: d("2024-01-01"), EndsOn: d("2024-12-31"), AutoRenew: true,
		RenewMonths: 12, NoticeMonths: 3}
	fixed := Contract{Status: StatusActive, StartsOn: d("2026-01-01"), EndsOn: d("2026-12-31"), NoticeDays: 30}
	for _, c := range []struct {
		name             string
		c                Contract
		today            string
		status, term, by string
		left             int
	}{
		{"first term, before the deadline", renewing, "2024-06-01", "active", "2024-12-31", "2024-09-30", 121},
		{"first term, deadline passed: next term's", renewing, "2024-10-01", "active", "2024-12-31", "2025-09-30", 364},
		{"third term", renewing, "2026-11-30", "active", "2026-12-31", "2027-09-30", 304},
		{"third term, on its deadline", renewing, "2026-09-30", "active", "2026-12-31", "2026-09-30", 0},
		{"fixed term", fixed, "2026-11-30", "active", "2026-12-31", "2026-12-01", 1},
		{"fixed term, past the act-by day", fixed, "2026-12-15", "active", "2026-12-31", "", 0},
		{"fixed term, over", fixed, "2027-01-01", "ended", "2026-12-31", "", 0},
		{"no end", Contract{Status: StatusActive, StartsOn: d("2026-01-01"), NoticeMonths: 1}, "2026-11-30", "active", "", "", 0},
	} {
		got := Compute(c.c, d(c.today))
		str := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(dateLayout)
		}
		if got.Status != c.status || str(got.TermEnd) != c.term || str(got.NoticeBy) != c.by || got.DaysLeft != c.left {
			t.Errorf("%s: got status %s term %s by %s left %d; want %s %s %s %d", c.name,
				got.Status, str(got.TermEnd), str(got.NoticeBy), got.DaysLeft, c.status, c.term, c.by, c.left)
		}
	}
	// A terminated contract ends at its (last) end and has no deadline.
	term := renewing
	term.Status, term.EndsOn = StatusTerminated, d("2026-12-31")
	if got := Compute(term, d("2026-11-30")); got.HasDeadline() || got.Status != StatusTerminated {
		t.Errorf("terminated: %+v", got)
	}
	if got := Compute(term, d("2027-01-01")); got.Status != StatusEnded {
		t.Errorf("terminated, after its end: %+v", got)
	}
}

func TestCheckKvKAndVAT(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"NL004495445B01", "NL004495445B01", true},    // 11-proof
		{"nl 0000.99998.b57", "NL000099998B57", true}, // mod 97 (btw-id of a sole trader)
		{"NL004495446B01", "NL004495446B01", false},   // typing error
		{"NL00449544B01", "", false},
		{"DE123456789", "DE123456789", true},
		{"DE12345678", "", false},
		{"BE0123456789", "BE0123456789", true},
		{"ATU12345678", "ATU12345678", true},
		{"GR123456789", "", false},
		{"EL123456789", "EL123456789", true},
		{"US123456789", "", false},
	} {
		got, msg := CheckVAT(c.in)
		if (msg == "") != c.ok || (c.ok && got != c.want) {
			t.Errorf("CheckVAT(%q) = %q, %q; want ok=%v %q", c.in, got, msg, c.ok, c.want)
		}
	}
	if k, msg := CheckKvK("1234 5678"); msg != "" || k != "12345678" {
		t.Errorf("CheckKvK = %q %q", k, msg)
	}
	for _, bad := range []string{"1234567", "123456789", "1234567a"} {
		if _, msg := CheckKvK(bad); msg == "" {
			t.Errorf("CheckKvK(%q) accepted", bad)
		}
	}
}
