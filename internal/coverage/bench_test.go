package coverage_test

import (
	"os"
	"testing"

	"spil/internal/authz"
	"spil/internal/demo"
	"spil/internal/testutil"
)

// BenchmarkMap builds the map of the demo organization at 2000 people (about
// a hundred principals), as `spil demo --scale 2000` makes it.
func BenchmarkMap(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			if engine == "postgres" && os.Getenv("SPIL_TEST_POSTGRES") == "" {
				b.Skip("SPIL_TEST_POSTGRES not set")
			}
			d := testutil.NewSQLite(b)
			if engine == "postgres" {
				d = testutil.NewPostgres(b)
			}
			cat, roles := catalogAndRoles(b)
			f := services(b, d, cat, roles)
			if _, err := demo.Seed(ctx, demo.Deps{Org: f.org, Mandates: f.man, DB: d}, demo.Options{Password: "correct horse battery", Scale: 2000}); err != nil {
				b.Fatal(err)
			}
			office, err := f.org.PersonByEmail(ctx, authz.System("bench"), "office@demo.example")
			if err != nil {
				b.Fatal(err)
			}
			actor := f.actor(office.ID)
			m := f.get(actor)
			if m.Summary.Principals < 50 {
				b.Fatalf("only %d principals", m.Summary.Principals)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.cov.Map(ctx, actor); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
