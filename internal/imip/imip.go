// Package imip writes and reads calendar mail (iMIP, RFC 6047): the
// invitation (METHOD:REQUEST) sent when a meeting is planned or changed,
// the cancellation (METHOD:CANCEL), and the answer (METHOD:REPLY) that an
// attendee's calendar app sends back.
//
// An invitation is a mail.Message whose body is multipart/alternative —
// a plain-text summary in the recipient's language (nl or en) and a
// "text/calendar; method=REQUEST; charset=UTF-8" part — with the same
// .ics attached as invite.ics (application/ics), as Outlook and Google
// send it. The calendar is written by icalexport: ORGANIZER is the
// principal, with SENT-BY the assistant when the assistant sends on the
// principal's behalf; every attendee has RSVP=TRUE and
// PARTSTAT=NEEDS-ACTION; DTSTART/DTEND carry a TZID with its VTIMEZONE.
// The mail's From is the principal and its Sender the assistant.
//
// The package does not decide whether the assistant may send on the
// principal's behalf: the caller checks the mandate first.
package imip

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/i18n"
	"spil/internal/icalexport"
	"spil/internal/mail"
)

// Person is an organizer, sender or attendee.
type Person struct {
	Name  string
	Email string
}

// Meeting is what an invitation describes.
type Meeting struct {
	// UID identifies the meeting in every calendar; it must stay the same
	// for all invitations, updates and the cancellation of one meeting.
	UID string
	// Sequence is the revision: 0 for the first invitation, raised by the
	// caller for every change that attendees must see again (time, place)
	// and for the cancellation. Calendar apps ignore a message whose
	// Sequence is lower than one they already have.
	Sequence                     int
	Title, Description, Location string
	Start, End                   time.Time
	// Loc is the zone the meeting is written and shown in; nil means
	// Start.Location().
	Loc *time.Location
	// Organizer is the principal whose meeting it is.
	Organizer Person
	// SentBy is the assistant who sends on the organizer's behalf; nil
	// when the organizer sends personally.
	SentBy    *Person
	Attendees []Person
	Updated   time.Time // LAST-MODIFIED when not zero
}

// Options are per-message settings.
type Options struct {
	Lang string // "nl" (default) or "en": the language of the text
	// To are the attendees (e-mail addresses) this message is for; nil
	// means every attendee except the organizer. Every address must be
	// one of the meeting's attendees.
	To []string
	// AnswerURL, when set, is the link where the recipient answers
	// (accept, decline, tentative) without a calendar app.
	AnswerURL string
	// Now is the message's Date and the calendar's DTSTAMP; zero means
	// time.Now(). Pass the clock's time.
	Now time.Time
}

// Composer builds calendar mail with spil's texts.
type Composer struct {
	cat *i18n.Catalog
}

// New returns a Composer that takes its texts from cat.
func New(cat *i18n.Catalog) *Composer { return &Composer{cat: cat} }

// ProdID is the PRODID of spil's invitations.
const ProdID = "-//spil//meetings//NL"

// Request builds the invitation for m: METHOD:REQUEST, STATUS:CONFIRMED.
// With Sequence > 0 the subject and text say the meeting changed.
// Errors are apperr.Invalid naming the field: no UID, no or reversed
// times, an invalid organizer, sender or attendee address, a recipient who
// is not an attendee, no recipient at all.
func (c *Composer) Request(m Meeting, opt Options) (mail.Message, error) {
	return c.build(m, opt, "REQUEST")
}

// Cancel builds the cancellation of m: METHOD:CANCEL, STATUS:CANCELLED.
// Its Sequence must be higher than that of the last invitation sent.
// Errors as for Request.
func (c *Composer) Cancel(m Meeting, opt Options) (mail.Message, error) {
	return c.build(m, opt, "CANCEL")
}

