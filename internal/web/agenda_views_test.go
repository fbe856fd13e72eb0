package web

import (
	"net/http"
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

// The principal's week: her items with priority and visibility, in Dutch
// and in English, and every agenda page passes the page checks.
func TestAgendaWeekShowsItemsInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		f.add(t, f.pia, "Overleg begroting", ams(2026, 3, 10, 10, 0), ams(2026, 3, 10, 11, 0), at(f.office))
		f.add(t, f.pia, "Tandarts", ams(2026, 3, 10, 14, 0), ams(2026, 3, 10, 15, 0), private)
		board := f.add(t, f.pia, "Raad van bestuur", ams(2026, 3, 11, 9, 0), ams(2026, 3, 11, 12, 0), priority1, at(f.client))

		res := f.get(t, f.piaTok, "/agenda?date=2026-03-10")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Mijn agenda", "Week 11: 9 maart 2026 – 15 maart 2026", "Overleg begroting", "10:00–11:00",
			"Tandarts", "Privé", "Raad van bestuur", `class="prio prio-1"`, "mag niet verschuiven", "dinsdag 10-03-2026",
			`aria-label="Overleg begroting 10:00–11:00 een kwartier later"`, `href="/agenda/items/`+board.ID)
		checkPage(t, f.srv.I18n, "nl week", "nl", res.Body)

		// The day and the list.
		res = f.get(t, f.piaTok, "/agenda?view=day&date=2026-03-11")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "woensdag 11 maart 2026", "Raad van bestuur", "Klant Utrecht")
		wantNotContains(t, res, "Tandarts")
		checkPage(t, f.srv.I18n, "nl day", "nl", res.Body)
		res = f.get(t, f.piaTok, "/agenda?view=list&date=2026-03-09")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Tandarts", "Raad van bestuur", "Niets gepland.")
		checkPage(t, f.srv.I18n, "nl list", "nl", res.Body)

		if _, err := f.org.UpdateProfile(t.Context(), f.actor(t, f.pia), "", "en"); err != nil {
			t.Fatal(err)
		}
		res = f.get(t, f.piaTok, "/agenda?date=2026-03-10")
		wantContains(t, res, "My agenda", "Week 11: 9 March 2026 – 15 March 2026", "Private", "must not move", "Tuesday 2026-03-10")
		checkPage(t, f.srv.I18n, "en week", "en", res.Body)
		for _, path := range []string{"/agenda?view=day", "/agenda?view=list", "/agenda/side", "/agenda/side?view=week",
			"/agenda/new", "/agenda/items/" + board.ID, "/agenda/items/" + board.ID + "/edit", "/agenda/slots",
			"/agenda/slots?find=1&duration=60", "/agenda/settings", "/agenda/ical"} {
			res := f.get(t, f.piaTok, path)
			wantStatus(t, res, http.StatusOK)
			checkPage(t, f.srv.I18n, "en "+path, "en", res.Body)
		}
	})
}

// A colleague without a mandate sees busy blocks only: never a title, a
// place or the kind of an item; an assistant with the private scope sees
// all of it.
func TestAgendaMasksItemsForColleagues(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		dentist := f.add(t, f.pia, "Tandarts", ams(2026, 3, 10, 14, 0), ams(2026, 3, 10, 15, 0), private, at(f.client))
		f.add(t, f.pia, "Overleg begroting", ams(2026, 3, 10, 10, 0), ams(2026, 3, 10, 11, 0), at(f.office))

		for _, path := range []string{"/agenda?who=" + f.pia, "/agenda?view=day&date=2026-03-10&who=" + f.pia,
			"/agenda?view=list&who=" + f.pia, "/agenda/side?p=" + f.pia + "&p=" + f.eva, "/agenda/side?view=week&p=" + f.pia,
			"/agenda/items/" + dentist.ID} {
			res := f.get(t, f.evaTok, path)
			wantStatus(t, res, http.StatusOK)
			wantContains(t, res, "Bezet")
			wantNotContains(t, res, "Tandarts", "Overleg begroting", "Klant Utrecht", "Privé", `name="shift"`)
			checkPage(t, f.srv.I18n, "eva "+path, "nl", res.Body)
		}
		res := f.get(t, f.evaTok, "/agenda?who="+f.pia)
		wantContains(t, res, "U ziet van deze agenda alleen wanneer iemand bezet is")
		if strings.Contains(res.Body, `id="new-item"`) {
			t.Error("a colleague is offered to add to someone else's agenda")
		}
		res = f.get(t, f.evaTok, "/agenda/export.ics?who="+f.pia)
		wantStatus(t, res, http.StatusOK)
		if strings.Contains(res.Body, "Tandarts") || !strings.Contains(res.Body, "BEGIN:VCALENDAR") {
			t.Errorf("export for a colleague:\n%s", res.Body)
		}
		// Nor can she change it.
		res = f.post(t, f.evaTok, "/agenda/items/"+dentist.ID+"/move", formOf("shift", "15"))
		if res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
			t.Errorf("a colleague moved an item: %d", res.Status)
		}
		if got := f.stored(t, f.pia, dentist.ID); !got.Start.Equal(dentist.Start) {
			t.Errorf("the item moved to %v", got.Start)
		}

		// The assistant works in the principal's agenda by default.
		res = f.get(t, f.miaTok, "/agenda?date=2026-03-10")
		wantContains(t, res, "Agenda van Pia Principaal", "Tandarts", "Privé", "Overleg begroting", `name="shift"`, `id="new-item"`)

		// Side by side: her principal by default; colleagues found by name.
		res = f.get(t, f.miaTok, "/agenda/side?date=2026-03-10")
		wantContains(t, res, `<option value="`+f.pia+`" selected>Pia Principaal</option>`, "Tandarts")
		wantNotContains(t, res, "Eva Employee")
		res = f.get(t, f.miaTok, "/agenda/side?date=2026-03-10&q=eva")
		wantContains(t, res, `<option value="`+f.eva+`">Eva Employee</option>`)
	})
}
