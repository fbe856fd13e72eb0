package agenda

import (
	"slices"
	"sync"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestCreateAndSeeByRole(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.create(t, f.boss, Input{Title: "Board meeting", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 12, 0), Priority: P1})
		f.create(t, f.boss, Input{Title: "Dentist", Start: at(2026, 11, 3, 14, 0), End: at(2026, 11, 3, 15, 0), Visibility: Private})
		f.create(t, f.boss, Input{Title: "Merger talks", Start: at(2026, 11, 3, 16, 0), End: at(2026, 11, 3, 17, 0), Visibility: Confidential})
		from, to := at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0)
		cases := []struct {
			who  string
			want []string
		}{
			{f.boss, []string{"Board meeting", "Dentist", "Merger talks"}},
			{f.ma, []string{"Board meeting", "Dentist", "(busy)"}},
			{f.maSee, []string{"Board meeting", "(busy)", "(busy)"}},
			{f.emp, []string{"(busy)", "(busy)", "(busy)"}},
			{f.other, []string{"(busy)", "(busy)", "(busy)"}},
		}
		for _, c := range cases {
			list, err := f.svc.List(ctx, f.actor(t, c.who), f.boss, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(list); !slices.Equal(got, c.want) {
				t.Errorf("%s sees %v, want %v", c.who, got, c.want)
			}
			for _, o := range list {
				if o.Hidden && (o.Notes != "" || o.Place.Name != "" || len(o.Attendees) > 0 || o.Priority != 0) {
					t.Errorf("hidden item leaks: %+v", o)
				}
			}
		}
		// Only the owner and an assistant with agenda.edit may create.
		_, err := f.svc.Create(ctx, f.actor(t, f.maSee), f.boss, Input{Title: "x", Start: at(2026, 11, 5, 9, 0), End: at(2026, 11, 5, 10, 0)})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.Create(ctx, f.actor(t, f.emp), f.boss, Input{Title: "x", Start: at(2026, 11, 5, 9, 0), End: at(2026, 11, 5, 10, 0)})
		wantKind(t, err, apperr.NotFound)
		ap, err := f.svc.Create(ctx, f.actor(t, f.ma), f.boss, Input{Title: "Lunch client", Start: at(2026, 11, 5, 12, 0), End: at(2026, 11, 5, 13, 0)})
		if err != nil {
			t.Fatal(err)
		}
		var behalf string
		if err := d.R.QueryRow(`SELECT on_behalf_of FROM audit_log WHERE object_id = $1`, ap.ID).Scan(&behalf); err != nil || behalf != f.boss {
			t.Errorf("audit on behalf = %q, %v; want the principal", behalf, err)
		}
	})
}

func TestBadInputIsRejectedWithFields(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.actor(t, f.boss)
		_, err := f.svc.Create(ctx, a, f.boss, Input{Title: "x", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 9, 0)})
		wantField(t, err, "end")
		_, err = f.svc.Create(ctx, a, f.boss, Input{Title: "x", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), TimeZone: "Mars/Olympus"})
		wantField(t, err, "time_zone")
		_, err = f.svc.Create(ctx, a, f.boss, Input{Title: "x", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), RRule: "FREQ=WEEKLY;BYMONTHDAY=40"})
		wantField(t, err, "rrule")
		_, err = f.svc.Create(ctx, a, f.boss, Input{Title: "x", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), RRule: "FREQ=SECONDLY"})
		wantField(t, err, "rrule")
		list, _ := f.svc.List(ctx, a, f.boss, at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0))
		if len(list) != 0 {
			t.Fatalf("rejected requests stored %v", titles(list))
		}
	})
}

func TestP1IsNeverOverbooked(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.create(t, f.boss, Input{Title: "Board", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 12, 0), Priority: P1})
		_, err := f.svc.Create(ctx, f.actor(t, f.ma), f.boss, Input{Title: "Call", Start: at(2026, 11, 3, 11, 30), End: at(2026, 11, 3, 12, 30), Priority: P2})
		wantKind(t, err, apperr.Conflict)
		// A weekly series whose third instance hits the board meeting.
		_, err = f.svc.Create(ctx, f.actor(t, f.boss), f.boss, Input{Title: "Weekly", Start: at(2026, 10, 20, 11, 0), End: at(2026, 10, 20, 11, 30), RRule: "FREQ=WEEKLY;COUNT=4"})
		wantKind(t, err, apperr.Conflict)
		// Next to it is fine, and a P1 may overbook lower priorities.
		f.create(t, f.boss, Input{Title: "After", Start: at(2026, 11, 3, 12, 0), End: at(2026, 11, 3, 13, 0), Priority: P4})
		f.create(t, f.boss, Input{Title: "Urgent", Start: at(2026, 11, 3, 12, 30), End: at(2026, 11, 3, 13, 0), Priority: P1})

		// Concurrent P1s for one slot: exactly one wins.
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.svc.Create(ctx, f.actor(t, f.boss), f.boss, Input{Title: "Race", Start: at(2026, 11, 4, 9, 0), End: at(2026, 11, 4, 10, 0), Priority: P1})
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if apperr.KindOf(err) != apperr.Conflict {
				t.Errorf("unexpected error %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d concurrent P1 items were stored for one slot, want 1", won)
		}
	})
}

