package api

import (
	"net/http"
	"testing"
	"time"

	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	"spil/internal/minutes"
	"spil/internal/testutil"
)

func TestMinutesAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		clk := f.svc.Clock.(*clock.Manual)
		texts, err := i18n.Load()
		if err != nil {
			t.Fatal(err)
		}
		q := &jobs.Queue{DB: d, Clock: clk}
		ms := &meetings.Service{DB: d, Clock: clk, Jobs: q, Agenda: f.svc, Mail: mail.NoRelay{}, BaseURL: "https://spil.example.nl"}
		f.api.Meetings = ms
		f.api.Minutes = &minutes.Service{DB: d, Clock: clk, Jobs: q, Meetings: ms, Mail: mail.NoRelay{}, Texts: texts, BaseURL: "https://spil.example.nl"}
		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings", token: f.maTok, body: MeetingInput{Title: "Kwartaaloverleg",
			OrganizerID: f.boss.ID, Start: wall(2026, 10, 1, 14, 0), End: wall(2026, 10, 1, 15, 0), Schedule: true,
			Attendees: []MeetingAttendeeInput{{PersonID: f.emp.ID}}}})
		wantStatus(t, r, http.StatusCreated)
		var m Meeting
		r.decode(t, &m)
		path := "/api/v1/meetings/" + m.ID + "/minutes"

		in := MinutesInput{Notes: []MinutesNote{{Text: "Iedereen aanwezig"}}, Decisions: []MinutesDecision{{Text: "Budget akkoord"}},
			ActionItems: []ActionItemInput{{Title: "Offerte opvragen", OwnerID: f.emp.ID, DueOn: "2026-09-01"}}}
		r = f.do(t, request{method: http.MethodPut, path: path, token: f.maTok, body: in})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.problem(t); len(p.Errors) == 0 {
			t.Fatalf("problem %s", r.raw)
		}
		in.ActionItems[0].DueOn = "2026-10-15"
		r = f.do(t, request{method: http.MethodPut, path: path, token: f.empTok, body: in})
		wantStatus(t, r, http.StatusForbidden)
		r = f.do(t, request{method: http.MethodPut, path: path, token: f.maTok, body: in})
		wantStatus(t, r, http.StatusOK)
		var got MeetingMinutes
		r.decode(t, &got)
		if got.Version != 1 || got.Status != "draft" || len(got.ActionItems) != 1 || got.ActionItems[0].OwnerName != "Erik Medewerker" || !got.CanApprove {
			t.Fatalf("recorded %+v", got)
		}
		wantStatus(t, f.get(t, path, f.otherTok), http.StatusNotFound)

		r = f.get(t, "/api/v1/action-items", f.empTok)
		wantStatus(t, r, http.StatusOK)
		var list List[ActionItem]
		r.decode(t, &list)
		if list.Total != 1 || list.Items[0].MinutesURL != "/meetings/"+m.ID+"/minutes" || list.Items[0].Overdue {
			t.Fatalf("list %+v", list)
		}
		r = f.get(t, "/api/v1/action-items?for="+f.boss.ID, f.otherTok)
		wantStatus(t, r, http.StatusForbidden)

		clk.Advance(24 * time.Hour)
		r = f.do(t, request{method: http.MethodPost, path: path + "/approve", token: f.maTok})
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &got)
		if got.Status != "approved" || got.CanWrite {
			t.Fatalf("approved %+v", got)
		}
		r = f.do(t, request{method: http.MethodPut, path: path, token: f.maTok, body: in})
		wantStatus(t, r, http.StatusConflict)

		done := "done"
		r = f.do(t, request{method: http.MethodPatch, path: "/api/v1/action-items/" + list.Items[0].ID, token: f.empTok, body: ActionItemChange{Status: &done}})
		wantStatus(t, r, http.StatusOK)
		var it ActionItem
		r.decode(t, &it)
		if it.Status != "done" || it.ClosedAt == nil {
			t.Fatalf("closed %+v", it)
		}
		r = f.do(t, request{method: http.MethodPatch, path: "/api/v1/action-items/" + it.ID, token: f.otherTok, body: ActionItemChange{Status: &done}})
		wantStatus(t, r, http.StatusNotFound)
	})
}
