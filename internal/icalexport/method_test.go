package icalexport

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/ical"
)

func TestWriteInvitation(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	it := Item{UID: "m-1@spil", Title: "Overleg", Start: time.Date(2026, 3, 30, 10, 0, 0, 0, ams), End: time.Date(2026, 3, 30, 11, 0, 0, 0, ams),
		Visibility: VisibilityNormal, ReaderAttends: true, Sequence: 2,
		Organizer: &Person{Name: "Director", Email: "director@example.org", SentBy: "assistant@example.org"},
		Attendees: []Person{{Name: "Piet", Email: "piet@example.com", PartStat: "needs-action", RSVP: true}}}
	var buf bytes.Buffer
	if err := Write(&buf, []Item{it}, Options{Method: "REQUEST"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"METHOD:REQUEST\r\n", `ORGANIZER;CN="Director";SENT-BY="mailto:assistant@example.org":mailto:director@example.org`,
		"ATTENDEE;CN=\"Piet\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:piet@example.com"} {
		if !strings.Contains(strings.ReplaceAll(out, "\r\n ", ""), want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	cal, err := ical.Parse(strings.NewReader(out))
	if err != nil || len(cal.Events) != 1 {
		t.Fatalf("read back: %v %+v", err, cal)
	}
	ev := cal.Events[0]
	if cal.Method != "REQUEST" || ev.Organizer.SentBy != "assistant@example.org" || !ev.Attendees[0].RSVP || ev.Attendees[0].PartStat != "NEEDS-ACTION" || ev.Sequence != 2 {
		t.Errorf("read back method %q organizer %+v attendees %+v sequence %d", cal.Method, ev.Organizer, ev.Attendees, ev.Sequence)
	}
	if err := Write(&buf, []Item{it}, Options{Method: "DELETE"}); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("unknown method: %v, want Invalid", err)
	}
}

func TestWriteDefaultMethodIsPublish(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "METHOD:PUBLISH\r\n") {
		t.Errorf("no METHOD:PUBLISH:\n%s", buf.String())
	}
}