func (c *Composer) build(m Meeting, opt Options, method string) (mail.Message, error) {
	to, err := validate(&m, opt)
	if err != nil {
		return mail.Message{}, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	ics, err := Calendar(m, method, now)
	if err != nil {
		return mail.Message{}, err
	}
	p := c.cat.Printer(opt.Lang, zone(&m))
	msg := mail.Message{
		From:    mail.Address{Name: m.Organizer.Name, Email: m.Organizer.Email},
		Subject: p.T(subjectKey(method, m.Sequence), m.Title),
		Text:    text(p, &m, method, opt.AnswerURL),
		Parts: []mail.Part{{ContentType: "text/calendar",
			Params: map[string]string{"method": method, "charset": "UTF-8"}, Body: ics}},
		Attachments: []mail.Attachment{{Filename: "invite.ics", ContentType: "application/ics", Body: ics}},
		Date:        now,
	}
	if m.SentBy != nil {
		msg.Sender = mail.Address{Name: m.SentBy.Name, Email: m.SentBy.Email}
	}
	for _, a := range to {
		msg.To = append(msg.To, mail.Address{Name: a.Name, Email: a.Email})
	}
	if err := msg.Validate(); err != nil {
		return mail.Message{}, err
	}
	return msg, nil
}

// Calendar writes m as one VCALENDAR with the given METHOD (REQUEST or
// CANCEL) and DTSTAMP now. Errors are apperr.Invalid.
func Calendar(m Meeting, method string, now time.Time) ([]byte, error) {
	status := icalexport.StatusConfirmed
	if method == "CANCEL" {
		status = icalexport.StatusCancelled
	}
	org := icalexport.Person{Name: m.Organizer.Name, Email: m.Organizer.Email}
	if m.SentBy != nil && !strings.EqualFold(m.SentBy.Email, m.Organizer.Email) {
		org.SentBy = m.SentBy.Email
	}
	it := icalexport.Item{
		UID: m.UID, Title: m.Title, Description: m.Description, Location: m.Location,
		Start: m.Start, End: m.End, Loc: m.Loc,
		Visibility: icalexport.VisibilityNormal, ReaderAttends: true, Status: status,
		Sequence: m.Sequence, Updated: m.Updated, Organizer: &org,
	}
	for _, a := range m.Attendees {
		it.Attendees = append(it.Attendees, icalexport.Person{Name: a.Name, Email: a.Email, PartStat: "NEEDS-ACTION", RSVP: true})
	}
	var buf bytes.Buffer
	if err := icalexport.Write(&buf, []icalexport.Item{it}, icalexport.Options{ProdID: ProdID, Method: method, Now: now}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func validate(m *Meeting, opt Options) ([]Person, error) {
	var f apperr.Fields
	if strings.TrimSpace(m.UID) == "" {
		f.Add("uid", "no UID")
	}
	if m.Sequence < 0 {
		f.Add("sequence", "negative sequence")
	}
	if m.Start.IsZero() || m.End.IsZero() {
		f.Add("start", "no start or end")
	} else if m.End.Before(m.Start) {
		f.Add("end", "ends before it starts")
	}
	if err := mail.CheckAddress(m.Organizer.Email); err != nil {
		f.Add("organizer", err.Error())
	}
	if m.SentBy != nil {
		if err := mail.CheckAddress(m.SentBy.Email); err != nil {
			f.Add("sent_by", err.Error())
		}
	}
	byEmail := map[string]Person{}
	for i, a := range m.Attendees {
		if err := mail.CheckAddress(a.Email); err != nil {
			f.Add(fmt.Sprintf("attendees[%d]", i), err.Error())
		}
		byEmail[strings.ToLower(a.Email)] = a
	}
	var to []Person
	if opt.To == nil {
		for _, a := range m.Attendees {
			if !strings.EqualFold(a.Email, m.Organizer.Email) {
				to = append(to, a)
			}
		}
	} else {
		for i, e := range opt.To {
			a, ok := byEmail[strings.ToLower(strings.TrimSpace(e))]
			if !ok {
				f.Add(fmt.Sprintf("to[%d]", i), fmt.Sprintf("%q is not an attendee of the meeting", e))
				continue
			}
			to = append(to, a)
		}
	}
	if len(to) == 0 {
		f.Add("to", "no attendee to send to")
	}
	return to, f.Err()
}

func zone(m *Meeting) *time.Location {
	if m.Loc != nil {
		return m.Loc
	}
	return m.Start.Location()
}

func subjectKey(method string, seq int) string {
	switch {
	case method == "CANCEL":
		return "imip.subject.cancel"
	case seq > 0:
		return "imip.subject.update"
	}
	return "imip.subject.request"
}

// text is the plain-text body.
func text(p *i18n.Printer, m *Meeting, method, answerURL string) string {
	lead := "imip.lead.request"
	if method == "CANCEL" {
		lead = "imip.lead.cancel"
	} else if m.Sequence > 0 {
		lead = "imip.lead.update"
	}
	var b strings.Builder
	b.WriteString(m.Title + "\n\n")
	b.WriteString(p.T(lead, name(m.Organizer)) + "\n")
	if m.SentBy != nil && !strings.EqualFold(m.SentBy.Email, m.Organizer.Email) {
		b.WriteString(p.T("imip.on_behalf", name(*m.SentBy), name(m.Organizer)) + "\n")
	}
	b.WriteString("\n" + p.T("imip.when", when(p, m.Start, m.End)) + "\n")
	if m.Location != "" {
		b.WriteString(p.T("imip.where", m.Location) + "\n")
	}
	if len(m.Attendees) > 0 {
		names := make([]string, len(m.Attendees))
		for i, a := range m.Attendees {
			names[i] = name(a)
		}
		b.WriteString(p.T("imip.attendees", strings.Join(names, ", ")) + "\n")
	}
	if m.Description != "" {
		b.WriteString("\n" + m.Description + "\n")
	}
	if method != "CANCEL" && answerURL != "" {
		b.WriteString("\n" + p.T("imip.answer", answerURL) + "\n")
	}
	if method != "CANCEL" {
		b.WriteString("\n" + p.T("imip.calendar") + "\n")
	}
	return b.String()
}

// when is "maandag 30 maart 2026, 10:00–11:00 (Europe/Amsterdam)"; a
// meeting over midnight shows both dates.
func when(p *i18n.Printer, start, end time.Time) string {
	s, e := start.In(p.Loc), end.In(p.Loc)
	out := p.Weekday(s) + " " + p.Date(s) + ", " + s.Format("15:04") + "–"
	sy, sm, sd := s.Date()
	if ey, em, ed := e.Date(); ey != sy || em != sm || ed != sd {
		out += p.Weekday(e) + " " + p.Date(e) + ", "
	}
	out += e.Format("15:04")
	if n := p.Loc.String(); n != "" && n != "Local" {
		out += " (" + n + ")"
	}
	return out
}

func name(p Person) string {
	if strings.TrimSpace(p.Name) != "" {
		return p.Name
	}
	return p.Email
}
