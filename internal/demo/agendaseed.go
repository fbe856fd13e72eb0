package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/google/uuid"

	"spil/internal/agenda"
	"spil/internal/audit"
	"spil/internal/authz"
)

// hoursSpec is a working-hour span: weekday, from and to as "hh:mm", and
// where the day starts.
type hoursSpec struct {
	wd         time.Weekday
	from, to   string
	startPlace string
}

// firmHours: Ingrid Smit works part-time (no Wednesday afternoon, no
// Friday); the managing partner starts Fridays at home; Marieke de Boer
// keeps long days. Everyone else has the default Monday to Friday 09–17.
var firmHours = map[string][]hoursSpec{
	"smit": {{time.Monday, "08:30", "17:30", agenda.AtOffice}, {time.Tuesday, "08:30", "17:30", agenda.AtOffice},
		{time.Wednesday, "08:30", "12:30", agenda.AtOffice}, {time.Thursday, "08:30", "17:30", agenda.AtOffice}},
	keyDirector: {{time.Monday, "08:00", "18:00", agenda.AtOffice}, {time.Tuesday, "08:00", "18:00", agenda.AtOffice},
		{time.Wednesday, "08:00", "18:00", agenda.AtOffice}, {time.Thursday, "08:00", "18:00", agenda.AtOffice},
		{time.Friday, "08:00", "16:00", agenda.AtHome}},
	"deboer": {{time.Monday, "08:30", "17:30", agenda.AtOffice}, {time.Tuesday, "08:30", "17:30", agenda.AtOffice},
		{time.Wednesday, "08:30", "17:30", agenda.AtOffice}, {time.Thursday, "08:30", "17:30", agenda.AtOffice},
		{time.Friday, "08:30", "17:30", agenda.AtOffice}},
}

type settingsSpec struct {
	key, mode string
	buffer    int
	home      *site
}

var firmSettings = []settingsSpec{
	{keyDirector, "car", 10, &siteDirectorHom},
	{"deboer", "public_transport", 5, &siteDeBoerHome},
	{"smit", "bike", 0, nil},
	{keyManager, "car", 5, nil},
	{"mulder", "car", 0, nil},
}

type absenceSpec struct {
	key, kind, note string
	from, to        time.Time
}

// firmAbsences: holiday leave for two partners (one within the next
// weeks), a congress, and a colleague off sick today (others see only
// "absent").
func firmAbsences(c calendar) []absenceSpec {
	summer := time.Date(c.monday.Year(), time.July, 20, 0, 0, 0, 0, c.zone)
	if summer.Before(c.monday.AddDate(0, 0, 30)) {
		summer = summer.AddDate(1, 0, 0)
	}
	for summer.Weekday() != time.Monday {
		summer = summer.AddDate(0, 0, 1)
	}
	leave := c.monday.AddDate(0, 0, 21)
	return []absenceSpec{
		{"deboer", agenda.Leave, "Vakantie Toscane", leave, leave.AddDate(0, 0, 5)},
		{keyDirector, agenda.Leave, "Zomervakantie", summer, summer.AddDate(0, 0, 12)},
		{keyManager, agenda.OutOfOffice, "Congres M&A, Londen", c.shown[3], c.shown[3].AddDate(0, 0, 1)},
		{"yilmaz", agenda.Sick, "", c.shown[0], c.shown[0].AddDate(0, 0, 1)},
	}
}

func minutes(hhmm string) int {
	h, _ := strconv.Atoi(hhmm[:2])
	m, _ := strconv.Atoi(hhmm[3:])
	return h*60 + m
}

