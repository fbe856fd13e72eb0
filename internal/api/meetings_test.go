package api

import (
	"net/http"
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	"spil/internal/testutil"
)

func TestMeetingsAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		clk := f.svc.Clock
		f.api.Meetings = &meetings.Service{DB: d, Clock: clk, Jobs: &jobs.Queue{DB: d, Clock: clk}, Agenda: f.svc,
			Mail: mail.NoRelay{}, BaseURL: "https://spil.example.nl"}
		in := MeetingInput{Title: "Kwartaaloverleg", OrganizerID: f.boss.ID, Start: wall(2026, 11, 5, 10, 0), End: wall(2026, 11, 5, 11, 0),
			Attendees: []MeetingAttendeeInput{{PersonID: f.emp.ID}, {Name: "Karin", Email: "karin@"}}}
		r := f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings", token: f.maTok, body: in})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(string(r.raw), "attendees[1].email") {
			t.Fatalf("problem does not name the address: %s", r.raw)
		}
		in.Attendees[1].Email = "karin@klant.example.com"
		in.Schedule = true
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings", token: f.maTok, body: in})
		wantStatus(t, r, http.StatusCreated)
		var m Meeting
		r.decode(t, &m)
		if m.Status != meetings.Scheduled || len(m.Attendees) != 2 || m.PreparerID != f.ma.ID {
			t.Fatalf("created %+v", m)
		}
		// The assistant's mandate lacks mail.send_on_behalf: refused; the principal sends.
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings/" + m.ID + "/invitations", token: f.maTok})
		wantStatus(t, r, http.StatusForbidden)
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings/" + m.ID + "/invitations", token: f.bossTok})
		wantStatus(t, r, http.StatusOK)
		var sent InvitationsSent
		r.decode(t, &sent)
		if sent.Queued != 2 {
			t.Fatalf("queued %d", sent.Queued)
		}
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings/" + m.ID + "/items", token: f.maTok,
			body: AgendaItemInput{Topic: "Cijfers", PlannedMinutes: 30}})
		wantStatus(t, r, http.StatusCreated)
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings/" + m.ID + "/documents?file_name=begroting.xlsx", token: f.maTok,
			body: []byte("MZ\x90\x00 not a spreadsheet"), contentType: "application/octet-stream"})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		r = f.get(t, "/api/v1/meetings/"+m.ID, f.otherTok)
		wantStatus(t, r, http.StatusNotFound)
		r = f.get(t, "/api/v1/meetings?organizer_id="+f.boss.ID, f.maSeeTok)
		wantStatus(t, r, http.StatusOK)
		var list List[MeetingSummary]
		r.decode(t, &list)
		if list.Total != 1 || list.Items[0].Items != 1 {
			t.Fatalf("list %+v", list)
		}
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/invitations/nonsense/answer", body: AnswerInput{Response: "accepted"}})
		wantStatus(t, r, http.StatusNotFound)
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/meetings/" + m.ID + "/cancel", token: f.bossTok})
		wantStatus(t, r, http.StatusNoContent)
	})
}
