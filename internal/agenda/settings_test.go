package agenda

import (
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
	"spil/internal/travel"
)

func TestSettingsDefaultsAndOffice(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, _ := f.offices(t)
		st, err := f.svc.Settings(ctx, f.actor(t, f.emp), f.boss)
		if err != nil {
			t.Fatal(err)
		}
		if !st.HoursDefault || len(st.Hours) != 5 || st.Hours[0] != (DayHours{time.Monday, 540, 1020, AtOffice, AtOffice}) {
			t.Errorf("default hours = %v (default %v)", st.Hours, st.HoursDefault)
		}
		if st.TravelMode != travel.Car || st.BufferMinutes != 0 || st.TimeZone != "" {
			t.Errorf("defaults: %+v", st)
		}
		if st.Office.LocationID != zuidas || st.Office.Name != "Zuidas" || !st.Office.HasCoordinates() {
			t.Errorf("office = %+v, want the Zuidas location", st.Office)
		}
		_, err = f.svc.Settings(ctx, f.actor(t, f.emp), "nobody")
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.Settings(ctx, nil, f.boss)
		wantKind(t, err, apperr.Forbidden)
	})
}

func TestSaveSettingsRightsAndHome(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.offices(t)
		maEdit := f.person(t, "Eva Editor", authz.RoleManagementAssistant)
		f.mandate(t, f.boss, maEdit, "agenda.see agenda.edit")
		in := Settings{TimeZone: "Europe/Amsterdam", TravelMode: travel.PublicTransport, BufferMinutes: 10,
			Home: address("Maliebaan 1, Utrecht", utrechtLat, utrechtLon),
			Hours: []DayHours{
				{Weekday: time.Tuesday, Start: 13 * 60, End: 17 * 60},
				{Weekday: time.Tuesday, Start: 8 * 60, End: 12 * 60, StartPlace: AtHome},
			}}
		for _, who := range []string{f.maSee, f.emp, f.other} {
			_, err := f.svc.SaveSettings(ctx, f.actor(t, who), f.boss, in)
			wantKind(t, err, apperr.Forbidden)
		}
		got, err := f.svc.SaveSettings(ctx, f.actor(t, f.ma), f.boss, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.HoursDefault || len(got.Hours) != 2 || got.Hours[0].Start != 8*60 || got.Hours[0].StartPlace != AtHome || got.Hours[1].EndPlace != AtOffice {
			t.Errorf("hours = %+v, want two sorted spans on Tuesday", got.Hours)
		}
		if got.Home.Name != "Maliebaan 1, Utrecht" || got.BufferMinutes != 10 || got.TravelMode != travel.PublicTransport {
			t.Errorf("saved = %+v", got)
		}
		var behalf, after string
		if err := d.R.QueryRow(`SELECT on_behalf_of, after_data FROM audit_log WHERE object_type = 'agenda_settings'`).Scan(&behalf, &after); err != nil || behalf != f.boss {
			t.Errorf("audit on behalf = %q, %v", behalf, err)
		}
		mustNotLeak(t, after, "Maliebaan")

		// The home address is the person's and their private-scope readers'.
		for who, sees := range map[string]bool{f.boss: true, f.ma: true, f.maSee: false, maEdit: false, f.emp: false} {
			st, err := f.svc.Settings(ctx, f.actor(t, who), f.boss)
			if err != nil {
				t.Fatal(err)
			}
			if (st.Home.Name != "") != sees || (st.Home.HasCoordinates() != sees) {
				t.Errorf("%s sees home %+v, want shown=%v", who, st.Home, sees)
			}
			if len(st.Hours) != 2 {
				t.Errorf("%s does not see the working hours", who)
			}
		}
		// An editor who cannot see the home address keeps it as it is.
		in.Home = Place{}
		in.BufferMinutes = 5
		if _, err := f.svc.SaveSettings(ctx, f.actor(t, maEdit), f.boss, in); err != nil {
			t.Fatal(err)
		}
		st, _ := f.svc.Settings(ctx, f.actor(t, f.boss), f.boss)
		if st.Home.Name != "Maliebaan 1, Utrecht" || st.BufferMinutes != 5 {
			t.Errorf("after an edit without see_private: %+v", st)
		}
		// Empty hours go back to the default.
		st.Hours = nil
		st, err = f.svc.SaveSettings(ctx, f.actor(t, f.boss), f.boss, st)
		if err != nil || !st.HoursDefault || len(st.Hours) != 5 {
			t.Errorf("reset hours: %+v, %v", st.Hours, err)
		}
		_, err = f.svc.SaveSettings(ctx, f.actor(t, f.emp), "nobody", in)
		wantKind(t, err, apperr.NotFound)
	})
}

func TestSaveSettingsValidation(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		boss := f.actor(t, f.boss)
		lat := 95.0
		cases := map[string]Settings{
			"time_zone":             {TimeZone: "Mars/Olympus"},
			"travel_mode":           {TravelMode: "teleport"},
			"buffer_minutes":        {BufferMinutes: -5},
			"home.latitude":         {Home: Place{Lat: &lat}},
			"hours[0].end_minute":   {Hours: []DayHours{{Weekday: time.Monday, Start: 600, End: 540}}},
			"hours[0].weekday":      {Hours: []DayHours{{Weekday: 9, Start: 540, End: 600}}},
			"hours[0].start_place":  {Hours: []DayHours{{Weekday: time.Monday, Start: 540, End: 600, StartPlace: "boat"}}},
			"hours":                 {Hours: []DayHours{{Weekday: time.Monday, Start: 540, End: 720}, {Weekday: time.Monday, Start: 700, End: 800}}},
			"hours[1].start_minute": {Hours: []DayHours{{Weekday: time.Monday, Start: 540, End: 720}, {Weekday: time.Monday, Start: 1440, End: 1440}}},
		}
		for field, in := range cases {
			_, err := f.svc.SaveSettings(ctx, boss, f.boss, in)
			wantField(t, err, field)
		}
		var n int
		if err := d.R.QueryRow(`SELECT COUNT(*) FROM agenda_settings`).Scan(&n); err != nil || n != 0 {
			t.Errorf("rejected settings were stored: %d, %v", n, err)
		}
	})
}
