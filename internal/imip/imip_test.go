package imip_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"

	"spil/internal/apperr"
	"spil/internal/i18n"
	"spil/internal/ical"
	"spil/internal/imip"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
)

func composer(t *testing.T) *imip.Composer {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return imip.New(cat)
}

func amsterdam(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// meeting is planned in winter time for a day just after the switch to
// summer time (29 March 2026).
func meeting(t *testing.T) imip.Meeting {
	ams := amsterdam(t)
	return imip.Meeting{
		UID: "meeting-42@spil.example.org", Title: "Kwartaaloverleg, Q1",
		Description: "Cijfers Q1; begroting", Location: "Zaal Amstel (2e etage)",
		Start: time.Date(2026, 3, 30, 10, 0, 0, 0, ams), End: time.Date(2026, 3, 30, 11, 30, 0, 0, ams),
		Organizer: imip.Person{Name: "Director Jansen", Email: "director@example.org"},
		SentBy:    &imip.Person{Name: "Assistent Ünal", Email: "assistant@example.org"},
		Attendees: []imip.Person{{Name: "Piet de Vries", Email: "piet@example.com"}, {Email: "kees@example.net"}},
	}
}

var now = time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC)

// received sends msg through a loopback relay and returns what arrived.
func received(t *testing.T, msg mail.Message) mailtest.Received {
	t.Helper()
	srv := mailtest.Start(t, mailtest.Options{})
	if err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), msg); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages received, want 1", len(got))
	}
	return got[0]
}

type part struct {
	typ    string
	params map[string]string
	disp   string
	body   []byte
}

