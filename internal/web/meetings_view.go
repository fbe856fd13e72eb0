package web

import (
	"time"

	"spil/internal/i18n"
)

// meetingWhen is "donderdag 5 november 2026 10:00–11:00" in the reader's
// language and zone.
func meetingWhen(p *i18n.Printer, start, end time.Time) string {
	s, e := start.In(p.Loc), end.In(p.Loc)
	out := p.Weekday(s) + " " + p.Date(s) + " " + s.Format("15:04") + "–"
	if e.YearDay() != s.YearDay() || e.Year() != s.Year() {
		out += p.Date(e) + " "
	}
	return out + e.Format("15:04")
}
