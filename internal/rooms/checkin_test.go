package rooms

import (
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/testutil"
)

// checkInFixture is a fixture with a check-in room (window 15 minutes), a
// loopback SMTP server and a runner; restart makes a new service and runner
// on the same database, as after a restart of spil.
type checkInFixture struct {
	*fixture
	room   Room
	smtp   *mailtest.Server
	cfg    mail.Config
	runner *jobs.Runner
}

func newCheckInFixture(t *testing.T, d *db.DB) *checkInFixture {
	f := &checkInFixture{fixture: newFixture(t, d), smtp: mailtest.Start(t, mailtest.Options{})}
	f.cfg = f.smtp.Config(t)
	f.room = f.fixture.room(t, "Stilteruimte", func(in *RoomInput) { in.CheckInRequired = true })
	f.restart()
	return f
}

func (f *checkInFixture) restart() {
	q := &jobs.Queue{DB: f.db, Clock: f.clock}
	f.svc = &Service{DB: f.db, Clock: f.clock, Jobs: q, Mail: mail.NewSMTP(f.cfg), BaseURL: "https://spil.example.nl"}
	f.runner = jobs.NewRunner(q)
	f.svc.RegisterJobs(f.runner)
}

func (f *checkInFixture) runAt(t *testing.T, when time.Time) {
	t.Helper()
	if d := when.Sub(f.clock.Now()); d > 0 {
		f.clock.Advance(d)
	}
	if _, err := f.runner.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
}

func (f *checkInFixture) status(t *testing.T, id string) string {
	t.Helper()
	b, err := f.svc.Booking(ctx, f.actor(t, f.om), id)
	if err != nil {
		t.Fatal(err)
	}
	return b.Status
}

func TestReleaseWhenNobodyChecksIn(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newCheckInFixture(t, d)
		b := f.book(t, f.ma, BookingInput{RoomID: f.room.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0),
			Title: "Overleg", ForPersonID: f.boss})
		f.runAt(t, at(2026, 11, 3, 10, 14))
		if s := f.status(t, b.ID); s != Confirmed {
			t.Fatalf("released before the window ended: %s", s)
		}
		// Restart: the job lives in the database.
		f.restart()
		f.runAt(t, at(2026, 11, 3, 10, 15))
		if s := f.status(t, b.ID); s != Released {
			t.Fatalf("status %s, want released", s)
		}
		f.runAt(t, at(2026, 11, 3, 10, 16))
		// The released room is free for someone else right away.
		if _, err := f.svc.Book(ctx, f.actor(t, f.emp), BookingInput{RoomID: f.room.ID, Start: at(2026, 11, 3, 10, 16), End: at(2026, 11, 3, 11, 0)}); err != nil {
			t.Fatalf("released slot not free: %v", err)
		}
		f.runAt(t, at(2026, 11, 3, 10, 20))
		msgs := f.smtp.Messages()
		if len(msgs) != 1 {
			t.Fatalf("%d mails, want exactly 1", len(msgs))
		}
		// The organizer is the principal booked for, in Dutch.
		if msgs[0].To[0] != f.boss+"@example.nl" {
			t.Fatalf("mail to %v", msgs[0].To)
		}
		text := string(msgs[0].Data)
		for _, want := range []string{"Stilteruimte", "vrijgegeven", "https://spil.example.nl/rooms/" + f.room.ID} {
			if !strings.Contains(text, want) {
				t.Errorf("mail lacks %q:\n%s", want, text)
			}
		}
	})
}

func TestCheckInKeepsTheBooking(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newCheckInFixture(t, d)
		b := f.book(t, f.emp, BookingInput{RoomID: f.room.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		cancelled := f.book(t, f.emp, BookingInput{RoomID: f.room.ID, Start: at(2026, 11, 3, 11, 0), End: at(2026, 11, 3, 12, 0)})
		// Too early: check-in opens 15 minutes before the start.
		f.clock.Advance(at(2026, 11, 3, 9, 40).Sub(f.clock.Now()))
		_, err := f.svc.CheckIn(ctx, f.actor(t, f.emp2), b.ID)
		wantKind(t, err, apperr.Conflict)
		f.clock.Advance(10 * time.Minute) // 09:50
		cand, err := f.svc.CheckInCandidate(ctx, f.actor(t, f.emp2), f.room.ID)
		if err != nil || cand.ID != b.ID {
			t.Fatalf("candidate %+v, %v", cand, err)
		}
		// A colleague at the room checks in (see CheckIn for the rule).
		got, err := f.svc.CheckIn(ctx, f.actor(t, f.emp2), b.ID)
		if err != nil || got.CheckedInAt == nil || got.CheckedInBy != f.emp2 {
			t.Fatalf("check-in: %+v, %v", got, err)
		}
		_, err = f.svc.CheckIn(ctx, f.actor(t, f.emp), b.ID)
		wantKind(t, err, apperr.Conflict)
		if err := f.svc.CancelBooking(ctx, f.actor(t, f.emp), cancelled.ID); err != nil {
			t.Fatal(err)
		}
		f.runAt(t, at(2026, 11, 3, 12, 30))
		if s := f.status(t, b.ID); s != Confirmed {
			t.Fatalf("checked-in booking %s", s)
		}
		if s := f.status(t, cancelled.ID); s != Cancelled {
			t.Fatalf("cancelled booking %s", s)
		}
		if n := len(f.smtp.Messages()); n != 0 {
			t.Fatalf("%d mails sent", n)
		}
	})
}

