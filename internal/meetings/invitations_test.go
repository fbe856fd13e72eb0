package meetings

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/testutil"
)

// parsed is a received message: its headers and its decoded parts by type.
type parsed struct {
	header message.Header
	parts  map[string]string
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	e, err := message.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p := parsed{header: e.Header, parts: map[string]string{}}
	err = e.Walk(func(path []int, part *message.Entity, err error) error {
		if err != nil {
			return err
		}
		if part.MultipartReader() != nil {
			return nil
		}
		typ, _, _ := part.Header.ContentType()
		b, err := io.ReadAll(part.Body)
		if err != nil {
			return err
		}
		p.parts[typ] += string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var answerLink = regexp.MustCompile(`https://spil\.example\.nl/invitations/([A-Za-z0-9_-]+)`)

func TestInvitationsRoundTrip(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		srv := mailtest.Start(t, mailtest.Options{})
		f := newFixture(t, d, mail.NewSMTP(srv.Config(t)))
		m := f.meeting(t)

		// Without mail.send_on_behalf the preparer may not send.
		_, err := f.svc.SendInvitations(ctx, f.actor(t, f.maNoMail), m.ID)
		wantKind(t, err, apperr.Forbidden)

		n, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID)
		if err != nil || n != 2 {
			t.Fatalf("SendInvitations = %d, %v", n, err)
		}
		got, _ := f.svc.Get(ctx, f.actor(t, f.ma), m.ID)
		if got.Status != Scheduled || got.AppointmentID == "" || got.Attendees[1].Mail.State != MailQueued {
			t.Fatalf("after sending: status %s, appointment %q, mail %+v", got.Status, got.AppointmentID, got.Attendees[1].Mail)
		}
		// Sending again without a change adds nothing.
		if n, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID); err != nil || n != 0 {
			t.Fatalf("second send = %d, %v", n, err)
		}
		if _, err := f.runner.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		msgs := srv.Messages()
		if len(msgs) != 2 {
			t.Fatalf("%d messages, want 2", len(msgs))
		}
		var token string
		for _, r := range msgs {
			p := parse(t, r.Data)
			if from := p.header.Get("From"); !strings.Contains(from, f.email(t, f.boss)) {
				t.Errorf("From = %q, want the principal", from)
			}
			if snd := p.header.Get("Sender"); !strings.Contains(snd, f.email(t, f.ma)) {
				t.Errorf("Sender = %q, want the assistant", snd)
			}
			cal := p.parts["text/calendar"]
			if !strings.Contains(cal, "METHOD:REQUEST") || !strings.Contains(cal, "UID:"+m.UID) || strings.Contains(cal, "SEQUENCE:1") {
				t.Errorf("calendar part:\n%s", cal)
			}
			if !strings.Contains(cal, "SENT-BY=") {
				t.Errorf("no SENT-BY in calendar:\n%s", cal)
			}
			sub := answerLink.FindStringSubmatch(p.parts["text/plain"])
			if sub == nil {
				t.Fatalf("no answer link in text:\n%s", p.parts["text/plain"])
			}
			if r.To[0] == "karin@klant.example.com" {
				token = sub[1]
			}
		}
		got, _ = f.svc.Get(ctx, f.actor(t, f.boss), m.ID)
		for _, a := range got.Attendees {
			if a.Mail.State != MailSent || a.Mail.SentAt == nil {
				t.Fatalf("mail of %s: %+v", a.Name, a.Mail)
			}
		}

		// The external attendee answers through the link, not logged in.
		inv, err := f.svc.InvitationByToken(ctx, token)
		if err != nil || inv.AttendeeName != "Karin Klant" || inv.MeetingTitle != "Kwartaaloverleg" {
			t.Fatalf("InvitationByToken = %+v, %v", inv, err)
		}
		if err := f.svc.AnswerByToken(ctx, token, Tentative); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.svc.AnswerByToken(ctx, token, "maybe"), apperr.Invalid)
		wantKind(t, f.svc.AnswerByToken(ctx, "not-a-token", Accepted), apperr.NotFound)
		// The colleague answers on the meeting page.
		if err := f.svc.Answer(ctx, f.actor(t, f.emp), m.ID, Accepted); err != nil {
			t.Fatal(err)
		}
		got, _ = f.svc.Get(ctx, f.actor(t, f.boss), m.ID)
		if got.Attendees[0].Response != Accepted || got.Attendees[1].Response != Tentative {
			t.Fatalf("answers: %+v", got.Attendees)
		}
		ap, err := f.svc.Agenda.Get(ctx, f.actor(t, f.emp), got.AppointmentID)
		if err != nil || len(ap.Attendees) != 2 || ap.Attendees[0].Response != "accepted" {
			t.Fatalf("the agenda item does not show the answer: %+v, %v", ap.Attendees, err)
		}

		// A new time: sequence 1, an updated invitation to both.
		in := inputOf(got)
		in.Start, in.End = at(2026, 11, 5, 14, 0), at(2026, 11, 5, 15, 0)
		upd, err := f.svc.Update(ctx, f.actor(t, f.ma), m.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if upd.Sequence != 1 || upd.InvitedSequence == nil || *upd.InvitedSequence != 1 {
			t.Fatalf("after update: sequence %d invited %v", upd.Sequence, upd.InvitedSequence)
		}
		if upd.Attendees[1].Response != Tentative {
			t.Fatal("an attendee who stays lost their answer")
		}
		f.runner.RunDue(ctx)
		msgs = srv.Messages()
		if len(msgs) != 4 {
			t.Fatalf("%d messages after the update, want 4", len(msgs))
		}
		p := parse(t, msgs[3].Data)
		if !strings.Contains(p.parts["text/calendar"], "SEQUENCE:1") || !strings.Contains(p.parts["text/calendar"], "METHOD:REQUEST") {
			t.Fatalf("update calendar:\n%s", p.parts["text/calendar"])
		}
		// The first link is replaced by the newest.
		wantKind(t, f.svc.AnswerByToken(ctx, token, Accepted), apperr.NotFound)

		// The agenda item follows the meeting.
		ap, err = f.svc.Agenda.Get(ctx, f.actor(t, f.boss), upd.AppointmentID)
		if err != nil || !ap.Start.Equal(in.Start) {
			t.Fatalf("agenda item %+v, %v", ap.Start, err)
		}

		// Cancelling sends METHOD:CANCEL with a raised sequence.
		if err := f.svc.Cancel(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		msgs = srv.Messages()
		if len(msgs) != 6 {
			t.Fatalf("%d messages after cancelling, want 6", len(msgs))
		}
		p = parse(t, msgs[5].Data)
		if cal := p.parts["text/calendar"]; !strings.Contains(cal, "METHOD:CANCEL") || !strings.Contains(cal, "SEQUENCE:2") {
			t.Fatalf("cancel calendar:\n%s", cal)
		}
		ap, _ = f.svc.Agenda.Get(ctx, f.actor(t, f.boss), upd.AppointmentID)
		if ap.Status != "cancelled" {
			t.Fatalf("agenda item status %s after cancel", ap.Status)
		}
	})
}

