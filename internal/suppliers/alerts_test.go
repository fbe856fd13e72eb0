package suppliers

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/testutil"
)

type alertFixture struct {
	*fixture
	smtp   *mailtest.Server
	runner *jobs.Runner
}

func newAlertFixture(t *testing.T, d *db.DB) *alertFixture {
	f := &alertFixture{fixture: newFixture(t, d), smtp: mailtest.Start(t, mailtest.Options{})}
	f.restart(t)
	return f
}

// restart builds a new service and runner on the same database, as a
// restarted spil would.
func (f *alertFixture) restart(t *testing.T) {
	q := &jobs.Queue{DB: f.db, Clock: f.clock}
	f.svc = &Service{DB: f.db, Clock: f.clock, Jobs: q, Mail: mail.NewSMTP(f.smtp.Config(t)), Texts: f.svc.Texts, BaseURL: "https://spil.example.nl"}
	f.runner = jobs.NewRunner(q)
	f.svc.RegisterJobs(f.runner)
}

func (f *alertFixture) runUntil(t *testing.T, when time.Time) {
	t.Helper()
	if dd := when.Sub(f.clock.Now()); dd > 0 {
		f.clock.Advance(dd)
	}
	if _, err := f.runner.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
}

// contract records a contract renewing yearly whose notice deadline is
// 2027-03-31 (first term ends 2027-06-30, 3 months' notice); today is
// 2026-11-02.
func (f *alertFixture) contract(t *testing.T) Contract {
	t.Helper()
	sp, err := f.svc.Create(ctx, f.om, cleaner())
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.CreateContract(ctx, f.om, ContractInput{SupplierID: sp.ID, Subject: "Schoonmaak kantoor Amsterdam",
		StartsOn: "2025-07-01", EndsOn: "2027-06-30", NoticeMonths: 3, AutoRenew: true, RenewMonths: 12,
		YearlyValue: "18.500,00", Lang: "nl", BudgetCategory: "cleaning"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Terms.NoticeBy.Format(dateLayout); got != "2027-03-31" || c.YearlyValueCents != 1850000 {
		t.Fatalf("deadline %s, value %d", got, c.YearlyValueCents)
	}
	return c
}

func TestNoticeAlertIsMailedOnceAtEachThresholdAndSurvivesARestart(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAlertFixture(t, d)
		f.contract(t)
		f.runUntil(t, time.Date(2027, 1, 30, 6, 0, 0, 0, time.UTC)) // 60 days before is 30 January, 08:00 Amsterdam = 07:00 UTC
		if n := len(f.smtp.Messages()); n != 0 {
			t.Fatalf("%d mails before the 60-day moment", n)
		}
		f.runUntil(t, time.Date(2027, 1, 30, 7, 0, 0, 0, time.UTC))
		msgs := f.smtp.Messages()
		if len(msgs) != 1 {
			t.Fatalf("%d mails at the 60-day moment, want 1", len(msgs))
		}
		body := string(msgs[0].Data)
		for _, want := range []string{"Schoonmaak kantoor Amsterdam", "31 maart 2027", "https://spil.example.nl/contracts/"} {
			if !strings.Contains(body, want) {
				t.Errorf("mail lacks %q:\n%s", want, body)
			}
		}
		if msgs[0].To[0] != f.om.Email {
			t.Errorf("mail to %v, want the Office Manager %s", msgs[0].To, f.om.Email)
		}
		f.runUntil(t, time.Date(2027, 2, 1, 7, 0, 0, 0, time.UTC))
		if n := len(f.smtp.Messages()); n != 1 {
			t.Errorf("%d mails after running again, want still 1", n)
		}
		f.restart(t)
		f.runUntil(t, time.Date(2027, 3, 17, 7, 0, 0, 0, time.UTC)) // 14 days before
		if n := len(f.smtp.Messages()); n != 2 {
			t.Errorf("%d mails after a restart and the 14-day moment, want 2", n)
		}
		// After the deadline the contract renewed: next year's alerts are
		// scheduled by the job the day after the deadline.
		f.runUntil(t, time.Date(2027, 4, 1, 7, 0, 0, 0, time.UTC))
		f.runUntil(t, time.Date(2028, 1, 31, 7, 0, 0, 0, time.UTC)) // 60 days before 2028-03-31
		if n := len(f.smtp.Messages()); n != 3 {
			t.Errorf("%d mails at next term's 60-day moment, want 3", n)
		}
	})
}

