package meetings

import (
	"encoding/json"
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/testutil"
)

// tokenOf returns the answer link's secret in the newest invitation to the
// attendee with address email.
func (f *fixture) tokenOf(t *testing.T, email string) string {
	t.Helper()
	var payload string
	err := f.db.R.QueryRow(`SELECT payload FROM jobs WHERE kind = 'meetings.invitation' AND unique_key =
		(SELECT mail_key FROM meeting_attendees WHERE email = $1)`, email).Scan(&payload)
	if err != nil {
		t.Fatal(err)
	}
	var p invitationPayload
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.Token == "" {
		t.Fatalf("payload %s: %v", payload, err)
	}
	return p.Token
}

// An answer through the link in the invitation shows on the organizer's
// agenda item as an answer on the meeting page does — the colleague's and
// the external attendee's — and is recorded as spil acting for the
// colleague.
func TestAnswerByLinkReachesTheAgenda(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, mail.NoRelay{})
		m := f.meeting(t)
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AnswerByToken(ctx, f.tokenOf(t, f.email(t, f.emp)), Declined); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AnswerByToken(ctx, f.tokenOf(t, "karin@klant.example.com"), Tentative); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.Get(ctx, f.actor(t, f.boss), m.ID)
		ap, err := f.svc.Agenda.Get(ctx, f.actor(t, f.boss), got.AppointmentID)
		if err != nil {
			t.Fatal(err)
		}
		answers := map[string]string{}
		for _, a := range ap.Attendees {
			k := a.PersonID
			if k == "" {
				k = a.Email
			}
			answers[k] = a.Response
		}
		if answers[f.emp] != "declined" || answers["karin@klant.example.com"] != "tentative" {
			t.Fatalf("the agenda item's answers: %+v", ap.Attendees)
		}
		var actor, onBehalf string
		if err := d.R.QueryRow(`SELECT actor_name, COALESCE(on_behalf_of, '') FROM audit_log WHERE message = 'meeting.answer' ORDER BY at, id LIMIT 1`).
			Scan(&actor, &onBehalf); err != nil {
			t.Fatal(err)
		}
		if actor != "answer link" || onBehalf != f.emp {
			t.Fatalf("the answer is recorded by %q for %q, want the answer link for the colleague", actor, onBehalf)
		}
	})
}

// An attendee taken off a meeting they were invited to gets a cancellation
// (METHOD:CANCEL) addressed to them alone; those who stay get the update.
func TestRemovedAttendeeGetsACancellation(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		srv := mailtest.Start(t, mailtest.Options{})
		f := newFixture(t, d, mail.NewSMTP(srv.Config(t)))
		m := f.meeting(t)
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		got, _ := f.svc.Get(ctx, f.actor(t, f.ma), m.ID)
		in := inputOf(got)
		in.Attendees = in.Attendees[:1] // Karin Klant is off
		if _, err := f.svc.Update(ctx, f.actor(t, f.ma), m.ID, in); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		msgs := srv.Messages()
		if len(msgs) != 4 {
			t.Fatalf("%d messages, want 2 invitations, 1 update and 1 cancellation", len(msgs))
		}
		var cancel, update int
		for _, r := range msgs[2:] {
			cal := parse(t, r.Data).parts["text/calendar"]
			switch {
			case strings.Contains(cal, "METHOD:CANCEL"):
				cancel++
				if len(r.To) != 1 || r.To[0] != "karin@klant.example.com" || !strings.Contains(cal, "UID:"+m.UID) ||
					!strings.Contains(cal, "SEQUENCE:1") || strings.Contains(cal, f.email(t, f.emp)) {
					t.Errorf("cancellation to %v:\n%s", r.To, cal)
				}
			case strings.Contains(cal, "METHOD:REQUEST"):
				update++
				if r.To[0] == "karin@klant.example.com" {
					t.Errorf("the removed attendee got the update")
				}
			}
		}
		if cancel != 1 || update != 1 {
			t.Fatalf("%d cancellations and %d updates", cancel, update)
		}
	})
}

// Line breaks typed into a title or an external attendee's name never make
// headers of their own in the invitation.
func TestInvitationHeadersTakeNoInjection(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		srv := mailtest.Start(t, mailtest.Options{})
		f := newFixture(t, d, mail.NewSMTP(srv.Config(t)))
		m, err := f.svc.Create(ctx, f.actor(t, f.boss), Input{
			Title: "Overleg\r\nBcc: spion@evil.example", Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0),
			Attendees: []AttendeeInput{{Name: "Karin\r\nBcc: spion@evil.example", Email: "karin@klant.example.com"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.boss), m.ID); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		msgs := srv.Messages()
		if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "karin@klant.example.com" {
			t.Fatalf("messages: %+v", msgs)
		}
		p := parse(t, msgs[0].Data)
		if p.header.Get("Bcc") != "" || strings.Contains(string(msgs[0].Data), "\r\nBcc:") {
			t.Fatalf("an injected header:\n%s", msgs[0].Data)
		}
	})
}
