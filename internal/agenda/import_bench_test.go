package agenda

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/testutil"
)

// denseICS returns an .ics with n events over one year from 2027-01-04, as
// an Outlook export of a busy agenda looks: mostly single meetings in
// Europe/Amsterdam with a colleague and an outside guest, one in twenty a
// weekly series, one in fifty a changed occurrence of such a series.
func denseICS(n int, colleagueEmail string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n")
	start := time.Date(2027, 1, 4, 8, 0, 0, 0, ams)
	const layout = "20060102T150405"
	series := 0
	for i := 0; i < n; i++ {
		s := start.Add(time.Duration(i%250)*24*time.Hour + time.Duration(i/250%10)*time.Hour)
		e := s.Add(45 * time.Minute)
		uid, extra := fmt.Sprintf("bench-%d@example.com", i), ""
		switch {
		case i%50 == 49 && series > 0:
			// The second occurrence of the latest series, moved.
			k := series - 1
			orig := start.Add(time.Duration(k%10)*time.Hour + 7*24*time.Hour)
			uid = fmt.Sprintf("series-%d@example.com", k)
			extra = "RECURRENCE-ID;TZID=Europe/Amsterdam:" + orig.Format(layout) + "\r\n"
			s, e = orig.Add(30*time.Minute), orig.Add(75*time.Minute)
		case i%20 == 0:
			uid = fmt.Sprintf("series-%d@example.com", series)
			s = start.Add(time.Duration(series%10) * time.Hour)
			e = s.Add(30 * time.Minute)
			series++
			extra = "RRULE:FREQ=WEEKLY;COUNT=20\r\n"
		}
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261201T090000Z\r\n%s", uid, extra)
		fmt.Fprintf(&b, "SUMMARY:Overleg %d\r\nDESCRIPTION:Agenda voor overleg %d\\nmet stukken\r\nLOCATION:Kantoor Utrecht\r\n", i, i)
		fmt.Fprintf(&b, "DTSTART;TZID=Europe/Amsterdam:%s\r\nDTEND;TZID=Europe/Amsterdam:%s\r\n", s.Format(layout), e.Format(layout))
		fmt.Fprintf(&b, "ORGANIZER;CN=Extern:mailto:extern%d@client.example\r\n", i%37)
		fmt.Fprintf(&b, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:%s\r\nEND:VEVENT\r\n", colleagueEmail)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// BenchmarkImport10000 imports a 10,000-event file into an empty agenda
// that holds a few P1 items, in one transaction (SQLite, and PostgreSQL
// when SPIL_TEST_POSTGRES is set).
func BenchmarkImport10000(b *testing.B) {
	engines := map[string]func(testing.TB) *db.DB{"sqlite": func(t testing.TB) *db.DB { return testutil.NewSQLite(t) }}
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		engines["postgres"] = func(t testing.TB) *db.DB { return testutil.NewPostgres(t) }
	}
	for name, open := range engines {
		b.Run(name, func(b *testing.B) {
			f := newFixture(b, open(b))
			file := denseICS(10_000, f.emp+"@example.nl")
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				b.StopTimer()
				owner := f.person(b, "Owner", "principal")
				f.create(b, owner, Input{Title: "Board", Start: at(2027, 3, 1, 6, 0), End: at(2027, 3, 1, 7, 0), Priority: P1})
				a := f.actor(b, owner)
				b.StartTimer()
				rep, err := f.svc.ImportICS(ctx, a, owner, strings.NewReader(file), ImportOptions{FileName: "dense.ics"})
				if err != nil || rep.Rejected || rep.Created != 10_000 {
					b.Fatalf("import: %v; created %d, skipped %d: %+v", err, rep.Created, len(rep.Skipped), first(rep.Skipped))
				}
			}
		})
	}
}

func first(s []SkippedEvent) []SkippedEvent { return s[:min(len(s), 3)] }
