package icalexport_test

import (
	"bytes"
	"testing"
	"time"

	"spil/internal/holiday"
	"spil/internal/icalexport"
)

func TestRDatesWritten(t *testing.T) {
	ams := mustZone(t, "Europe/Amsterdam")
	extra := time.Date(2026, 4, 4, 10, 0, 0, 0, ams)
	series := icalexport.Item{UID: "s", Title: "Visit", Start: time.Date(2026, 3, 23, 9, 0, 0, 0, ams), End: time.Date(2026, 3, 23, 10, 0, 0, 0, ams),
		Visibility: "normal", RDates: []time.Time{extra}}
	day := icalexport.Item{UID: "d", Title: "Holiday", AllDay: true, Visibility: "normal",
		StartDate: holiday.Date{Year: 2026, Month: 4, Day: 1}, EndDate: holiday.Date{Year: 2026, Month: 4, Day: 2}, RRule: "FREQ=YEARLY", RDates: []time.Time{time.Date(2026, 4, 10, 0, 0, 0, 0, ams)}}
	out := export(t, []icalexport.Item{series, day}, icalexport.Options{})
	for _, want := range []string{"RDATE;TZID=Europe/Amsterdam:20260404T100000\r\n", "RDATE;VALUE=DATE:20260410\r\n"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	evs := parse(t, out).Events
	if len(evs[0].RDates) != 1 || !evs[0].RDates[0].Time.Equal(extra) {
		t.Errorf("RDATE read back as %+v", evs[0].RDates)
	}
}

func TestReaderAttendsSeesInFull(t *testing.T) {
	it := secretItem("confidential")
	it.ReaderAttends = true
	ev := parse(t, export(t, []icalexport.Item{it}, icalexport.Options{})).Events[0]
	if ev.Summary != it.Title || ev.Class != "CONFIDENTIAL" {
		t.Errorf("attended item written as %q %s", ev.Summary, ev.Class)
	}
}
