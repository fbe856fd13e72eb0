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

// secrets are words of the private and confidential items that a reader
// without the right scopes may never get, whatever the answer.
var secrets = []string{"Tandarts", "Amstelveen", "kies", "Noordster", "Lange Voorhout", "fusie"}

func wantNoSecrets(t *testing.T, what string, raw []byte, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(string(raw), s) {
			t.Errorf("%s reveals %q: %s", what, s, raw)
		}
	}
}

// maskingAgenda gives the boss a normal, a private and a confidential item
// on 2 Nov 2026 and returns their IDs.
func maskingAgenda(t *testing.T, f *agendaFixture) (normal, private, confidential Appointment) {
	lat, lon := 52.3030, 4.8590
	normal = f.create(t, f.bossTok, f.boss.ID, AppointmentInput{Title: "Partneroverleg", Start: wall(2026, 11, 2, 9, 0), End: wall(2026, 11, 2, 10, 0),
		Place: AgendaPlace{LocationID: f.office.ID}})
	private = f.create(t, f.bossTok, f.boss.ID, AppointmentInput{Title: "Tandarts", Notes: "kies linksboven", Start: wall(2026, 11, 2, 11, 0),
		End: wall(2026, 11, 2, 11, 45), Visibility: agenda.Private, Place: AgendaPlace{Name: "Stadsplein 1, Amstelveen", Latitude: &lat, Longitude: &lon}})
	lat2, lon2 := 52.0826, 4.3133
	confidential = f.create(t, f.bossTok, f.boss.ID, AppointmentInput{Title: "Project Noordster", Notes: "fusie", Start: wall(2026, 11, 2, 14, 0),
		End: wall(2026, 11, 2, 16, 0), Visibility: agenda.Confidential, Priority: agenda.P2,
		Place: AgendaPlace{Name: "Lange Voorhout 9, Den Haag", Latitude: &lat2, Longitude: &lon2}})
	return normal, private, confidential
}

