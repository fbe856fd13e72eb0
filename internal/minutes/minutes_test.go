package minutes

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/meetings"
	"spil/internal/testutil"
)

// record saves minutes with notes on the first item, a decision and one
// action item for emp, as the assistant.
func (f *fixture) record(t testing.TB, m meeting, due string) Minutes {
	t.Helper()
	min, err := f.svc.Record(ctx, f.actor(t, f.ma), m.ID, Input{
		Notes:     []Note{{Text: "Iedereen aanwezig."}, {AgendaItemID: m.Items[0], Text: "Café-budget besproken: € 1.250 per jaar, Zoë presenteert."}},
		Decisions: []Decision{{AgendaItemID: m.Items[0], Text: "Begroting goedgekeurd."}},
		Actions:   []ActionInput{{AgendaItemID: m.Items[0], Title: "Offerte cateraar opvragen", OwnerID: f.emp, DueOn: due}},
	})
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	return min
}

func TestTheAssistantRecordsAndApprovesAndAttendeesGetTheMinutes(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start.Add(-2*time.Hour), "")
		min := f.record(t, m, "2026-11-20")
		if min.Version != 1 || min.Status != Draft || len(min.Actions) != 1 || len(min.Decisions) != 1 || len(min.Notes) != 2 {
			t.Fatalf("after saving: %+v", min)
		}
		if a := min.Actions[0]; a.OwnerName != "Emma English" || a.OwnerEmail != f.email(t, f.emp) || a.Status != Open || a.MeetingTitle != "Teamoverleg" {
			t.Fatalf("action item %+v", a)
		}

		// The attendee reads, but does not write or approve.
		v, err := f.svc.Get(ctx, f.actor(t, f.emp), m.ID)
		if err != nil || v.CanWrite || v.CanApprove || v.Minutes.Version != 1 {
			t.Fatalf("attendee view: %+v %v", v, err)
		}
		_, err = f.svc.Record(ctx, f.actor(t, f.emp), m.ID, Input{})
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.Approve(ctx, f.actor(t, f.emp), m.ID)
		wantKind(t, err, apperr.Forbidden)
		// Someone unrelated does not even see them.
		_, err = f.svc.Get(ctx, f.actor(t, f.other), m.ID)
		wantKind(t, err, apperr.NotFound)
		// The read-only assistant sees, may not write.
		_, err = f.svc.Record(ctx, f.actor(t, f.maSee), m.ID, Input{})
		wantKind(t, err, apperr.Forbidden)

		approved, err := f.svc.Approve(ctx, f.actor(t, f.ma), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if approved.Status != Approved || approved.Version != 2 || approved.ApprovedByName != "Mara Assistent" {
			t.Fatalf("approved: %+v", approved)
		}
		var st string
		d.R.QueryRow(`SELECT status FROM meetings WHERE id = $1`, m.ID).Scan(&st)
		if st != meetings.MinutesApproved {
			t.Errorf("meeting status %q", st)
		}
		// Closed minutes are read-only, also for the organizer.
		_, err = f.svc.Record(ctx, f.actor(t, f.boss), m.ID, Input{})
		wantKind(t, err, apperr.Conflict)
		_, err = f.svc.Approve(ctx, f.actor(t, f.boss), m.ID)
		wantKind(t, err, apperr.Conflict)
		h, err := f.svc.History(ctx, f.actor(t, f.emp), m.ID)
		if err != nil || len(h) != 2 || h[0].Event != "approve" || h[1].Event != "save" || h[1].ChangedBy != "Mara Assistent" || len(h[1].Snapshot.Actions) != 1 {
			t.Fatalf("history %+v %v", h, err)
		}

		// One mail per recipient: organizer, employee (English), outsider.
		if n := f.runDue(t); n != 3 {
			t.Fatalf("%d jobs ran, want 3", n)
		}
		if n := f.runDue(t); n != 0 {
			t.Fatalf("%d more jobs ran", n)
		}
		msgs := f.smtp.Messages()
		if len(msgs) != 3 {
			t.Fatalf("%d mails", len(msgs))
		}
		byTo := map[string]string{}
		for _, r := range msgs {
			// Mara's mandate lacks mail.send_on_behalf: she sends in her own name.
			if r.From != f.email(t, f.ma) || !strings.Contains(string(r.Data), "From: \"Mara Assistent\"") || strings.Contains(string(r.Data), "Sender:") {
				t.Errorf("minutes mail from %s:\n%.400s", r.From, r.Data)
			}
			byTo[r.To[0]] = strings.ReplaceAll(string(r.Data), "=\r\n", "")
		}
		en := byTo[f.email(t, f.emp)]
		nl := byTo["kees@extern.example.org"]
		for _, want := range []string{"Subject: Minutes: Teamoverleg", "https://spil.example.nl/meetings/" + m.ID + "/minutes", "application/pdf", "minutes-2026-11-02-teamoverleg.pdf", "Offerte cateraar opvragen"} {
			if !strings.Contains(en, want) {
				t.Errorf("English mail lacks %q:\n%s", want, en)
			}
		}
		for _, want := range []string{"Subject: Notulen: Teamoverleg", "notulen-2026-11-02-teamoverleg.pdf", "goedgekeurd door Mara Assistent"} {
			if !strings.Contains(nl, want) {
				t.Errorf("Dutch mail lacks %q:\n%s", want, nl)
			}
		}
		if byTo[f.email(t, f.boss)] == "" {
			t.Error("the organizer got no copy")
		}
		st2, err := f.svc.MailStatus(ctx, m.ID, "kees@extern.example.org")
		if err != nil || st2.State() != "done" {
			t.Errorf("mail status %+v %v", st2, err)
		}
	})
}

