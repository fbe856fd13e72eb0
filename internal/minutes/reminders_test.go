package minutes

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/testutil"
)

func TestRemindersComeTwoWorkingDaysBeforeAndWeeklyAfter(t *testing.T) {
	got := reminderTimes("2026-11-16", ams) // a Monday
	want := []string{
		"before 2026-11-12T07:00:00Z",  // Thursday 08:00 Amsterdam
		"overdue 2026-11-17T07:00:00Z", // Tuesday
		"overdue 2026-11-24T07:00:00Z",
		"overdue 2026-12-01T07:00:00Z",
		"overdue 2026-12-08T07:00:00Z",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, r := range got {
		if s := r.Stage + " " + r.At.Format(time.RFC3339); s != want[i] {
			t.Errorf("reminder %d: %s, want %s", i, s, want[i])
		}
	}
	// Due on a Friday: the first overdue reminder waits for Monday; summer time.
	got = reminderTimes("2026-07-03", ams)
	if got[0].At.Format(time.RFC3339) != "2026-07-01T06:00:00Z" || got[1].At.Format(time.RFC3339) != "2026-07-06T06:00:00Z" {
		t.Errorf("got %v", got)
	}
	if reminderTimes("13-11-2026", ams) != nil {
		t.Error("an invalid date planned reminders")
	}
}

func (f *fixture) mails(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, r := range f.smtp.Messages() {
		out = append(out, strings.ReplaceAll(string(r.Data), "=\r\n", ""))
	}
	return out
}

func (f *fixture) pending(t testing.TB, itemID string) int {
	t.Helper()
	var n int
	if err := f.db.R.QueryRow(`SELECT COUNT(*) FROM jobs WHERE unique_key LIKE $1 AND done_at IS NULL AND failed_at IS NULL`, reminderPrefix(itemID)+"%").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAReminderFiresOnceAndNeverAfterClosing(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		item := f.record(t, m, "2026-11-13").Actions[0] // a Friday
		if n := f.pending(t, item.ID); n != 5 {
			t.Fatalf("%d reminders planned, want 5", n)
		}
		if n := f.runDue(t); n != 0 {
			t.Fatalf("%d jobs ran before their time", n)
		}
		f.clock.Advance(time.Date(2026, 11, 11, 7, 0, 0, 0, time.UTC).Sub(f.clock.Now())) // Wednesday 08:00
		if n := f.runDue(t); n != 1 {
			t.Fatalf("%d reminders ran, want 1", n)
		}
		f.runDue(t)
		// A job run again (after a crash) finds the reminder sent.
		if err := f.svc.SendReminder(ctx, item.ID, "2026-11-13", StageBefore, f.clock.Now()); err != nil {
			t.Fatal(err)
		}
		ms := f.mails(t)
		if len(ms) != 1 {
			t.Fatalf("%d mails, want 1", len(ms))
		}
		for _, want := range []string{"Subject: Reminder, action item: Offerte cateraar opvragen", "due on 13 November 2026", "https://spil.example.nl/meetings/" + m.ID + "/minutes", "https://spil.example.nl/actions"} {
			if !strings.Contains(ms[0], want) {
				t.Errorf("reminder lacks %q:\n%s", want, ms[0])
			}
		}

		// The owner closes it: no reminder ever comes again.
		done := Done
		if _, err := f.svc.UpdateAction(ctx, f.actor(t, f.emp), item.ID, ActionUpdate{Status: &done}); err != nil {
			t.Fatal(err)
		}
		if n := f.pending(t, item.ID); n != 0 {
			t.Fatalf("%d reminders still planned after closing", n)
		}
		f.clock.Advance(30 * 24 * time.Hour)
		f.runDue(t)
		if err := f.svc.SendReminder(ctx, item.ID, "2026-11-13", StageOverdue, time.Date(2026, 11, 16, 7, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if n := len(f.mails(t)); n != 1 {
			t.Fatalf("%d mails after closing, want still 1", n)
		}
	})
}

func TestMovingTheDueDateMovesTheReminders(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		item := f.record(t, m, "2026-11-13").Actions[0]
		due := "2026-11-20"
		if _, err := f.svc.UpdateAction(ctx, f.actor(t, f.ma), item.ID, ActionUpdate{DueOn: &due}); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(time.Date(2026, 11, 12, 7, 0, 0, 0, time.UTC).Sub(f.clock.Now()))
		f.runDue(t)
		if n := len(f.mails(t)); n != 0 {
			t.Fatalf("%d mails for the old date", n)
		}
		f.clock.Advance(6 * 24 * time.Hour) // Wednesday 18 November
		f.runDue(t)
		ms := f.mails(t)
		if len(ms) != 1 || !strings.Contains(ms[0], "due on 20 November 2026") {
			t.Fatalf("mails %q", ms)
		}
		// Overdue reminders go out the Monday after, in the owner's language.
		f.clock.Advance(5 * 24 * time.Hour)
		f.runDue(t)
		if ms := f.mails(t); len(ms) != 2 || !strings.Contains(ms[1], "Subject: Action item overdue") {
			t.Fatalf("mails %q", ms)
		}
	})
}