func TestNoAlertForATerminatedContract(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAlertFixture(t, d)
		c := f.contract(t)
		c, err := f.svc.Terminate(ctx, f.om, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != StatusTerminated || c.EndsOn.Format(dateLayout) != "2027-06-30" {
			t.Errorf("terminated: status %s ends %s", c.Status, c.EndsOn.Format(dateLayout))
		}
		// Even a job that escaped the cancelling finds the contract terminated.
		if _, _, err := f.svc.Jobs.Enqueue(ctx, d.W, jobs.Job{Kind: JobNoticeAlert, UniqueKey: "stray",
			Payload: alertPayload{ContractID: c.ID, TermEnd: "2027-06-30", Days: 60}}); err != nil {
			t.Fatal(err)
		}
		f.runUntil(t, time.Date(2027, 4, 1, 7, 0, 0, 0, time.UTC))
		if n := len(f.smtp.Messages()); n != 0 {
			t.Errorf("%d mails for a terminated contract", n)
		}
	})
}

func TestContractRecordedCloseToItsDeadlineAlertsAtOnce(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAlertFixture(t, d)
		sp, _ := f.svc.Create(ctx, f.om, cleaner())
		c, err := f.svc.CreateContract(ctx, f.om, ContractInput{SupplierID: sp.ID, Subject: "Koffieautomaten",
			StartsOn: "2024-01-01", EndsOn: "2026-12-31", NoticeDays: 30, YearlyValue: "1,200.00", Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Terms.DaysLeft != 29 || !c.Expiring() {
			t.Fatalf("days left %d", c.Terms.DaysLeft)
		}
		f.runUntil(t, f.clock.Now())
		if n := len(f.smtp.Messages()); n != 1 {
			t.Errorf("%d mails, want one at once (for the most recent passed threshold)", n)
		}
		alerts, _ := f.svc.NoticeAlerts(ctx, f.om)
		if len(alerts) != 1 {
			t.Errorf("dashboard alerts: %d", len(alerts))
		}
		if alerts, _ := f.svc.NoticeAlerts(ctx, f.ma); len(alerts) != 0 {
			t.Errorf("the assistant sees %d contract alerts", len(alerts))
		}
	})
}

// flaky fails the n-th Send once, as a relay that drops a connection.
type flaky struct {
	next  mail.Sender
	calls int
	fail  int
}

func (f *flaky) Send(ctx context.Context, m mail.Message) error {
	f.calls++
	if f.calls == f.fail {
		return &mail.SendError{Stage: "data", Temporary: true, Err: errors.New("connection reset")}
	}
	return f.next.Send(ctx, m)
}

func TestNoticeAlertRetriesOnlyThoseNotReached(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAlertFixture(t, d)
		f.person(t, "Otto Office", authz.RoleOfficeManager)
		f.svc.Mail = &flaky{next: f.svc.Mail, fail: 2}
		f.contract(t)
		f.runUntil(t, time.Date(2027, 1, 30, 7, 0, 0, 0, time.UTC))
		if n := len(f.smtp.Messages()); n != 1 {
			t.Fatalf("%d mails before the retry, want 1", n)
		}
		f.runUntil(t, time.Date(2027, 1, 30, 7, 2, 0, 0, time.UTC)) // the first retry is a minute later
		msgs := f.smtp.Messages()
		if len(msgs) != 2 || msgs[0].To[0] == msgs[1].To[0] {
			t.Errorf("%d mails after the retry, want one to each Office Manager", len(msgs))
		}
	})
}
