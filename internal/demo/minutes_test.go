package demo_test

import (
	"context"
	"testing"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/jobs"
	"spil/internal/meetings"
	"spil/internal/minutes"
)

// TestSeedMinutes checks the demo's minutes as people see them: approved
// minutes with decisions and action items, some overdue; draft minutes;
// open items carried to the next office meeting; Daan's own list.
func TestSeedMinutes(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.seed(t, 0)
	resolve := func(email string) *authz.Actor {
		a, err := e.identity.Resolver.Resolve(ctx, e.idByEmail(t, email), authz.ViaSession)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	lotte, daan := resolve("assistant@demo.example"), resolve("employee@demo.example")
	hendrik := e.idByEmail(t, "director@demo.example")
	clk := clock.NewManual(t0)
	ms := &meetings.Service{DB: e.db, Clock: clk}
	svc := &minutes.Service{DB: e.db, Clock: clk, Jobs: &jobs.Queue{DB: e.db, Clock: clk}, Meetings: ms}

	var approved, drafts, carried int
	all, err := ms.List(ctx, lotte, meetings.Filter{WithCancelled: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		v, err := svc.Get(ctx, lotte, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case v.Minutes.Status == minutes.Approved:
			approved++
			if len(v.Minutes.Decisions) == 0 || len(v.Minutes.Actions) == 0 || m.Status != meetings.MinutesApproved {
				t.Errorf("approved minutes of %q: %d decisions, %d items, meeting %s", m.Title, len(v.Minutes.Decisions), len(v.Minutes.Actions), m.Status)
			}
		case v.Minutes.Version > 0:
			drafts++
		}
		carried += len(v.Carried)
	}
	if approved < 2 || drafts < 1 || carried < 1 {
		t.Fatalf("%d approved, %d draft, %d carried items", approved, drafts, carried)
	}
	forHendrik, err := svc.ListActions(ctx, lotte, minutes.ActionFilter{For: hendrik})
	if err != nil {
		t.Fatal(err)
	}
	overdue := 0
	for _, a := range forHendrik {
		if a.Overdue {
			overdue++
		}
	}
	if len(forHendrik) < 4 || overdue < 1 {
		t.Fatalf("%d open items for Hendrik, %d overdue", len(forHendrik), overdue)
	}
	own, err := svc.ListActions(ctx, daan, minutes.ActionFilter{Status: "all"})
	if err != nil || len(own) == 0 {
		t.Fatalf("Daan's items %v %v", own, err)
	}
}
