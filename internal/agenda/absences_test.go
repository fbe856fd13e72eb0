package agenda

import (
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestAbsencesMaskedAndGuarded(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sick := AbsenceInput{Kind: Sick, Start: at(2026, 11, 3, 0, 0), End: at(2026, 11, 5, 0, 0), Note: "griep"}
		for _, who := range []string{f.maSee, f.emp} {
			_, err := f.svc.CreateAbsence(ctx, f.actor(t, who), f.boss, sick)
			wantKind(t, err, apperr.Forbidden)
		}
		_, err := f.svc.CreateAbsence(ctx, f.actor(t, f.emp), "nobody", sick)
		wantKind(t, err, apperr.NotFound)
		ab, err := f.svc.CreateAbsence(ctx, f.actor(t, f.ma), f.boss, sick)
		if err != nil {
			t.Fatal(err)
		}
		var behalf, label, after string
		if err := d.R.QueryRow(`SELECT on_behalf_of, label, after_data FROM audit_log WHERE object_id = $1`, ab.ID).Scan(&behalf, &label, &after); err != nil || behalf != f.boss {
			t.Errorf("audit on behalf = %q, %v", behalf, err)
		}
		mustNotLeak(t, label+after, "sick", "griep")

		from, to := at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0)
		for who, full := range map[string]bool{f.boss: true, f.ma: true, f.maSee: false, f.emp: false, f.other: false} {
			list, err := f.svc.ListAbsences(ctx, f.actor(t, who), f.boss, from, to)
			if err != nil || len(list) != 1 {
				t.Fatalf("%s: %v, %v", who, list, err)
			}
			got := list[0]
			if full && (got.Kind != Sick || got.Note != "griep") {
				t.Errorf("%s sees %+v, want the kind and note", who, got)
			}
			if !full {
				if got.Kind != Absent || got.Note != "" {
					t.Errorf("%s sees %+v, want only \"absent\"", who, got)
				}
				mustNotLeak(t, list, "sick", "griep")
			}
			if !got.Start.Equal(sick.Start) || !got.End.Equal(sick.End) {
				t.Errorf("%s sees times %v–%v", who, got.Start, got.End)
			}
		}
		_, err = f.svc.ListAbsences(ctx, nil, f.boss, from, to)
		wantKind(t, err, apperr.Forbidden)

		_, err = f.svc.UpdateAbsence(ctx, f.actor(t, f.emp), ab.ID, sick)
		wantKind(t, err, apperr.Forbidden)
		leave := AbsenceInput{Kind: Leave, Start: at(2026, 11, 3, 0, 0), End: at(2026, 11, 10, 0, 0)}
		if got, err := f.svc.UpdateAbsence(ctx, f.actor(t, f.boss), ab.ID, leave); err != nil || got.Kind != Leave {
			t.Fatalf("update: %+v, %v", got, err)
		}
		wantKind(t, f.svc.DeleteAbsence(ctx, f.actor(t, f.maSee), ab.ID), apperr.Forbidden)
		wantKind(t, f.svc.DeleteAbsence(ctx, f.actor(t, f.ma), "nope"), apperr.NotFound)
		if err := f.svc.DeleteAbsence(ctx, f.actor(t, f.ma), ab.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := f.svc.ListAbsences(ctx, f.actor(t, f.boss), f.boss, from, to); len(list) != 0 {
			t.Errorf("after delete: %v", list)
		}
	})
}

func TestAbsenceValidation(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		boss := f.actor(t, f.boss)
		s, e := at(2026, 11, 3, 9, 0), at(2026, 11, 3, 17, 0)
		cases := map[string]AbsenceInput{
			"kind":  {Kind: "holiday", Start: s, End: e},
			"start": {Kind: Leave, End: e},
			"end":   {Kind: Leave, Start: e, End: s},
		}
		for field, in := range cases {
			_, err := f.svc.CreateAbsence(ctx, boss, f.boss, in)
			wantField(t, err, field)
		}
		_, err := f.svc.CreateAbsence(ctx, boss, f.boss, AbsenceInput{Kind: Leave, Start: s, End: s.AddDate(2, 0, 0)})
		wantField(t, err, "end")
	})
}
