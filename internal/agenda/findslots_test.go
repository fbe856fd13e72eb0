package agenda

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/slots"
	"spil/internal/testutil"
	"spil/internal/travel"
)

func reasonsOf(cs []slots.Candidate, code string) []slots.Reason {
	var out []slots.Reason
	for _, c := range cs {
		for _, r := range c.Reasons {
			if r.Code == code {
				out = append(out, r)
			}
		}
	}
	return out
}

func TestFindSlotsAcrossOfficesWithTravel(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, utrecht := f.offices(t)
		f.create(t, f.boss, Input{Title: "Planning", Start: at(2026, 11, 3, 9, 0), End: at(2026, 11, 3, 12, 0)})
		f.create(t, f.other, Input{Title: "Therapy", Start: at(2026, 11, 3, 13, 0), End: at(2026, 11, 3, 14, 0), Priority: P4, Visibility: Private})
		q := SlotQuery{PersonIDs: []string{f.boss, f.other}, Duration: time.Hour, From: at(2026, 11, 3, 0, 0), To: at(2026, 11, 4, 0, 0)}

		// Online: right after the planning.
		got, err := f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		if err != nil || len(got) == 0 || !got[0].Start.Equal(at(2026, 11, 3, 12, 0)) {
			t.Fatalf("online: %+v, %v; want 12:00 first", got, err)
		}
		// In Utrecht: the boss needs the drive from Zuidas, and the other
		// person is busy at 13:00.
		q.Place = atLocation(utrecht)
		got, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		if err != nil || len(got) == 0 || !got[0].Start.Equal(at(2026, 11, 3, 14, 0)) {
			t.Fatalf("in Utrecht: %+v, %v; want 14:00 first", got, err)
		}
		tr := reasonsOf(got[:1], slots.CodeTravelFrom)
		if len(tr) != 1 || tr[0].PersonID != f.boss || tr[0].Args["place"] != "Zuidas" || tr[0].Args["mode"] != string(travel.Car) ||
			tr[0].Text != fmt.Sprintf("Bea Baas travels %d min from Zuidas", carMinutes(t)) {
			t.Errorf("travel reason = %+v", tr)
		}
		// By bike for everyone: the travel reasons say so.
		q.Mode = travel.Bike
		got, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		for _, c := range got {
			if r := reasonsOf([]slots.Candidate{c}, slots.CodeTravelFrom); len(r) == 0 || r[0].Args["mode"] != string(travel.Bike) {
				t.Errorf("by bike: %+v", c)
			}
		}
		if err != nil {
			t.Fatal(err)
		}

		// Overbooking the private P4 names it only to those who may see it.
		q.Mode, q.Place, q.MayOverbook, q.Limit = "", Place{}, P4, 50
		for who, sees := range map[string]bool{f.emp: false, f.boss: false, f.other: true} {
			got, err := f.svc.FindSlots(ctx, f.actor(t, who), q)
			if err != nil {
				t.Fatal(err)
			}
			over := reasonsOf(got, slots.CodeOverbooks)
			if len(over) == 0 {
				t.Fatalf("%s: no overbooking offered", who)
			}
			for _, r := range over {
				if strings.Contains(r.Text, "Therapy") != sees || (r.Args["title"] == "Therapy") != sees {
					t.Errorf("%s sees %q", who, r.Text)
				}
			}
		}
	})
}

func TestFindSlotsAbsenceHolidayHomeAndErrors(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, utrecht := f.offices(t)
		boss := f.actor(t, f.boss)
		if _, err := f.svc.CreateAbsence(ctx, boss, f.boss, AbsenceInput{Kind: Sick, Start: at(2026, 11, 3, 11, 0), End: at(2026, 11, 4, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		q := SlotQuery{PersonIDs: []string{f.boss}, Duration: time.Hour, From: at(2026, 11, 3, 0, 0), To: at(2026, 11, 4, 0, 0), Limit: 50}
		got, err := f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		if err != nil || len(got) != 5 || !got[4].End.Equal(at(2026, 11, 3, 11, 0)) {
			t.Errorf("before the absence: %+v, %v; want 09:00 to 10:00 every 15 minutes", got, err)
		}
		// King's Day.
		q.From, q.To = at(2026, 4, 27, 0, 0), at(2026, 4, 28, 0, 0)
		if got, err := f.svc.FindSlots(ctx, f.actor(t, f.emp), q); err != nil || len(got) != 0 {
			t.Errorf("King's Day: %+v, %v", got, err)
		}
		// A day that starts at home in Utrecht: a 09:00 meeting in Utrecht
		// fits without travel.
		q.From, q.To, q.Place = at(2026, 11, 10, 0, 0), at(2026, 11, 11, 0, 0), atLocation(utrecht)
		got, _ = f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		if len(got) == 0 || got[0].Start.Before(at(2026, 11, 10, 9, 30)) {
			t.Fatalf("from the Zuidas office: %+v", got)
		}
		st := Settings{Home: address("Utrecht home", utrechtLat+0.0001, utrechtLon), Hours: []DayHours{{Weekday: time.Tuesday, Start: 540, End: 1020, StartPlace: AtHome}}}
		if _, err := f.svc.SaveSettings(ctx, boss, f.boss, st); err != nil {
			t.Fatal(err)
		}
		got, _ = f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		if len(got) == 0 || !got[0].Start.Equal(at(2026, 11, 10, 9, 0)) || len(reasonsOf(got[:1], slots.CodeTravelFrom)) != 0 {
			t.Errorf("from home: %+v", got)
		}
		mustNotLeak(t, got, "Utrecht home")

		// Three months are fine, more is not.
		q.From, q.To, q.Place = at(2026, 11, 2, 0, 0), at(2026, 11, 2, 0, 0).Add(slots.MaxWindow), Place{}
		if _, err := f.svc.FindSlots(ctx, f.actor(t, f.emp), q); err != nil {
			t.Errorf("92 days: %v", err)
		}
		q.To = q.To.Add(time.Hour)
		_, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), q)
		wantField(t, err, "to")

		q.To = q.From.AddDate(0, 0, 7)
		_, err = f.svc.FindSlots(ctx, nil, q)
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), SlotQuery{Duration: time.Hour, From: q.From, To: q.To})
		wantField(t, err, "person_ids")
		_, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), SlotQuery{PersonIDs: []string{"nobody"}, Duration: time.Hour, From: q.From, To: q.To})
		wantKind(t, err, apperr.NotFound)
		bad := q
		bad.Place = atLocation("nowhere")
		_, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), bad)
		wantField(t, err, "place.location_id")
		bad = q
		bad.MayOverbook = P1
		_, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), bad)
		wantField(t, err, "may_overbook")
		bad = q
		bad.Mode = "rocket"
		_, err = f.svc.FindSlots(ctx, f.actor(t, f.emp), bad)
		wantField(t, err, "mode")
	})
}
