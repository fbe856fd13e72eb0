package agenda

import (
	"slices"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/holiday"
	"spil/internal/testutil"
	"spil/internal/travel"
)

// planDay returns who's plan of one person's single day.
func (f *fixture) planDay(t testing.TB, who, person string, day time.Time) Day {
	t.Helper()
	m, err := f.svc.Plan(ctx, f.actor(t, who), []string{person}, day, day.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(m[person]) != 1 {
		t.Fatalf("%d days, want 1", len(m[person]))
	}
	return m[person][0]
}

func item(t testing.TB, d Day, id string) PlanItem {
	t.Helper()
	for _, it := range d.Items {
		if it.ID == id {
			return it
		}
	}
	t.Fatalf("item %s not in the plan", id)
	return PlanItem{}
}

func codes(it PlanItem) []string {
	var out []string
	for _, f := range it.Flags {
		out = append(out, f.Code)
	}
	slices.Sort(out)
	return out
}

func TestPlanTravelBetweenOffices(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, utrecht := f.offices(t)
		car := carMinutes(t)
		// Tuesday 3 November 2026; the boss starts at the Zuidas office.
		a := f.create(t, f.boss, Input{Title: "Team Zuidas", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0), Place: atLocation(zuidas)})
		b := f.create(t, f.boss, Input{Title: "Client Utrecht", Start: at(2026, 11, 3, 11, 0), End: at(2026, 11, 3, 12, 0), Place: atLocation(utrecht)})
		c := f.create(t, f.boss, Input{Title: "Lunch Zuidas", Start: at(2026, 11, 3, 12, 15), End: at(2026, 11, 3, 13, 0), Place: atLocation(zuidas)})
		call := f.create(t, f.boss, Input{Title: "Call", Start: at(2026, 11, 3, 13, 0), End: at(2026, 11, 3, 14, 0)})
		e := f.create(t, f.boss, Input{Title: "Back in Utrecht", Start: at(2026, 11, 3, 14, 30), End: at(2026, 11, 3, 15, 0), Place: atLocation(utrecht)})

		day := f.planDay(t, f.boss, f.boss, at(2026, 11, 3, 0, 0))
		if day.StartsAt != AtOffice || len(day.Working) != 1 || !day.Working[0].Start.Equal(at(2026, 11, 3, 9, 0)) {
			t.Errorf("day: starts %s, working %v", day.StartsAt, day.Working)
		}
		if it := item(t, day, a.ID); it.TravelBefore != nil || len(it.Flags) != 0 {
			t.Errorf("first item at the office: travel %+v, flags %v", it.TravelBefore, it.Flags)
		}
		tb := item(t, day, b.ID).TravelBefore
		if tb == nil || tb.From != "Zuidas" || tb.To != "Utrecht" || tb.Minutes != car || tb.Mode != travel.Car ||
			!tb.End.Equal(b.Start) || !tb.Start.Equal(b.Start.Add(-time.Duration(car)*time.Minute)) || tb.FromID != a.ID {
			t.Errorf("travel to Utrecht = %+v, want %d min by car from Zuidas", tb, car)
		}
		if fl := item(t, day, b.ID).Flags; len(fl) != 0 {
			t.Errorf("Utrecht is reachable in time: %v", fl)
		}
		ci := item(t, day, c.ID)
		if ci.TravelBefore == nil || ci.TravelBefore.From != "Utrecht" || len(ci.Flags) != 1 {
			t.Fatalf("lunch: %+v %v", ci.TravelBefore, ci.Flags)
		}
		if fl := ci.Flags[0]; fl.Code != FlagUnreachable || fl.LateMinutes != car-15 || fl.With != b.ID || fl.WithTitle != "Client Utrecht" {
			t.Errorf("lunch flag = %+v, want unreachable %d min late", fl, car-15)
		}
		// The call (no place) keeps the boss at Zuidas until 14:00.
		ei := item(t, day, e.ID)
		if ei.TravelBefore == nil || ei.TravelBefore.From != "Zuidas" || ei.TravelBefore.FromID != c.ID {
			t.Errorf("travel after the call = %+v", ei.TravelBefore)
		}
		if len(ei.Flags) != 1 || ei.Flags[0].LateMinutes != car-30 {
			t.Errorf("after the call: %v, want %d min late (leaves at 14:00)", ei.Flags, car-30)
		}
		if it := item(t, day, call.ID); len(it.Flags) != 0 || it.TravelBefore != nil {
			t.Errorf("call: %+v", it)
		}

		// With a buffer, Utrecht at 11:00 becomes too tight only when the
		// buffer does not fit in the gap.
		st, _ := f.svc.Settings(ctx, f.actor(t, f.boss), f.boss)
		st.BufferMinutes = 60 - car + 5
		if _, err := f.svc.SaveSettings(ctx, f.actor(t, f.boss), f.boss, st); err != nil {
			t.Fatal(err)
		}
		day = f.planDay(t, f.boss, f.boss, at(2026, 11, 3, 0, 0))
		if fl := item(t, day, b.ID).Flags; len(fl) != 1 || fl[0].Code != FlagUnreachable || fl[0].LateMinutes != 5 {
			t.Errorf("with a buffer: %v, want 5 min late", fl)
		}
	})
}

