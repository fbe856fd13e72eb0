package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/db"
	"spil/internal/testutil"
)

// itemForm is a filled-in appointment form.
func itemForm(title, date, start, end string) url.Values {
	return formOf("title", title, "start_date", date, "start_time", start, "end_date", date, "end_time", end,
		"time_zone", "Europe/Amsterdam", "priority", "3", "visibility", "normal", "status", "confirmed")
}

// A form with mistakes comes back with each message at its field, in the
// reader's language, and with what was typed; nothing is stored.
func TestAgendaFormShowsMistakesAtTheirFields(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		bad := itemForm("", "2026-03-12", "11:00", "10:00")
		bad.Set("time_zone", "Mars/Olympus")
		bad.Set("notes", "Agenda meenemen")
		res := f.post(t, f.piaTok, "/agenda/items", bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="title-error">geef de afspraak een onderwerp</p>`, "Agenda meenemen", `value="Mars/Olympus"`)
		checkPage(t, f.srv.I18n, "nl form 422", "nl", res.Body)

		bad = itemForm("Lunch", "2026-03-12", "11:00", "10:00")
		bad.Set("time_zone", "Mars/Olympus")
		res = f.post(t, f.piaTok, "/agenda/items", bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="time_zone-error">onbekende tijdzone “Mars/Olympus”: gebruik een naam zoals Europe/Amsterdam</p>`,
			`aria-describedby="time_zone-hint time_zone-error"`)
		bad.Set("time_zone", "Europe/Amsterdam")
		res = f.post(t, f.piaTok, "/agenda/items", bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="end-error">het einde moet na het begin liggen</p>`)

		bad = itemForm("Lunch", "12-03-2026", "11:00", "12:00")
		bad.Set("repeat", "custom")
		bad.Set("rrule", "FREQ=SOMETIMES")
		res = f.post(t, f.piaTok, "/agenda/items", bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="start-error">geef een datum als dd-mm-jjjj en een tijd als uu:mm</p>`)
		bad.Set("start_date", "2026-03-12")
		bad.Set("end_date", "2026-03-12")
		res = f.post(t, f.piaTok, "/agenda/items", bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="rrule-error">geen geldige herhaalregel:`)

		// In English too.
		if _, err := f.org.UpdateProfile(t.Context(), f.actor(t, f.pia), "", "en"); err != nil {
			t.Fatal(err)
		}
		res = f.post(t, f.piaTok, "/agenda/items", itemForm("", "2026-03-12", "11:00", "12:00"))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="title-error">give the appointment a title</p>`)
		checkPage(t, f.srv.I18n, "en form 422", "en", res.Body)

		list, err := f.svc.List(t.Context(), f.actor(t, f.pia), f.pia, ams(2026, 3, 1, 0, 0), ams(2026, 4, 1, 0, 0))
		if err != nil || len(list) != 0 {
			t.Errorf("refused forms stored %v, %v", list, err)
		}
	})
}

