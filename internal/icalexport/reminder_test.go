package icalexport_test

import (
	"bytes"
	"testing"
	"time"

	"spil/internal/icalexport"
)

func TestRemindersBecomeAlarms(t *testing.T) {
	ams := mustZone(t, "Europe/Amsterdam")
	before := 90 * time.Minute
	it := icalexport.Item{UID: "r", Title: "Board", Start: time.Date(2026, 11, 4, 9, 0, 0, 0, ams), End: time.Date(2026, 11, 4, 10, 0, 0, 0, ams),
		Visibility: "normal", Reminder: &before}
	out := export(t, []icalexport.Item{it}, icalexport.Options{})
	if !bytes.Contains(out, []byte("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Board\r\nTRIGGER:-PT1H30M\r\nEND:VALARM\r\n")) {
		t.Errorf("no alarm 90 minutes before in\n%s", out)
	}
	if ev := parse(t, out).Events[0]; ev.Reminder == nil || *ev.Reminder != before {
		t.Errorf("reminder read back as %v", ev.Reminder)
	}
	// A busy block says nothing, not even that there is an alarm.
	it.Visibility = "private"
	if out := export(t, []icalexport.Item{it}, icalexport.Options{}); bytes.Contains(out, []byte("VALARM")) {
		t.Errorf("busy block carries an alarm:\n%s", out)
	}
}