func TestAgendaMasking(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		normal, private, confidential := maskingAgenda(t, f)
		day := wall(2026, 11, 2, 0, 0)
		listPath := "/api/v1/agendas/" + f.boss.ID + "/appointments?" + period(day, day.AddDate(0, 0, 1))

		// Who sees what in the list: the owner all; the full assistant the
		// private item but not the confidential one (no
		// documents.see_confidential); the one who may look only the normal
		// item; an employee busy blocks only.
		for _, c := range []struct {
			who, token string
			want       string
		}{
			{"owner", f.bossTok, "Partneroverleg@11-02 09:00, Tandarts@11-02 11:00, Project Noordster@11-02 14:00"},
			{"full assistant", f.maTok, "Partneroverleg@11-02 09:00, Tandarts@11-02 11:00, (busy)@11-02 14:00"},
			{"assistant who may look", f.maSeeTok, "Partneroverleg@11-02 09:00, (busy)@11-02 11:00, (busy)@11-02 14:00"},
			{"employee", f.empTok, "(busy)@11-02 09:00, (busy)@11-02 11:00, (busy)@11-02 14:00"},
		} {
			if got := summary(f.list(t, c.token, f.boss.ID, day, day.AddDate(0, 0, 1))); got != c.want {
				t.Errorf("%s sees %s, want %s", c.who, got, c.want)
			}
		}
		r := f.get(t, listPath, f.empTok)
		wantNoSecrets(t, "the employee's list", r.raw, append(secrets, "Partneroverleg", "Kantoor Zuidas")...)
		wantNoSecrets(t, "the looking assistant's list", f.get(t, listPath, f.maSeeTok).raw, secrets...)
		var hidden List[Occurrence]
		r.decode(t, &hidden)
		for _, o := range hidden.Items {
			if !o.Hidden || o.Title != "" || o.Notes != "" || o.Place != (AgendaPlace{}) || o.Priority != 0 || len(o.Attendees) != 0 || o.CreatedBy != "" {
				t.Errorf("busy block shows more than the time: %+v", o)
			}
			if o.Visibility == agenda.Normal {
				t.Errorf("busy block tells it is a normal item")
			}
		}

		// Get: the same rules, one item at a time.
		for _, id := range []string{normal.ID, private.ID, confidential.ID} {
			r := f.get(t, "/api/v1/appointments/"+id, f.empTok)
			wantStatus(t, r, http.StatusOK)
			wantNoSecrets(t, "get as employee", r.raw, append(secrets, "Partneroverleg")...)
		}
		wantNoSecrets(t, "get of the confidential item as the full assistant",
			f.get(t, "/api/v1/appointments/"+confidential.ID, f.maTok).raw, "Noordster", "fusie", "Lange Voorhout")
		var seen Appointment
		f.get(t, "/api/v1/appointments/"+private.ID, f.maTok).decode(t, &seen)
		if seen.Hidden || seen.Notes != "kies linksboven" {
			t.Errorf("the full assistant does not see the private item: %+v", seen)
		}

		// Free/busy: times only, for anyone.
		r = f.get(t, "/api/v1/agendas/freebusy?person_id="+f.boss.ID+"&person_id="+f.other.ID+"&"+period(day, day.AddDate(0, 0, 1)), f.empTok)
		wantStatus(t, r, http.StatusOK)
		wantNoSecrets(t, "free/busy", r.raw, append(secrets, "Partneroverleg", "Kantoor")...)
		var fb List[BusyPerson]
		r.decode(t, &fb)
		if len(fb.Items) != 2 || fb.Items[0].PersonID != f.boss.ID || len(fb.Items[0].Busy) != 3 || len(fb.Items[1].Busy) != 0 {
			t.Errorf("free/busy %s", r.raw)
		}

		// The day plan as the employee: busy blocks, and travel blocks and
		// flags that name nothing hidden.
		r = f.get(t, "/api/v1/agendas/plan?person_id="+f.boss.ID+"&"+period(day, day.AddDate(0, 0, 1)), f.empTok)
		wantStatus(t, r, http.StatusOK)
		wantNoSecrets(t, "the plan", r.raw, append(secrets, "Partneroverleg")...)
		wantNoSecrets(t, "the looking assistant's plan",
			f.get(t, "/api/v1/agendas/plan?person_id="+f.boss.ID+"&"+period(day, day.AddDate(0, 0, 1)), f.maSeeTok).raw, secrets...)

		// Conflicts of an item the employee cannot see in full.
		r = f.get(t, "/api/v1/appointments/"+private.ID+"/conflicts", f.maSeeTok)
		if r.StatusCode == http.StatusOK {
			wantNoSecrets(t, "conflicts", r.raw, secrets...)
		}

		// The export as the employee: busy blocks without a title.
		r = f.get(t, "/api/v1/agendas/"+f.boss.ID+"/calendar.ics", f.empTok)
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
			t.Errorf("export content type %q", ct)
		}
		if !strings.Contains(string(r.raw), "BEGIN:VEVENT") {
			t.Errorf("export without events: %s", r.raw)
		}
		wantNoSecrets(t, "the export", r.raw, append(secrets, "Partneroverleg", "Kantoor Zuidas")...)
		wantNoSecrets(t, "the looking assistant's export", f.get(t, "/api/v1/agendas/"+f.boss.ID+"/calendar.ics", f.maSeeTok).raw, secrets...)
	})
}