func TestMinutesNeedAScheduledMeetingThatHasStartedBeforeApproval(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Later", start.Add(48*time.Hour), "")
		_, err := f.svc.Approve(ctx, f.actor(t, f.boss), m.ID)
		wantKind(t, err, apperr.Conflict) // not started
		f.clock.Advance(49 * time.Hour)
		_, err = f.svc.Approve(ctx, f.actor(t, f.boss), m.ID)
		wantKind(t, err, apperr.Conflict) // nothing recorded
		d.W.Exec(`UPDATE meetings SET status = 'cancelled' WHERE id = $1`, m.ID)
		_, err = f.svc.Record(ctx, f.actor(t, f.boss), m.ID, Input{Notes: []Note{{Text: "x"}}})
		wantKind(t, err, apperr.Conflict)
	})
}

func TestBadMinutesAreRefusedWithFieldMessages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := f.meeting(t, "Teamoverleg", start, "")
		other := f.meeting(t, "Ander overleg", start, "")
		ma := f.actor(t, f.ma)
		rec := func(in Input) error { _, err := f.svc.Record(ctx, ma, m.ID, in); return err }
		wantField(t, rec(Input{Actions: []ActionInput{{Title: "Bellen", OwnerName: "Piet", OwnerEmail: "piet@", DueOn: "2026-12-01"}}}), "action_items[0].owner_email")
		wantField(t, rec(Input{Actions: []ActionInput{{Title: "Bellen", DueOn: "2026-12-01"}}}), "action_items[0].owner_name")
		wantField(t, rec(Input{Actions: []ActionInput{{Title: "Bellen", OwnerID: f.emp, DueOn: "2026-10-01"}}}), "action_items[0].due_on")
		wantField(t, rec(Input{Actions: []ActionInput{{Title: "Bellen", OwnerID: f.emp, DueOn: "1-12-2026"}}}), "action_items[0].due_on")
		wantField(t, rec(Input{Actions: []ActionInput{{Title: " ", OwnerID: f.emp, DueOn: "2026-12-01"}}}), "action_items[0].title")
		wantField(t, rec(Input{Decisions: []Decision{{AgendaItemID: other.Items[0], Text: "Ja"}}}), "decisions[0].agenda_item_id")
		wantField(t, rec(Input{Notes: []Note{{Text: strings.Repeat("a", 20001)}}}), "notes[0].text")
		// Someone saved meanwhile.
		f.record(t, m, "2026-12-01")
		err := rec(Input{Version: 0 + 5, Notes: []Note{{Text: "mijn versie"}}})
		wantKind(t, err, apperr.Conflict)
		// An outsider as owner, by name and address, is fine.
		if err := rec(Input{Actions: []ActionInput{{Title: "Contract sturen", OwnerName: "Kees Extern", OwnerEmail: "kees@extern.example.org", DueOn: "2026-12-01"}}}); err != nil {
			t.Fatal(err)
		}
		v, _ := f.svc.Get(ctx, ma, m.ID)
		if len(v.Minutes.Actions) != 1 || v.Minutes.Actions[0].OwnerName != "Kees Extern" {
			t.Fatalf("items %+v", v.Minutes.Actions)
		}
		// The emp's item left out of the save was cancelled, not deleted.
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM action_items WHERE meeting_id = $1 AND status = 'cancelled'`, m.ID).Scan(&n)
		if n != 1 {
			t.Errorf("%d cancelled items", n)
		}
	})
}

func TestThePDFKeepsDutchAccentsAndTheEuroSign(t *testing.T) {
	d := testutil.NewSQLite(t)
	f := newFixture(t, d)
	m := f.meeting(t, "Overleg café Zoë", start.Add(-time.Hour), "")
	f.record(t, m, "2026-12-01")
	b, name, err := f.svc.PDF(ctx, f.actor(t, f.emp), m.ID, f.texts.Printer("nl", ams))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || name != "notulen-2026-11-02-overleg-cafe-zoe.pdf" {
		t.Fatalf("pdf %q…, name %q", b[:8], name)
	}
	txt := pdfText(t, b)
	// cp1252: é = E9, ë = EB, € = 80.
	for _, want := range []string{"Caf\xe9-budget", "\x80 1.250", "Zo\xeb presenteert", "Offerte cateraar opvragen", "Begroting goedgekeurd"} {
		if !bytes.Contains(txt, []byte(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestALongPDFBreaksPagesAndSurvivesForeignCharacters(t *testing.T) {
	d := testutil.NewSQLite(t)
	f := newFixture(t, d)
	m := f.meeting(t, "Łódź — 東京 overleg", start.Add(-time.Hour), "")
	in := Input{Notes: []Note{{AgendaItemID: m.Items[1], Text: strings.Repeat("Een lange regel met tekst over de verhuizing. ", 400)}}}
	for i := 0; i < 60; i++ {
		in.Actions = append(in.Actions, ActionInput{Title: strings.Repeat("Taak ", 20) + string(rune('A'+i%26)), OwnerID: f.emp, DueOn: "2026-12-01"})
	}
	if _, err := f.svc.Record(ctx, f.actor(t, f.boss), m.ID, in); err != nil {
		t.Fatal(err)
	}
	b, name, err := f.svc.PDF(ctx, f.actor(t, f.boss), m.ID, f.texts.Printer("en", ams))
	if err != nil {
		t.Fatal(err)
	}
	if pages := bytes.Count(b, []byte("/Type /Page\n")); pages < 3 {
		t.Errorf("%d pages for a long record", pages)
	}
	if name != "minutes-2026-11-02-odz-overleg.pdf" {
		t.Errorf("file name %q", name)
	}
}

func TestMinutesMailIsTheOrganizersOnlyWithSendOnBehalf(t *testing.T) {
	d := testutil.NewSQLite(t)
	f := newFixture(t, d)
	m := f.meeting(t, "Teamoverleg", start.Add(-time.Hour), "")
	mt, err := f.svc.Meetings.Get(ctx, f.actor(t, f.boss), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	from, sender, err := f.svc.minutesFrom(ctx, mt, f.boss)
	if err != nil || from.Email != f.email(t, f.boss) || sender.Email != "" {
		t.Fatalf("organizer approves: from %v sender %v %v", from, sender, err)
	}
	from, sender, _ = f.svc.minutesFrom(ctx, mt, f.ma)
	if from.Email != f.email(t, f.ma) || sender.Email != "" {
		t.Fatalf("assistant without send_on_behalf: from %v sender %v", from, sender)
	}
	d.W.Exec(`UPDATE mandates SET scopes = 'agenda.see agenda.edit mail.read mail.draft mail.send_on_behalf' WHERE assistant_id = $1`, f.ma)
	from, sender, _ = f.svc.minutesFrom(ctx, mt, f.ma)
	if from.Email != f.email(t, f.boss) || sender.Email != f.email(t, f.ma) {
		t.Fatalf("assistant with send_on_behalf: from %v sender %v", from, sender)
	}
}
