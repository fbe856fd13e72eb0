package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/testutil"
)

// agenda returns the agenda service on e's database.
func (e *env) agenda(t testing.TB) *agenda.Service {
	return &agenda.Service{DB: e.db, Clock: clock.NewManual(t0), Resolver: e.identity.Resolver}
}

// actorOf returns a demo person as they are when logged in.
func (e *env) actorOf(t testing.TB, email string) *authz.Actor {
	t.Helper()
	a, err := e.identity.Resolver.Resolve(context.Background(), e.idByEmail(t, email), authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// weekOf returns the Monday starting the week of t in Amsterdam.
func weekOf(t time.Time) time.Time {
	zone, _ := time.LoadLocation("Europe/Amsterdam")
	l := t.In(zone)
	d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, zone)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func TestSeedAgendas(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) { seedAgendas(t, newEnvOn(t, d)) })
}

func seedAgendas(t *testing.T, e *env) {
	ctx := context.Background()
	e.seed(t, 0)
	svc := e.agenda(t)
	director, assistant, employee := e.actorOf(t, "director@demo.example"), e.actorOf(t, "assistant@demo.example"), e.actorOf(t, "employee@demo.example")
	dirID := director.PersonID
	monday := weekOf(t0)
	week, err := svc.List(ctx, director, dirID, monday, monday.AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]agenda.Occurrence{}
	for _, o := range week {
		titles[o.Title] = o
	}
	for _, want := range []string{"Partneroverleg", "Bestuursvergadering", "Tandarts", "Project Noordster: gesprek met beoogd fusiepartner",
		"Lunchbespreking Bakker Logistiek: overname", "Jour fixe met Lotte"} {
		if _, ok := titles[want]; !ok {
			t.Errorf("the managing partner's week lacks %q", want)
		}
	}
	if o := titles["Bestuursvergadering"]; o.Priority != agenda.P1 || !o.Recurring() || o.Place.Name != "Kantoor Utrecht" {
		t.Errorf("board meeting %+v", o.Appointment)
	}
	if o := titles["Tandarts"]; o.Visibility != agenda.Private || o.Place.Lat == nil {
		t.Errorf("dentist %+v", o.Appointment)
	}
	if o := titles["Project Noordster: gesprek met beoogd fusiepartner"]; o.Visibility != agenda.Confidential {
		t.Errorf("merger talks %+v", o.Appointment)
	}
	if o := titles["Lunchbespreking Bakker Logistiek: overname"]; !strings.Contains(o.Place.Name, "Rotterdam") || o.Place.Lat == nil {
		t.Errorf("Rotterdam lunch %+v", o.Appointment)
	}

	// The employee sees busy blocks only; the assistant with a full mandate
	// sees all of it; she does not see De Boer's private items.
	asEmployee, err := svc.List(ctx, employee, dirID, monday, monday.AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range asEmployee {
		if !o.Hidden && !slices.ContainsFunc(o.Attendees, func(a agenda.Attendee) bool { return a.PersonID == employee.PersonID }) {
			t.Errorf("the employee sees %q", o.Title)
		}
	}
	asAssistant, err := svc.List(ctx, assistant, dirID, monday, monday.AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range asAssistant {
		if o.Hidden {
			t.Errorf("the assistant does not see the director's item at %v", o.At)
		}
	}
	deboer := e.idByEmail(t, "marieke.deboer@demo.example")
	list, err := svc.List(ctx, assistant, deboer, monday, monday.AddDate(0, 0, 14))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list {
		if strings.Contains(o.Title, "school") || strings.Contains(o.Title, "Ouderavond") {
			t.Errorf("the assistant sees De Boer's private item %q", o.Title)
		}
	}

	// The first days shown have a travel block, an unreachable sequence and
	// an overlap of a P3 or P4 item with a P2 one.
	plan, err := svc.Plan(ctx, assistant, []string{dirID}, weekOf(t0), weekOf(t0).AddDate(0, 0, 14))
	if err != nil {
		t.Fatal(err)
	}
	var travel, unreachable, overlap int
	for _, d := range plan[dirID] {
		for _, it := range d.Items {
			if it.TravelBefore != nil && it.TravelBefore.Minutes > 20 {
				travel++
			}
			for _, f := range it.Flags {
				switch {
				case f.Code == agenda.FlagUnreachable:
					unreachable++
				case f.Code == agenda.FlagOverlap && it.Priority >= agenda.P3:
					overlap++
				}
			}
		}
	}
	if travel == 0 || unreachable == 0 || overlap == 0 {
		t.Errorf("first two weeks: %d travel blocks, %d unreachable, %d overlaps of P3/P4 items", travel, unreachable, overlap)
	}

	// A year of items, and no P1 item overbooked in any partner's agenda.
	later, err := svc.List(ctx, director, dirID, monday.AddDate(0, 0, 300), monday.AddDate(0, 0, 330))
	if err != nil {
		t.Fatal(err)
	}
	if len(later) < 40 {
		t.Errorf("%d items ten months ahead, want a full agenda", len(later))
	}
	for _, email := range []string{"director@demo.example", "marieke.deboer@demo.example", "manager@demo.example", "ingrid.smit@demo.example", "joost.mulder@demo.example"} {
		owner := e.actorOf(t, email)
		year, err := svc.List(ctx, owner, owner.PersonID, monday, monday.AddDate(0, 0, 371))
		if err != nil {
			t.Fatal(err)
		}
		var p1 []agenda.Occurrence
		for _, o := range year {
			if o.Priority == agenda.P1 {
				p1 = append(p1, o)
			}
		}
		if len(p1) < 12 {
			t.Errorf("%s: %d board meetings in a year", email, len(p1))
		}
		for _, b := range p1 {
			for _, o := range year {
				if o.ID != b.ID && o.Busy() && !o.AllDay && o.At.Before(b.Until) && b.At.Before(o.Until) {
					t.Errorf("%s: %q at %v overbooks the P1 board meeting", email, o.Title, o.At)
				}
			}
		}
	}

	// Working hours, absences and the known travel time between the offices.
	smit := e.idByEmail(t, "ingrid.smit@demo.example")
	st, err := svc.Settings(ctx, director, smit)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range st.Hours {
		if h.Weekday == time.Friday || (h.Weekday == time.Wednesday && h.End > 13*60) {
			t.Errorf("Ingrid Smit works %v until %d", h.Weekday, h.End)
		}
	}
	abs, err := svc.ListAbsences(ctx, e.actorOf(t, "marieke.deboer@demo.example"), deboer, monday, monday.AddDate(0, 0, 60))
	if err != nil {
		t.Fatal(err)
	}
	if len(abs) != 1 || abs[0].Kind != agenda.Leave {
		t.Errorf("De Boer's absences %+v", abs)
	}
	// Her assistant, without agenda.see_private, sees that she is away, not why.
	abs, err = svc.ListAbsences(ctx, assistant, deboer, monday, monday.AddDate(0, 0, 60))
	if err != nil {
		t.Fatal(err)
	}
	if len(abs) != 1 || abs[0].Kind != agenda.Absent || abs[0].Note != "" {
		t.Errorf("De Boer's absences as her assistant sees them: %+v", abs)
	}
	ovs, err := svc.ListTravelOverrides(ctx, employee)
	if err != nil {
		t.Fatal(err)
	}
	if len(ovs) == 0 {
		t.Errorf("no known travel time between the offices")
	}
}

func TestSeedAgendasScale(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.seed(t, 300)
	svc := e.agenda(t)
	assistant := e.actorOf(t, "assistant@demo.example")
	principals := assistant.Principals()
	if len(principals) < 5 {
		t.Fatalf("assistant@ works for %d principals, want 5", len(principals))
	}
	monday := weekOf(t0)
	var ids []string
	for _, m := range principals {
		ids = append(ids, m.PrincipalID)
	}
	all, err := svc.ListMany(ctx, assistant, ids, monday, monday.AddDate(0, 0, 28))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if n := len(all[id]); n < 3*20 {
			t.Errorf("principal %s has %d items in four weeks, want a dense agenda", id, n)
		}
	}
}