func TestAgendaPlanning(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		day := wall(2026, 11, 2, 0, 0) // a Monday
		at := func(title string, h, m, minutes int, loc string, prio int) Appointment {
			in := AppointmentInput{Title: title, Start: wall(2026, 11, 2, h, m), End: wall(2026, 11, 2, h, m).Add(time.Duration(minutes) * time.Minute),
				Place: AgendaPlace{LocationID: loc}, Priority: prio}
			return f.create(t, f.maTok, f.boss.ID, in)
		}
		at("Partneroverleg", 9, 0, 60, f.office.ID, agenda.P2)
		utrecht := at("Cliënt Utrecht", 10, 15, 60, f.utrecht.ID, agenda.P2) // 15 minutes from Amsterdam: unreachable
		desk := at("Dossierwerk", 11, 0, 60, f.utrecht.ID, agenda.P4)        // overlaps the client meeting

		r := f.get(t, "/api/v1/agendas/plan?person_id="+f.boss.ID+"&person_id="+f.other.ID+"&"+period(day, day.AddDate(0, 0, 1)), f.maTok)
		wantStatus(t, r, http.StatusOK)
		var plan List[AgendaDay]
		r.decode(t, &plan)
		if len(plan.Items) != 2 || plan.Items[0].PersonID != f.boss.ID || plan.Items[1].PersonID != f.other.ID || plan.Items[0].Date != "2026-11-02" {
			t.Fatalf("plan days %s", r.raw)
		}
		bd := plan.Items[0]
		if len(bd.Items) != 3 || len(bd.Working) == 0 {
			t.Fatalf("boss's day %+v", bd)
		}
		flags := func(it PlanItem) string {
			var cs []string
			for _, fl := range it.Flags {
				cs = append(cs, fl.Code)
			}
			return strings.Join(cs, " ")
		}
		u := bd.Items[1]
		if u.ID != utrecht.ID || u.TravelBefore == nil || u.TravelBefore.Minutes < 30 || !strings.Contains(flags(u), agenda.FlagUnreachable) {
			t.Errorf("the Utrecht meeting: travel %+v, flags %q", u.TravelBefore, flags(u))
		}
		if !strings.Contains(flags(bd.Items[2]), agenda.FlagOverlap) {
			t.Errorf("the desk work: flags %q", flags(bd.Items[2]))
		}

		// Conflicts of the desk work: the client meeting, with new times for the desk work (lower priority).
		r = f.get(t, "/api/v1/appointments/"+desk.ID+"/conflicts", f.maTok)
		wantStatus(t, r, http.StatusOK)
		var cs List[AppointmentConflict]
		r.decode(t, &cs)
		found := false
		for _, c := range cs.Items {
			if c.Other.ID == utrecht.ID && c.Code == agenda.FlagOverlap {
				found = true
				if c.MoveOther || len(c.Proposals) == 0 {
					t.Errorf("conflict %+v: want proposals for the desk work", c)
				}
			}
		}
		if !found {
			t.Errorf("conflicts %s", r.raw)
		}
		wantStatus(t, f.get(t, "/api/v1/appointments/nothing/conflicts", f.maTok), http.StatusNotFound)

		// The slot finder: an hour for both principals that day, clear of the P2 items.
		q := SlotQuery{PersonIDs: []string{f.boss.ID, f.other.ID}, DurationMinutes: 60, From: day, To: day.AddDate(0, 0, 1),
			Place: AgendaPlace{LocationID: f.office.ID}, MayOverbook: agenda.P4, Limit: 5}
		r = f.do(t, request{method: http.MethodPost, path: "/api/v1/agendas/find-slots", token: f.maTok, body: q})
		wantStatus(t, r, http.StatusOK)
		var slots List[Slot]
		r.decode(t, &slots)
		if len(slots.Items) == 0 || len(slots.Items) > 5 {
			t.Fatalf("slots %s", r.raw)
		}
		for _, s := range slots.Items {
			if s.Start.Before(wall(2026, 11, 2, 11, 15)) && s.End.After(wall(2026, 11, 2, 10, 15)) {
				t.Errorf("slot %v–%v overbooks the P2 client meeting", s.Start, s.End)
			}
		}
		q.DurationMinutes = 0
		wantLocation(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/agendas/find-slots", token: f.maTok, body: q}), "body.duration_minutes")
		q.DurationMinutes, q.PersonIDs = 60, []string{"nobody"}
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/agendas/find-slots", token: f.maTok, body: q}), http.StatusNotFound)
		wantStatus(t, f.get(t, "/api/v1/agendas/plan?person_id=nobody&"+period(day, day.AddDate(0, 0, 1)), f.maTok), http.StatusNotFound)
		wantLocation(t, f.get(t, "/api/v1/agendas/plan?"+period(day, day.AddDate(0, 0, 1)), f.maTok), "query.person_id")
	})
}