func parts(t *testing.T, data []byte) (gomail.Header, []part) {
	t.Helper()
	e, err := message.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []part
	err = e.Walk(func(_ []int, p *message.Entity, err error) error {
		if err != nil {
			return err
		}
		mt, params, _ := p.Header.ContentType()
		d, _, _ := p.Header.ContentDisposition()
		var b []byte
		if !strings.HasPrefix(mt, "multipart/") {
			b, _ = io.ReadAll(p.Body)
		}
		out = append(out, part{mt, params, d, b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return gomail.Header{Header: e.Header}, out
}

func TestRequestRoundTrip(t *testing.T) {
	m := meeting(t)
	msg, err := composer(t).Request(m, imip.Options{Lang: "nl", AnswerURL: "https://spil.example.org/a/xyz", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	r := received(t, msg)
	if r.From != "assistant@example.org" || strings.Join(r.To, ",") != "piet@example.com,kees@example.net" {
		t.Errorf("envelope %s → %v", r.From, r.To)
	}
	h, ps := parts(t, r.Data)
	from, _ := h.AddressList("From")
	sender, _ := h.AddressList("Sender")
	if len(from) != 1 || from[0].Address != "director@example.org" || len(sender) != 1 || sender[0].Address != "assistant@example.org" {
		t.Errorf("From %v Sender %v, want the director on whose behalf the assistant sends", from, sender)
	}
	if s, _ := h.Subject(); s != "Uitnodiging: Kwartaaloverleg, Q1" {
		t.Errorf("Subject %q", s)
	}
	var types []string
	for _, p := range ps {
		types = append(types, p.typ)
	}
	if got := strings.Join(types, " "); got != "multipart/mixed multipart/alternative text/plain text/calendar application/ics" {
		t.Fatalf("parts %s", got)
	}
	txt, calPart, att := ps[2], ps[3], ps[4]
	for _, want := range []string{"Director Jansen nodigt u uit", "Verstuurd door Assistent Ünal namens Director Jansen",
		"Wanneer: maandag 30 maart 2026, 10:00–11:30 (Europe/Amsterdam)", "Waar: Zaal Amstel (2e etage)", "https://spil.example.org/a/xyz"} {
		if !strings.Contains(string(txt.body), want) {
			t.Errorf("text lacks %q:\n%s", want, txt.body)
		}
	}
	if calPart.params["method"] != "REQUEST" || !strings.EqualFold(calPart.params["charset"], "utf-8") {
		t.Errorf("calendar part params %v", calPart.params)
	}
	if att.disp != "attachment" || !bytes.Equal(att.body, calPart.body) {
		t.Errorf("invite.ics attachment (%s) differs from the calendar part", att.disp)
	}
	cal, err := ical.Parse(bytes.NewReader(calPart.body))
	if err != nil || len(cal.Events) != 1 {
		t.Fatalf("calendar: %v, %d events, warnings %v", err, len(cal.Events), cal.Warnings)
	}
	ev := cal.Events[0]
	if cal.Method != "REQUEST" || ev.UID != m.UID || ev.Sequence != 0 || ev.Status != "CONFIRMED" {
		t.Errorf("method %q uid %q sequence %d status %q", cal.Method, ev.UID, ev.Sequence, ev.Status)
	}
	if ev.Organizer == nil || ev.Organizer.Email != "director@example.org" || ev.Organizer.SentBy != "assistant@example.org" {
		t.Errorf("organizer %+v, want the director SENT-BY the assistant", ev.Organizer)
	}
	if len(ev.Attendees) != 2 {
		t.Fatalf("attendees %+v", ev.Attendees)
	}
	for _, a := range ev.Attendees {
		if !a.RSVP || a.PartStat != "NEEDS-ACTION" {
			t.Errorf("attendee %+v: want RSVP=TRUE and PARTSTAT=NEEDS-ACTION", a)
		}
	}
	// 30 March is summer time (UTC+2): 10:00 is 08:00 UTC.
	if want := time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC); !ev.Start.Equal(want) || !ev.End.Equal(want.Add(90*time.Minute)) {
		t.Errorf("times %v–%v, want %v–%v", ev.Start.UTC(), ev.End.UTC(), want, want.Add(90*time.Minute))
	}
	if ev.TZID != "Europe/Amsterdam" || !bytes.Contains(calPart.body, []byte("BEGIN:VTIMEZONE")) {
		t.Errorf("TZID %q; want Europe/Amsterdam with its VTIMEZONE", ev.TZID)
	}
}

func TestRequestAcrossDST(t *testing.T) {
	m := meeting(t)
	ams := amsterdam(t)
	// Friday before the switch, in winter time (UTC+1), and a meeting
	// through the October night when the clock goes back.
	for _, tc := range []struct{ start, end, wantStart, wantEnd time.Time }{
		{time.Date(2026, 3, 27, 10, 0, 0, 0, ams), time.Date(2026, 3, 27, 11, 0, 0, 0, ams),
			time.Date(2026, 3, 27, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 27, 10, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 24, 23, 0, 0, 0, ams), time.Date(2026, 10, 25, 4, 0, 0, 0, ams),
			time.Date(2026, 10, 24, 21, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 3, 0, 0, 0, time.UTC)},
	} {
		m.Start, m.End = tc.start, tc.end
		msg, err := composer(t).Request(m, imip.Options{Lang: "en", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := ical.Parse(bytes.NewReader(msg.Parts[0].Body))
		if err != nil || len(cal.Events) != 1 {
			t.Fatalf("%v %v", err, cal.Warnings)
		}
		ev := cal.Events[0]
		if !ev.Start.Equal(tc.wantStart) || !ev.End.Equal(tc.wantEnd) {
			t.Errorf("read back %v–%v, want %v–%v", ev.Start.UTC(), ev.End.UTC(), tc.wantStart, tc.wantEnd)
		}
	}
	if msg, _ := composer(t).Request(m, imip.Options{Lang: "en", Now: now}); !strings.Contains(msg.Text, "When: Saturday 24 October 2026, 23:00–Sunday 25 October 2026, 04:00 (Europe/Amsterdam)") {
		t.Errorf("English text:\n%s", msg.Text)
	}
}

func TestUpdateAndCancel(t *testing.T) {
	m := meeting(t)
	m.Sequence = 1
	m.SentBy = nil
	up, err := composer(t).Request(m, imip.Options{Lang: "en", To: []string{"PIET@example.com"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if up.Subject != "Updated invitation: Kwartaaloverleg, Q1" || len(up.To) != 1 || up.To[0].Email != "piet@example.com" || up.Sender != (mail.Address{}) {
		t.Errorf("update: subject %q to %v sender %v", up.Subject, up.To, up.Sender)
	}
	if cal, _ := ical.Parse(bytes.NewReader(up.Parts[0].Body)); cal.Events[0].Sequence != 1 || cal.Events[0].UID != m.UID || cal.Events[0].Organizer.SentBy != "" {
		t.Errorf("update: sequence %d uid %q organizer %+v", cal.Events[0].Sequence, cal.Events[0].UID, cal.Events[0].Organizer)
	}
	m.Sequence = 2
	c, err := composer(t).Cancel(m, imip.Options{Lang: "nl", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	r := received(t, c)
	_, ps := parts(t, r.Data)
	calPart := ps[3]
	if calPart.typ != "text/calendar" || calPart.params["method"] != "CANCEL" {
		t.Fatalf("calendar part %s %v", calPart.typ, calPart.params)
	}
	cal, err := ical.Parse(bytes.NewReader(calPart.body))
	if err != nil || cal.Method != "CANCEL" || cal.Events[0].Status != "CANCELLED" || cal.Events[0].Sequence != 2 || cal.Events[0].UID != m.UID {
		t.Errorf("cancel: %v method %q %+v", err, cal.Method, cal.Events)
	}
	if c.Subject != "Geannuleerd: Kwartaaloverleg, Q1" || !strings.Contains(c.Text, "heeft dit overleg geannuleerd") {
		t.Errorf("cancel subject %q text %q", c.Subject, c.Text)
	}
}

func TestRequestRejectsBadInput(t *testing.T) {
	m := meeting(t)
	m.UID = ""
	m.Attendees[1].Email = "kees@"
	m.End = m.Start.Add(-time.Hour)
	_, err := composer(t).Request(m, imip.Options{To: []string{"stranger@example.org"}})
	if apperr.KindOf(err) != apperr.Invalid {
		t.Fatalf("err = %v, want Invalid", err)
	}
	f := apperr.FieldsOf(err)
	for field, want := range map[string]string{"uid": "no UID", "end": "ends before it starts",
		"attendees[1]": `"kees@" is not a valid e-mail address`, "to[0]": `"stranger@example.org" is not an attendee`} {
		if !strings.Contains(f[field], want) {
			t.Errorf("%s: %q, want %q", field, f[field], want)
		}
	}
}
