package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	"spil/internal/testutil"
)

// withMeetings gives the fixture's server a meetings service.
func withMeetings(t *testing.T, f *fixture, d *db.DB) *meetings.Service {
	t.Helper()
	svc := &meetings.Service{DB: d, Clock: f.clock, Jobs: &jobs.Queue{DB: d, Clock: f.clock}, Agenda: f.srv.Agenda,
		Mail: mail.NoRelay{}, Texts: f.srv.I18n, BaseURL: "https://spil.example.nl"}
	f.srv.Meetings = svc
	return svc
}

func TestMeetingPages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		withMeetings(t, f, d)
		ctx := context.Background()
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		f.person(t, "Olga Buiten", "olga@example.nl")
		if _, err := f.man.Grant(ctx, f.actor(t, pia), pia, mia, authz.Scopes{authz.AgendaEdit, authz.MailSendOnBehalf}); err != nil {
			t.Fatal(err)
		}
		miaT, timT, olgaT := f.login(t, "mia@example.nl"), f.login(t, "tim@example.nl"), f.login(t, "olga@example.nl")

		// A refused form comes back with the messages next to the fields.
		res := f.post(t, miaT, "/meetings", url.Values{"organizer": {pia}, "title": {""}, "date": {"2026-03-12"},
			"start_time": {"10:00"}, "end_time": {"09:00"}, "ext_name": {"Karin"}, "ext_email": {"karin@"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "geef de vergadering een onderwerp", "“karin@” is geen geldig e-mailadres")

		// Without documents.see_confidential she cannot plan a confidential meeting for Pia.
		res = f.post(t, miaT, "/meetings", url.Values{"organizer": {pia}, "title": {"Reorganisatie"}, "date": {"2026-03-12"},
			"start_time": {"10:00"}, "end_time": {"11:00"}, "confidential": {"1"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "uw mandaat dekt de vertrouwelijke zaken van deze opdrachtgever niet")

		res = f.post(t, miaT, "/meetings", url.Values{"organizer": {pia}, "title": {"Kwartaaloverleg"}, "date": {"2026-03-12"},
			"start_time": {"10:00"}, "end_time": {"11:00"}, "attendees": {tim}, "ext_name": {"Karin Klant"},
			"ext_email": {"karin@klant.example.com"}, "location_text": {"Kamer 3"}, "schedule": {"1"}})
		wantStatus(t, res, http.StatusSeeOther)
		id := strings.TrimPrefix(strings.Split(res.Location, "?")[0], "/meetings/")
		page := f.follow(t, miaT, res)
		wantContains(t, page, "Kwartaaloverleg", "Tim Team", "Karin Klant", "gepland", "/meetings/"+id+"/minutes", "Uitnodigingen versturen")

		// Agenda items: over the meeting's length gives a warning.
		wantStatus(t, f.post(t, miaT, "/meetings/"+id+"/items", url.Values{"topic": {"Cijfers"}, "planned_minutes": {"45"}}), http.StatusSeeOther)
		wantStatus(t, f.post(t, miaT, "/meetings/"+id+"/items", url.Values{"topic": {"Rondvraag"}, "planned_minutes": {"30"}}), http.StatusSeeOther)
		page = f.get(t, miaT, "/meetings/"+id)
		wantContains(t, page, "Cijfers", "Rondvraag", "de agenda is te lang")
		wantStatus(t, f.post(t, miaT, "/meetings/"+id+"/items", url.Values{"topic": {""}}), http.StatusUnprocessableEntity)

		// A program dressed up as a PDF is refused; a real PDF is attached.
		res = f.upload(t, miaT, "/meetings/"+id+"/documents", "file", "notulen.pdf", []byte("MZ\x90\x00\x03 this is a program"), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "de inhoud van het bestand past niet bij de naam")
		res = f.upload(t, miaT, "/meetings/"+id+"/documents", "file", "cijfers.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), nil)
		wantStatus(t, res, http.StatusSeeOther)
		page = f.get(t, miaT, "/meetings/"+id)
		wantContains(t, page, "cijfers.pdf")
		// Over 20 MB is refused before it is read whole.
		res = f.upload(t, miaT, "/meetings/"+id+"/documents", "file", "groot.pdf", append([]byte("%PDF-1.7\n"), make([]byte, 22<<20)...), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "een bestand is hoogstens 20 MB")

		// Invitations go out as jobs; without a relay the page says so per attendee.
		wantStatus(t, f.post(t, miaT, "/meetings/"+id+"/send", nil), http.StatusSeeOther)
		page = f.get(t, miaT, "/meetings/"+id)
		wantContains(t, page, "in de wachtrij")

		// The dashboard's checklist.
		dash := f.get(t, miaT, "/")
		wantContains(t, dash, "Voorbereiding vergaderingen", "Kwartaaloverleg", "0 van 2 geantwoord", "Agenda te lang")

		// The external attendee answers through the link in their invitation.
		var payload string
		if err := d.R.QueryRow(`SELECT payload FROM jobs WHERE kind = 'meetings.invitation' AND unique_key LIKE '%' || (SELECT id FROM meeting_attendees WHERE email = 'karin@klant.example.com') || '%'`).Scan(&payload); err != nil {
			t.Fatal(err)
		}
		var p struct{ Token string }
		json.Unmarshal([]byte(payload), &p)
		res = f.get(t, "", "/invitations/"+p.Token)
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Kwartaaloverleg", "Karin Klant")
		res = f.post(t, "", "/invitations/"+p.Token, url.Values{"response": {"accepted"}})
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "uw antwoord is opgeslagen")
		wantStatus(t, f.get(t, "", "/invitations/nonsense"), http.StatusNotFound)

		// The colleague sees and answers; an outsider does not see it.
		wantStatus(t, f.post(t, timT, "/meetings/"+id+"/respond", url.Values{"response": {"declined"}}), http.StatusSeeOther)
		page = f.get(t, miaT, "/meetings/"+id)
		wantContains(t, page, "komt niet", "komt")
		wantStatus(t, f.get(t, olgaT, "/meetings/"+id), http.StatusNotFound)
		wantStatus(t, f.post(t, timT, "/meetings/"+id+"/cancel", nil), http.StatusForbidden)

		// A link's ?problem= shows the services' messages only, not text of the link's maker.
		res = f.get(t, miaT, "/meetings/"+id+"?problem="+url.QueryEscape("Bel direct 0900-1234 om uw account te redden"))
		wantStatus(t, res, http.StatusOK)
		if strings.Contains(res.Body, "0900-1234") {
			t.Fatal("the meeting page shows a problem text made up in the link")
		}
		res = f.get(t, miaT, "/meetings/"+id+"?problem="+url.QueryEscape("the end must be after the start"))
		wantContains(t, res, "het einde moet na het begin liggen")

		// Every meeting page in both languages, without raw keys.
		for _, lang := range i18n.Languages() {
			for _, who := range []string{mia, tim} {
				if _, err := f.org.UpdateProfile(ctx, f.actor(t, who), "", lang); err != nil {
					t.Fatal(err)
				}
			}
			for _, c := range []struct{ token, path string }{
				{miaT, "/meetings"}, {miaT, "/meetings?organizer=" + pia}, {miaT, "/meetings/new"}, {miaT, "/meetings/" + id},
				{miaT, "/meetings/" + id + "/edit"}, {timT, "/meetings/" + id}, {miaT, "/"},
			} {
				res := f.get(t, c.token, c.path)
				wantStatus(t, res, http.StatusOK)
				checkPage(t, f.srv.I18n, fmt.Sprintf("%s %s", lang, c.path), lang, res.Body)
			}
			res := f.post(t, miaT, "/meetings", url.Values{"title": {""}, "suggest": {"1"}, "date": {"2026-03-12"}, "start_time": {"10:00"},
				"end_time": {"11:00"}, "slot_from": {"2026-03-11"}, "slot_days": {"7"}})
			wantStatus(t, res, http.StatusOK)
			checkPage(t, f.srv.I18n, lang+" slots", lang, res.Body)
		}
		_ = agenda.P1
	})
}

// Every audit message of meetings and rooms reads in both languages, and a
// confidential meeting's label is put in the reader's language too.
func TestMeetingAndRoomAuditTexts(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	msgs := []string{"meeting.create", "meeting.answer", "meeting.cancel", "meeting.document_add", "meeting.document_remove",
		"meeting.hold", "meeting.invite", "meeting.item_add", "meeting.item_change", "meeting.item_remove", "meeting.item_move", "meeting.item_to_next",
		"meeting.schedule", "meeting.update", "room.create", "room.update", "room.archive", "room.restore",
		"room_booking.book", "room_booking.cancel", "room_booking.move", "room_booking.approve", "room_booking.reject",
		"room_booking.release", "room_booking.check_in", "room_booking.retitle"}
	for _, lang := range i18n.Languages() {
		p := c.Printer(lang, time.UTC)
		for _, m := range msgs {
			if got := auditText(p, audit.Entry{Message: m, Label: "Rembrandt", Summary: "english fallback"}); got == "english fallback" || strings.Contains(got, "%!") {
				t.Errorf("%s: audit message %q reads %q", lang, m, got)
			}
		}
	}
	nl := c.Printer("nl", time.UTC)
	if got := auditText(nl, audit.Entry{Message: "meeting.create", Label: "confidential meeting"}); got != "Vergadering gepland: vertrouwelijke vergadering" {
		t.Errorf("nl confidential meeting reads %q", got)
	}
}
