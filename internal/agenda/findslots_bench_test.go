package agenda

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

// benchOrg is an organization of people with one year of dense agendas
// (2026-06-01 to 2027-06-01): per working day a stand-up series, a weekly
// team meeting, a fortnightly one-to-one and a monthly board meeting (P1 for
// some), four to five single appointments at the offices, a client site or
// online, some private, some with colleagues; leave and sick days.
type benchOrg struct {
	f       *fixture
	people  []string
	zuidas  string
	utrecht string
}

func newBenchOrg(b *testing.B, d *db.DB, n int) *benchOrg {
	b.Helper()
	f := newFixture(b, d)
	o := &benchOrg{f: f}
	o.zuidas, o.utrecht = f.offices(b)
	for i := range n {
		p := f.person(b, fmt.Sprintf("Bench Person %02d", i), authz.RolePrincipal)
		f.worksAt(b, p, []string{o.zuidas, o.utrecht}[i%2])
		o.people = append(o.people, p)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zone := "Europe/Amsterdam"
	first, until := at(2026, 6, 1, 0, 0), at(2027, 6, 1, 0, 0)
	err := d.Tx(ctx, func(tx *sql.Tx) error {
		insert := func(owner string, in Input) error {
			in, _, err := normalize(in, zone)
			if err != nil {
				return err
			}
			ap := Appointment{ID: newID(), OwnerID: owner, Input: in}
			return insertAppointment(ctx, tx, row{ID: ap.ID, OwnerID: owner, UID: ap.ID, In: in, SeriesUntil: seriesUntil(ap), Now: first})
		}
		places := []Place{atLocation(o.zuidas), atLocation(o.utrecht), address("Client, Den Haag", 52.0799, 4.3113), {}, {}}
		for i, p := range o.people {
			series := []Input{
				{Title: "Stand-up", Start: at(2026, 6, 1, 9, 0), End: at(2026, 6, 1, 9, 15), RRule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270601T000000Z", Priority: P3},
				{Title: "Team", Start: at(2026, 6, 2, 14, 0), End: at(2026, 6, 2, 15, 0), RRule: "FREQ=WEEKLY;UNTIL=20270601T000000Z", Priority: P2, Place: places[i%2]},
				{Title: "One-to-one", Start: at(2026, 6, 3, 11, 0), End: at(2026, 6, 3, 11, 30), RRule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270601T000000Z", Priority: P3, Visibility: Private},
				{Title: "Board", Start: at(2026, 6, 4, 16, 0), End: at(2026, 6, 4, 17, 0), RRule: "FREQ=MONTHLY;BYDAY=1TH;UNTIL=20270601T000000Z", Priority: P1 + i%3, Place: atLocation(o.zuidas)},
			}
			for _, in := range series {
				if err := insert(p, in); err != nil {
					return err
				}
			}
			for day := first; day.Before(until); day = day.AddDate(0, 0, 1) {
				if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
					continue
				}
				start := day.Add(9*time.Hour + 30*time.Minute)
				for range 4 + rng.IntN(2) {
					start = start.Add(time.Duration(rng.IntN(3)) * 15 * time.Minute)
					dur := time.Duration(30+15*rng.IntN(4)) * time.Minute
					in := Input{Title: "Work", Start: start, End: start.Add(dur), Priority: P2 + rng.IntN(3), Place: places[rng.IntN(len(places))]}
					if rng.IntN(5) == 0 {
						in.Visibility = Private
					}
					if rng.IntN(4) == 0 {
						in.Attendees = []Attendee{{PersonID: o.people[rng.IntN(len(o.people))]}}
					}
					if err := insert(p, in); err != nil {
						return err
					}
					start = start.Add(dur)
				}
			}
			for k := range 6 {
				s := first.AddDate(0, 0, 30+k*55+i)
				if _, err := tx.ExecContext(ctx, `INSERT INTO absences (id, person_id, kind, start_at, end_at, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $6)`, newID(), p, []string{Leave, Sick}[k%2], s.UTC(), s.AddDate(0, 0, 1+k%3).UTC(), first); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return o
}

// BenchmarkFindSlots20People3Months searches a one-hour meeting in Utrecht
// for 20 people over three months of dense agendas, as a colleague of them
// (free/busy only), through the whole service: loading from the database
// (the busy cache, see findslots_cache.go), travel and the search itself. It
// reports the median; "cold" empties the busy cache before every search, as
// after a change to every one of the 20 agendas.
func BenchmarkFindSlots20People3Months(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var d *db.DB
			if engine == "sqlite" {
				d = testutil.NewSQLite(b)
			} else {
				d = testutil.NewPostgres(b)
			}
			o := newBenchOrg(b, d, 20)
			actor := o.f.actor(b, o.f.emp)
			for _, c := range []struct {
				name     string
				overbook int
				cold     bool
			}{{"may_overbook=0", 0, false}, {"may_overbook=4", P4, false}, {"cold", 0, true}} {
				b.Run(c.name, func(b *testing.B) {
					q := SlotQuery{PersonIDs: o.people, Duration: time.Hour, From: at(2026, 11, 2, 0, 0), Place: atLocation(o.utrecht), MayOverbook: c.overbook}
					q.To = q.From.Add(92 * 24 * time.Hour)
					if _, err := o.f.svc.FindSlots(ctx, actor, q); err != nil { // fills the cache
						b.Fatal(err)
					}
					var times []time.Duration
					for b.Loop() {
						if c.cold {
							b.StopTimer()
							if _, err := d.W.Exec(`DELETE FROM agenda_busy_cache`); err != nil {
								b.Fatal(err)
							}
							b.StartTimer()
						}
						t0 := time.Now()
						if _, err := o.f.svc.FindSlots(ctx, actor, q); err != nil {
							b.Fatal(err)
						}
						times = append(times, time.Since(t0))
					}
					slices.Sort(times)
					b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
				})
			}
		})
	}
}
