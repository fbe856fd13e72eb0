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
	"spil/internal/mail/mailtest"
	"spil/internal/minutes"
	"spil/internal/testutil"
)

// The dashboard's action-items card lists one's own open items with the
// overdue ones marked, and gives an assistant their principals' overdue
// count; a reminder the relay refused for good shows next to its item on
// /actions.
func TestActionItemsCardAndRefusedReminders(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ms := withMeetings(t, f, d)
		relay := mailtest.Start(t, mailtest.Options{Refuse: map[string]int{"karin@klant.example.com": 550}})
		q := &jobs.Queue{DB: d, Clock: f.clock}
		f.srv.Minutes = &minutes.Service{DB: d, Clock: f.clock, Jobs: q, Meetings: ms,
			Mail: mail.NewSMTP(relay.Config(t)), Texts: f.srv.I18n, BaseURL: "https://spil.example.nl"}
		runner := jobs.NewRunner(q)
		f.srv.Minutes.RegisterJobs(runner)
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		f.person(t, "Olga Buiten", "olga@example.nl")
		d.W.Exec(`UPDATE people SET language = 'en' WHERE id = $1`, tim)
		if _, err := f.man.Grant(t.Context(), f.actor(t, pia), pia, mia, authz.Scopes{authz.AgendaEdit}); err != nil {
			t.Fatal(err)
		}
		miaT := f.login(t, "mia@example.nl")
		// Before anything: the assistant sees an empty card, Olga none at all.
		page := f.get(t, miaT, "/")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, `id="h-actions"`, "Je hebt geen open actiepunten.", "Geen actiepunten van je principalen over tijd.")
		wantNotContains(t, f.get(t, f.login(t, "olga@example.nl"), "/"), `id="h-actions"`)

		res := f.post(t, miaT, "/meetings", url.Values{"organizer": {pia}, "title": {"Kwartaaloverleg"}, "date": {"2026-03-12"},
			"start_time": {"10:00"}, "end_time": {"11:00"}, "attendees": {tim}, "location_text": {"Kamer 3"}, "schedule": {"1"}})
		wantStatus(t, res, http.StatusSeeOther)
		id := strings.TrimPrefix(strings.Split(res.Location, "?")[0], "/meetings/")
		res = f.post(t, miaT, "/meetings/"+id+"/minutes", url.Values{"version": {"0"},
			"action_id": {"", "", ""}, "action_title": {"Offerte opvragen", "Contract sturen", "Zaal boeken"}, "action_owner": {tim, "", tim},
			"action_owner_name": {"", "Karin", ""}, "action_owner_email": {"", "karin@klant.example.com", ""},
			"action_due": {"2026-03-20", "2026-03-20", "2026-04-30"}, "action_item": {"", "", ""}})
		wantStatus(t, res, http.StatusSeeOther)

		// Monday 23 March: both reminders of the 20th went out; Karin's address is refused.
		f.clock.Advance(time.Date(2026, 3, 23, 11, 0, 0, 0, time.UTC).Sub(f.clock.Now()))
		if _, err := runner.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		miaT, timT := f.login(t, "mia@example.nl"), f.login(t, "tim@example.nl")
		page = f.get(t, timT, "/")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Action items", "2 open action items", "1 action item is overdue", `class="overdue"`, "Offerte opvragen", "Zaal boeken",
			"/meetings/"+id+"/minutes")
		wantNotContains(t, page, "Contract sturen")
		page = f.get(t, miaT, "/")
		wantContains(t, page, "Pia Principaal: 2 actiepunten over tijd", "/actions?for="+pia+"&amp;status=open")

		page = f.get(t, miaT, "/actions?for="+pia)
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Herinnering van", "niet bezorgd", "550")
		if strings.Count(page.Body, "niet bezorgd") != 1 {
			t.Errorf("want one failed reminder (Karin's), got %d", strings.Count(page.Body, "niet bezorgd"))
		}
		// The minutes show it at the item too.
		page = f.get(t, miaT, "/meetings/"+id+"/minutes")
		wantStatus(t, page, http.StatusOK)
		if strings.Count(page.Body, "niet bezorgd") != 1 || !strings.Contains(page.Body, "550") {
			t.Errorf("the minutes page does not mark Karin's refused reminder once")
		}
		wantContains(t, f.get(t, timT, "/actions"), "Offerte opvragen")
		wantNotContains(t, f.get(t, timT, "/actions"), "not delivered")
	})
}
