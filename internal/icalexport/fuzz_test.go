package icalexport_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"spil/internal/icalexport"
)

// expectText is what a reader must get back for a text field: the
// writer's documented cleaning (invalid UTF-8 → U+FFFD, CR/CRLF → LF,
// other control characters except TAB dropped).
func expectText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\t' && r != '\n' && (r < 0x20 || r == 0x7f) {
			return -1
		}
		return r
	}, s)
}

func FuzzWrite(f *testing.F) {
	f.Add("Overleg café 🚀", "regel 1\nregel 2; a,b \\ c", "Kamer \"A\"", "Zoë ^ O'Brien", "uid-1", "private", int64(0))
	f.Add("", "\r\n\x00\xff", strings.Repeat("é", 80), "\"", "a;b,c:d", "normal", int64(3600*24*200+1800))
	f.Fuzz(func(t *testing.T, title, desc, loc, name, uid, vis string, offset int64) {
		if strings.TrimSpace(uid) == "" {
			uid = "u"
		}
		if vis != "private" && vis != "confidential" {
			vis = "normal"
		}
		ams, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(offset%(3600*24*365*3)) * time.Second)
		it := icalexport.Item{UID: uid, Title: title, Description: desc, Location: loc, Start: start, End: start.Add(90 * time.Minute),
			Loc: ams, Visibility: vis, Attendees: []icalexport.Person{{Name: name, Email: "a@b.example"}}}
		for _, see := range []bool{false, true} {
			var buf bytes.Buffer
			if err := icalexport.Write(&buf, []icalexport.Item{it}, icalexport.Options{SeePrivate: see, SeeConfidential: see, Now: stamp}); err != nil {
				t.Fatalf("Write: %v", err)
			}
			checkLines(t, buf.Bytes())
			cal := parse(t, buf.Bytes())
			if len(cal.Events) != 1 {
				t.Fatalf("read back %d events; warnings %v\n%s", len(cal.Events), cal.Warnings, buf.Bytes())
			}
			ev := cal.Events[0]
			if !ev.Start.Equal(it.Start) || !ev.End.Equal(it.End) {
				t.Fatalf("times %v–%v, want %v–%v", ev.Start, ev.End, it.Start, it.End)
			}
			if ev.UID != expectText(uid) {
				t.Fatalf("UID %q, want %q", ev.UID, expectText(uid))
			}
			if see || vis == "normal" {
				if ev.Summary != expectText(title) || ev.Description != expectText(desc) || ev.Location != expectText(loc) {
					t.Fatalf("text read back %q %q %q", ev.Summary, ev.Description, ev.Location)
				}
				if len(ev.Attendees) != 1 || ev.Attendees[0].Name != expectText(name) {
					t.Fatalf("attendee read back %+v, want name %q", ev.Attendees, expectText(name))
				}
			} else if ev.Summary != "Bezet" || ev.Description != "" || ev.Location != "" || len(ev.Attendees) != 0 {
				t.Fatalf("hidden item read back as %+v", ev)
			}
			if !utf8.Valid(buf.Bytes()) {
				t.Fatalf("output is not UTF-8")
			}
		}
	})
}
