package ical

import (
	"testing"
	"time"
)

func TestRemindersFromAlarms(t *testing.T) {
	ev := func(alarm ...string) []string {
		lines := []string{"BEGIN:VEVENT", "UID:r@x", "SUMMARY:Call", "DTSTART:20261104T090000Z", "DTEND:20261104T093000Z"}
		lines = append(lines, alarm...)
		return append(lines, "END:VEVENT")
	}
	alarm := func(trigger string) []string {
		return []string{"BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Call", trigger, "END:VALARM"}
	}
	cases := []struct {
		name  string
		lines []string
		want  time.Duration // -1: none
	}{
		{"none", ev(), -1},
		{"15 minutes", ev(alarm("TRIGGER:-PT15M")...), 15 * time.Minute},
		{"a day and an hour", ev(alarm("TRIGGER;RELATED=START:-P1DT1H")...), 25 * time.Hour},
		{"at the start", ev(alarm("TRIGGER:PT0S")...), 0},
		{"absolute", ev(alarm("TRIGGER;VALUE=DATE-TIME:20261104T084500Z")...), 15 * time.Minute},
		{"after the start is no reminder", ev(alarm("TRIGGER:PT5M")...), -1},
		{"related to the end is left out", ev(alarm("TRIGGER;RELATED=END:-PT5M")...), -1},
		{"the first usable alarm counts", ev(append(alarm("TRIGGER:PT5M"), alarm("TRIGGER:-PT10M")...)...), 10 * time.Minute},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cal := mustParse(t, vcal(c.lines...))
			got := cal.Events[0].Reminder
			switch {
			case c.want < 0 && got != nil:
				t.Errorf("reminder %v, want none", *got)
			case c.want >= 0 && (got == nil || *got != c.want):
				t.Errorf("reminder %v, want %v", got, c.want)
			}
		})
	}
}