func inputOf(m Meeting) Input {
	in := Input{Title: m.Title, Description: m.Description, OrganizerID: m.OrganizerID, PreparerID: m.PreparerID,
		Start: m.Start, End: m.End, TimeZone: m.TimeZone, RoomID: m.RoomID, LocationText: m.LocationText,
		OnlineURL: m.OnlineURL, Confidential: m.Confidential}
	for _, a := range m.Attendees {
		in.Attendees = append(in.Attendees, AttendeeInput{PersonID: a.PersonID, Name: a.Name, Email: a.Email, Optional: !a.Required})
	}
	return in
}

func TestUnreachableRelayRetriesThenFails(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		cfg, err := mail.ParseURL("smtp://127.0.0.1:1?timeout=2s")
		if err != nil {
			t.Fatal(err)
		}
		f := newFixture(t, d, mail.NewSMTP(cfg))
		m := f.meeting(t)
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		got, _ := f.svc.Get(ctx, f.actor(t, f.ma), m.ID)
		a := got.Attendees[1]
		if a.Mail.State != MailRetrying || a.Mail.Error == "" || a.Mail.NextTry == nil {
			t.Fatalf("after one try: %+v", a.Mail)
		}
		for i := 0; i < 6; i++ {
			f.clock.Advance(7 * time.Hour)
			f.runner.RunDue(ctx)
		}
		got, _ = f.svc.Get(ctx, f.actor(t, f.ma), m.ID)
		for _, a := range got.Attendees {
			if a.Mail.State != MailFailed || !strings.Contains(a.Mail.Error, "127.0.0.1:1") || a.Mail.Attempts != 6 {
				t.Fatalf("after all tries: %+v", a.Mail)
			}
		}
		// Sending again retries the failed ones.
		n, err := f.svc.SendInvitations(ctx, f.actor(t, f.ma), m.ID)
		if err != nil || n != 2 {
			t.Fatalf("resend = %d, %v", n, err)
		}
	})
}

func TestNoRelayAndRefusedMailbox(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, mail.NoRelay{})
		m := f.meeting(t)
		if _, err := f.svc.SendInvitations(ctx, f.actor(t, f.boss), m.ID); err != nil {
			t.Fatal(err)
		}
		f.runner.RunDue(ctx)
		got, _ := f.svc.Get(ctx, f.actor(t, f.boss), m.ID)
		if a := got.Attendees[0]; a.Mail.State != MailRetrying || !strings.Contains(a.Mail.Error, "no mail relay configured") {
			t.Fatalf("no relay: %+v", a.Mail)
		}

		srv := mailtest.Start(t, mailtest.Options{Refuse: map[string]int{"karin@klant.example.com": 550}})
		f2 := newFixture(t, testutil.NewSQLite(t), mail.NewSMTP(srv.Config(t)))
		m2 := f2.meeting(t)
		if _, err := f2.svc.SendInvitations(ctx, f2.actor(t, f2.boss), m2.ID); err != nil {
			t.Fatal(err)
		}
		f2.runner.RunDue(ctx)
		got, _ = f2.svc.Get(ctx, f2.actor(t, f2.boss), m2.ID)
		if a := got.Attendees[1]; a.Mail.State != MailFailed || !strings.Contains(a.Mail.Error, "550") || a.Mail.Attempts != 1 {
			t.Fatalf("refused mailbox: %+v", a.Mail)
		}
		// From the principal personally: no Sender header.
		p := parse(t, srv.Messages()[0].Data)
		if p.header.Get("Sender") != "" {
			t.Fatalf("Sender %q on the principal's own mail", p.header.Get("Sender"))
		}
	})
}
