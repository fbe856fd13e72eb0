package agenda

import (
	"reflect"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/slots"
	"spil/internal/testutil"
)

// checkProposals fails when a proposal for mover does not last as long,
// falls outside Monday–Friday 09:00–17:00, lies in the past or overlaps
// another busy item of the owner.
func (f *fixture) checkProposals(t testing.TB, owner string, mover Occurrence, props []slots.Candidate) {
	t.Helper()
	if len(props) == 0 {
		t.Fatalf("no proposals for %q", mover.Title)
	}
	list, err := f.svc.List(ctx, f.actor(t, owner), owner, at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range props {
		s, e := p.Start.In(ams), p.End.In(ams)
		if e.Sub(s) != mover.Until.Sub(mover.At) || s.Weekday() == time.Saturday || s.Weekday() == time.Sunday ||
			s.Hour() < 9 || e.Hour()*60+e.Minute() > 17*60 || s.Before(f.clock.Now()) || s.After(mover.At.AddDate(0, 0, 16)) {
			t.Errorf("proposal %v–%v for %q breaks the rules", s, e, mover.Title)
		}
		for _, o := range list {
			if sameOccurrence(o, mover) || !takesTime(o.Appointment) {
				continue
			}
			if o.At.Before(p.End) && p.Start.Before(o.Until) {
				t.Errorf("proposal %v for %q overlaps %q", s, mover.Title, o.Title)
			}
		}
	}
}

func TestConflictsOverlapAndUnreachable(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, utrecht := f.offices(t)
		a := f.create(t, f.boss, Input{Title: "Strategy", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Place: atLocation(zuidas), Priority: P2})
		b := f.create(t, f.boss, Input{Title: "Desk work", Start: at(2026, 11, 3, 10, 30), End: at(2026, 11, 3, 11, 30), Priority: P4})
		c := f.create(t, f.boss, Input{Title: "Utrecht visit", Start: at(2026, 11, 3, 11, 40), End: at(2026, 11, 3, 12, 40), Place: atLocation(utrecht), Priority: P3})
		before, _ := f.svc.List(ctx, f.actor(t, f.boss), f.boss, at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0))

		got, err := f.svc.Conflicts(ctx, f.actor(t, f.ma), a.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("conflicts of Strategy = %+v, want desk work and the Utrecht visit", got)
		}
		if c0 := got[0]; c0.Code != FlagOverlap || c0.Other.ID != b.ID || !c0.MoveOther {
			t.Errorf("first conflict = %+v, want overlap with desk work, moving it", c0)
		} else {
			f.checkProposals(t, f.boss, c0.Other, c0.Proposals)
		}
		if c1 := got[1]; c1.Code != FlagUnreachable || c1.Other.ID != c.ID || !c1.MoveOther {
			t.Errorf("second conflict = %+v, want the unreachable Utrecht visit, moving it", c1)
		} else {
			f.checkProposals(t, f.boss, c1.Other, c1.Proposals)
		}

		// From the lower-priority side, the proposals are for itself.
		got, err = f.svc.Conflicts(ctx, f.actor(t, f.boss), b.ID, nil)
		if err != nil || len(got) != 1 || got[0].Other.ID != a.ID || got[0].MoveOther {
			t.Fatalf("conflicts of desk work = %+v, %v", got, err)
		}
		mover := Occurrence{Appointment: b, OccurrenceStart: b.Start, At: b.Start, Until: b.End}
		f.checkProposals(t, f.boss, mover, got[0].Proposals)

		// Nothing moved.
		after, _ := f.svc.List(ctx, f.actor(t, f.boss), f.boss, at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0))
		if !reflect.DeepEqual(before, after) {
			t.Error("asking for conflicts changed the agenda")
		}

		// Only readers who see the item may ask.
		_, err = f.svc.Conflicts(ctx, f.actor(t, f.emp), a.ID, nil)
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.Conflicts(ctx, f.actor(t, f.ma), "nope", nil)
		wantKind(t, err, apperr.NotFound)
		// An item without conflicts has none.
		free := f.create(t, f.boss, Input{Title: "Free", Start: at(2026, 11, 4, 10, 0), End: at(2026, 11, 4, 11, 0)})
		if got, err := f.svc.Conflicts(ctx, f.actor(t, f.boss), free.ID, nil); err != nil || len(got) != 0 {
			t.Errorf("free item: %+v, %v", got, err)
		}
	})
}