func TestPlanMasksForEachReader(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, _ := f.offices(t)
		clinic := address("Secret Clinic, Utrecht", 52.09, 5.12)
		f.create(t, f.boss, Input{Title: "Board", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 10, 0), Place: atLocation(zuidas), Priority: P1})
		priv := f.create(t, f.boss, Input{Title: "Therapy", Start: at(2026, 11, 3, 11, 30), End: at(2026, 11, 3, 12, 30), Place: clinic, Visibility: Private})
		conf := f.create(t, f.boss, Input{Title: "Merger", Start: at(2026, 11, 3, 12, 0), End: at(2026, 11, 3, 13, 0), Place: atLocation(zuidas), Visibility: Confidential})
		cases := []struct {
			who                            string
			seesNormal, seesPriv, seesConf bool
		}{{f.boss, true, true, true}, {f.ma, true, true, false}, {f.maSee, true, false, false}, {f.emp, false, false, false}, {f.other, false, false, false}}
		for _, c := range cases {
			day := f.planDay(t, c.who, f.boss, at(2026, 11, 3, 0, 0))
			p, m := item(t, day, priv.ID), item(t, day, conf.ID)
			if p.Hidden == c.seesPriv || m.Hidden == c.seesConf {
				t.Errorf("%s: private hidden %v, confidential hidden %v", c.who, p.Hidden, m.Hidden)
			}
			// Travel to the clinic is shown, but not where it is.
			if p.TravelBefore == nil || (p.TravelBefore.From == "Zuidas") != c.seesNormal {
				t.Fatalf("%s: travel to the clinic = %+v", c.who, p.TravelBefore)
			}
			if want := map[bool]string{true: "Secret Clinic, Utrecht", false: ""}[c.seesPriv]; p.TravelBefore.To != want {
				t.Errorf("%s: travel to %q, want %q", c.who, p.TravelBefore.To, want)
			}
			// The confidential item overlaps the private one and is
			// reached from it.
			if got := codes(m); !slices.Equal(got, []string{FlagOverlap}) {
				t.Errorf("%s: confidential flags %v", c.who, got)
			}
			if m.TravelBefore == nil || (m.TravelBefore.From != "") == !c.seesPriv {
				t.Errorf("%s: travel from the clinic = %+v", c.who, m.TravelBefore)
			}
			if w := p.Flags[0].WithTitle; (w == "Merger") != c.seesConf || (w != "" && w != "Merger") {
				t.Errorf("%s: private item's flag names %q", c.who, w)
			}
			switch {
			case !c.seesPriv:
				mustNotLeak(t, day, "Therapy", "Secret", "Merger")
			case !c.seesConf:
				mustNotLeak(t, day, "Merger")
			}
		}
		_, err := f.svc.Plan(ctx, nil, []string{f.boss}, at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0))
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.Plan(ctx, f.actor(t, f.emp), []string{f.boss, "nobody"}, at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0))
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.Plan(ctx, f.actor(t, f.emp), []string{f.boss}, at(2026, 11, 3, 0, 0), at(2027, 3, 4, 0, 0))
		wantField(t, err, "to")
	})
}

