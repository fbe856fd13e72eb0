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

func TestDeactivationEndsSessionsAndTokens(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		p := f.person(t, "Vera Vertrek", "vera@example.nl")
		now := f.clock.Now()
		if _, err := d.W.Exec(`INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at) VALUES ('h', $1, $2, $2, $2)`, p.ID, now); err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`INSERT INTO api_tokens (id, person_id, name, prefix, token_hash, created_at) VALUES ('t', $1, 'x', 'spil_x', 'th', $2)`, p.ID, now); err != nil {
			t.Fatal(err)
		}
		off := false
		_, err := f.s.UpdatePerson(ctx, f.adm, p.ID, PersonInput{Name: p.Name, Email: p.Email, Active: &off})
		noErr(t, err)
		var sessions, live int
		d.R.QueryRow(`SELECT count(*) FROM sessions WHERE person_id = $1`, p.ID).Scan(&sessions)
		d.R.QueryRow(`SELECT count(*) FROM api_tokens WHERE person_id = $1 AND revoked_at IS NULL`, p.ID).Scan(&live)
		if sessions != 0 || live != 0 {
			t.Fatalf("after deactivation: %d sessions, %d live tokens", sessions, live)
		}
	})
}