// The assistant adds a weekly series with colleagues and an outside guest
// for the principal; editing one occurrence asks which part of the series.
func TestAgendaAssistantCreatesASeries(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		form := itemForm("Werkoverleg", "2026-03-16", "09:00", "10:00")
		form.Set("who", f.pia)
		form.Set("place_kind", "location")
		form.Set("location_id", f.office)
		form.Add("attendees", f.eva)
		form.Add("ext_name", "Jan Jansen")
		form.Add("ext_email", "jan@klant.example")
		form.Set("repeat", "weekly")
		form.Add("weekdays", "MO")
		form.Add("weekdays", "TH")
		form.Set("repeat_end", "count")
		form.Set("count", "6")
		form.Set("reminder", "15")
		res := f.post(t, f.miaTok, "/agenda/items", form)
		wantStatus(t, res, http.StatusSeeOther)
		if !strings.HasPrefix(res.Location, "/agenda?") || !strings.Contains(res.Location, "date=2026-03-16") {
			t.Errorf("after saving went to %s", res.Location)
		}
		page := f.follow(t, f.miaTok, res)
		wantContains(t, page, "De afspraak is opgeslagen.", "Agenda van Pia Principaal", "Werkoverleg", "Kantoor Zuidas")

		list, err := f.svc.List(t.Context(), f.actor(t, f.pia), f.pia, ams(2026, 3, 16, 0, 0), ams(2026, 4, 30, 0, 0))
		if err != nil || len(list) != 6 {
			t.Fatalf("series has %d occurrences (%v), want 6", len(list), err)
		}
		ap := list[0].Appointment
		if ap.RRule != "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6" || len(ap.Attendees) != 2 || *ap.ReminderMinutes != 15 {
			t.Errorf("stored %q with %v, reminder %v", ap.RRule, ap.Attendees, ap.ReminderMinutes)
		}
		second := list[1]
		occ := second.OccurrenceStart.Format(time.RFC3339)
		res = f.get(t, f.miaTok, "/agenda/items/"+ap.ID+"?occ="+url.QueryEscape(occ))
		wantContains(t, res, "Werkoverleg", "Elke week op maandag, donderdag, 6 keer", "Jan Jansen", "Eva Employee", "15 minuten van tevoren")
		checkPage(t, f.srv.I18n, "item", "nl", res.Body)
		res = f.get(t, f.miaTok, "/agenda/items/"+ap.ID+"/edit?occ="+url.QueryEscape(occ))
		wantContains(t, res, "Wat wijzigt u?", `name="range" value="this" checked`, `value="2026-03-19"`, `value="Jan Jansen"`,
			`<option value="weekly" selected>`, `name="weekdays" value="TH" checked`)
		checkPage(t, f.srv.I18n, "edit", "nl", res.Body)

		// Only this occurrence moves to the afternoon.
		edit := itemForm("Werkoverleg (verzet)", "2026-03-19", "14:00", "15:00")
		edit.Set("occ", occ)
		edit.Set("range", "this")
		res = f.post(t, f.miaTok, "/agenda/items/"+ap.ID, edit)
		wantStatus(t, res, http.StatusSeeOther)
		list, _ = f.svc.List(t.Context(), f.actor(t, f.pia), f.pia, ams(2026, 3, 16, 0, 0), ams(2026, 4, 30, 0, 0))
		var titles []string
		for _, o := range list {
			titles = append(titles, o.Title+" "+o.At.In(amsterdam).Format("02 15:04"))
		}
		if got := strings.Join(titles, ", "); !strings.Contains(got, "Werkoverleg (verzet) 19 14:00") || !strings.Contains(got, "Werkoverleg 23 09:00") {
			t.Errorf("after editing one occurrence: %s", got)
		}

		// Eva, invited, answers from the item page; declined, it leaves her week.
		res = f.get(t, f.evaTok, "/agenda/items/"+ap.ID+"?occ="+url.QueryEscape(list[0].OccurrenceStart.Format(time.RFC3339)))
		wantContains(t, res, "Uitnodiging beantwoorden", "Uw antwoord", "Ik kom niet", "Werkoverleg")
		checkPage(t, f.srv.I18n, "invited", "nl", res.Body)
		res = f.post(t, f.evaTok, "/agenda/items/"+ap.ID+"/respond", formOf("response", "declined"))
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, f.evaTok, res), "Uw antwoord is opgeslagen.")
		if week := f.get(t, f.evaTok, "/agenda?date=2026-03-23"); strings.Contains(week.Body, "Werkoverleg") {
			t.Error("a declined series stays in the invited colleague's week")
		}
	})
}

