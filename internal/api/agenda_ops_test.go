package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestAgendaAppointments(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		day := wall(2026, 11, 2, 0, 0)
		path := "/api/v1/agendas/" + f.boss.ID + "/appointments"

		// The principal adds an item at one of the offices.
		in := item("Overleg cliënt Bakker", wall(2026, 11, 2, 10, 0))
		in.Place = AgendaPlace{LocationID: f.office.ID}
		in.Priority = agenda.P2
		in.Attendees = []Attendee{{PersonID: f.emp.ID}, {Name: "Sandra Bakker", Email: "s.bakker@example.com"}}
		r := f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: in})
		wantStatus(t, r, http.StatusCreated)
		var ap Appointment
		r.decode(t, &ap)
		if loc := r.Header.Get("Location"); loc != "/api/v1/appointments/"+ap.ID {
			t.Errorf("Location %q", loc)
		}
		if ap.OwnerID != f.boss.ID || ap.Place.Name != "Kantoor Zuidas" || ap.Place.Latitude == nil || ap.Priority != 2 ||
			ap.Status != agenda.Confirmed || ap.Visibility != agenda.Normal || ap.TimeZone != "Europe/Amsterdam" {
			t.Errorf("created %+v", ap)
		}
		if len(ap.Attendees) != 2 || ap.Attendees[0].Name != "Erik Medewerker" || ap.Attendees[0].Response != agenda.NeedsAction {
			t.Errorf("attendees %+v", ap.Attendees)
		}
		var got Appointment
		f.get(t, "/api/v1/appointments/"+ap.ID, f.bossTok).decode(t, &got)
		if got.ID != ap.ID || got.Title != in.Title || !got.Start.Equal(in.Start) {
			t.Errorf("get %+v", got)
		}

		// The assistant with agenda.edit adds one on the principal's behalf; it is audited so.
		onBehalf := f.create(t, f.maTok, f.boss.ID, item("Lunch met relatie", wall(2026, 11, 2, 12, 30)))
		if onBehalf.CreatedBy != f.ma.ID {
			t.Errorf("created by %q", onBehalf.CreatedBy)
		}
		var audit List[AuditEntry]
		f.get(t, "/api/v1/audit?object_type=appointment&on_behalf_of="+f.boss.ID, f.bossTok).decode(t, &audit)
		if len(audit.Items) != 1 || audit.Items[0].ObjectID != onBehalf.ID || audit.Items[0].ActorID != f.ma.ID {
			t.Errorf("audit of the assistant's item: %+v", audit.Items)
		}

		// One who may only look gets 403; someone without a mandate 404.
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: path, token: f.maSeeTok, body: item("x", day)}), http.StatusForbidden)
		r = f.do(t, request{method: http.MethodPost, path: path, token: f.empTok, body: item("x", day)})
		wantStatus(t, r, http.StatusNotFound)
		r.problem(t)
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/agendas/nobody/appointments", token: f.bossTok, body: item("x", day)}), http.StatusNotFound)
		wantStatus(t, f.get(t, "/api/v1/appointments/nothing", f.bossTok), http.StatusNotFound)

		// Listing: by start, the attendee sees the item they attend in their own agenda.
		if s := summary(f.list(t, f.bossTok, f.boss.ID, day, day.AddDate(0, 0, 1))); s != "Overleg cliënt Bakker@11-02 10:00, Lunch met relatie@11-02 12:30" {
			t.Errorf("boss's day: %s", s)
		}
		mine := f.list(t, f.empTok, f.emp.ID, day, day.AddDate(0, 0, 1))
		if len(mine) != 1 || mine[0].Title != "Overleg cliënt Bakker" || !mine[0].Attending {
			t.Errorf("employee's own agenda: %+v", mine)
		}

		// Bad input: field paths in the body and the query.
		bad := item("Te laat", wall(2026, 11, 2, 10, 0))
		bad.End = bad.Start.Add(-time.Hour)
		bad.TimeZone = "Mars/Olympus"
		r = f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: bad})
		wantLocation(t, r, "body.end")
		wantLocation(t, r, "body.time_zone")
		r = f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: map[string]any{"title": "x", "start": "2026-11-02T10:00:00Z", "end": "2026-11-02T11:00:00Z", "priority": 7}})
		wantLocation(t, r, "body.priority")
		r = f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: AppointmentInput{Title: "x", Start: day, End: day.Add(time.Hour), RRule: "FREQ=SOMETIMES"}})
		wantLocation(t, r, "body.rrule")
		wantLocation(t, f.get(t, path+"?to=2026-11-03T00:00:00Z", f.bossTok), "query.from")
		wantLocation(t, f.get(t, path+"?"+period(day, day.AddDate(2, 0, 0)), f.bossTok), "query.to")

		// A P1 item is never overbooked: 409, and nothing changes.
		p1 := item("Bestuursvergadering", wall(2026, 11, 3, 14, 0))
		p1.Priority = agenda.P1
		f.create(t, f.bossTok, f.boss.ID, p1)
		r = f.do(t, request{method: http.MethodPost, path: path, token: f.maTok, body: item("Tandarts", wall(2026, 11, 3, 14, 30))})
		wantStatus(t, r, http.StatusConflict)
		if p := r.problem(t); !strings.Contains(p.Detail, "Bestuursvergadering") {
			t.Errorf("conflict detail %q", p.Detail)
		}
		if n := len(f.list(t, f.bossTok, f.boss.ID, day, day.AddDate(0, 0, 7))); n != 3 {
			t.Errorf("%d items after the refused one, want 3", n)
		}

		// Move and delete.
		var moved Appointment
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/appointments/" + onBehalf.ID + "/move", token: f.maTok,
			body: MoveInput{Start: wall(2026, 11, 2, 13, 0), End: wall(2026, 11, 2, 14, 0)}})
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &moved)
		if !moved.Start.Equal(wall(2026, 11, 2, 13, 0)) || moved.Title != "Lunch met relatie" {
			t.Errorf("moved %+v", moved)
		}
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/appointments/nothing/move", token: f.maTok,
			body: MoveInput{Start: day, End: day.Add(time.Hour)}}), http.StatusNotFound)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/appointments/" + onBehalf.ID, token: f.maSeeTok}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/appointments/" + onBehalf.ID, token: f.empTok}), http.StatusNotFound)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/appointments/" + onBehalf.ID, token: f.maTok}), http.StatusNoContent)
		wantStatus(t, f.get(t, "/api/v1/appointments/"+onBehalf.ID, f.bossTok), http.StatusNotFound)

		// The employee answers the invitation; declined, it leaves their agenda.
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/appointments/" + ap.ID + "/responses/" + f.emp.ID, token: f.empTok,
			body: ResponseInput{Response: agenda.Declined}})
		wantStatus(t, r, http.StatusNoContent)
		if mine := f.list(t, f.empTok, f.emp.ID, day, day.AddDate(0, 0, 1)); len(mine) != 0 {
			t.Errorf("declined item still in the agenda: %s", summary(mine))
		}
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/appointments/" + ap.ID + "/responses/" + f.emp.ID, token: f.otherTok,
			body: ResponseInput{Response: agenda.Accepted}}), http.StatusNotFound)
	})
}

