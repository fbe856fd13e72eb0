package rooms

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
)

// runReleaseMail tells the organizer (the person booked for, else the
// booker) that their booking was released because nobody checked in. A
// booking that is no longer released gets no mail.
func (s *Service) runReleaseMail(ctx context.Context, t jobs.Task) error {
	return s.mailOrganizer(ctx, t, func(b Booking) string {
		if b.Status == Released {
			return "rooms.mail.released"
		}
		return ""
	})
}

// runDecisionMail tells the organizer, and the assistant who booked for
// them, that the Office Manager approved or rejected a pending booking; a
// booking that changed again since (cancelled) gets no mail.
func (s *Service) runDecisionMail(ctx context.Context, t jobs.Task) error {
	return s.mailOrganizer(ctx, t, func(b Booking) string {
		switch b.Status {
		case Confirmed:
			return "rooms.mail.approved"
		case Rejected:
			return "rooms.mail.rejected"
		}
		return ""
	})
}

// mailOrganizer sends the mail that text chooses for the task's booking
// (catalog keys text+".subject" and text+".body"; "" sends nothing) to the
// organizer, in their language, with a copy to the booker when they booked
// for someone else. People without an address get nothing. Relay failures
// are retried with the jobs' backoff; an invalid address or a refusal
// fails the job at once.
func (s *Service) mailOrganizer(ctx context.Context, t jobs.Task, text func(Booking) string) error {
	var p releasePayload
	if err := t.Decode(&p); err != nil {
		return jobs.Permanent(err)
	}
	b, err := bookingTx(ctx, s.DB.R, p.BookingID)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	key := text(b)
	if key == "" || b.Organizer() == "" || s.Mail == nil {
		return nil
	}
	name, email, lang, err := organizer(ctx, s.DB.R, b.Organizer())
	if err != nil || email == "" {
		return err
	}
	m := mail.Message{From: mail.Address{Name: "spil", Email: s.fromAddress()}, To: []mail.Address{{Name: name, Email: email}}}
	if b.BookedBy != "" && b.BookedBy != b.Organizer() {
		n, e, _, err := organizer(ctx, s.DB.R, b.BookedBy)
		if err != nil {
			return err
		}
		if e != "" {
			m.Cc = []mail.Address{{Name: n, Email: e}}
		}
	}
	if lang == "" {
		_ = s.DB.R.QueryRowContext(ctx, `SELECT language FROM organization WHERE id = 1`).Scan(&lang)
	}
	m.Subject, m.Text = bookingText(s.Texts, lang, key, b, s.Zone(ctx), s.link("/rooms/"+b.RoomID))
	err = s.Mail.Send(ctx, m)
	if apperr.KindOf(err) == apperr.Invalid {
		return jobs.Permanent(err)
	}
	var se *mail.SendError
	if errors.As(err, &se) && !se.Temporary {
		return jobs.Permanent(err)
	}
	return err
}

// bookingText words mail key about b in lang, times in loc: the subject
// gets the room and the time, the body the title, room, time, the
// Office Manager's reason and link.
func bookingText(c *i18n.Catalog, lang, key string, b Booking, loc *time.Location, link string) (subject, body string) {
	title := b.Title
	if title == "" {
		title = b.RoomName
	}
	if c == nil {
		c, _ = i18n.Load()
	}
	p := c.Printer(lang, loc)
	when := p.DateTime(b.Start)
	subject = p.T(key+".subject", b.RoomName, when)
	body = p.T(key+".body", title, b.RoomName, when, link)
	if b.Reason != "" && key == "rooms.mail.rejected" {
		body += "\n" + p.T("rooms.mail.reason", b.Reason) + "\n"
	}
	return subject, body
}

// link makes an absolute link to path on spil.
func (s *Service) link(path string) string {
	return strings.TrimRight(s.BaseURL, "/") + path
}

// fromAddress is the address spil's own mail comes from: noreply at the
// host of BaseURL, or at spil.invalid when that host is not a domain name.
func (s *Service) fromAddress() string {
	if u, err := url.Parse(s.BaseURL); err == nil {
		h := u.Hostname()
		if strings.Contains(h, ".") && mail.CheckAddress("noreply@"+h) == nil {
			return "noreply@" + h
		}
	}
	return "noreply@spil.invalid"
}