// Moving with the buttons: from the view (htmx) the view comes back with
// the item in its new place and a message; a move onto a P1 item is refused
// and says why; without htmx the browser goes back to the view.
func TestAgendaMovesByButton(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		lunch := f.add(t, f.pia, "Lunch met Jan", ams(2026, 3, 10, 12, 0), ams(2026, 3, 10, 13, 0))
		f.add(t, f.pia, "Raad van bestuur", ams(2026, 3, 11, 12, 0), ams(2026, 3, 11, 13, 0), priority1)
		back := "/agenda?who=" + f.pia + "&view=week&date=2026-03-10"
		res := f.hx(t, f.miaTok, "/agenda/items/"+lunch.ID+"/move", formOf("shift", "15", "occ", lunch.Start.UTC().Format(time.RFC3339), "back", back))
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `id="agenda-view"`, "Lunch met Jan staat nu op dinsdag 10-03-2026 12:15.", "12:15–13:15")
		if got := f.stored(t, f.pia, lunch.ID); !got.Start.Equal(ams(2026, 3, 10, 12, 15)) {
			t.Errorf("stored start %v", got.Start)
		}
		// A day later lands on the P1 board meeting: refused, nothing moves.
		res = f.hx(t, f.miaTok, "/agenda/items/"+lunch.ID+"/move", formOf("days", "1", "back", back))
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `role="alert">deze tijd overlapt de P1-afspraak “Raad van bestuur”`, "die niet mag verschuiven")
		if got := f.stored(t, f.pia, lunch.ID); !got.Start.Equal(ams(2026, 3, 10, 12, 15)) {
			t.Errorf("a refused move changed the start to %v", got.Start)
		}
		// Without htmx: back to the view with a message.
		res = f.post(t, f.miaTok, "/agenda/items/"+lunch.ID+"/move", formOf("shift", "-15", "back", back))
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, f.miaTok, res), "De afspraak is verplaatst.")
		// Nonsense and someone else's address are not followed.
		res = f.post(t, f.miaTok, "/agenda/items/"+lunch.ID+"/move", formOf("shift", "7", "back", "https://evil.example/"))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "deze verplaatsing kan niet")
		// The item page moves to another day.
		res = f.post(t, f.piaTok, "/agenda/items/"+lunch.ID+"/move", formOf("date", "2026-03-13", "back", "/agenda/items/"+lunch.ID))
		wantStatus(t, res, http.StatusSeeOther)
		if got := f.stored(t, f.pia, lunch.ID); !got.Start.Equal(ams(2026, 3, 13, 12, 0)) {
			t.Errorf("moved to %v", got.Start)
		}
	})
}

// A new item that collides with a lower-priority one is saved, and its
// page shows the conflict with proposals; taking one asks to confirm and
// moves the other item only then.
func TestAgendaConflictsAfterSaveOfferProposals(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		desk := f.add(t, f.pia, "Bureauwerk", ams(2026, 3, 12, 10, 0), ams(2026, 3, 12, 11, 0), func(in *agenda.Input) { in.Priority = agenda.P4 })
		form := itemForm("Klantgesprek", "2026-03-12", "10:30", "11:30")
		form.Set("priority", "2")
		res := f.post(t, f.piaTok, "/agenda/items", form)
		wantStatus(t, res, http.StatusSeeOther)
		if !strings.HasPrefix(res.Location, "/agenda/items/") {
			t.Fatalf("a colliding item went to %s, want its page", res.Location)
		}
		page := f.follow(t, f.piaTok, res)
		wantContains(t, page, "maar botst met andere afspraken", "Overlapt met Bureauwerk P4", "Voorstellen om Bureauwerk te verplaatsen:", "Hierheen verplaatsen")
		checkPage(t, f.srv.I18n, "conflicts", "nl", page.Body)
		if got := f.stored(t, f.pia, desk.ID); !got.Start.Equal(desk.Start) {
			t.Fatalf("the other item moved by itself to %v", got.Start)
		}
		m := regexpFind(t, page.Body, `href="(/agenda/items/`+desk.ID+`/move\?[^"]+)"`)
		confirm := f.get(t, f.piaTok, strings.ReplaceAll(m, "&amp;", "&"))
		wantStatus(t, confirm, http.StatusOK)
		wantContains(t, confirm, "Afspraak verplaatsen", "Er verandert niets tot u bevestigt.", `id="confirm-move"`)
		checkPage(t, f.srv.I18n, "confirm", "nl", confirm.Body)
		start := regexpFind(t, confirm.Body, `name="start" value="([^"]+)"`)
		end := regexpFind(t, confirm.Body, `name="end" value="([^"]+)"`)
		res = f.post(t, f.piaTok, "/agenda/items/"+desk.ID+"/move", formOf("start", start, "end", end))
		wantStatus(t, res, http.StatusSeeOther)
		if got := f.stored(t, f.pia, desk.ID); got.Start.Equal(desk.Start) || got.Start.In(amsterdam).Format("2006-01-02T15:04") != start {
			t.Errorf("after confirming: %v, want %s", got.Start, start)
		}
	})
}
