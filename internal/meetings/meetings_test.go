package meetings

import (
	"database/sql"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestCreateGetAndWhoSees(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t)
		if m.Status != Draft || m.OrganizerID != f.boss || m.PreparerID != f.ma || len(m.Attendees) != 2 {
			t.Fatalf("meeting = %+v", m)
		}
		if !m.Attendees[1].External || m.Attendees[0].External || m.Attendees[0].Name != "Erik Medewerker" {
			t.Fatalf("attendees = %+v", m.Attendees)
		}
		for _, who := range []string{f.boss, f.ma, f.maNoMail, f.emp} {
			if _, err := f.svc.Get(ctx, f.actor(t, who), m.ID); err != nil {
				t.Fatalf("%s cannot see: %v", who, err)
			}
		}
		_, err := f.svc.Get(ctx, f.actor(t, f.other), m.ID)
		wantKind(t, err, apperr.NotFound)

		if !f.svc.CanEdit(f.actor(t, f.ma), m) || !f.svc.CanEdit(f.actor(t, f.boss), m) || f.svc.CanEdit(f.actor(t, f.emp), m) {
			t.Fatal("CanEdit wrong")
		}
		if !f.svc.CanSend(f.actor(t, f.ma), m) || f.svc.CanSend(f.actor(t, f.maNoMail), m) {
			t.Fatal("CanSend wrong")
		}
	})
}

func TestCreateRefusesBadInput(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		_, err := f.svc.Create(ctx, f.actor(t, f.ma), Input{
			Title: "X", OrganizerID: f.boss, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 9, 0),
			Attendees: []AttendeeInput{{Name: "Piet", Email: "piet@"}},
		})
		wantField(t, err, "end")
		wantField(t, err, "attendees[0].email")
		// An employee cannot organize for a principal.
		_, err = f.svc.Create(ctx, f.actor(t, f.emp), Input{Title: "X", OrganizerID: f.boss, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0)})
		wantField(t, err, "organizer_id")
		// A confidential meeting is hidden from an assistant without documents.see_confidential.
		m, err := f.svc.Create(ctx, f.actor(t, f.boss), Input{Title: "Reorganisatie", Confidential: true, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Get(ctx, f.actor(t, f.maNoMail), m.ID)
		wantKind(t, err, apperr.NotFound)
	})
}

func TestSeriesAndStatus(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t)
		if _, ok, err := f.svc.NextInSeries(ctx, d.R, m.ID); err != nil || ok {
			t.Fatalf("next of a single meeting: %v %v", ok, err)
		}
		next, err := f.svc.PlanNext(ctx, f.actor(t, f.ma), m.ID, NextInput{})
		if err != nil {
			t.Fatal(err)
		}
		if !next.Start.Equal(m.Start.AddDate(0, 0, 7)) || next.SeriesID != m.ID || len(next.Attendees) != 2 || next.Title != m.Title {
			t.Fatalf("next = %+v", next)
		}
		id, ok, err := f.svc.NextInSeries(ctx, d.R, m.ID)
		if err != nil || !ok || id != next.ID {
			t.Fatalf("NextInSeries = %q %v %v, want %q", id, ok, err, next.ID)
		}
		if _, ok, _ := f.svc.NextInSeries(ctx, d.R, next.ID); ok {
			t.Fatal("the last meeting has a next one")
		}
		err = d.Tx(ctx, func(tx *sql.Tx) error { return f.svc.SetStatusTx(ctx, tx, next.ID, Cancelled) })
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := f.svc.NextInSeries(ctx, d.R, m.ID); ok {
			t.Fatal("a cancelled meeting counts as next")
		}
		err = d.Tx(ctx, func(tx *sql.Tx) error { return f.svc.SetStatusTx(ctx, tx, m.ID, "bogus") })
		wantKind(t, err, apperr.Invalid)
	})
}
