package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/meetings"
	"spil/internal/minutes"
	"spil/internal/testutil"
)

// list-action-items says which item's latest reminder failed for good.
func TestListActionItemsShowsARefusedReminder(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		clk := f.svc.Clock.(*clock.Manual)
		texts, err := i18n.Load()
		if err != nil {
			t.Fatal(err)
		}
		relay := mailtest.Start(t, mailtest.Options{Refuse: map[string]int{"erik@example.nl": 550}})
		q := &jobs.Queue{DB: d, Clock: clk}
		ms := &meetings.Service{DB: d, Clock: clk, Jobs: q, Agenda: f.svc, Mail: mail.NoRelay{}, BaseURL: "https://spil.example.nl"}
		f.api.Meetings = ms
		f.api.Minutes = &minutes.Service{DB: d, Clock: clk, Jobs: q, Meetings: ms, Mail: mail.NewSMTP(relay.Config(t)), Texts: texts, BaseURL: "https://spil.example.nl"}
		runner := jobs.NewRunner(q)
		f.api.Minutes.RegisterJobs(runner)
		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings", token: f.maTok, body: MeetingInput{Title: "Kwartaaloverleg",
			OrganizerID: f.boss.ID, Start: wall(2026, 10, 1, 14, 0), End: wall(2026, 10, 1, 15, 0), Schedule: true,
			Attendees: []MeetingAttendeeInput{{PersonID: f.emp.ID}}}})
		wantStatus(t, r, http.StatusCreated)
		var m Meeting
		r.decode(t, &m)
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/meetings/" + m.ID + "/minutes", token: f.maTok, body: MinutesInput{
			ActionItems: []ActionItemInput{{Title: "Offerte opvragen", OwnerID: f.emp.ID, DueOn: "2026-10-15"}}}})
		wantStatus(t, r, http.StatusOK)

		clk.Advance(time.Date(2026, 10, 13, 7, 0, 0, 0, time.UTC).Sub(clk.Now())) // Tuesday 09:00, two working days before
		if n, err := runner.RunDue(ctx); err != nil || n != 1 {
			t.Fatalf("%d jobs ran: %v", n, err)
		}
		r = f.get(t, "/api/v1/action-items", f.empTok)
		wantStatus(t, r, http.StatusOK)
		var list List[ActionItem]
		r.decode(t, &list)
		if list.Total != 1 || list.Items[0].ReminderFailed == nil || list.Items[0].ReminderFailed.Stage != "before" ||
			!strings.Contains(list.Items[0].ReminderFailed.Error, "550") {
			t.Fatalf("list %s", r.raw)
		}
	})
}