// agendas fills the agendas: the firm's hand-made showcase through the
// agenda service, then settings, working hours, absences, a known travel
// time between the two offices, and a year of generated items for every
// principal (and series for every generated manager) written in one
// transaction with multi-row INSERTs.
func (s *seeder) agendas(ctx context.Context, now time.Time) error {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	c := newCalendar(now, zone)
	svc := &agenda.Service{DB: s.db, Clock: s.clock, Resolver: s.resolver}
	if err := s.showcaseAgendas(ctx, svc, c); err != nil {
		return err
	}
	busy := newBusyMap()
	for _, it := range showcase() {
		in := s.input(c, it)
		people := []string{s.ids[it.owner]}
		for _, k := range it.attendees {
			people = append(people, s.ids[k])
		}
		busy.block(c, in.Start, int(in.End.Sub(in.Start).Minutes()), in.RRule, people)
	}
	absences := firmAbsences(c)
	for _, ab := range absences {
		busy.blockDays(c, s.ids[ab.key], ab.from, ab.to)
	}

	s.clock.Advance(10 * time.Minute)
	now = s.clock.Now().UTC()
	var absenceRows [][]any
	for _, ab := range absences {
		absenceRows = append(absenceRows, []any{uuid.Must(uuid.NewV7()).String(), s.ids[ab.key], ab.kind, ab.from.UTC(), ab.to.UTC(), ab.note, s.ids[ab.key], now, now})
	}

	var hourRows, settingRows, overrideRows [][]any
	for k, hs := range firmHours {
		for _, h := range hs {
			hourRows = append(hourRows, []any{s.ids[k], int(h.wd), minutes(h.from), minutes(h.to), h.startPlace, agenda.AtOffice})
		}
	}
	for _, st := range firmSettings {
		var addr string
		var lat, lon any
		if st.home != nil {
			addr, lat, lon = st.home.name, st.home.lat, st.home.lon
		}
		settingRows = append(settingRows, []any{s.ids[st.key], "", st.mode, st.buffer, addr, lat, lon, now})
	}
	for _, o := range []struct {
		mode    string
		minutes int
		note    string
	}{{"car", 50, s.text("A2 in de spits", "A2 at rush hour")}, {"public_transport", 40, s.text("Trein Amsterdam Zuid – Utrecht Centraal, plus lopen", "Train Amsterdam Zuid – Utrecht Centraal, plus walking")}} {
		overrideRows = append(overrideRows, []any{uuid.Must(uuid.NewV7()).String(), s.ids["amsterdam"], s.ids["utrecht"], o.mode, o.minutes, false, o.note, now, now})
	}

	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		// The year of items is written while it is made, a few thousand
		// rows at a time, so it never sits in memory whole.
		r := &rows{now: now, zone: zone.String(), write: func(aps, ats [][]any) error {
			if err := s.insertRows(ctx, tx, appointmentInsert, aps); err != nil {
				return err
			}
			return s.insertRows(ctx, tx, attendeeInsert, ats)
		}}
		rng := rand.New(rand.NewPCG(20250311, 3))
		partners := []string{keyDirector, "deboer", keyManager, "smit", "mulder"}
		for _, k := range partners {
			p := personSpecByKey(k)
			var colleagues []string
			for _, q := range firmPeople {
				if q.key != k && (q.dept == p.dept || contains(partners, q.key)) {
					colleagues = append(colleagues, s.ids[q.key])
				}
			}
			s.fill(r, c, busy, denseOwner{id: s.ids[k], officeID: s.ids[p.loc], colleagues: colleagues, firstDay: 7, perDay: 4}, rng)
		}
		absenceRows = append(absenceRows, s.generatedAgendas(r, c, busy, rng, now)...)
		if err := r.flush(); err != nil {
			return err
		}
		for _, ins := range []struct {
			sql  string
			rows [][]any
		}{
			{`INSERT INTO absences (id, person_id, kind, start_at, end_at, note, created_by, created_at, updated_at)`, absenceRows},
			{`INSERT INTO working_hours (person_id, weekday, start_minute, end_minute, start_place, end_place)`, hourRows},
			{`INSERT INTO agenda_settings (person_id, time_zone, travel_mode, buffer_minutes, home_address, home_latitude, home_longitude, updated_at)`, settingRows},
			{`INSERT INTO travel_overrides (id, from_location_id, to_location_id, mode, minutes, one_way, note, created_at, updated_at)`, overrideRows},
		} {
			if err := s.insertRows(ctx, tx, ins.sql, ins.rows); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, s.clock, authz.System("demo"), audit.Change{Action: "import", ObjectType: "appointment",
			Label: strconv.Itoa(r.written),
			Summary: fmt.Sprintf("added %d generated appointments, %d absences and the agenda settings of the demo",
				r.written, len(absenceRows))})
	})
}

// generatedAgendas fills the generated organization's agendas: every
// generated principal gets a weekly team meeting, a fortnightly meeting with
// their assistant, two weeks of summer leave and about five items a day for
// a year; every other generated manager a weekly team meeting with their
// reports. It returns the absence rows.
func (s *seeder) generatedAgendas(r *rows, c calendar, busy busyMap, rng *rand.Rand, now time.Time) [][]any {
	if len(s.generated) == 0 {
		return nil
	}
	reports := map[string][]string{}
	byDept := map[string][]string{}
	for _, p := range s.generated {
		reports[p.manager] = append(reports[p.manager], p.id)
		byDept[p.dept] = append(byDept[p.dept], p.id)
	}
	var absences [][]any
	for _, p := range s.generated {
		team := reports[p.id]
		if len(team) == 0 && p.role != authz.RolePrincipal {
			continue
		}
		wd := time.Weekday(1 + rng.IntN(5))
		day := c.monday.AddDate(0, 0, int(wd)-1)
		if len(team) > 0 {
			s.writeSeries(r, c, busy, series{owner: p.id, attendees: team, title: pair{"Werkoverleg team", "Team meeting"},
				start: c.at(day, "13:30"), minutes: 45, rrule: "FREQ=WEEKLY;BYDAY=" + wd.String()[:2], locationID: p.loc, prio: agenda.P3})
		}
		if p.role != authz.RolePrincipal {
			continue
		}
		if ma := s.assistantOf[p.id]; ma != "" {
			s.writeSeries(r, c, busy, series{owner: p.id, attendees: []string{ma}, title: pair{"Bila managementassistent", "Catch-up with assistant"},
				start: c.at(c.monday.AddDate(0, 0, 4), "16:00"), minutes: 30, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", locationID: p.loc, prio: agenda.P3})
		}
		leave := c.monday.AddDate(0, 0, 7*(30+rng.IntN(8)))
		busy.blockDays(c, p.id, leave, leave.AddDate(0, 0, 12))
		absences = append(absences, []any{uuid.Must(uuid.NewV7()).String(), p.id, agenda.Leave, leave.UTC(), leave.AddDate(0, 0, 12).UTC(),
			"", p.id, now, now})
		colleagues := byDept[p.dept]
		if len(colleagues) > 40 {
			start := rng.IntN(len(colleagues) - 40)
			colleagues = colleagues[start : start+40]
		}
		s.fill(r, c, busy, denseOwner{id: p.id, officeID: p.loc, colleagues: colleagues, perDay: 5}, rng)
	}
	return absences
}
