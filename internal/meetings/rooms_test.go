package meetings

import (
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/rooms"
	"spil/internal/testutil"
)

// A meeting books its room in its own transaction; the slot finder offers
// only times when the room is free too; moving and cancelling the meeting
// move and release the booking.
func TestRoomWithTheMeeting(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		office := f.person(t, "Olga Office", authz.RoleOfficeManager)
		room, err := f.svc.Rooms.Create(ctx, f.actor(t, office), rooms.RoomInput{Name: "Rembrandt", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		// Someone else has the room until 15:00 on Thursday.
		if _, err := f.svc.Rooms.Book(ctx, f.actor(t, f.other), rooms.BookingInput{RoomID: room.ID, Title: "Bezet",
			Start: at(2026, 11, 5, 9, 0), End: at(2026, 11, 5, 15, 0)}); err != nil {
			t.Fatal(err)
		}
		q := SlotQuery{PersonIDs: []string{f.boss, f.emp}, Duration: time.Hour, From: at(2026, 11, 5, 0, 0), To: at(2026, 11, 6, 0, 0)}
		free, err := f.svc.FindSlots(ctx, f.actor(t, f.ma), q)
		if err != nil || len(free) == 0 || !free[0].Start.Before(at(2026, 11, 5, 15, 0)) {
			t.Fatalf("without a room: %v, %v", free, err)
		}
		q.RoomID = room.ID
		withRoom, err := f.svc.FindSlots(ctx, f.actor(t, f.ma), q)
		if err != nil || len(withRoom) == 0 {
			t.Fatalf("with the room: %v, %v", withRoom, err)
		}
		for _, c := range withRoom {
			if c.Start.Before(at(2026, 11, 5, 15, 0)) || c.RoomID != room.ID {
				t.Fatalf("slot %v–%v in room %q while the room is taken", c.Start, c.End, c.RoomID)
			}
		}
		q.RoomID, q.Rooms = "", &rooms.Filter{MinCapacity: 3}
		anyRoom, err := f.svc.FindSlots(ctx, f.actor(t, f.ma), q)
		if err != nil || len(anyRoom) == 0 || anyRoom[0].RoomName != "Rembrandt" {
			t.Fatalf("any room: %v, %v", anyRoom, err)
		}

		// Planning it in the taken hours is refused with the rooms module's conflict; nothing is stored.
		in := Input{Title: "Overleg", OrganizerID: f.boss, Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0), RoomID: room.ID}
		_, err = f.svc.Create(ctx, f.actor(t, f.ma), in)
		wantKind(t, err, apperr.Conflict)
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM meetings`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d meetings stored after a refused booking", n)
		}
		in.Start, in.End = withRoom[0].Start, withRoom[0].End
		m, err := f.svc.Create(ctx, f.actor(t, f.ma), in)
		if err != nil {
			t.Fatal(err)
		}
		if m.RoomBookingID == "" || m.RoomName != "Rembrandt" {
			t.Fatalf("meeting room %q booking %q", m.RoomName, m.RoomBookingID)
		}
		in.Start, in.End = at(2026, 11, 6, 10, 0), at(2026, 11, 6, 11, 0)
		if _, err := f.svc.Update(ctx, f.actor(t, f.ma), m.ID, in); err != nil {
			t.Fatal(err)
		}
		busy, _ := f.svc.Rooms.Busy(ctx, []string{room.ID}, at(2026, 11, 6, 0, 0), at(2026, 11, 7, 0, 0))
		if len(busy[room.ID]) != 1 || !busy[room.ID][0].Start.Equal(in.Start) {
			t.Fatalf("the booking did not move: %v", busy)
		}
		if err := f.svc.Cancel(ctx, f.actor(t, f.ma), m.ID); err != nil {
			t.Fatal(err)
		}
		busy, _ = f.svc.Rooms.Busy(ctx, []string{room.ID}, at(2026, 11, 6, 0, 0), at(2026, 11, 7, 0, 0))
		if len(busy[room.ID]) != 0 {
			t.Fatalf("the room is still taken after cancelling: %v", busy)
		}
	})
}

// Agenda items: order, the total against the length, moving one to the next
// meeting of the series; documents checked by content.
func TestItemsAndDocuments(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t)
		ma := f.actor(t, f.ma)
		a, _ := f.svc.AddItem(ctx, ma, m.ID, ItemInput{Topic: "Cijfers", PlannedMinutes: 40})
		b, _ := f.svc.AddItem(ctx, ma, m.ID, ItemInput{Topic: "Rondvraag", PresenterID: f.emp, PlannedMinutes: 30})
		_, err := f.svc.AddItem(ctx, ma, m.ID, ItemInput{Topic: " ", PlannedMinutes: -1})
		wantField(t, err, "topic")
		wantField(t, err, "planned_minutes")
		_, err = f.svc.AddItem(ctx, f.actor(t, f.emp), m.ID, ItemInput{Topic: "X"})
		wantKind(t, err, apperr.Forbidden)
		if err := f.svc.MoveItem(ctx, ma, b.ID, -1); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.Get(ctx, ma, m.ID)
		if got.Items[0].ID != b.ID || got.Items[0].PresenterName != "Erik Medewerker" || !got.OverPlanned() || got.PlannedMinutes() != 70 {
			t.Fatalf("items %+v over %v", got.Items, got.OverPlanned())
		}
		pdf := []byte("%PDF-1.7\n1 0 obj\n")
		if _, err := f.svc.AddDocument(ctx, ma, m.ID, a.ID, "../../cijfers.pdf", pdf); err != nil {
			t.Fatal(err)
		}
		for name, content := range map[string][]byte{
			"notulen.pdf": []byte("MZ\x90\x00\x03\x00\x00\x00 program"),
			"plaatje.png": pdf,
			"script.exe":  []byte("MZ"),
			"leeg.txt":    nil,
			"tabel.xlsx":  []byte("PK\x03\x04 not a zip"),
			"binair.csv":  []byte("a;b\x00c"),
			"groot.pdf":   append([]byte("%PDF-"), make([]byte, MaxDocumentSize)...),
		} {
			_, err := f.svc.AddDocument(ctx, ma, m.ID, "", name, content)
			wantField(t, err, "file")
		}
		// Moving an item when there is no next meeting: refused, or the next is planned.
		_, err = f.svc.MoveItemToNext(ctx, ma, a.ID, false)
		wantKind(t, err, apperr.Conflict)
		nextID, err := f.svc.MoveItemToNext(ctx, ma, a.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		next, _ := f.svc.Get(ctx, ma, nextID)
		got, _ = f.svc.Get(ctx, ma, m.ID)
		if len(next.Items) != 1 || next.Items[0].Topic != "Cijfers" || len(next.Documents) != 1 || next.Documents[0].Filename != "cijfers.pdf" ||
			len(got.Items) != 1 || len(got.Documents) != 0 {
			t.Fatalf("after moving: this %+v / %+v, next %+v / %+v", got.Items, got.Documents, next.Items, next.Documents)
		}
		_, content, err := f.svc.DocumentContent(ctx, f.actor(t, f.emp), next.Documents[0].ID)
		if err != nil || string(content) != string(pdf) {
			t.Fatalf("document content %q, %v", content, err)
		}
		_, _, err = f.svc.DocumentContent(ctx, f.actor(t, f.other), next.Documents[0].ID)
		wantKind(t, err, apperr.NotFound)
	})
}
