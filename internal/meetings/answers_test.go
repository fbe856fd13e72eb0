package meetings

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
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

// The answer link works only while it can mean something: not for an
// attendee taken off the meeting, not once the meeting is over, and for a
// cancelled meeting it says so instead of taking an answer.
func TestAnswerLinkLimits(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, mail.NoRelay{})
		m := f.meeting(t)
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		karin, erik := f.tokenOf(t, "karin@klant.example.com"), f.tokenOf(t, f.email(t, f.emp))
		got, _ := f.svc.Get(ctx, f.actor(t, f.ma), m.ID)
		in := inputOf(got)
		in.Attendees = in.Attendees[:1]
		if _, err := f.svc.Update(ctx, f.actor(t, f.ma), m.ID, in); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.InvitationByToken(ctx, karin)
		wantKind(t, err, apperr.NotFound)
		wantKind(t, f.svc.AnswerByToken(ctx, karin, Accepted), apperr.NotFound)

		erik = f.tokenOf(t, f.email(t, f.emp)) // the update carried a new link
		f.clock.Advance(4 * 24 * time.Hour)    // Friday 6 November: the meeting was yesterday
		wantKind(t, f.svc.AnswerByToken(ctx, erik, Accepted), apperr.Conflict)

		next, err := f.svc.PlanNext(ctx, f.actor(t, f.ma), m.ID, NextInput{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), next.ID); err != nil {
			t.Fatal(err)
		}
		var tok string
		var payload string
		if err := d.R.QueryRow(`SELECT j.payload FROM jobs j JOIN meeting_attendees a ON a.mail_key = j.unique_key WHERE a.meeting_id = $1 AND a.person_id = $2`,
			next.ID, f.emp).Scan(&payload); err != nil {
			t.Fatal(err)
		}
		var p invitationPayload
		json.Unmarshal([]byte(payload), &p)
		tok = p.Token
		if err := f.svc.Cancel(ctx, f.actor(t, f.ma), next.ID); err != nil {
			t.Fatal(err)
		}
		inv, err := f.svc.InvitationByToken(ctx, tok)
		if err != nil || !inv.Cancelled {
			t.Fatalf("the cancelled meeting's link shows %+v, %v", inv, err)
		}
		wantKind(t, f.svc.AnswerByToken(ctx, tok, Accepted), apperr.Conflict)
	})
}

// An attendee taken off before their invitation went out gets nothing: the
// queued invitation is dropped and there is nothing to cancel.
func TestRemovedBeforeSendingGetsNothing(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		srv := mailtest.Start(t, mailtest.Options{})
		f := newFixture(t, d, mail.NewSMTP(srv.Config(t)))
		m := f.meeting(t)
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.Get(ctx, f.actor(t, f.ma), m.ID)
		in := inputOf(got)
		in.Attendees = in.Attendees[:1]
		if _, err := f.svc.Update(ctx, f.actor(t, f.ma), m.ID, in); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		for _, r := range srv.Messages() {
			if r.To[0] == "karin@klant.example.com" {
				t.Fatalf("the removed attendee got:\n%s", r.Data)
			}
		}
	})
}
