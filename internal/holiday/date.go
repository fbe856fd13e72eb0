package holiday

import (
	"fmt"
	"time"
)

// Date is a civil (calendar) date without a time of day or a time zone.
// Holidays are whole days in the Netherlands; keeping them as plain dates
// avoids every question of offsets and daylight saving time. Convert to an
// instant with Date.Midnight when a time.Time is needed, and from an instant
// with DateOf after converting the instant to Europe/Amsterdam.
//
// The zero Date is not a valid date. Dates built by this package are always
// normalized (Month 1–12, Day within the month).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalized the way time.Date normalizes
// (so NewDate(2025, 4, 31) is 2025-05-01).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location. To ask about a
// Dutch date, pass t.In(amsterdam).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Midnight returns the start of the day d in loc (for Europe/Amsterdam
// midnight always exists: clocks change at 02:00/03:00).
func (d Date) Midnight(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

func (d Date) utc() time.Time { return d.Midnight(time.UTC) }

// AddDays returns the date n days after d (before d when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int { return d.utc().Compare(o.utc()) }

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// String returns d as ISO 8601 "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// nthWeekday returns the n-th (1-based) weekday wd of month m in year y.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) Date {
	first := Date{y, m, 1}
	off := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDays(off + 7*(n-1))
}
