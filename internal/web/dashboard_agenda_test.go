package web

import (
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

// The dashboard shows today: one's own agenda, and an assistant's
// principals, as far as each may see.
func TestDashboardShowsToday(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		f.add(t, f.pia, "Raad van bestuur", ams(2026, 3, 10, 11, 0), ams(2026, 3, 10, 12, 0), priority1, at(f.office))
		f.add(t, f.pia, "Tandarts", ams(2026, 3, 10, 14, 0), ams(2026, 3, 10, 15, 0), private)
		f.add(t, f.pia, "Morgen", ams(2026, 3, 11, 9, 0), ams(2026, 3, 11, 10, 0))
		// Utrecht 12:15, straight after Zuidas until 12:00: not reachable in time.
		f.add(t, f.pia, "Lunch klant", ams(2026, 3, 10, 12, 15), ams(2026, 3, 10, 13, 0), at(f.client))

		pia := f.get(t, f.piaTok, "/")
		for _, want := range []string{"Vandaag", "Raad van bestuur", "Tandarts", "Lunch klant", "P1", "1 waarschuwing"} {
			if !strings.Contains(pia.Body, want) {
				t.Errorf("Pia's dashboard lacks %q", want)
			}
		}
		if strings.Contains(pia.Body, "Morgen") {
			t.Error("Pia's dashboard shows tomorrow's item under today")
		}
		mia := f.get(t, f.miaTok, "/")
		for _, want := range []string{"Mijn agenda", "Pia Principaal", "Raad van bestuur", "Tandarts"} {
			if !strings.Contains(mia.Body, want) {
				t.Errorf("Mia's dashboard lacks %q", want)
			}
		}
		eva := f.get(t, f.evaTok, "/")
		if strings.Contains(eva.Body, "Raad van bestuur") || strings.Contains(eva.Body, "Tandarts") || strings.Contains(eva.Body, "Pia Principaal") {
			t.Error("Eva's dashboard shows Pia's agenda")
		}
		if !strings.Contains(eva.Body, "Niets gepland.") {
			t.Error("Eva's empty day does not say so")
		}
	})
}