func TestAgendaSeriesEdits(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		weekly := item("Partneroverleg", wall(2026, 10, 5, 9, 0))
		weekly.RRule = "FREQ=WEEKLY;BYDAY=MO"
		s := f.create(t, f.maTok, f.boss.ID, weekly)
		from, to := wall(2026, 10, 19, 0, 0), wall(2026, 11, 10, 0, 0) // 19 and 26 Oct (DST ends on the 25th), 2 and 9 Nov
		list := f.list(t, f.bossTok, f.boss.ID, from, to)
		if got := summary(list); got != "Partneroverleg@10-19 09:00, Partneroverleg@10-26 09:00, Partneroverleg@11-02 09:00, Partneroverleg@11-09 09:00" {
			t.Fatalf("series: %s", got)
		}
		if !list[0].Recurring || list[0].ID != s.ID {
			t.Errorf("instance %+v", list[0])
		}
		edit := func(rangeParam string, occ time.Time, in AppointmentInput) *response {
			q := "?range=" + rangeParam
			if !occ.IsZero() {
				q += "&occurrence_start=" + occ.UTC().Format(time.RFC3339)
			}
			return f.do(t, request{method: http.MethodPut, path: "/api/v1/appointments/" + s.ID + q, token: f.maTok, body: in})
		}

		// This occurrence only: 26 Oct at 11:00.
		changed := weekly
		changed.Start, changed.End = wall(2026, 10, 26, 11, 0), wall(2026, 10, 26, 12, 0)
		changed.RRule = ""
		r := edit("this", list[1].OccurrenceStart, changed)
		wantStatus(t, r, http.StatusOK)
		var one Appointment
		r.decode(t, &one)
		if one.SeriesID != s.ID || one.RecurrenceID == nil || !one.RecurrenceID.Equal(list[1].OccurrenceStart) {
			t.Errorf("changed occurrence %+v", one)
		}
		if got := summary(f.list(t, f.bossTok, f.boss.ID, from, to)); got != "Partneroverleg@10-19 09:00, Partneroverleg@10-26 11:00, Partneroverleg@11-02 09:00, Partneroverleg@11-09 09:00" {
			t.Errorf("after this: %s", got)
		}

		// This and following: from 2 Nov on it is called Bestuursoverleg at 10:00.
		following := weekly
		following.Title = "Bestuursoverleg"
		following.Start, following.End = wall(2026, 11, 2, 10, 0), wall(2026, 11, 2, 11, 0)
		r = edit("following", list[2].OccurrenceStart, following)
		wantStatus(t, r, http.StatusOK)
		var split Appointment
		r.decode(t, &split)
		if split.ID == s.ID || split.RRule == "" {
			t.Errorf("split series %+v", split)
		}
		if got := summary(f.list(t, f.bossTok, f.boss.ID, from, to)); got != "Partneroverleg@10-19 09:00, Partneroverleg@10-26 11:00, Bestuursoverleg@11-02 10:00, Bestuursoverleg@11-09 10:00" {
			t.Errorf("after following: %s", got)
		}

		// All: the first part of the series moves to 09:30; every instance
		// shifts, and the changed occurrence goes (the series' time changed).
		// A client sends the series as it is now (its rule ends before the split).
		var cur Appointment
		f.get(t, "/api/v1/appointments/"+s.ID, f.maTok).decode(t, &cur)
		if !strings.Contains(cur.RRule, "UNTIL=") {
			t.Errorf("the first part's rule %q has no end", cur.RRule)
		}
		all := cur.AppointmentInput
		all.Start, all.End = wall(2026, 10, 19, 9, 30), wall(2026, 10, 19, 10, 30)
		wantStatus(t, edit("all", list[0].OccurrenceStart, all), http.StatusOK)
		got := summary(f.list(t, f.bossTok, f.boss.ID, from, to))
		if got != "Partneroverleg@10-19 09:30, Partneroverleg@10-26 09:30, Bestuursoverleg@11-02 10:00, Bestuursoverleg@11-09 10:00" {
			t.Errorf("after all: %s", got)
		}

		// Delete one occurrence of the new series.
		r = f.do(t, request{method: http.MethodDelete, path: "/api/v1/appointments/" + split.ID + "?range=this&occurrence_start=" +
			wall(2026, 11, 9, 10, 0).UTC().Format(time.RFC3339), token: f.maTok})
		wantStatus(t, r, http.StatusNoContent)
		if got := summary(f.list(t, f.bossTok, f.boss.ID, wall(2026, 11, 1, 0, 0), wall(2026, 11, 17, 0, 0))); got != "Bestuursoverleg@11-02 10:00, Bestuursoverleg@11-16 10:00" {
			t.Errorf("after deleting 9 Nov: %s", got)
		}

		// Bad edits: an unknown range, a missing or wrong occurrence_start.
		wantLocation(t, edit("sometimes", time.Time{}, weekly), "query.range")
		wantLocation(t, edit("this", time.Time{}, weekly), "query.occurrence_start")
		wantLocation(t, edit("this", wall(2026, 10, 20, 9, 0), weekly), "query.occurrence_start")
		// Someone who may only look cannot change anything; others do not find it.
		private := item("Fysiotherapie", wall(2026, 10, 6, 8, 0))
		private.Visibility = agenda.Private
		p := f.create(t, f.bossTok, f.boss.ID, private)
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/appointments/" + p.ID, token: f.maSeeTok, body: private}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/appointments/" + p.ID, token: f.otherTok, body: private}), http.StatusNotFound)
	})
}

func TestAgendaOpenAPI(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	doc := f.api.OpenAPI()
	for _, name := range []string{"AppointmentInput", "MoveInput", "ResponseInput", "SlotQuery", "AgendaSettingsInput", "AbsenceInput", "TravelOverrideInput", "FeedInput"} {
		s, ok := doc.Components.Schemas.Map()[name]
		if !ok {
			t.Errorf("schema %s missing", name)
			continue
		}
		if s.AdditionalProperties != false {
			t.Errorf("schema %s allows additional properties", name)
		}
	}
	imp := doc.Paths["/api/v1/agendas/{person_id}/import"].Post
	for _, ct := range []string{"text/calendar", "multipart/form-data"} {
		if imp.RequestBody.Content[ct] == nil {
			t.Errorf("import-ics does not document %s", ct)
		}
	}
	if doc.Paths["/api/v1/agendas/{person_id}/calendar.ics"].Get.Responses["200"].Content["text/calendar"] == nil {
		t.Errorf("export-ics does not answer text/calendar")
	}
}
