package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/minutes"
	"spil/internal/testutil"
)

func TestMinutesAndActionPages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ms := withMeetings(t, f, d)
		f.srv.Minutes = &minutes.Service{DB: d, Clock: f.clock, Jobs: &jobs.Queue{DB: d, Clock: f.clock}, Meetings: ms,
			Mail: mail.NoRelay{}, Texts: f.srv.I18n, BaseURL: "https://spil.example.nl"}
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		f.person(t, "Olga Buiten", "olga@example.nl")
		d.W.Exec(`UPDATE people SET language = 'en' WHERE id = $1`, tim)
		if _, err := f.man.Grant(t.Context(), f.actor(t, pia), pia, mia, authz.Scopes{authz.AgendaEdit}); err != nil {
			t.Fatal(err)
		}
		miaT, timT, olgaT := f.login(t, "mia@example.nl"), f.login(t, "tim@example.nl"), f.login(t, "olga@example.nl")
		res := f.post(t, miaT, "/meetings", url.Values{"organizer": {pia}, "title": {"Kwartaaloverleg"}, "date": {"2026-03-12"},
			"start_time": {"10:00"}, "end_time": {"11:00"}, "attendees": {tim}, "location_text": {"Kamer 3"}, "schedule": {"1"}})
		wantStatus(t, res, http.StatusSeeOther)
		id := strings.TrimPrefix(strings.Split(res.Location, "?")[0], "/meetings/")
		minURL := "/meetings/" + id + "/minutes"

		page := f.get(t, miaT, minURL)
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Notulen: Kwartaaloverleg", "Notulen maken", `name="action_title"`, "Tim Team")

		// A refused save comes back with the message at the row.
		form := url.Values{"version": {"0"}, "notes": {"Iedereen was er. Café-kosten besproken: € 250."}, "decisions": {"Budget akkoord"},
			"action_id": {"", ""}, "action_title": {"Offerte opvragen", "Contract sturen"}, "action_owner": {tim, ""},
			"action_owner_name": {"", "Karin"}, "action_owner_email": {"", "karin@"}, "action_due": {"2026-03-20", "2026-03-20"}, "action_item": {"", ""}}
		res = f.post(t, miaT, minURL, form)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "Geef het e-mailadres van iemand buiten de organisatie", `id="a1-oemail-error"`, "Café-kosten")
		form.Set("action_owner_email", "")
		form["action_owner_email"] = []string{"", "karin@klant.example.com"}
		res = f.post(t, miaT, minURL, form)
		wantStatus(t, res, http.StatusSeeOther)
		page = f.follow(t, miaT, res)
		wantContains(t, page, "De notulen zijn opgeslagen", "Offerte opvragen", "Karin", "Versie 1")

		// The attendee reads them in English, without the form; others get 404.
		page = f.get(t, timT, minURL)
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Minutes: Kwartaaloverleg", "Budget akkoord", "Offerte opvragen", "Close")
		wantNotContains(t, page, "Write the minutes", "Approve and send")
		wantStatus(t, f.get(t, olgaT, minURL), http.StatusNotFound)
		wantStatus(t, f.post(t, timT, minURL, form), http.StatusForbidden)

		// Approval waits for the meeting to have taken place.
		res = f.post(t, miaT, minURL+"/approve", nil)
		wantStatus(t, res, http.StatusConflict)
		wantContains(t, res, "Het overleg is nog niet begonnen")
		f.clock.Advance(72 * time.Hour)
		miaT, timT, olgaT = f.login(t, "mia@example.nl"), f.login(t, "tim@example.nl"), f.login(t, "olga@example.nl")
		res = f.post(t, miaT, minURL+"/approve", nil)
		wantStatus(t, res, http.StatusSeeOther)
		page = f.follow(t, miaT, res)
		wantContains(t, page, "goedgekeurd en worden naar de deelnemers gestuurd", "Deze notulen zijn definitief", "Verzonden aan", "tim@example.nl", "Versie 2")
		wantNotContains(t, page, "Notulen maken")
		form.Set("version", "1")
		res = f.post(t, miaT, minURL, form)
		wantStatus(t, res, http.StatusConflict)
		wantContains(t, res, "Deze notulen zijn goedgekeurd")

		pdf := f.get(t, timT, minURL+".pdf")
		wantStatus(t, pdf, http.StatusOK)
		if pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") || !strings.Contains(pdf.Header.Get("Content-Disposition"), "minutes-2026-03-12-kwartaaloverleg.pdf") {
			t.Errorf("pdf: %v %q", pdf.Header, pdf.Body[:8])
		}
		wantStatus(t, f.get(t, olgaT, minURL+".pdf"), http.StatusNotFound)

		// Action items: the owner's list, overdue, closed from the list.
		f.clock.Advance(10 * 24 * time.Hour)
		miaT, timT, olgaT = f.login(t, "mia@example.nl"), f.login(t, "tim@example.nl"), f.login(t, "olga@example.nl")
		page = f.get(t, timT, "/actions")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Offerte opvragen", "overdue", "1 action item is overdue", minURL)
		wantNotContains(t, page, "Contract sturen")
		var itemID string
		d.R.QueryRow(`SELECT id FROM action_items WHERE title = 'Offerte opvragen'`).Scan(&itemID)
		res = f.post(t, timT, "/actions/"+itemID+"/close", url.Values{"back": {"/actions?status=open"}})
		wantStatus(t, res, http.StatusSeeOther)
		if !strings.HasPrefix(res.Location, "/actions?") || !strings.Contains(res.Location, "done=action_closed") {
			t.Errorf("back to %q", res.Location)
		}
		wantContains(t, f.get(t, timT, "/actions?status=done"), "Offerte opvragen", "Reopen")
		// Somewhere else than spil is never a way back.
		res = f.post(t, timT, "/actions/"+itemID+"/reopen", url.Values{"back": {"//evil.example.com/"}})
		wantStatus(t, res, http.StatusSeeOther)
		if !strings.HasPrefix(res.Location, "/actions") {
			t.Errorf("back to %q", res.Location)
		}

		// The assistant sees the principal's items, Dutch; others may not.
		page = f.get(t, miaT, "/actions?for="+pia)
		wantContains(t, page, "Offerte opvragen", "Contract sturen", "te laat", "Afronden")
		wantStatus(t, f.get(t, olgaT, "/actions?for="+pia), http.StatusForbidden)
		// Without a choice, the assistant starts with the principal she works for.
		wantContains(t, f.get(t, miaT, "/actions"), "Contract sturen")
		wantStatus(t, f.post(t, olgaT, "/actions/"+itemID+"/close", nil), http.StatusNotFound)
	})
}
