package minutes

import (
	"context"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/mail"
	"spil/internal/testutil"
)

// A confidential meeting's open items are carried into the next meeting of
// its series only for those who may see the confidential meeting: an
// assistant with agenda.see alone reads the next (open) meeting's minutes
// without them; an attendee of both sees them.
func TestCarriedItemsOfAConfidentialMeetingStayWithThoseWhoMaySeeIt(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		first := f.meeting(t, "Reorganisatie 1", start.Add(-7*24*time.Hour), "serie-r")
		second := f.meeting(t, "Teamoverleg 2", start.Add(-time.Hour), "serie-r")
		if _, err := d.W.Exec(`UPDATE meetings SET confidential = TRUE, preparer_id = NULL WHERE id = $1`, first.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Record(ctx, f.actor(t, f.boss), first.ID, Input{Actions: []ActionInput{
			{Title: "Geheim ontslagplan", OwnerID: f.emp, DueOn: "2026-11-20"},
		}}); err != nil {
			t.Fatal(err)
		}
		v, err := f.svc.Get(ctx, f.actor(t, f.maSee), second.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Carried) != 0 {
			t.Errorf("the assistant without documents.see_confidential sees %v carried from the confidential meeting", titles(v.Carried))
		}
		v, err = f.svc.Get(ctx, f.actor(t, f.emp), second.ID)
		if err != nil || len(v.Carried) != 1 {
			t.Errorf("the attendee of both sees %v carried (%v), want the item", titles(v.Carried), err)
		}
	})
}

// An assistant acting for an item's owner may not read or change an item
// of a confidential meeting without documents.see_confidential: to them it
// does not exist (NotFound, not Forbidden, and nothing of it is returned).
func TestAnAssistantCannotReachAConfidentialMeetingsItemOutsideTheMandate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		conf := f.meeting(t, "Reorganisatie", start.Add(-time.Hour), "")
		if _, err := d.W.Exec(`UPDATE meetings SET confidential = TRUE, preparer_id = NULL WHERE id = $1`, conf.ID); err != nil {
			t.Fatal(err)
		}
		min, err := f.svc.Record(ctx, f.actor(t, f.boss), conf.ID, Input{Actions: []ActionInput{
			{Title: "Geheim ontslagplan", OwnerID: f.boss, DueOn: "2026-11-20"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		id := min.Actions[0].ID
		done := Done
		got, err := f.svc.UpdateAction(ctx, f.actor(t, f.ma), id, ActionUpdate{Status: &done})
		wantKind(t, err, apperr.NotFound)
		if got.Title != "" || got.MeetingTitle != "" {
			t.Errorf("the refusal returned %+v", got)
		}
		_, err = f.svc.UpdateAction(ctx, f.actor(t, f.maSee), id, ActionUpdate{Status: &done})
		wantKind(t, err, apperr.NotFound)
		var st string
		d.R.QueryRow(`SELECT status FROM action_items WHERE id = $1`, id).Scan(&st)
		if st != Open {
			t.Fatalf("the item is %s", st)
		}
		// With documents.see_confidential the assistant does follow it up.
		if _, err := d.W.Exec(`UPDATE mandates SET scopes = 'agenda.see agenda.edit documents.see_confidential' WHERE assistant_id = $1`, f.ma); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.UpdateAction(ctx, f.actor(t, f.ma), id, ActionUpdate{Status: &done}); err != nil {
			t.Fatal(err)
		}
	})
}

// A principal's item from someone else's confidential meeting is not on
// their assistant's list: the mandate the principal gave does not open a
// meeting whose organizer made it confidential (the meetings module's rule).
func TestAPrincipalsItemOfAnothersConfidentialMeetingIsNotOnTheAssistantsList(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		conf := f.meeting(t, "Reorganisatie", start.Add(-time.Hour), "")
		if _, err := d.W.Exec(`UPDATE meetings SET confidential = TRUE, preparer_id = NULL, organizer_id = $1 WHERE id = $2`, f.other, conf.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Record(ctx, f.actor(t, f.other), conf.ID, Input{Actions: []ActionInput{
			{Title: "Geheim ontslagplan", OwnerID: f.boss, DueOn: "2026-11-20"},
		}}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`UPDATE mandates SET scopes = 'agenda.see agenda.edit documents.see_confidential' WHERE assistant_id = $1`, f.ma); err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.ListActions(ctx, f.actor(t, f.ma), ActionFilter{For: f.boss, Status: "all"})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 0 {
			t.Errorf("the assistant sees %v of another's confidential meeting", titles(list))
		}
		// The principal themself sees their own item.
		mine, _ := f.svc.ListActions(ctx, f.actor(t, f.boss), ActionFilter{})
		if len(mine) != 1 {
			t.Errorf("the owner sees %v", titles(mine))
		}
	})
}