func TestConflictsHideWhatTheReaderMayNotSee(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.offices(t)
		a := f.create(t, f.boss, Input{Title: "Strategy", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Priority: P2})
		p := f.create(t, f.boss, Input{Title: "Therapy", Start: at(2026, 11, 3, 10, 15), End: at(2026, 11, 3, 10, 45), Priority: P4, Visibility: Private})
		f.create(t, f.boss, Input{Title: "Therapy again", Start: at(2026, 11, 3, 14, 0), End: at(2026, 11, 3, 17, 0), Priority: P4, Visibility: Private})
		got, err := f.svc.Conflicts(ctx, f.actor(t, f.maSee), a.ID, nil)
		if err != nil || len(got) != 1 {
			t.Fatalf("%+v, %v", got, err)
		}
		if o := got[0].Other; !o.Hidden || o.Title != "" || o.ID != p.ID || !got[0].MoveOther {
			t.Errorf("other = %+v", got[0])
		}
		mustNotLeak(t, got, "Therapy")
		_, err = f.svc.Conflicts(ctx, f.actor(t, f.maSee), p.ID, nil)
		wantKind(t, err, apperr.NotFound)
		got, err = f.svc.Conflicts(ctx, f.actor(t, f.ma), p.ID, nil)
		if err != nil || len(got) != 1 || got[0].Other.Title != "Strategy" || got[0].MoveOther {
			t.Errorf("for the assistant with see_private: %+v, %v", got, err)
		}
	})
}

func TestConflictsSeriesAndP1(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, utrecht := f.offices(t)
		series := f.create(t, f.boss, Input{Title: "Weekly", Start: at(2026, 11, 4, 14, 0), End: at(2026, 11, 4, 15, 0), RRule: "FREQ=WEEKLY;COUNT=10", Priority: P4})
		f.create(t, f.boss, Input{Title: "Audit", Start: at(2026, 11, 11, 14, 30), End: at(2026, 11, 11, 15, 30), Priority: P2})
		_, err := f.svc.Conflicts(ctx, f.actor(t, f.boss), series.ID, nil)
		wantField(t, err, "occurrence_start")
		bad := at(2026, 11, 12, 14, 0)
		_, err = f.svc.Conflicts(ctx, f.actor(t, f.boss), series.ID, &bad)
		wantField(t, err, "occurrence_start")
		occ := at(2026, 11, 11, 14, 0)
		got, err := f.svc.Conflicts(ctx, f.actor(t, f.boss), series.ID, &occ)
		if err != nil || len(got) != 1 || got[0].Other.Title != "Audit" || got[0].MoveOther {
			t.Fatalf("series occurrence: %+v, %v", got, err)
		}
		f.checkProposals(t, f.boss, Occurrence{Appointment: series, OccurrenceStart: occ, At: occ, Until: occ.Add(time.Hour)}, got[0].Proposals)
		other := at(2026, 11, 4, 14, 0)
		if got, err := f.svc.Conflicts(ctx, f.actor(t, f.boss), series.ID, &other); err != nil || len(got) != 0 {
			t.Errorf("first occurrence: %+v, %v", got, err)
		}

		// A P1 item never moves: the other one does; two P1 items get no
		// proposals.
		p1 := f.create(t, f.boss, Input{Title: "Board", Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0), Place: atLocation(zuidas), Priority: P1})
		f.create(t, f.boss, Input{Title: "Utrecht", Start: at(2026, 11, 5, 11, 5), End: at(2026, 11, 5, 12, 0), Place: atLocation(utrecht), Priority: P3})
		got, err = f.svc.Conflicts(ctx, f.actor(t, f.boss), p1.ID, nil)
		if err != nil || len(got) != 1 || got[0].Code != FlagUnreachable || !got[0].MoveOther || len(got[0].Proposals) == 0 {
			t.Errorf("P1 with a P3 after it: %+v, %v", got, err)
		}
		p1b := f.create(t, f.boss, Input{Title: "Board 2", Start: at(2026, 11, 6, 10, 0), End: at(2026, 11, 6, 11, 0), Place: atLocation(zuidas), Priority: P1})
		f.create(t, f.boss, Input{Title: "Minister", Start: at(2026, 11, 6, 11, 5), End: at(2026, 11, 6, 12, 0), Place: atLocation(utrecht), Priority: P1})
		got, err = f.svc.Conflicts(ctx, f.actor(t, f.boss), p1b.ID, nil)
		if err != nil || len(got) != 1 || len(got[0].Proposals) != 0 {
			t.Errorf("two P1 items: %+v, %v", got, err)
		}
	})
}
