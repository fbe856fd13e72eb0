package minutes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
)

// RegisterJobs gives the runner the module's background work: the minutes
// mail to each attendee and the action-item reminders.
func (s *Service) RegisterJobs(r *jobs.Runner) {
	r.Handle(SendKind, func(ctx context.Context, t jobs.Task) error {
		var p sendPayload
		if err := t.Decode(&p); err != nil {
			return jobs.Permanent(err)
		}
		return s.sendMinutes(ctx, p)
	})
	r.Handle(ReminderKind, func(ctx context.Context, t jobs.Task) error {
		var p reminderPayload
		if err := t.Decode(&p); err != nil {
			return jobs.Permanent(err)
		}
		return s.SendReminder(ctx, p.ActionItem, p.DueOn, p.Stage, p.At)
	})
}

// printerFor returns a printer in the language of personID (the
// organization's when unknown or for outsiders) in the organization's zone.
func (s *Service) printerFor(ctx context.Context, q db.Querier, personID string) *i18n.Printer {
	lang, loc := s.org(ctx, q)
	if personID != "" {
		var l string
		if err := q.QueryRowContext(ctx, `SELECT language FROM people WHERE id = $1`, personID).Scan(&l); err == nil && i18n.Supported(l) != "" {
			lang = l
		}
	}
	return s.Texts.Printer(lang, loc)
}

// dueText formats a YYYY-MM-DD due date in p's language.
func dueText(p *i18n.Printer, due string) string {
	d, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return due
	}
	pp := *p
	pp.Loc = time.UTC
	return pp.Date(d)
}

// sendMinutes mails approved minutes to one recipient with a link and the
// PDF in the recipient's language. Minutes no longer approved (cannot
// happen today) or a meeting that disappeared send nothing.
func (s *Service) sendMinutes(ctx context.Context, p sendPayload) error {
	sys := authz.System("spil")
	m, err := s.Meetings.Get(ctx, sys, p.Meeting)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	min, err := loadMinutes(ctx, s.DB.R, m.ID, s.today(ctx))
	if err != nil {
		return err
	}
	if min.Status != Approved {
		return nil
	}
	pr := s.printerFor(ctx, s.DB.R, p.PersonID)
	pdf, err := renderPDF(m, min, pr)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", pr.T("minutes.mail.greeting", p.Name))
	fmt.Fprintf(&b, "%s\n\n", pr.T("minutes.mail.lead", m.Title, pr.Date(m.Start), min.ApprovedByName))
	fmt.Fprintf(&b, "%s\n%s\n\n", pr.T("minutes.mail.link"), s.MinutesURL(m.ID))
	var open []ActionItem
	for _, a := range min.Actions {
		if a.Status == Open {
			open = append(open, a)
		}
	}
	if len(open) > 0 {
		fmt.Fprintf(&b, "%s\n", pr.T("minutes.mail.actions"))
		for _, a := range open {
			fmt.Fprintf(&b, "- %s (%s, %s)\n", a.Title, a.OwnerName, dueText(pr, a.DueOn))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s\n", pr.T("minutes.mail.attached"))
	from, sender, err := s.minutesFrom(ctx, m, min.ApprovedBy)
	if err != nil {
		return err
	}
	msg := mail.Message{
		From:        from,
		Sender:      sender,
		To:          []mail.Address{{Name: p.Name, Email: p.Email}},
		Subject:     pr.T("minutes.mail.subject", m.Title),
		Text:        b.String(),
		Attachments: []mail.Attachment{{Filename: pdfName(m, pr), ContentType: "application/pdf", Body: pdf}},
		MessageID:   messageID("minutes", m.ID, p.Email, fmt.Sprint(min.Version)),
	}
	return sendErr(s.Mail.Send(ctx, msg))
}

// minutesFrom decides whose mail the approved minutes are, by the rule of
// invitations (docs/mail.md): approved by the organizer, From the
// organizer; approved by an assistant whose mandate from the organizer
// holds mail.send_on_behalf, From the organizer with the assistant as
// Sender; otherwise From the assistant, who sends in their own name.
func (s *Service) minutesFrom(ctx context.Context, m meetings.Meeting, approverID string) (from, sender mail.Address, err error) {
	organizer := mail.Address{Name: m.OrganizerName, Email: m.OrganizerMail}
	if approverID == "" || approverID == m.OrganizerID {
		return organizer, mail.Address{}, nil
	}
	var name, email string
	var scopes sql.NullString
	err = s.DB.R.QueryRowContext(ctx, `SELECT p.name, p.email, md.scopes FROM people p
		LEFT JOIN mandates md ON md.assistant_id = p.id AND md.principal_id = $2
		WHERE p.id = $1`, approverID, m.OrganizerID).Scan(&name, &email, &scopes)
	if errors.Is(err, sql.ErrNoRows) {
		return organizer, mail.Address{}, nil
	}
	if err != nil {
		return from, sender, fmt.Errorf("minutes sender: %w", err)
	}
	approver := mail.Address{Name: name, Email: email}
	if authz.ParseScopes(scopes.String).Has(authz.MailSendOnBehalf) {
		return organizer, approver, nil
	}
	return approver, mail.Address{}, nil
}

// sendErr turns a mail failure into a job outcome: temporary failures are
// retried with backoff, permanent ones (a refused address, invalid input)
// fail the job at once, visible with their error.
func sendErr(err error) error {
	if err == nil {
		return nil
	}
	if mail.IsTemporary(err) {
		return err
	}
	return jobs.Permanent(err)
}

var errNoAddress = errors.New("the action item's owner has no e-mail address")