func TestMovedBookingReleasedAtItsNewTime(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newCheckInFixture(t, d)
		b := f.book(t, f.emp, BookingInput{RoomID: f.room.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		if _, err := f.svc.MoveBooking(ctx, f.actor(t, f.emp), b.ID, at(2026, 11, 3, 14, 0), at(2026, 11, 3, 15, 0)); err != nil {
			t.Fatal(err)
		}
		f.runAt(t, at(2026, 11, 3, 10, 30))
		if s := f.status(t, b.ID); s != Confirmed {
			t.Fatalf("released at the old time: %s", s)
		}
		f.runAt(t, at(2026, 11, 3, 14, 15))
		if s := f.status(t, b.ID); s != Released {
			t.Fatalf("not released at the new time: %s", s)
		}
	})
}

func TestNoReleaseWhenCheckInIsTurnedOff(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newCheckInFixture(t, d)
		b := f.book(t, f.emp, BookingInput{RoomID: f.room.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0)})
		in := InputOf(f.room)
		in.CheckInRequired = false
		if _, err := f.svc.Update(ctx, f.actor(t, f.om), f.room.ID, in); err != nil {
			t.Fatal(err)
		}
		f.runAt(t, at(2026, 11, 3, 10, 30))
		if s := f.status(t, b.ID); s != Confirmed {
			t.Fatalf("released although the room no longer needs check-in: %s", s)
		}
	})
}

// The organizer hears of the Office Manager's decision on a pending
// booking, the assistant who booked gets a copy, and the reason of a
// rejection is in the mail; a booking cancelled before the mail goes out
// gets none.
func TestDecisionMail(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newCheckInFixture(t, d)
		board := f.fixture.room(t, "Boardroom", func(in *RoomInput) { in.NeedsApproval = true })
		ok := f.book(t, f.ma, BookingInput{RoomID: board.ID, Start: at(2026, 11, 3, 10, 0), End: at(2026, 11, 3, 11, 0), Title: "RvC", ForPersonID: f.boss})
		no := f.book(t, f.emp, BookingInput{RoomID: board.ID, Start: at(2026, 11, 4, 10, 0), End: at(2026, 11, 4, 11, 0), Title: "Borrel"})
		gone := f.book(t, f.emp2, BookingInput{RoomID: board.ID, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0)})
		om := f.actor(t, f.om)
		if err := f.svc.Approve(ctx, om, ok.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Reject(ctx, om, no.ID, "Verbouwing"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Approve(ctx, om, gone.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.CancelBooking(ctx, f.actor(t, f.emp2), gone.ID); err != nil {
			t.Fatal(err)
		}
		f.runAt(t, f.clock.Now())
		f.runAt(t, f.clock.Now().Add(time.Minute))
		msgs := f.smtp.Messages()
		if len(msgs) != 2 {
			t.Fatalf("%d mails, want 2", len(msgs))
		}
		byTo := map[string]string{}
		for _, m := range msgs {
			byTo[strings.Join(m.To, ",")] = string(m.Data)
		}
		approved := byTo[f.boss+"@example.nl,"+f.ma+"@example.nl"]
		if !strings.Contains(approved, "goedgekeurd") || !strings.Contains(approved, "RvC") {
			t.Errorf("approval mail to the principal with a copy to the assistant:\n%v", byTo)
		}
		rejected := byTo[f.emp+"@example.nl"]
		if !strings.Contains(rejected, "afgewezen") || !strings.Contains(rejected, "Reden: Verbouwing") {
			t.Errorf("rejection mail:\n%s", rejected)
		}
	})
}