func TestSeriesEdits(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.actor(t, f.ma)
		// Weekly on Monday 09:00 across the end of summer time (25 October 2026).
		s := f.create(t, f.boss, Input{Title: "MT", Start: at(2026, 10, 12, 9, 0), End: at(2026, 10, 12, 10, 0), RRule: "FREQ=WEEKLY;COUNT=6"})
		from, to := at(2026, 10, 1, 0, 0), at(2026, 12, 31, 0, 0)
		list, err := f.svc.List(ctx, a, f.boss, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 6 {
			t.Fatalf("got %d instances, want 6", len(list))
		}
		for _, o := range list {
			if l := o.At.In(ams); l.Hour() != 9 || l.Weekday() != time.Monday {
				t.Errorf("instance at %v, want Monday 09:00 Amsterdam", l)
			}
		}
		// Move only the third (26 Oct) to 11:00.
		third := list[2].OccurrenceStart
		if _, err := f.svc.Move(ctx, a, s.ID, Edit{Range: ThisOccurrence, OccurrenceStart: &third}, at(2026, 10, 26, 11, 0), at(2026, 10, 26, 12, 0)); err != nil {
			t.Fatal(err)
		}
		// Delete the fourth.
		fourth := list[3].OccurrenceStart
		if err := f.svc.Delete(ctx, a, s.ID, Edit{Range: ThisOccurrence, OccurrenceStart: &fourth}); err != nil {
			t.Fatal(err)
		}
		// Rename the fifth and following.
		fifth := list[4].OccurrenceStart
		in := s.Input
		in.Title = "MT new style"
		in.Start, in.End = fifth, fifth.Add(time.Hour)
		if _, err := f.svc.Update(ctx, a, s.ID, Edit{Range: ThisAndFollowing, OccurrenceStart: &fifth}, in); err != nil {
			t.Fatal(err)
		}
		list, _ = f.svc.List(ctx, a, f.boss, from, to)
		var got []string
		for _, o := range list {
			got = append(got, o.At.In(ams).Format("01-02 15:04 ")+o.Title)
		}
		want := []string{"10-12 09:00 MT", "10-19 09:00 MT", "10-26 11:00 MT", "11-09 09:00 MT new style", "11-16 09:00 MT new style"}
		if !slices.Equal(got, want) {
			t.Fatalf("after edits:\n got %q\nwant %q", got, want)
		}
		// A bad occurrence start is refused and changes nothing.
		bad := at(2026, 10, 13, 9, 0)
		err = f.svc.Delete(ctx, a, s.ID, Edit{Range: ThisOccurrence, OccurrenceStart: &bad})
		wantField(t, err, "occurrence_start")
		// Whole series from an occurrence: shift every instance by an hour.
		list, _ = f.svc.List(ctx, a, f.boss, from, to)
		first := list[0]
		in = first.Input
		in.Start, in.End = first.At.Add(time.Hour), first.Until.Add(time.Hour)
		if _, err := f.svc.Update(ctx, a, first.ID, Edit{Range: AllOccurrences, OccurrenceStart: &first.OccurrenceStart}, in); err != nil {
			t.Fatal(err)
		}
		list, _ = f.svc.List(ctx, a, f.boss, from, at(2026, 11, 1, 0, 0))
		got = nil
		for _, o := range list {
			got = append(got, o.At.In(ams).Format("01-02 15:04"))
		}
		// The changed occurrence follows the series again; the deleted one stays deleted.
		if want := []string{"10-12 10:00", "10-19 10:00", "10-26 10:00"}; !slices.Equal(got, want) {
			t.Fatalf("after shifting the series: got %q, want %q", got, want)
		}
	})
}

