package web

import (
	"regexp"
	"time"

	"spil/internal/i18n"
)

// agendaPatterns translate the agenda service's messages that carry a
// value; the catalog key gets the captured values.
var agendaPatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^use at most (\d+) characters$`), "agenda.msgf.use_at_most"},
	{regexp.MustCompile(`^unknown time zone "(.*)": use a name such as Europe/Amsterdam$`), "agenda.msgf.unknown_zone"},
	{regexp.MustCompile(`^a reminder can be 0 to (\d+) minutes before the start$`), "agenda.msgf.reminder"},
	{regexp.MustCompile(`^at most (\d+) attendees$`), "agenda.msgf.attendees"},
	{regexp.MustCompile(`^not a valid recurrence rule: (.*)$`), "agenda.msgf.bad_rule"},
	{regexp.MustCompile(`^this time overlaps the P1 item (.*) at (\S+), which must not move$`), "agenda.msgf.p1"},
	{regexp.MustCompile(`^overlaps the P1 item (.*) at (\S+)$`), "agenda.msgf.p1_field"},
	{regexp.MustCompile(`^a buffer is 0 to (\d+) minutes$`), "agenda.msgf.buffer"},
	{regexp.MustCompile(`^a travel time is 1 to (\d+) minutes$`), "agenda.msgf.travel_minutes"},
	{regexp.MustCompile(`^at most (\d+) people$`), "agenda.msgf.people"},
	{regexp.MustCompile(`^a period can be at most (\d+) days$`), "agenda.msgf.period_days"},
	{regexp.MustCompile(`^at most (\d+) spans a day$`), "agenda.msgf.spans"},
	{regexp.MustCompile(`^the spans on (\w+) overlap$`), "agenda.msgf.spans_overlap"},
	{regexp.MustCompile(`^the same occurrence is changed again at line (\d+)$`), "agenda.msgf.changed_again"},
	{regexp.MustCompile(`^its series \(line (\d+)\) is not imported$`), "agenda.msgf.series_not_imported"},
}

// agendaMsg puts one of the agenda service's English messages in the
// reader's language: times in RFC 3339 become local times, "a busy item"
// is translated, other values stay as they are.
func agendaMsg(p *i18n.Printer, msg string) string {
	for _, ap := range agendaPatterns {
		m := ap.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				v = p.Weekday(t) + " " + p.DateTime(t)
			} else if v == "a busy item" {
				v = p.Msg(v)
			} else if wd, ok := weekdayNamed(v); ok {
				v = p.Weekday(time.Date(2024, 1, 7+int(wd), 12, 0, 0, 0, p.Loc)) // 7 January 2024 is a Sunday
			} else if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = "“" + v[1:len(v)-1] + "”"
			}
			args[i] = v
		}
		return p.T(ap.key, args...)
	}
	return translate(p, msg)
}

// agendaErrors translates every message of errs.
func agendaErrors(p *i18n.Printer, errs FieldErrors) FieldErrors {
	if errs == nil {
		return nil
	}
	out := make(FieldErrors, len(errs))
	for k, v := range errs {
		out[k] = agendaMsg(p, v)
	}
	return out
}

// weekdayNamed reads an English day name ("Monday").
func weekdayNamed(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == s {
			return d, true
		}
	}
	return 0, false
}
