package org

import (
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

func TestFoldMatchesNamesAsPeopleTypeThem(t *testing.T) {
	cases := map[string]string{
		"Özdemir":           "ozdemir",
		"  Anouk   Dekker ": "anouk dekker",
		"Zoë van 't Hek":    "zoe van 't hek",
		"ÇELİK":             "celik",
		"Ĳsbrand":           "ĳsbrand",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDirectorySearchIgnoresAccentsAndSortsAlikeOnEveryEngine(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Emre Özdemir", "emre@example.nl")
		f.person(t, "Zoë de Wit", "zoe@example.nl")
		f.person(t, "Oscar Janssen", "oscar@example.nl")
		f.person(t, "élise Bakker", "elise@example.nl")

		found, n, err := f.s.ListPeople(ctx, f.adm, PeopleFilter{Query: "ozdemir"})
		noErr(t, err)
		if n != 1 || found[0].Name != "Emre Özdemir" {
			t.Fatalf("search ozdemir found %d: %v", n, found)
		}
		found, _, err = f.s.ListPeople(ctx, f.adm, PeopleFilter{Query: "ZOË"})
		noErr(t, err)
		if len(found) != 1 || found[0].Name != "Zoë de Wit" {
			t.Fatalf("search ZOË found %v", found)
		}

		all, _, err := f.s.ListPeople(ctx, f.adm, PeopleFilter{})
		noErr(t, err)
		var names []string
		for _, p := range all {
			names = append(names, p.Name)
		}
		want := []string{"Ada Admin", "élise Bakker", "Emre Özdemir", "Oscar Janssen", "Zoë de Wit"}
		if strings.Join(names, ", ") != strings.Join(want, ", ") {
			t.Fatalf("order %v, want %v", names, want)
		}
	})
}
