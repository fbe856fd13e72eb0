package imip_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/imip"
)

// outlookReply is shaped like an Outlook/Exchange answer: text/plain and a
// base64 text/calendar part with method=REPLY in multipart/alternative.
func outlookReply(partstat string) string {
	ics := "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n" +
		"BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n" +
		"BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n" +
		"BEGIN:VEVENT\r\nATTENDEE;PARTSTAT=" + partstat + ";CN=\"de Vries, Piet\":mailto:Piet@example.com\r\n" +
		"COMMENT;LANGUAGE=nl-NL:Ik ben er.\r\nSUMMARY;LANGUAGE=nl-NL:Geaccepteerd: Kwartaaloverleg\\, Q1\r\n" +
		"DTSTART;TZID=W. Europe Standard Time:20260330T100000\r\nDTEND;TZID=W. Europe Standard Time:20260330T113000\r\n" +
		"UID:meeting-42@spil.example.org\r\nORGANIZER;CN=Director Jansen:mailto:director@example.org\r\nSEQUENCE:1\r\n" +
		"DTSTAMP:20260321T091500Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	enc := base64.StdEncoding.EncodeToString([]byte(ics))
	var lines []string
	for len(enc) > 76 {
		lines, enc = append(lines, enc[:76]), enc[76:]
	}
	lines = append(lines, enc)
	return "From: \"de Vries, Piet\" <Piet@example.com>\r\nTo: Director Jansen <director@example.org>\r\n" +
		"Subject: Geaccepteerd: Kwartaaloverleg, Q1\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/alternative; boundary=\"_000_AM0PR\"\r\n\r\n" +
		"--_000_AM0PR\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\nIk ben er.\r\n\r\n" +
		"--_000_AM0PR\r\nContent-Type: text/calendar; charset=\"utf-8\"; method=REPLY\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		strings.Join(lines, "\r\n") + "\r\n--_000_AM0PR--\r\n"
}

// googleReply is shaped like Google Calendar's: mixed with alternative
// text, html, calendar (7bit) and an invite.ics attachment; the reply
// carries the organizer as an attendee too.
const googleReply = "From: Kees <kees@example.net>\r\nTo: director@example.org\r\nSubject: Accepted: Kwartaaloverleg\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"000000000000aaa\"\r\n\r\n--000000000000aaa\r\n" +
	"Content-Type: multipart/alternative; boundary=\"000000000000bbb\"\r\n\r\n" +
	"--000000000000bbb\r\nContent-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes\r\n\r\nKees has accepted this invitation.\r\n" +
	"--000000000000bbb\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n<p>Kees has accepted this invitation.</p>\r\n" +
	"--000000000000bbb\r\nContent-Type: text/calendar; charset=\"UTF-8\"; method=REPLY\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" +
	"BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:REPLY\r\n" +
	"BEGIN:VEVENT\r\nDTSTART:20260330T080000Z\r\nDTEND:20260330T093000Z\r\nDTSTAMP:20260321T100000Z\r\n" +
	"ORGANIZER;CN=Director Jansen:mailto:director@example.org\r\nUID:meeting-42@spil.example.org\r\n" +
	"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Director Jansen;X-NUM-GUESTS=0:mailto:director@example.org\r\n" +
	"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=TENTATIVE;CN=Kees;X-NUM-GUESTS=0:mailto:kees@example.net\r\n" +
	"SEQUENCE:2\r\nSTATUS:CONFIRMED\r\nSUMMARY:Kwartaaloverleg\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" +
	"--000000000000bbb--\r\n--000000000000aaa\r\nContent-Type: application/ics; name=\"invite.ics\"\r\n" +
	"Content-Disposition: attachment; filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\nQkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=\r\n--000000000000aaa--\r\n"

func TestParseReplyOutlook(t *testing.T) {
	r, err := imip.ParseReply(strings.NewReader(outlookReply("ACCEPTED")))
	if err != nil {
		t.Fatal(err)
	}
	if r.UID != "meeting-42@spil.example.org" || r.Sequence != 1 || r.Attendee != "Piet@example.com" || r.PartStat != imip.Accepted || r.Name != "de Vries, Piet" || r.From != "Piet@example.com" {
		t.Errorf("reply %+v", r)
	}
	r, err = imip.ParseReply(strings.NewReader(outlookReply("DECLINED")))
	if err != nil || r.PartStat != imip.Declined {
		t.Errorf("declined: %+v %v", r, err)
	}
}

func TestParseReplyGoogle(t *testing.T) {
	r, err := imip.ParseReply(strings.NewReader(googleReply))
	if err != nil {
		t.Fatal(err)
	}
	if r.UID != "meeting-42@spil.example.org" || r.Sequence != 2 || r.Attendee != "kees@example.net" || r.PartStat != imip.Tentative {
		t.Errorf("reply %+v, want Kees (the From) tentative", r)
	}
}

func TestParseReplyRejects(t *testing.T) {
	for _, tc := range []struct{ name, mail, want string }{
		{"no calendar", "From: a@example.org\r\nContent-Type: text/plain\r\n\r\nJa, ik kom.\r\n", "no calendar part"},
		{"a request", strings.Replace(googleReply, "METHOD:REPLY", "METHOD:REQUEST", 1), "METHOD is REQUEST, not REPLY"},
		{"no answer", outlookReply("NEEDS-ACTION"), "no answer (no PARTSTAT)"},
		{"delegated", outlookReply("DELEGATED"), `answer "DELEGATED" is not accepted`},
		{"other sender", strings.Replace(googleReply, "From: Kees <kees@example.net>", "From: x@example.org", 1), "none is the sender"},
		{"no event", "Content-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n", "no event"},
		{"garbage calendar", "Content-Type: text/calendar\r\n\r\nhello\r\n", "cannot be read"},
	} {
		_, err := imip.ParseReply(strings.NewReader(tc.mail))
		if apperr.KindOf(err) != apperr.Invalid || !strings.Contains(apperr.MessageOf(err), tc.want) {
			t.Errorf("%s: %v, want Invalid with %q", tc.name, err, tc.want)
		}
	}
}

func FuzzParseReply(f *testing.F) {
	f.Add(outlookReply("ACCEPTED"))
	f.Add(googleReply)
	f.Add("Content-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := imip.ParseReply(strings.NewReader(s))
		if err != nil {
			if k := apperr.KindOf(err); k != apperr.Invalid {
				t.Fatalf("kind %v for %v", k, err)
			}
			return
		}
		if r.UID == "" || r.Attendee == "" {
			t.Fatalf("accepted a reply without UID or attendee: %+v", r)
		}
		switch r.PartStat {
		case imip.Accepted, imip.Declined, imip.Tentative:
		default:
			t.Fatalf("partstat %q", r.PartStat)
		}
	})
}