func TestPlanFlagsHoursAbsenceHoliday(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.offices(t)
		late := f.create(t, f.boss, Input{Title: "Dinner", Start: at(2026, 11, 3, 18, 0), End: at(2026, 11, 3, 20, 0)})
		edge := f.create(t, f.boss, Input{Title: "Early", Start: at(2026, 11, 3, 8, 30), End: at(2026, 11, 3, 9, 30)})
		inside := f.create(t, f.boss, Input{Title: "Normal", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		allDay := f.create(t, f.boss, Input{Title: "Conference", Start: at(2026, 11, 3, 0, 0), End: at(2026, 11, 4, 0, 0), AllDay: true})
		cancelled := f.create(t, f.boss, Input{Title: "Cancelled", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Status: Cancelled})
		day := f.planDay(t, f.emp, f.boss, at(2026, 11, 3, 0, 0))
		for id, want := range map[string][]string{late.ID: {FlagOutsideHours}, edge.ID: {FlagOutsideHours}, inside.ID: nil, allDay.ID: nil, cancelled.ID: nil} {
			if got := codes(item(t, day, id)); !slices.Equal(got, want) {
				t.Errorf("%s: flags %v, want %v", id, got, want)
			}
		}

		if _, err := f.svc.CreateAbsence(ctx, f.actor(t, f.boss), f.boss, AbsenceInput{Kind: Sick, Start: at(2026, 11, 3, 13, 0), End: at(2026, 11, 4, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		day = f.planDay(t, f.emp, f.boss, at(2026, 11, 3, 0, 0))
		if got := codes(item(t, day, late.ID)); !slices.Equal(got, []string{FlagAbsent, FlagOutsideHours}) {
			t.Errorf("dinner during absence: %v", got)
		}
		if len(day.Absences) != 1 || day.Absences[0].Kind != Absent {
			t.Errorf("absences shown to a colleague: %+v", day.Absences)
		}

		// King's Day 2026 is a Monday.
		kd := f.create(t, f.boss, Input{Title: "Oranjemarkt", Start: at(2026, 4, 27, 10, 0), End: at(2026, 4, 27, 11, 0)})
		day = f.planDay(t, f.boss, f.boss, at(2026, 4, 27, 0, 0))
		if day.Holiday == nil || day.Holiday.Key != "kings_day" || day.Date != holiday.NewDate(2026, 4, 27) {
			t.Errorf("holiday = %+v on %v", day.Holiday, day.Date)
		}
		if fl := item(t, day, kd.ID).Flags; len(fl) != 1 || fl[0].Code != FlagHoliday || fl[0].Text != "on a public holiday (King's Day)" {
			t.Errorf("King's Day flags: %+v", fl)
		}
	})
}

func TestPlanDaylightSavingAndHome(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, _ := f.offices(t)
		boss := f.actor(t, f.boss)
		st := Settings{Home: address("Utrecht home", utrechtLat, utrechtLon), Hours: []DayHours{
			{Weekday: time.Saturday, Start: 9 * 60, End: 17 * 60},
			{Weekday: time.Sunday, Start: 9 * 60, End: 17 * 60, StartPlace: AtHome},
			{Weekday: time.Monday, Start: 9 * 60, End: 17 * 60},
		}}
		if _, err := f.svc.SaveSettings(ctx, boss, f.boss, st); err != nil {
			t.Fatal(err)
		}
		// Summer time starts on Sunday 29 March 2026 at 02:00.
		it := f.create(t, f.boss, Input{Title: "Sunday at Zuidas", Start: at(2026, 3, 29, 10, 0), End: at(2026, 3, 29, 11, 0), Place: atLocation(zuidas)})
		m, err := f.svc.Plan(ctx, boss, []string{f.boss}, at(2026, 3, 28, 0, 0), at(2026, 3, 31, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		days := m[f.boss]
		if len(days) != 3 || days[1].Date != holiday.NewDate(2026, 3, 29) {
			t.Fatalf("days = %v", days)
		}
		wantUTC := []int{8, 7, 7} // 09:00 in winter, then summer time
		for i, day := range days {
			if len(day.Working) != 1 || day.Working[0].Start.UTC().Hour() != wantUTC[i] || day.Working[0].End.Sub(day.Working[0].Start) != 8*time.Hour {
				t.Errorf("%v: working %v", day.Date, day.Working)
			}
		}
		sun := days[1]
		if sun.StartsAt != AtHome || len(sun.Items) != 1 {
			t.Fatalf("sunday: %+v", sun)
		}
		tb := sun.Items[0].TravelBefore
		if tb == nil || tb.From != AtHome || tb.Minutes != carMinutes(t) || !tb.End.Equal(it.Start) || tb.End.UTC().Hour() != 8 {
			t.Errorf("travel from home = %+v", tb)
		}
		if fl := sun.Items[0].Flags; len(fl) != 0 {
			t.Errorf("sunday item flags: %v", fl)
		}
		// A colleague sees that the day starts at home, never the address.
		m, err = f.svc.Plan(ctx, f.actor(t, f.emp), []string{f.boss}, at(2026, 3, 29, 0, 0), at(2026, 3, 30, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		mustNotLeak(t, m, "Utrecht home")
	})
}