// Line breaks in an action item's title or an outsider's name never make
// headers of their own in a reminder.
func TestAReminderCannotBeMadeToCarryExtraHeaders(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		min, err := f.svc.Record(ctx, f.actor(t, f.boss), m.ID, Input{Actions: []ActionInput{
			{Title: "Offerte\r\nBcc: spion@evil.example.com", OwnerName: "Kees\r\nCc: spion@evil.example.com", OwnerEmail: "kees@extern.example.org", DueOn: "2026-11-13"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SendReminder(ctx, min.Actions[0].ID, "2026-11-13", StageBefore, f.clock.Now()); err != nil {
			t.Fatal(err)
		}
		ms := f.smtp.Messages()
		if len(ms) != 1 {
			t.Fatalf("%d mails", len(ms))
		}
		head, _, _ := strings.Cut(string(ms[0].Data), "\r\n\r\n")
		for _, line := range strings.Split(head, "\r\n") {
			if l := strings.ToLower(line); strings.HasPrefix(l, "bcc:") || strings.HasPrefix(l, "cc:") {
				t.Errorf("header %q made from the item", line)
			}
		}
		if len(ms[0].To) != 1 || ms[0].To[0] != "kees@extern.example.org" {
			t.Errorf("sent to %v", ms[0].To)
		}
		// Titles and names are one line, also in the body and on the page.
		if a := min.Actions[0]; a.Title != "Offerte Bcc: spion@evil.example.com" || a.OwnerName != "Kees Cc: spion@evil.example.com" {
			t.Errorf("stored %q, %q", a.Title, a.OwnerName)
		}
		for _, line := range strings.Split(string(ms[0].Data), "\r\n") {
			if strings.HasPrefix(line, "Bcc:") || strings.HasPrefix(line, "Cc:") {
				t.Errorf("a line %q in the reminder", line)
			}
		}
	})
}

// stopAfterSend delivers through next, then ends the context — as when the
// app is stopped (or the job's lease runs out) right after the relay
// accepted a reminder.
type stopAfterSend struct {
	next   mail.Sender
	cancel context.CancelFunc
}

func (s stopAfterSend) Send(ctx context.Context, m mail.Message) error {
	err := s.next.Send(ctx, m)
	s.cancel()
	return err
}

// A reminder the relay accepted is recorded even when the app stops at that
// moment, so the job run again after the restart sends nothing twice.
func TestAReminderSentJustBeforeAStopIsNotSentAgain(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		item := f.record(t, m, "2026-11-13").Actions[0]
		runCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		f.svc.Mail = stopAfterSend{next: mail.NewSMTP(f.smtp.Config(t)), cancel: cancel}
		at := time.Date(2026, 11, 11, 7, 0, 0, 0, time.UTC)
		first := f.svc.SendReminder(runCtx, item.ID, "2026-11-13", StageBefore, at)
		// After the restart the job runs again.
		f.svc.Mail = mail.NewSMTP(f.smtp.Config(t))
		if err := f.svc.SendReminder(ctx, item.ID, "2026-11-13", StageBefore, at); err != nil {
			t.Fatal(err)
		}
		if n := len(f.mails(t)); n != 1 {
			t.Fatalf("%d reminders mailed, want 1 (the first run said %v)", n, first)
		}
	})
}

// Only the organizer, or an assistant acting for them with agenda.edit
// (and documents.see_confidential for a confidential meeting), approves:
// not a preparer with agenda.see only, not an attendee, not the preparer of
// a confidential meeting whose mandate lacks the confidential scope.
func TestOnlyThoseAllowedApproveTheMinutes(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		f.record(t, m, "2026-11-20")
		if _, err := d.W.Exec(`UPDATE meetings SET preparer_id = $1 WHERE id = $2`, f.maSee, m.ID); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{f.maSee, f.emp} {
			_, err := f.svc.Approve(ctx, f.actor(t, who), m.ID)
			wantKind(t, err, apperr.Forbidden)
		}
		_, err := f.svc.Approve(ctx, f.actor(t, f.other), m.ID)
		wantKind(t, err, apperr.NotFound)

		conf := f.meeting(t, "Reorganisatie", start.Add(-time.Hour), "")
		f.record(t, conf, "2026-11-20")
		if _, err := d.W.Exec(`UPDATE meetings SET confidential = TRUE WHERE id = $1`, conf.ID); err != nil {
			t.Fatal(err)
		}
		// ma prepares it without documents.see_confidential: the meetings
		// module hides it from her; attending it, she sees but may not approve.
		_, err = f.svc.Approve(ctx, f.actor(t, f.ma), conf.ID)
		wantKind(t, err, apperr.NotFound)
		if _, err := d.W.Exec(`INSERT INTO meeting_attendees (id, meeting_id, position, person_id, name, email, external, response) VALUES ($1, $2, 9, $3, 'Mara Assistent', $4, FALSE, 'accepted')`,
			conf.ID+"-ma", conf.ID, f.ma, f.email(t, f.ma)); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Approve(ctx, f.actor(t, f.ma), conf.ID)
		wantKind(t, err, apperr.Forbidden)
		if _, err := f.svc.Approve(ctx, f.actor(t, f.boss), conf.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Approve(ctx, f.actor(t, f.boss), conf.ID)
		wantKind(t, err, apperr.Conflict)
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM minutes WHERE status = 'approved'`).Scan(&n)
		if n != 1 {
			t.Errorf("%d minutes approved, want 1", n)
		}
	})
}
