package api

import (
	"net/http"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestAgendaSettings(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		path := "/api/v1/agendas/" + f.boss.ID + "/settings"

		// Without settings: Monday to Friday 09:00–17:00 from the office.
		var s AgendaSettings
		r := f.get(t, path, f.empTok)
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &s)
		if !s.HoursDefault || len(s.Hours) != 5 || s.Hours[0].StartMinute != 9*60 || s.Hours[0].EndMinute != 17*60 {
			t.Errorf("default settings %s", r.raw)
		}

		// The assistant makes the principal part-time: no Wednesday afternoon, no Friday; days start at home on Monday.
		lat, lon := 52.3070, 4.8600
		in := AgendaSettingsInput{TravelMode: "public_transport", BufferMinutes: 10,
			Home: AgendaPlace{Name: "Keizer Karelweg, Amstelveen", Latitude: &lat, Longitude: &lon},
			Hours: []WorkingHours{{Weekday: 1, StartMinute: 510, EndMinute: 1050, StartPlace: agenda.AtHome}, {Weekday: 2, StartMinute: 510, EndMinute: 1050},
				{Weekday: 3, StartMinute: 510, EndMinute: 750}, {Weekday: 4, StartMinute: 510, EndMinute: 1050}}}
		r = f.do(t, request{method: http.MethodPut, path: path, token: f.maTok, body: in})
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &s)
		if s.HoursDefault || len(s.Hours) != 4 || s.TravelMode != "public_transport" {
			t.Errorf("saved %s", r.raw)
		}
		f.get(t, path, f.bossTok).decode(t, &s)
		if s.Home.Name != "Keizer Karelweg, Amstelveen" || s.Hours[2].EndMinute != 750 || s.Hours[0].StartPlace != agenda.AtHome {
			t.Errorf("read back %+v", s)
		}
		// Others do not learn the home address.
		for _, tok := range []string{f.empTok, f.maSeeTok} {
			r := f.get(t, path, tok)
			wantStatus(t, r, http.StatusOK)
			wantNoSecrets(t, "settings", r.raw, "Amstelveen", "Keizer Karelweg")
		}
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: path, token: f.maSeeTok, body: in}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: path, token: f.empTok, body: in}), http.StatusForbidden)
		wantStatus(t, f.get(t, "/api/v1/agendas/nobody/settings", f.empTok), http.StatusNotFound)
		bad := in
		bad.Hours = []WorkingHours{{Weekday: 1, StartMinute: 600, EndMinute: 540}}
		wantLocation(t, f.do(t, request{method: http.MethodPut, path: path, token: f.bossTok, body: bad}), "body.hours[0].end_minute")
		bad.Hours = []WorkingHours{{Weekday: 9, StartMinute: 540, EndMinute: 600}}
		wantLocation(t, f.do(t, request{method: http.MethodPut, path: path, token: f.bossTok, body: bad}), "body.hours[0].weekday")
	})
}

func TestAgendaAbsences(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		path := "/api/v1/agendas/" + f.boss.ID + "/absences"
		from, to := wall(2026, 11, 1, 0, 0), wall(2026, 12, 1, 0, 0)
		in := AbsenceInput{Kind: agenda.Sick, Start: wall(2026, 11, 3, 0, 0), End: wall(2026, 11, 5, 0, 0), Note: "griep"}
		r := f.do(t, request{method: http.MethodPost, path: path, token: f.maTok, body: in})
		wantStatus(t, r, http.StatusCreated)
		var ab Absence
		r.decode(t, &ab)
		if ab.Kind != agenda.Sick || ab.PersonID != f.boss.ID {
			t.Errorf("created %+v", ab)
		}

		// Everyone sees that the principal is away; why, only who sees private items.
		for _, c := range []struct {
			token, kind string
		}{{f.bossTok, agenda.Sick}, {f.maTok, agenda.Sick}, {f.maSeeTok, agenda.Absent}, {f.empTok, agenda.Absent}} {
			r := f.get(t, path+"?"+period(from, to), c.token)
			wantStatus(t, r, http.StatusOK)
			var l List[Absence]
			r.decode(t, &l)
			if len(l.Items) != 1 || l.Items[0].Kind != c.kind {
				t.Errorf("absences as seen: %s, want kind %s", r.raw, c.kind)
			}
			if c.kind == agenda.Absent {
				wantNoSecrets(t, "absences", r.raw, "griep", "sick")
			}
		}
		// Free/busy shows it as absent.
		var fb List[BusyPerson]
		f.get(t, "/api/v1/agendas/freebusy?person_id="+f.boss.ID+"&"+period(from, to), f.empTok).decode(t, &fb)
		if len(fb.Items) != 1 || len(fb.Items[0].Busy) != 1 || fb.Items[0].Busy[0].Status != "absent" {
			t.Errorf("free/busy %+v", fb)
		}

		in.Kind, in.End = agenda.Leave, wall(2026, 11, 6, 0, 0)
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/absences/" + ab.ID, token: f.maSeeTok, body: in}), http.StatusForbidden)
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/absences/" + ab.ID, token: f.bossTok, body: in})
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &ab)
		if ab.Kind != agenda.Leave || !ab.End.Equal(wall(2026, 11, 6, 0, 0)) {
			t.Errorf("updated %+v", ab)
		}
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: path, token: f.empTok, body: in}), http.StatusForbidden)
		bad := in
		bad.End = bad.Start.Add(-time.Hour)
		wantLocation(t, f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: bad}), "body.end")
		wantLocation(t, f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: map[string]any{"kind": "holiday",
			"start": in.Start, "end": in.End}}), "body.kind")
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/absences/" + ab.ID, token: f.empTok}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/absences/nothing", token: f.maTok}), http.StatusNotFound)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/absences/" + ab.ID, token: f.maTok}), http.StatusNoContent)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/absences/" + ab.ID, token: f.maTok}), http.StatusNotFound)
	})
}

