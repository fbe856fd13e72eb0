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
// booking that is no longer released (or has no organizer with an address)
// gets no mail. Relay failures are retried with the jobs' backoff; an
// invalid address fails the job at once.
func (s *Service) runReleaseMail(ctx context.Context, t jobs.Task) error {
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
	if b.Status != Released || b.Organizer() == "" || s.Mail == nil {
		return nil
	}
	name, email, lang, err := organizer(ctx, s.DB.R, b.Organizer())
	if err != nil {
		return err
	}
	if email == "" {
		return nil
	}
	if lang == "" {
		_ = s.DB.R.QueryRowContext(ctx, `SELECT language FROM organization WHERE id = 1`).Scan(&lang)
	}
	loc := s.Zone(ctx)
	subject, body := releaseText(s.Texts, lang, b, loc, s.link("/rooms/"+b.RoomID))
	err = s.Mail.Send(ctx, mail.Message{
		From:    mail.Address{Name: "spil", Email: s.fromAddress()},
		To:      []mail.Address{{Name: name, Email: email}},
		Subject: subject,
		Text:    body,
	})
	if apperr.KindOf(err) == apperr.Invalid {
		return jobs.Permanent(err)
	}
	var se *mail.SendError
	if errors.As(err, &se) && !se.Temporary {
		return jobs.Permanent(err)
	}
	return err
}

// releaseText words the release mail in lang, times in loc.
func releaseText(c *i18n.Catalog, lang string, b Booking, loc *time.Location, link string) (subject, body string) {
	title := b.Title
	if title == "" {
		title = b.RoomName
	}
	if c == nil {
		c, _ = i18n.Load()
	}
	p := c.Printer(lang, loc)
	when := p.DateTime(b.Start)
	subject = p.T("rooms.mail.released.subject", b.RoomName, when)
	body = p.T("rooms.mail.released.body", title, b.RoomName, when, link)
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
