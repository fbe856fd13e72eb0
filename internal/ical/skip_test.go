package ical

import (
	"strings"
	"testing"
)

func TestSkippedEventsAreListed(t *testing.T) {
	cal := mustParse(t, vcal(
		"BEGIN:VEVENT", "UID:good", "DTSTART:20240301T090000Z", "END:VEVENT",
		"BEGIN:VEVENT", "UID:bad", "SUMMARY:Budget\\, Q2", "DTSTART:2024-03-01", "END:VEVENT",
		"BEGIN:VEVENT", "SUMMARY:No start", "END:VEVENT",
	))
	if len(cal.Events) != 1 || len(cal.Skipped) != 2 {
		t.Fatalf("events %d, skipped %+v", len(cal.Events), cal.Skipped)
	}
	want := []SkippedEvent{
		{Line: 7, UID: "bad", Summary: "Budget, Q2", Reason: "line 10: DTSTART: invalid date"},
		{Line: 12, Summary: "No start", Reason: "no DTSTART"},
	}
	for i, w := range want {
		got := cal.Skipped[i]
		if got.Line != w.Line || got.UID != w.UID || got.Summary != w.Summary || !strings.HasPrefix(got.Reason, w.Reason) {
			t.Errorf("skipped[%d] = %+v, want %+v", i, got, w)
		}
	}
}

func TestPriority(t *testing.T) {
	cal := mustParse(t, vcal(
		"BEGIN:VEVENT", "UID:a", "DTSTART:20240301T090000Z", "PRIORITY:1", "END:VEVENT",
		"BEGIN:VEVENT", "UID:b", "DTSTART:20240301T090000Z", "PRIORITY:12", "END:VEVENT",
		"BEGIN:VEVENT", "UID:c", "DTSTART:20240301T090000Z", "END:VEVENT",
	))
	if got := []int{cal.Events[0].Priority, cal.Events[1].Priority, cal.Events[2].Priority}; got[0] != 1 || got[1] != 0 || got[2] != 0 {
		t.Errorf("priorities %v, want [1 0 0]", got)
	}
	if !strings.Contains(strings.Join(cal.Warnings, "\n"), `PRIORITY "12" ignored`) {
		t.Errorf("warnings %q", cal.Warnings)
	}
}

func TestDeepNestingRejected(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for range 20 {
		b.WriteString("BEGIN:X-BOX\r\n")
	}
	for range 20 {
		b.WriteString("END:X-BOX\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	_, err := Parse(strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "line 9: components nested more than 8 deep") {
		t.Fatalf("err = %v", err)
	}
	// Ordinary nesting (VEVENT > VALARM) is fine.
	mustParse(t, vcal("BEGIN:VEVENT", "UID:a", "DTSTART:20240301T090000Z",
		"BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "END:VALARM", "END:VEVENT"))
}

func TestHugeFileRejected(t *testing.T) {
	in := vcal("X-PAD:" + strings.Repeat("a", MaxSize))
	_, err := Parse(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "larger than 16 MB") {
		t.Fatalf("err = %v", err)
	}
}
