package minutes

import (
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func titles(as []ActionItem) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

func TestActionItemsPerPersonAndPerPrincipal(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
		conf := f.meeting(t, "Reorganisatie", start.Add(-time.Hour), "")
		// Nobody prepares it: the assistant sees it, or not, by her mandate alone.
		d.W.Exec(`UPDATE meetings SET confidential = TRUE, preparer_id = NULL WHERE id = $1`, conf.ID)
		if _, err := f.svc.Record(ctx, f.actor(t, f.ma), m.ID, Input{Actions: []ActionInput{
			{Title: "Offerte opvragen", OwnerID: f.emp, DueOn: "2026-11-03"},
			{Title: "Zaal reserveren", OwnerID: f.boss, DueOn: "2026-11-10"},
			{Title: "Contract sturen", OwnerName: "Kees Extern", OwnerEmail: "kees@extern.example.org", DueOn: "2026-11-05"},
		}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Record(ctx, f.actor(t, f.boss), conf.ID, Input{Actions: []ActionInput{
			{Title: "Geheim plan", OwnerID: f.emp, DueOn: "2026-11-04"},
		}}); err != nil {
			t.Fatal(err)
		}
		mine, err := f.svc.ListActions(ctx, f.actor(t, f.emp), ActionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(mine); len(got) != 2 || got[0] != "Offerte opvragen" || got[1] != "Geheim plan" {
			t.Fatalf("emp's items %v", got)
		}
		// The assistant sees the principal's own items and those of their
		// meetings, not the confidential meeting's without the scope.
		forBoss, err := f.svc.ListActions(ctx, f.actor(t, f.ma), ActionFilter{For: f.boss})
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(forBoss); len(got) != 3 || got[0] != "Offerte opvragen" || got[1] != "Contract sturen" || got[2] != "Zaal reserveren" {
			t.Fatalf("boss's items for the assistant %v", got)
		}
		// The organizer follows up their meetings, the confidential one included.
		org, err := f.svc.ListActions(ctx, f.actor(t, f.boss), ActionFilter{For: "organized"})
		if err != nil || len(org) != 4 {
			t.Fatalf("organizer's follow-up %v %v", titles(org), err)
		}
		_, err = f.svc.ListActions(ctx, f.actor(t, f.other), ActionFilter{For: f.boss})
		wantKind(t, err, apperr.Forbidden)

		// Two days later the first item is overdue.
		f.clock.Advance(48 * time.Hour)
		over, _ := f.svc.ListActions(ctx, f.actor(t, f.ma), ActionFilter{For: f.boss, OverdueOnly: true})
		if got := titles(over); len(got) != 1 || !over[0].Overdue {
			t.Fatalf("overdue %v", got)
		}
		// Close and reopen; done filter.
		done, open := Done, Open
		a, err := f.svc.UpdateAction(ctx, f.actor(t, f.emp), mine[0].ID, ActionUpdate{Status: &done})
		if err != nil || a.Status != Done || a.ClosedAt == nil || a.Overdue {
			t.Fatalf("closed %+v %v", a, err)
		}
		closed, _ := f.svc.ListActions(ctx, f.actor(t, f.emp), ActionFilter{Status: Done})
		if len(closed) != 1 {
			t.Fatalf("done items %v", titles(closed))
		}
		if _, err := f.svc.UpdateAction(ctx, f.actor(t, f.emp), mine[0].ID, ActionUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		// Nobody else may touch it; the read-only assistant sees but may not.
		_, err = f.svc.UpdateAction(ctx, f.actor(t, f.other), mine[0].ID, ActionUpdate{Status: &done})
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.UpdateAction(ctx, f.actor(t, f.maSee), mine[0].ID, ActionUpdate{Status: &done})
		wantKind(t, err, apperr.Forbidden)
		bad := "gedaan"
		_, err = f.svc.UpdateAction(ctx, f.actor(t, f.emp), mine[0].ID, ActionUpdate{Status: &bad})
		wantField(t, err, "status")
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'action_item'`).Scan(&n)
		if n != 2 {
			t.Errorf("%d audit entries for the item, want 2", n)
		}
	})
}

func TestOpenItemsAreCarriedToTheNextMeetingOfTheSeries(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		first := f.meeting(t, "Teamoverleg 1", start.Add(-7*24*time.Hour), "serie-1")
		second := f.meeting(t, "Teamoverleg 2", start.Add(-time.Hour), "serie-1")
		third := f.meeting(t, "Teamoverleg 3", start.Add(7*24*time.Hour), "serie-1")
		lone := f.meeting(t, "Los overleg", start.Add(-time.Hour), "")
		if _, err := f.svc.Record(ctx, f.actor(t, f.ma), first.ID, Input{Actions: []ActionInput{
			{Title: "Open punt", OwnerID: f.emp, DueOn: "2026-11-20"},
			{Title: "Afgerond punt", OwnerID: f.emp, DueOn: "2026-11-20"},
		}}); err != nil {
			t.Fatal(err)
		}
		f.record(t, lone, "2026-11-20")
		v, _ := f.svc.Get(ctx, f.actor(t, f.ma), first.ID)
		done := Done
		if _, err := f.svc.UpdateAction(ctx, f.actor(t, f.emp), v.Minutes.Actions[1].ID, ActionUpdate{Status: &done}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Approve(ctx, f.actor(t, f.boss), first.ID); err != nil {
			t.Fatal(err)
		}
		if v.NextMeetingID != second.ID {
			t.Errorf("next meeting %q, want %q", v.NextMeetingID, second.ID)
		}
		for _, id := range []string{second.ID, third.ID} {
			v, err := f.svc.Get(ctx, f.actor(t, f.emp), id)
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(v.Carried); len(got) != 1 || got[0] != "Open punt" || v.Carried[0].MeetingID != first.ID {
				t.Fatalf("carried into %s: %v", id, got)
			}
		}
		v, _ = f.svc.Get(ctx, f.actor(t, f.emp), first.ID)
		if len(v.Carried) != 0 {
			t.Errorf("the first meeting carries %v", titles(v.Carried))
		}
	})
}
