package ical

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse parses 1000 events, one per year, in a VTIMEZONE that no
// IANA zone matches, the slowest path of the time-zone resolution.
func BenchmarkParse(b *testing.B) {
	lines := vtz("Custom Zone", "+0530", "+0630", "BYMONTH=2;BYDAY=1SU", "BYMONTH=9;BYDAY=-1SU")
	for i := 0; i < 1000; i++ {
		lines = append(lines, "BEGIN:VEVENT", fmt.Sprintf("UID:%d", i),
			fmt.Sprintf("DTSTART;TZID=Custom Zone:%04d0701T090000", 1500+i), "DURATION:PT1H", "END:VEVENT")
	}
	in := vcal(lines...)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Parse(strings.NewReader(in)); err != nil {
			b.Fatal(err)
		}
	}
}
