package demo_test

import (
	"context"
	"testing"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/meetings"
)

// TestSeedMeetings checks the demo's meetings as the assistant sees them:
// upcoming ones of both principals on her checklist, held ones with
// answers, and a series planned on.
func TestSeedMeetings(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.seed(t, 0)
	lotte, err := e.identity.Resolver.Resolve(ctx, e.idByEmail(t, "assistant@demo.example"), authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	svc := &meetings.Service{DB: e.db, Clock: clock.NewManual(t0)}
	all, err := svc.List(ctx, lotte, meetings.Filter{WithCancelled: true})
	if err != nil {
		t.Fatal(err)
	}
	var held, rooms, invited int
	organizers := map[string]bool{}
	for _, m := range all {
		organizers[m.OrganizerName] = true
		if m.Status == meetings.Held {
			held++
			if m.Answered == 0 {
				t.Errorf("held meeting %q has no answers", m.Title)
			}
		}
		if m.RoomID != "" {
			rooms++
		}
		if m.Invited {
			invited++
		}
	}
	if len(all) < 6 || held < 1 || invited < 2 || !organizers["Hendrik van Dijk"] || !organizers["Marieke de Boer"] {
		t.Fatalf("%d meetings, %d held, %d invited, organizers %v", len(all), held, invited, organizers)
	}
	if rooms == 0 {
		t.Log("no meeting has a room (rooms module without demo rooms?)")
	}
	checks, err := svc.Checklist(ctx, lotte)
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) < 3 {
		t.Fatalf("checklist has %d meetings", len(checks))
	}
	// The confidential meeting is Lotte's to prepare (her mandate from
	// Hendrik includes confidential documents) and nobody else's to see.
	var secret string
	for _, m := range all {
		if m.Confidential {
			secret = m.ID
		}
	}
	if secret == "" {
		t.Fatal("the demo has no confidential meeting")
	}
	daan, err := e.identity.Resolver.Resolve(ctx, e.idByEmail(t, "employee@demo.example"), authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Get(ctx, daan, secret); err == nil {
		t.Error("an employee who does not attend opens the confidential meeting")
	}
	theirs, err := svc.List(ctx, daan, meetings.Filter{WithCancelled: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range theirs {
		if m.ID == secret {
			t.Error("the confidential meeting is in an outsider's list")
		}
	}
}