func TestAgendaTravelOverrides(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		in := TravelOverrideInput{FromLocationID: f.office.ID, ToLocationID: f.utrecht.ID, Mode: "car", Minutes: 50, Note: "A2 in de spits"}
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/travel-overrides", token: f.bossTok, body: in}), http.StatusForbidden)
		r := f.do(t, request{method: http.MethodPut, path: "/api/v1/travel-overrides", token: f.adminTok, body: in})
		wantStatus(t, r, http.StatusOK)
		var o TravelOverride
		r.decode(t, &o)
		in.Minutes = 55
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/travel-overrides", token: f.adminTok, body: in})
		wantStatus(t, r, http.StatusOK)
		var again TravelOverride
		r.decode(t, &again)
		if again.ID != o.ID || again.Minutes != 55 {
			t.Errorf("the same pair and mode set again: %+v, first %+v", again, o)
		}
		var l List[TravelOverride]
		f.get(t, "/api/v1/travel-overrides", f.empTok).decode(t, &l)
		if len(l.Items) != 1 || l.Items[0].Minutes != 55 {
			t.Errorf("list %+v", l)
		}

		// The plan uses it.
		day := wall(2026, 11, 2, 0, 0)
		f.create(t, f.bossTok, f.boss.ID, AppointmentInput{Title: "A", Start: wall(2026, 11, 2, 9, 0), End: wall(2026, 11, 2, 10, 0), Place: AgendaPlace{LocationID: f.office.ID}})
		f.create(t, f.bossTok, f.boss.ID, AppointmentInput{Title: "B", Start: wall(2026, 11, 2, 12, 0), End: wall(2026, 11, 2, 13, 0), Place: AgendaPlace{LocationID: f.utrecht.ID}})
		var plan List[AgendaDay]
		f.get(t, "/api/v1/agendas/plan?person_id="+f.boss.ID+"&"+period(day, day.AddDate(0, 0, 1)), f.bossTok).decode(t, &plan)
		if len(plan.Items) != 1 || len(plan.Items[0].Items) != 2 || plan.Items[0].Items[1].TravelBefore == nil ||
			plan.Items[0].Items[1].TravelBefore.Minutes != 55 || plan.Items[0].Items[1].TravelBefore.Source != "override" {
			t.Errorf("plan with the known travel time: %+v", plan)
		}

		bad := in
		bad.ToLocationID = "nowhere"
		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/travel-overrides", token: f.adminTok, body: bad})
		if r.StatusCode != http.StatusUnprocessableEntity && r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown location: %d %s", r.StatusCode, r.raw)
		}
		bad = in
		bad.Minutes = 0
		wantLocation(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/travel-overrides", token: f.adminTok, body: bad}), "body.minutes")
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/travel-overrides/" + o.ID, token: f.empTok}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/travel-overrides/" + o.ID, token: f.adminTok}), http.StatusNoContent)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/travel-overrides/" + o.ID, token: f.adminTok}), http.StatusNotFound)
	})
}
