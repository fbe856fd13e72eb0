package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

// The slot finder ranks free times for the principal and a colleague, says
// why in Dutch from the reasons' codes, and books a slot through the form.
func TestAgendaSlotFinder(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		f.add(t, f.pia, "Tandarts", ams(2026, 3, 11, 9, 0), ams(2026, 3, 11, 12, 0), private)
		f.add(t, f.eva, "Bureauwerk", ams(2026, 3, 11, 13, 0), ams(2026, 3, 11, 14, 0), func(in *agenda.Input) { in.Priority = agenda.P4 })
		q := url.Values{"find": {"1"}, "p": {f.pia, f.eva}, "duration": {"60"}, "from": {"2026-03-11"}, "to": {"2026-03-11"}, "overbook": {"4"}}
		res := f.get(t, f.miaTok, "/agenda/slots?"+q.Encode())
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Voorstellen", "woensdag 11-03-2026", "Deze tijd boeken", "/agenda/new?")
		wantNotContains(t, res, "Tandarts")
		checkPage(t, f.srv.I18n, "slots", "nl", res.Body)
		if strings.Contains(res.Body, "overbooks") || strings.Contains(res.Body, "travels") {
			t.Errorf("reasons in English:\n%s", excerpt(res.Body))
		}
		book := regexpFind(t, res.Body, `href="(/agenda/new\?[^"]+)"`)
		form := f.get(t, f.miaTok, strings.ReplaceAll(book, "&amp;", "&"))
		wantStatus(t, form, http.StatusOK)
		wantContains(t, form, `name="start_date" value="2026-03-11"`, `<option value="`+f.eva+`" selected>`)

		// A colleague without a mandate books in her own agenda and invites.
		res = f.get(t, f.evaTok, "/agenda/slots?"+q.Encode())
		wantStatus(t, res, http.StatusOK)
		book = strings.ReplaceAll(regexpFind(t, res.Body, `href="(/agenda/new\?[^"]+)"`), "&amp;", "&")
		if u, _ := url.Parse(book); u.Query().Get("who") != f.eva || u.Query().Get("p") != f.pia {
			t.Errorf("a colleague books at %s", book)
		}

		// With a location the reasons name the travel.
		q.Set("location", f.client)
		q.Set("overbook", "")
		res = f.get(t, f.piaTok, "/agenda/slots?"+q.Encode())
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "reist")

		// Bad questions come back at their fields.
		res = f.get(t, f.miaTok, "/agenda/slots?find=1&p="+f.pia+"&from=gisteren&to=2026-03-11")
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="from-error">geef de eerste dag</p>`)
		res = f.get(t, f.miaTok, "/agenda/slots?find=1&p="+f.pia+"&from=2026-03-11&to=2026-09-11")
		wantStatus(t, res, http.StatusUnprocessableEntity)
		checkPage(t, f.srv.I18n, "slots 422", "nl", res.Body)
	})
}

// Working hours, the absences and known travel times: saved through the
// settings page, refused with messages at the fields.
func TestAgendaSettingsAbsencesAndTravel(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		res := f.get(t, f.piaTok, "/agenda/settings")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Werktijden", `name="h_1_0_start" value="09:00"`, "Afwezigheid toevoegen")
		wantNotContains(t, res, "Bekende reistijden") // needs locations.manage
		checkPage(t, f.srv.I18n, "settings", "nl", res.Body)

		form := formOf("who", f.pia, "time_zone", "Europe/Amsterdam", "travel_mode", "public_transport", "buffer", "10",
			"h_1_0_start", "08:30", "h_1_0_end", "12:30", "h_1_0_from", "home", "h_1_0_to", "office",
			"h_1_1_start", "13:00", "h_1_1_end", "17:00", "h_1_1_from", "office", "h_1_1_to", "office",
			"h_3_0_start", "09:00", "h_3_0_end", "15:00", "h_3_0_from", "office", "h_3_0_to", "home")
		res = f.post(t, f.miaTok, "/agenda/settings", form)
		wantStatus(t, res, http.StatusSeeOther)
		page := f.follow(t, f.miaTok, res)
		wantContains(t, page, "De instellingen zijn opgeslagen.", `name="h_1_0_start" value="08:30"`, `name="h_3_0_end" value="15:00"`,
			`<option value="public_transport" selected>`)
		st, err := f.svc.Settings(context.Background(), f.actor(t, f.pia), f.pia)
		if err != nil || len(st.Hours) != 3 || st.BufferMinutes != 10 {
			t.Errorf("stored %+v, %v", st, err)
		}
		form.Set("h_3_0_end", "25:00")
		res = f.post(t, f.piaTok, "/agenda/settings", form)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="hours-error">geef werktijden als uu:mm</p>`, `value="25:00"`)

		// An absence for a week, then gone again.
		res = f.post(t, f.piaTok, "/agenda/absences", formOf("who", f.pia, "kind", "leave", "start_date", "2026-03-16", "end_date", "2026-03-20", "note", "Skiën"))
		wantStatus(t, res, http.StatusSeeOther)
		page = f.follow(t, f.piaTok, res)
		wantContains(t, page, "De afwezigheid is toegevoegd.", "Verlof", "16-03-2026 – 20-03-2026", "Skiën")
		week := f.get(t, f.piaTok, "/agenda?date=2026-03-16")
		wantContains(t, week, `class="away-label">Verlof</span>`)
		// A colleague sees "absent", not the kind or the note.
		week = f.get(t, f.evaTok, "/agenda?date=2026-03-16&who="+f.pia)
		wantContains(t, week, `class="away-label">Afwezig</span>`)
		wantNotContains(t, week, "Verlof", "Skiën")
		res = f.post(t, f.piaTok, "/agenda/absences", formOf("who", f.pia, "kind", "leave", "start_date", "2026-03-20", "end_date", "2026-03-16"))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		checkPage(t, f.srv.I18n, "absence 422", "nl", res.Body)
		id := regexpFind(t, page.Body, `action="/agenda/absences/([^/]+)/delete"`)
		res = f.post(t, f.piaTok, "/agenda/absences/"+id+"/delete", formOf("who", f.pia))
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, f.piaTok, res), "De afwezigheid is verwijderd.", "Geen afwezigheid gepland.")
		// Eva may not add an absence to Pia's agenda.
		res = f.post(t, f.evaTok, "/agenda/absences", formOf("who", f.pia, "kind", "sick", "start_date", "2026-03-16", "end_date", "2026-03-16"))
		if res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
			t.Errorf("a colleague added an absence: %d", res.Status)
		}

		// Known travel times are for those who manage locations.
		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		_ = olga
		olgaTok := f.login(t, "olga@example.nl")
		res = f.get(t, olgaTok, "/agenda/settings")
		wantContains(t, res, "Bekende reistijden", "Nog geen bekende reistijden.")
		res = f.post(t, olgaTok, "/agenda/travel", formOf("from_location_id", f.office, "to_location_id", f.client, "mode", "car", "minutes", "veel"))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="ov_minutes-error">is geen getal</p>`)
		res = f.post(t, olgaTok, "/agenda/travel", formOf("from_location_id", f.office, "to_location_id", f.client, "mode", "car", "minutes", "55", "note", "spits"))
		wantStatus(t, res, http.StatusSeeOther)
		page = f.follow(t, olgaTok, res)
		wantContains(t, page, "De reistijd is opgeslagen.", "Kantoor Zuidas", "Klant Utrecht", "55", "spits")
		checkPage(t, f.srv.I18n, "travel", "nl", page.Body)
		res = f.post(t, f.piaTok, "/agenda/travel", formOf("from_location_id", f.office, "to_location_id", f.client, "mode", "car", "minutes", "5"))
		wantStatus(t, res, http.StatusForbidden)
		id = regexpFind(t, page.Body, `action="/agenda/travel/([^/]+)/delete"`)
		res = f.post(t, olgaTok, "/agenda/travel/"+id+"/delete", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, olgaTok, res), "De reistijd is verwijderd.")
	})
}

const testICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:goed-1@test\r\nDTSTAMP:20260301T100000Z\r\nDTSTART;TZID=Europe/Amsterdam:20260317T100000\r\nDTEND;TZID=Europe/Amsterdam:20260317T110000\r\nSUMMARY:Gesprek notaris\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:fout-1@test\r\nDTSTAMP:20260301T100000Z\r\nDTSTART:20260318T100000Z\r\nDTEND:20260318T090000Z\r\nSUMMARY:Kapot\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

// Import with and without keeping the valid events, the export, and a
// subscription feed that is shown once, answers calendar programs and
// stops when revoked.
func TestAgendaICalendarPages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		res := f.get(t, f.piaTok, "/agenda/ical")
		wantStatus(t, res, http.StatusOK)
		checkPage(t, f.srv.I18n, "ical", "nl", res.Body)

		res = f.upload(t, f.piaTok, "/agenda/import", "file", "afspraken.ics", []byte(testICS), url.Values{"who": {f.pia}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "Er is niets geïmporteerd uit afspraken.ics", "Kapot", "1 afspraak overgeslagen")
		checkPage(t, f.srv.I18n, "import rejected", "nl", res.Body)
		res = f.upload(t, f.piaTok, "/agenda/import", "file", "afspraken.ics", []byte(testICS), url.Values{"who": {f.pia}, "keep_valid": {"1"}})
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "afspraken.ics: 1 toegevoegd, 0 bijgewerkt.")
		res = f.upload(t, f.piaTok, "/agenda/import", "", "", nil, url.Values{"who": {f.pia}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="file-error">kies een iCalendar-bestand (.ics)</p>`)
		week := f.get(t, f.piaTok, "/agenda?date=2026-03-17")
		wantContains(t, week, "Gesprek notaris", "10:00–11:00")
		// Eva may not import into Pia's agenda.
		res = f.upload(t, f.evaTok, "/agenda/import", "file", "afspraken.ics", []byte(testICS), url.Values{"who": {f.pia}, "keep_valid": {"1"}})
		if res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
			t.Errorf("a colleague imported: %d", res.Status)
		}

		res = f.get(t, f.piaTok, "/agenda/export.ics")
		wantStatus(t, res, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") || !strings.Contains(res.Body, "Gesprek notaris") {
			t.Errorf("export %s:\n%s", ct, res.Body)
		}

		f.add(t, f.pia, "Tandarts", ams(2026, 3, 18, 14, 0), ams(2026, 3, 18, 15, 0), private)
		res = f.post(t, f.evaTok, "/agenda/feeds", formOf("who", f.pia, "name", "Pia in Outlook"))
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "U ziet dit adres nu één keer.")
		feed := regexpFind(t, res.Body, `<p class="token" id="new-feed">https?://[^/]+(/agenda/feed/[^<]+\.ics)</p>`)
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Error("the page with the feed address may be cached")
		}
		ics := f.get(t, "", feed)
		wantStatus(t, ics, http.StatusOK)
		if !strings.Contains(ics.Body, "BEGIN:VCALENDAR") || strings.Contains(ics.Body, "Tandarts") || strings.Contains(ics.Body, "Gesprek notaris") {
			t.Errorf("feed for a colleague:\n%s", ics.Body)
		}
		list := f.get(t, f.evaTok, "/agenda/ical")
		wantContains(t, list, "Pia in Outlook", "Pia Principaal")
		wantNotContains(t, list, strings.TrimSuffix(strings.TrimPrefix(feed, "/agenda/feed/"), ".ics"))
		id := regexpFind(t, list.Body, `action="/agenda/feeds/([^/]+)/revoke"`)
		res = f.post(t, f.evaTok, "/agenda/feeds/"+id+"/revoke", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, f.evaTok, res), "Het abonnement is ingetrokken.", "Ingetrokken")
		wantStatus(t, f.get(t, "", feed), http.StatusNotFound)
		wantStatus(t, f.get(t, "", "/agenda/feed/nonsense.ics"), http.StatusNotFound)
	})
}
