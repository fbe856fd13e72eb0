package ical

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=W. Europe Standard Time:20240101T090000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	if root := os.Getenv("SPIL_CORPUS"); root != "" {
		for _, name := range []string{"outlook11__Standup.ics", "edge__libical_zday.ics", "edge__rfc_6868_param_encoding.ics",
			"khal__RDATE_with_PERIOD_TZID.ics", "edge__non_ascii_tzid.ics", "zimbra__recur_instances.ics"} {
			if b, err := os.ReadFile(filepath.Join(root, "ical", name)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cal, err := ParseIn(bytes.NewReader(data), time.UTC)
		if err != nil {
			if len(cal.Events) != 0 {
				t.Fatalf("events returned with error %v", err)
			}
			return
		}
		for _, ev := range cal.Events {
			if ev.End.Before(ev.Start) {
				t.Fatalf("event at line %d ends before it starts", ev.Line)
			}
		}
	})
}