func TestAReminderSurvivesARestart(t *testing.T) {
	engines(t, func(t *testing.T, open func() *db.DB) {
		d1 := open()
		f := newFixture(t, d1)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		f.record(t, m, "2026-11-13")
		d1.Close()

		// A new process on the same database.
		d2 := open()
		f.db = d2
		f.svc = f.service(d2, mail.NewSMTP(f.smtp.Config(t)))
		f.runner = f.newRunner(f.svc)
		f.clock.Advance(10 * 24 * time.Hour)
		if n := f.runDue(t); n != 1 {
			t.Fatalf("%d reminders after the restart", n)
		}
		if n := len(f.mails(t)); n != 1 {
			t.Fatalf("%d mails", n)
		}
	})
}

func TestTwoInstancesSendEachReminderOnce(t *testing.T) {
	engines(t, func(t *testing.T, open func() *db.DB) {
		d1, d2 := open(), open()
		f := newFixture(t, d1)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		var acts []ActionInput
		for i := 0; i < 30; i++ {
			acts = append(acts, ActionInput{Title: "Taak " + string(rune('A'+i)), OwnerID: f.emp, DueOn: "2026-11-13"})
		}
		if _, err := f.svc.Record(ctx, f.actor(t, f.ma), m.ID, Input{Actions: acts}); err != nil {
			t.Fatal(err)
		}
		second := f.service(d2, mail.NewSMTP(f.smtp.Config(t)))
		r1, r2 := f.runner, f.newRunner(second)
		f.clock.Advance(10 * 24 * time.Hour)
		var wg sync.WaitGroup
		for _, r := range []runDuer{r1, r2} {
			wg.Add(1)
			go func(r runDuer) {
				defer wg.Done()
				for {
					n, err := r.RunDue(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if n == 0 {
						return
					}
				}
			}(r)
		}
		wg.Wait()
		ms := f.mails(t)
		seen := map[string]int{}
		for _, s := range ms {
			i := strings.Index(s, "Subject: ")
			seen[s[i:i+40]]++
		}
		if len(ms) != 30 || len(seen) != 30 {
			t.Fatalf("%d mails, %d different, want 30 once each", len(ms), len(seen))
		}
	})
}

type runDuer interface {
	RunDue(ctx context.Context) (int, error)
}

// Dutch public holidays are no working days: Christmas and Boxing Day push
// the reminder before the due date back and the overdue one forward, and a
// weekly overdue reminder that falls on Easter Monday waits a day.
func TestRemindersSkipDutchPublicHolidays(t *testing.T) {
	cases := []struct {
		due  string
		want []string
	}{
		{"2026-12-28", []string{ // a Monday after Christmas (Friday) and Boxing Day (Saturday)
			"before 2026-12-23T07:00:00Z", // Wednesday: Thursday 24th is the first working day back, Wednesday the second
			"overdue 2026-12-29T07:00:00Z",
			"overdue 2027-01-05T07:00:00Z",
			"overdue 2027-01-12T07:00:00Z",
			"overdue 2027-01-19T07:00:00Z",
		}},
		{"2026-12-24", []string{ // Thursday before Christmas
			"before 2026-12-22T07:00:00Z",
			"overdue 2026-12-28T07:00:00Z", // Monday: Friday is Christmas
			"overdue 2027-01-04T07:00:00Z",
			"overdue 2027-01-11T07:00:00Z",
			"overdue 2027-01-18T07:00:00Z",
		}},
		{"2026-03-27", []string{ // a Friday; Easter Monday is 6 April 2026
			"before 2026-03-25T07:00:00Z", // still winter time
			"overdue 2026-03-30T06:00:00Z",
			"overdue 2026-04-07T06:00:00Z", // Tuesday after Easter Monday
			"overdue 2026-04-13T06:00:00Z",
			"overdue 2026-04-20T06:00:00Z",
		}},
		{"2027-04-26", []string{ // Monday before King's Day
			"before 2027-04-22T06:00:00Z",
			"overdue 2027-04-28T06:00:00Z",
			"overdue 2027-05-05T06:00:00Z", // Liberation Day is not a day off by default
			"overdue 2027-05-12T06:00:00Z",
			"overdue 2027-05-19T06:00:00Z",
		}},
	}
	for _, c := range cases {
		got := reminderTimes(c.due, ams)
		var s []string
		for _, r := range got {
			s = append(s, r.Stage+" "+r.At.Format(time.RFC3339))
		}
		if strings.Join(s, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("due %s:\n got %v\nwant %v", c.due, s, c.want)
		}
	}
}

// A reminder the relay refuses for good is not lost: ReminderFailures
// names it with the relay's reason next to the item, for the /actions list.
func TestARefusedReminderShowsNextToTheItem(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		refusing := mailtest.Start(t, mailtest.Options{Refuse: map[string]int{"kees@extern.example.org": 550}})
		f.svc = f.service(d, mail.NewSMTP(refusing.Config(t)))
		f.runner = f.newRunner(f.svc)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		if _, err := f.svc.Record(ctx, f.actor(t, f.boss), m.ID, Input{Actions: []ActionInput{
			{Title: "Contract sturen", OwnerName: "Kees Extern", OwnerEmail: "kees@extern.example.org", DueOn: "2026-11-13"},
			{Title: "Offerte opvragen", OwnerID: f.emp, DueOn: "2026-11-13"},
		}}); err != nil {
			t.Fatal(err)
		}
		items, err := f.svc.ListActions(ctx, f.actor(t, f.boss), ActionFilter{For: "organized"})
		if err != nil || len(items) != 2 {
			t.Fatalf("items %v %v", titles(items), err)
		}
		if got, _ := f.svc.ReminderFailures(ctx, items); len(got) != 0 {
			t.Fatalf("failures before any reminder ran: %v", got)
		}
		f.clock.Advance(time.Date(2026, 11, 11, 7, 0, 0, 0, time.UTC).Sub(f.clock.Now()))
		if n := f.runDue(t); n != 2 {
			t.Fatalf("%d reminders ran, want 2", n)
		}
		got, err := f.svc.ReminderFailures(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		var kees string
		for _, a := range items {
			if a.OwnerName == "Kees Extern" {
				kees = a.ID
			}
		}
		fl, ok := got[kees]
		if len(got) != 1 || !ok || fl.Stage != StageBefore || !strings.Contains(fl.Error, "550") {
			t.Fatalf("failures %+v", got)
		}
		// The address corrected, the next reminder is delivered and the mark goes.
		v, _ := f.svc.Get(ctx, f.actor(t, f.boss), m.ID)
		in := Input{Version: v.Minutes.Version}
		for _, a := range v.Minutes.Actions {
			ai := ActionInput{ID: a.ID, Title: a.Title, OwnerID: a.OwnerID, DueOn: a.DueOn}
			if a.OwnerID == "" {
				ai.OwnerName, ai.OwnerEmail = a.OwnerName, "kees@klant.example.org"
			}
			in.Actions = append(in.Actions, ai)
		}
		if _, err := f.svc.Record(ctx, f.actor(t, f.boss), m.ID, in); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(time.Date(2026, 11, 16, 7, 0, 0, 0, time.UTC).Sub(f.clock.Now()))
		f.runDue(t)
		if got, _ := f.svc.ReminderFailures(ctx, items); len(got) != 0 {
			t.Errorf("failures after a delivered reminder: %+v", got)
		}
		toKees := 0
		for _, m := range refusing.Messages() {
			if m.To[0] == "kees@klant.example.org" {
				toKees++
			}
		}
		if toKees != 1 {
			t.Errorf("%d reminders delivered to the corrected address, want 1", toKees)
		}
	})
}
