package suppliers

import (
	"time"
)

// Terms is where a contract stands on a given day.
type Terms struct {
	// Status is the status as of that day: the stored one, or 'ended' when
	// a contract that does not renew (or was terminated) is past its end.
	Status string
	// TermEnd is the last day of the term running that day (for a contract
	// not yet started: of its first term); zero for a contract without an
	// end.
	TermEnd time.Time
	// NoticeBy is the last day to give notice so that the contract ends at
	// NoticeTermEnd instead of renewing (for a contract that does not renew:
	// the last day to act before it ends). It is the current term's
	// deadline, or the next term's once the current one's has passed. Zero
	// when there is none: no end, terminated or ended.
	NoticeBy      time.Time
	NoticeTermEnd time.Time
	// DaysLeft is the number of days from that day to NoticeBy.
	DaysLeft int
}

// HasDeadline reports whether there is a notice deadline to act on.
func (t Terms) HasDeadline() bool { return !t.NoticeBy.IsZero() }

// date returns t's calendar day as midnight UTC.
func date(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// addMonths adds n months to a date, keeping the day of the month but
// clamping it to the month's last day (31 January + 1 month = 28/29
// February).
func addMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day()
	if day > last {
		day = last
	}
	return time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)
}

// NoticeDeadline is the last day on which notice can be given for a term
// that ends on termEnd (inclusive): the notice period must fit between the
// day after the notice and the term's end. With 3 months' notice a term
// ending 31 December needs notice by 30 September; with 30 days, by
// 1 December.
func NoticeDeadline(termEnd time.Time, noticeDays, noticeMonths int) time.Time {
	after := date(termEnd).AddDate(0, 0, 1)
	if noticeMonths > 0 {
		after = addMonths(after, -noticeMonths)
	}
	return after.AddDate(0, 0, -noticeDays-1)
}

// termEnd returns the end of the k-th term (0 is the first) of a contract
// whose first term ends on first and that renews by renew months.
func termEnd(first time.Time, renew, k int) time.Time {
	if k == 0 {
		return first
	}
	return addMonths(first.AddDate(0, 0, 1), k*renew).AddDate(0, 0, -1)
}

// Compute returns where c stands on day today (its calendar date is used).
// Renewal-aware: an automatically renewing contract past the end of its
// first term is in a later term, and once a term's notice deadline has
// passed the next deadline is the next term's.
func Compute(c Contract, today time.Time) Terms {
	today = date(today)
	t := Terms{Status: c.Status}
	if c.EndsOn.IsZero() {
		return t
	}
	end := date(c.EndsOn)
	renews := c.AutoRenew && c.RenewMonths > 0 && c.Status == StatusActive
	if !renews {
		t.TermEnd = end
		if today.After(end) {
			t.Status = StatusEnded
			return t
		}
		if c.Status == StatusActive {
			t.NoticeBy = NoticeDeadline(end, c.NoticeDays, c.NoticeMonths)
			t.NoticeTermEnd = end
			if today.After(t.NoticeBy) {
				t.NoticeBy, t.NoticeTermEnd = time.Time{}, time.Time{}
			}
		}
	} else {
		k := 0
		if today.After(end) {
			// Jump close to the right term, then step.
			months := (today.Year()-end.Year())*12 + int(today.Month()-end.Month())
			k = months/c.RenewMonths - 1
			if k < 0 {
				k = 0
			}
			for termEnd(end, c.RenewMonths, k).Before(today) {
				k++
			}
			for k > 0 && !termEnd(end, c.RenewMonths, k-1).Before(today) {
				k--
			}
		}
		t.TermEnd = termEnd(end, c.RenewMonths, k)
		t.NoticeTermEnd = t.TermEnd
		t.NoticeBy = NoticeDeadline(t.TermEnd, c.NoticeDays, c.NoticeMonths)
		for today.After(t.NoticeBy) {
			k++
			t.NoticeTermEnd = termEnd(end, c.RenewMonths, k)
			t.NoticeBy = NoticeDeadline(t.NoticeTermEnd, c.NoticeDays, c.NoticeMonths)
		}
	}
	if !t.NoticeBy.IsZero() {
		t.DaysLeft = int(t.NoticeBy.Sub(today).Hours() / 24)
	}
	return t
}
