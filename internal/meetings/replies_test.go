package meetings

import (
	"fmt"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func replyMail(uid string, seq int, from, partstat string) string {
	return strings.ReplaceAll(fmt.Sprintf(`From: Karin Klant <%[3]s>
To: bea@example.nl
Subject: Geaccepteerd: Kwartaaloverleg
MIME-Version: 1.0
Content-Type: text/calendar; method=REPLY; charset=UTF-8

BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Calendar//EN
METHOD:REPLY
BEGIN:VEVENT
UID:%[1]s
SEQUENCE:%[2]d
DTSTAMP:20261102T090000Z
DTSTART:20261105T090000Z
DTEND:20261105T100000Z
SUMMARY:Kwartaaloverleg
ORGANIZER:mailto:bea@example.nl
ATTENDEE;PARTSTAT=%[4]s;CN=Karin Klant:mailto:%[3]s
END:VEVENT
END:VCALENDAR
`, uid, seq, from, partstat), "\n", "\r\n")
}

// A calendar app's REPLY lands on the meeting; an answer to an older
// revision is ignored; a stranger's reply is refused.
func TestCalendarReplies(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, nil)
		m := f.meeting(t)
		ok, err := f.svc.ApplyReply(ctx, strings.NewReader(replyMail(m.UID, 0, "karin@klant.example.com", "ACCEPTED")))
		if err != nil || !ok {
			t.Fatalf("ApplyReply = %v, %v", ok, err)
		}
		got, _ := f.svc.Get(ctx, f.actor(t, f.boss), m.ID)
		if got.Attendees[1].Response != Accepted || got.Attendees[1].RespondedAt == nil {
			t.Fatalf("answer not recorded: %+v", got.Attendees[1])
		}
		// A newer revision: the old answer is ignored.
		if _, err := d.W.Exec(`UPDATE meetings SET sequence = 2 WHERE id = $1`, m.ID); err != nil {
			t.Fatal(err)
		}
		ok, err = f.svc.ApplyReply(ctx, strings.NewReader(replyMail(m.UID, 1, "karin@klant.example.com", "DECLINED")))
		if err != nil || ok {
			t.Fatalf("old reply = %v, %v", ok, err)
		}
		_, err = f.svc.ApplyReply(ctx, strings.NewReader(replyMail(m.UID, 2, "piet@elders.example.com", "DECLINED")))
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.ApplyReply(ctx, strings.NewReader(replyMail("unknown@spil", 2, "karin@klant.example.com", "DECLINED")))
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.ApplyReply(ctx, strings.NewReader("From: x@y.example\r\n\r\nno calendar"))
		wantKind(t, err, apperr.Invalid)
	})
}
