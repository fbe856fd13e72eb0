package agenda

import (
	"slices"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestFreeBusyMergesAndHides(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		day := func(h, m int) time.Time { return at(2026, 11, 3, h, m) }
		f.create(t, f.boss, Input{Title: "Board", Start: day(9, 0), End: day(10, 0)})
		f.create(t, f.boss, Input{Title: "Therapy", Start: day(10, 0), End: day(10, 30), Visibility: Private})
		f.create(t, f.boss, Input{Title: "Maybe lunch", Start: day(10, 15), End: day(13, 0), Status: Tentative})
		f.create(t, f.boss, Input{Title: "Merger", Start: day(12, 0), End: day(12, 30), Visibility: Confidential})
		f.create(t, f.boss, Input{Title: "Dropped", Start: day(14, 0), End: day(15, 0), Status: Cancelled})
		f.create(t, f.boss, Input{Title: "Conference", Start: day(0, 0), End: day(24, 0), AllDay: true})
		// An item the boss attends in someone else's agenda counts too.
		f.create(t, f.other, Input{Title: "Lecture", Start: day(15, 0), End: day(16, 0), Attendees: []Attendee{{PersonID: f.boss}}})
		if _, err := f.svc.CreateAbsence(ctx, f.actor(t, f.boss), f.boss, AbsenceInput{Kind: Sick, Start: day(16, 0), End: day(18, 0), Note: "griep"}); err != nil {
			t.Fatal(err)
		}
		want := []BusyBlock{
			{day(9, 0), day(10, 30), Confirmed},
			{day(10, 30), day(12, 0), Tentative},
			{day(12, 0), day(12, 30), Confirmed},
			{day(12, 30), day(13, 0), Tentative},
			{day(15, 0), day(16, 0), Confirmed},
			{day(16, 0), day(17, 0), Absent}, // clipped to the period
		}
		for _, who := range []string{f.boss, f.emp} {
			got, err := f.svc.FreeBusy(ctx, f.actor(t, who), []string{f.boss, f.emp}, day(0, 0), day(17, 0))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got[f.boss], want, func(a, b BusyBlock) bool {
				return a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Status == b.Status
			}) {
				t.Errorf("%s: free/busy = %v, want %v", who, got[f.boss], want)
			}
			if len(got[f.emp]) != 0 {
				t.Errorf("emp is free: %v", got[f.emp])
			}
			mustNotLeak(t, got, "Board", "Therapy", "lunch", "Merger", "Lecture", "sick", "griep")
		}
		_, err := f.svc.FreeBusy(ctx, nil, []string{f.boss}, day(0, 0), day(17, 0))
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.FreeBusy(ctx, f.actor(t, f.emp), []string{"nobody"}, day(0, 0), day(17, 0))
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.FreeBusy(ctx, f.actor(t, f.emp), []string{f.boss}, day(17, 0), day(9, 0))
		wantField(t, err, "to")
	})
}
