package imip

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"

	"spil/internal/apperr"
	"spil/internal/ical"
)

// Answers an attendee can give (PARTSTAT of a REPLY).
const (
	Accepted  = "ACCEPTED"
	Declined  = "DECLINED"
	Tentative = "TENTATIVE"
)

// MaxReplySize is the largest reply mail ParseReply reads.
const MaxReplySize = 4 << 20

// Reply is an attendee's answer to an invitation.
type Reply struct {
	UID      string // the meeting's UID
	Sequence int    // the invitation revision the answer is about
	// RecurrenceID is the occurrence answered, nil for the whole meeting.
	RecurrenceID *time.Time
	Attendee     string // the answering attendee's e-mail address
	Name         string // their CN, may be empty
	PartStat     string // Accepted, Declined or Tentative
	From         string // the mail's From address, "" when unreadable
}

// ParseReply reads an incoming iMIP reply mail (RFC 6047): it finds the
// calendar in the first text/calendar part (or, failing that, an
// application/ics or .ics attachment), requires METHOD:REPLY and one
// VEVENT with a UID, and takes the attendee with a PARTSTAT — when the
// reply lists several, the one whose address is the mail's From.
//
// Every problem is an apperr.Invalid error saying what is missing: not a
// mail, no calendar, another METHOD, no event, no or several answering
// attendees, an answer other than accepted, declined or tentative.
// Calendar apps include DTSTART in replies; an event without it cannot be
// read. Mails larger than MaxReplySize are refused.
func ParseReply(r io.Reader) (Reply, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxReplySize+1))
	if err != nil {
		return Reply{}, fmt.Errorf("imip: read reply: %w", err)
	}
	if len(data) > MaxReplySize {
		return Reply{}, invalid("the mail is larger than %d MB", MaxReplySize>>20)
	}
	e, err := message.Read(bytes.NewReader(data))
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return Reply{}, invalid("not a readable mail: %v", err)
	}
	var out Reply
	if from, err := (&gomail.Header{Header: e.Header}).AddressList("From"); err == nil && len(from) > 0 {
		out.From = from[0].Address
	}
	ics, err := findCalendar(e)
	if err != nil {
		return Reply{}, err
	}
	cal, err := ical.Parse(bytes.NewReader(ics))
	if err != nil {
		return Reply{}, invalid("the calendar cannot be read: %v", err)
	}
	if cal.Method != "REPLY" {
		m := cal.Method
		if m == "" {
			m = "none"
		}
		return Reply{}, invalid("the calendar is no answer: METHOD is %s, not REPLY", clip(m, 20))
	}
	if len(cal.Events) == 0 {
		if len(cal.Skipped) > 0 {
			return Reply{}, invalid("the answered event cannot be read: %s", cal.Skipped[0].Reason)
		}
		return Reply{}, invalid("the calendar has no event")
	}
	ev := cal.Events[0]
	if strings.TrimSpace(ev.UID) == "" {
		return Reply{}, invalid("the answered event has no UID")
	}
	out.UID, out.Sequence = ev.UID, ev.Sequence
	if ev.RecurrenceID != nil {
		t := ev.RecurrenceID.Time
		out.RecurrenceID = &t
	}
	var answering []ical.Person
	for _, a := range ev.Attendees {
		if a.PartStat != "" && a.PartStat != "NEEDS-ACTION" {
			answering = append(answering, a)
		}
	}
	var who ical.Person
	switch {
	case len(answering) == 1:
		who = answering[0]
	case len(answering) == 0:
		if len(ev.Attendees) == 0 {
			return Reply{}, invalid("the answer names no attendee")
		}
		return Reply{}, invalid("the attendee gave no answer (no PARTSTAT)")
	default:
		found := false
		for _, a := range answering {
			if out.From != "" && strings.EqualFold(a.Email, out.From) {
				who, found = a, true
				break
			}
		}
		if !found {
			return Reply{}, invalid("the answer names %d attendees and none is the sender", len(answering))
		}
	}
	switch who.PartStat {
	case Accepted, Declined, Tentative:
	default:
		return Reply{}, invalid("answer %q is not accepted, declined or tentative", clip(who.PartStat, 20))
	}
	if strings.TrimSpace(who.Email) == "" {
		return Reply{}, invalid("the answering attendee has no address")
	}
	out.Attendee, out.Name, out.PartStat = who.Email, who.Name, who.PartStat
	return out, nil
}

// findCalendar returns the body of the first text/calendar part, else of
// the first application/ics part or .ics attachment.
func findCalendar(e *message.Entity) ([]byte, error) {
	var primary, fallback []byte
	err := e.Walk(func(_ []int, p *message.Entity, err error) error {
		if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			return err
		}
		if primary != nil {
			return nil
		}
		mt, _, _ := p.Header.ContentType()
		_, dp, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		isICS := strings.HasSuffix(strings.ToLower(dp["filename"]), ".ics")
		switch {
		case mt == "text/calendar":
			b, err := io.ReadAll(p.Body)
			if err != nil {
				return err
			}
			primary = b
		case fallback == nil && (mt == "application/ics" || isICS && !strings.HasPrefix(mt, "multipart/")):
			b, err := io.ReadAll(p.Body)
			if err != nil {
				return err
			}
			fallback = b
		}
		return nil
	})
	if err != nil {
		return nil, invalid("the mail cannot be read: %v", err)
	}
	if primary != nil {
		return primary, nil
	}
	if fallback != nil {
		return fallback, nil
	}
	return nil, invalid("the mail has no calendar part (text/calendar)")
}

func invalid(format string, args ...any) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: "not a calendar answer: " + fmt.Sprintf(format, args...)}
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
