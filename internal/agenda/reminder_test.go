package agenda

import (
	"testing"

	"spil/internal/testutil"
)

// A reminder travels with the appointment through an export and an import,
// so a calendar app that subscribes alerts at the same time.
func TestReminderSurvivesExportAndImport(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	thirty := 30
	f.create(t, f.boss, Input{Title: "Board", Start: at(2026, 11, 4, 9, 0), End: at(2026, 11, 4, 10, 0), ReminderMinutes: &thirty})
	out, _ := f.export(t, f.boss, f.boss, "nl")
	if rep := f.importICS(t, f.other, f.other, string(out), false); rep.Created != 1 {
		t.Fatalf("import: %+v", rep)
	}
	list, err := f.svc.List(ctx, f.actor(t, f.other), f.other, at(2026, 11, 4, 0, 0), at(2026, 11, 5, 0, 0))
	if err != nil || len(list) != 1 {
		t.Fatalf("imported agenda: %v %v", titles(list), err)
	}
	if r := list[0].ReminderMinutes; r == nil || *r != 30 {
		t.Errorf("reminder after the round trip: %v, want 30 minutes", r)
	}
}
