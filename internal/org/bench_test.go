package org

import (
	"fmt"
	"strings"
	"testing"

	"spil/internal/testutil"
)

// bigOrganization imports n people in 20 departments, each reporting to the
// first person of their department.
func bigOrganization(b testing.TB, f *fixture, n int) {
	var sb strings.Builder
	sb.WriteString("name,email,job_title,department,manager_email\n")
	for i := range n {
		boss := i - i%20
		mgr := ""
		if boss != i {
			mgr = fmt.Sprintf("p%d@example.nl", boss)
		}
		fmt.Fprintf(&sb, "Person %05d,p%d@example.nl,Title %d,Dept %d,%s\n", i, i, i%7, i/20%20, mgr)
	}
	rep, err := f.s.ImportPeople(ctx, f.adm, strings.NewReader(sb.String()), false)
	if err != nil || rep.Imported != n {
		b.Fatalf("import: %v, %d errors (%v)", err, len(rep.Errors), rep.Errors[:min(3, len(rep.Errors))])
	}
}

func BenchmarkListPeople(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			d := testutil.NewSQLite(b)
			if engine == "postgres" {
				d = testutil.NewPostgres(b)
			}
			f := newFixture(b, d)
			bigOrganization(b, f, 2500)
			for _, bc := range []struct {
				name  string
				f     PeopleFilter
				total int
			}{
				{"directory", PeopleFilter{Offset: 1000, ActiveOnly: true}, 2501},
				{"search", PeopleFilter{Query: "person 01"}, 1000},
			} {
				b.Run(bc.name, func(b *testing.B) {
					for b.Loop() {
						ps, total, err := f.s.ListPeople(ctx, f.adm, bc.f)
						if err != nil || total != bc.total || len(ps) != 50 {
							b.Fatalf("%d of %d: %v", len(ps), total, err)
						}
					}
				})
			}
		})
	}
}

func BenchmarkImportPeople(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				d := testutil.NewSQLite(b)
				if engine == "postgres" {
					d = testutil.NewPostgres(b)
				}
				f := newFixture(b, d)
				b.StartTimer()
				bigOrganization(b, f, 2000)
			}
		})
	}
}