func TestAttendeesAndResponses(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// Olga invites Bea to a private meeting: Bea sees it in full in her
		// own agenda, and so does Bea's assistant with the private scope.
		ap := f.create(t, f.other, Input{Title: "Succession", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0),
			Visibility: Private, Attendees: []Attendee{{PersonID: f.boss}, {Name: "Notaris Jansen", Email: "jansen@notaris.example"}}})
		from, to := at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0)
		for who, want := range map[string]string{f.boss: "Succession", f.ma: "Succession", f.maSee: "(busy)", f.emp: "(busy)"} {
			list, err := f.svc.List(ctx, f.actor(t, who), f.boss, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(list); len(got) != 1 || got[0] != want {
				t.Errorf("in Bea's agenda %s sees %v, want %q", who, got, want)
			}
		}
		// Attendees' names come from the directory.
		got, err := f.svc.Get(ctx, f.actor(t, f.boss), ap.ID)
		if err != nil || len(got.Attendees) != 2 || got.Attendees[0].Name != "Bea Baas" {
			t.Fatalf("attendees = %+v, %v", got.Attendees, err)
		}
		// Only the attendee or an assistant with agenda.respond may answer.
		wantKind(t, f.svc.Respond(ctx, f.actor(t, f.maSee), ap.ID, f.boss, Declined), apperr.Forbidden)
		wantKind(t, f.svc.Respond(ctx, f.actor(t, f.emp), ap.ID, f.boss, Declined), apperr.NotFound)
		if err := f.svc.Respond(ctx, f.actor(t, f.ma), ap.ID, f.boss, Declined); err != nil {
			t.Fatal(err)
		}
		list, _ := f.svc.List(ctx, f.actor(t, f.boss), f.boss, from, to)
		if len(list) != 0 {
			t.Fatalf("a declined invitation stays in the agenda: %v", titles(list))
		}
		// Attendees may not change the owner's item.
		_, err = f.svc.Update(ctx, f.actor(t, f.boss), ap.ID, Edit{}, ap.Input)
		wantKind(t, err, apperr.NotFound)
	})
}

func TestRuleWithoutDatesIsRefused(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	_, err := f.svc.Create(ctx, f.actor(t, f.boss), f.boss, Input{Title: "Never", Start: at(2026, 11, 2, 9, 0), End: at(2026, 11, 2, 10, 0), RRule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"})
	wantField(t, err, "rrule")
}

func TestSeriesStartsOnItsFirstMatchingDay(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	// Planned on Tuesday 3 November, weekly on Wednesday and Friday.
	f.create(t, f.boss, Input{Title: "Gym", Start: at(2026, 11, 3, 7, 0), End: at(2026, 11, 3, 8, 0), RRule: "FREQ=WEEKLY;BYDAY=WE,FR;COUNT=3", Visibility: Private})
	list, err := f.svc.List(ctx, f.actor(t, f.boss), f.boss, at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range list {
		got = append(got, o.At.In(ams).Format("Mon 02 15:04"))
	}
	if want := []string{"Wed 04 07:00", "Fri 06 07:00", "Wed 11 07:00"}; !slices.Equal(got, want) {
		t.Fatalf("instances %q, want %q", got, want)
	}
}

func TestMovingTheFirstPartOfASplitSeriesKeepsItsEnd(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.actor(t, f.boss)
		s := f.create(t, f.boss, Input{Title: "Old", Start: at(2026, 10, 12, 9, 0), End: at(2026, 10, 12, 10, 0), RRule: "FREQ=WEEKLY"})
		split := at(2026, 11, 2, 9, 0).UTC()
		in := s.Input
		in.Title, in.Start, in.End = "New", split, split.Add(time.Hour)
		if _, err := f.svc.Update(ctx, a, s.ID, Edit{Range: ThisAndFollowing, OccurrenceStart: &split}, in); err != nil {
			t.Fatal(err)
		}
		// The first part moves an hour earlier, as a whole.
		cur, err := f.svc.Get(ctx, a, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		in = cur.Input
		in.Start, in.End = at(2026, 10, 12, 8, 0), at(2026, 10, 12, 9, 0)
		if _, err := f.svc.Update(ctx, a, s.ID, Edit{Range: AllOccurrences}, in); err != nil {
			t.Fatal(err)
		}
		list, _ := f.svc.List(ctx, a, f.boss, at(2026, 10, 1, 0, 0), at(2026, 11, 10, 0, 0))
		var got []string
		for _, o := range list {
			got = append(got, o.At.In(ams).Format("01-02 15:04 ")+o.Title)
		}
		want := []string{"10-12 08:00 Old", "10-19 08:00 Old", "10-26 08:00 Old", "11-02 09:00 New", "11-09 09:00 New"}
		if !slices.Equal(got, want) {
			t.Fatalf("got %q\nwant %q", got, want)
		}
	})
}

func TestOwnerSeesTheirOwnItemInAnAttendeesAgenda(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	f.create(t, f.boss, Input{Title: "Strategy", Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Visibility: Private,
		Attendees: []Attendee{{PersonID: f.other}}})
	from, to := at(2026, 11, 3, 0, 0), at(2026, 11, 4, 0, 0)
	for who, want := range map[string]string{f.boss: "Strategy", f.ma: "Strategy", f.other: "Strategy", f.maSee: "(busy)", f.emp: "(busy)"} {
		list, err := f.svc.List(ctx, f.actor(t, who), f.other, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(list); len(got) != 1 || got[0] != want {
			t.Errorf("in Olga's agenda %s sees %v, want %q", who, got, want)
		}
		// The day plan (the views) shows the same.
		plan, err := f.svc.Plan(ctx, f.actor(t, who), []string{f.other}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range plan[f.other] {
			for _, it := range d.Items {
				got = append(got, titles([]Occurrence{it.Occurrence})...)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("in Olga's day plan %s sees %v, want %q", who, got, want)
		}
	}
}
