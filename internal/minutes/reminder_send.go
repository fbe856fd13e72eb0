package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"spil/internal/jobs"
	"spil/internal/mail"
)

// SendReminder mails the owner of action item id a reminder for stage
// ("before" or "overdue") planned at at for due date due. It sends nothing
// — and returns nil — when the item is gone, no longer open, has another
// due date by now, or this reminder was sent already; after sending it
// records the reminder in action_item_reminders, so a job run twice (after
// a crash) finds it sent. The mail links to the meeting's minutes.
//
// Errors: temporary mail failures (retried by the job), permanent ones
// wrapped in jobs.Permanent; database errors.
func (s *Service) SendReminder(ctx context.Context, id, due, stage string, at time.Time) error {
	q := s.DB.R
	today := s.today(ctx)
	a, err := getAction(ctx, q, today, id)
	if err != nil {
		if isNotFound(err) {
			return nil
		}
		return err
	}
	if a.Status != Open || a.DueOn != due {
		return nil
	}
	var sent int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM action_item_reminders WHERE action_item_id = $1 AND remind_at = $2`, id, at.UTC()).Scan(&sent); err != nil {
		return fmt.Errorf("reminder sent before: %w", err)
	}
	if sent > 0 {
		return nil
	}
	if a.OwnerEmail == "" {
		return jobs.Permanent(errNoAddress)
	}
	msg, err := s.reminderMail(ctx, q, a, stage, today)
	if err != nil {
		return err
	}
	msg.MessageID = messageID("reminder", id, due, stage, at.UTC().Format(time.RFC3339))
	if err := sendErr(s.Mail.Send(ctx, msg)); err != nil {
		return err
	}
	_, err = s.DB.W.ExecContext(ctx, `INSERT INTO action_item_reminders (action_item_id, remind_at, stage, sent_to, sent_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (action_item_id, remind_at) DO NOTHING`, id, at.UTC(), stage, a.OwnerEmail, s.now())
	if err != nil {
		return fmt.Errorf("record reminder: %w", err)
	}
	return nil
}

// reminderMail writes the reminder for a in its owner's language, from the
// meeting's organizer (or whoever made the item).
func (s *Service) reminderMail(ctx context.Context, q *sql.DB, a ActionItem, stage, today string) (mail.Message, error) {
	p := s.printerFor(ctx, q, a.OwnerID)
	var fromName, fromEmail string
	err := q.QueryRowContext(ctx, `SELECT p.name, p.email FROM action_items a
		LEFT JOIN meetings mt ON mt.id = a.meeting_id
		JOIN people p ON p.id = COALESCE(mt.organizer_id, a.created_by, a.owner_id)
		WHERE a.id = $1`, a.ID).Scan(&fromName, &fromEmail)
	if err == sql.ErrNoRows {
		fromName, fromEmail = a.OwnerName, a.OwnerEmail
	} else if err != nil {
		return mail.Message{}, fmt.Errorf("reminder sender: %w", err)
	}
	subject := p.T("minutes.reminder.subject.before", a.Title)
	lead := p.T("minutes.reminder.before", a.Title, dueText(p, a.DueOn))
	if stage == StageOverdue {
		subject = p.T("minutes.reminder.subject.overdue", a.Title)
		lead = p.T("minutes.reminder.overdue", a.Title, dueText(p, a.DueOn))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n\n", p.T("minutes.mail.greeting", a.OwnerName), lead)
	if a.MeetingID != "" && a.MeetingStart != nil {
		fmt.Fprintf(&b, "%s\n%s\n\n", p.T("minutes.reminder.from_meeting", a.MeetingTitle, p.Date(*a.MeetingStart)), s.MinutesURL(a.MeetingID))
	}
	if a.OwnerID != "" {
		fmt.Fprintf(&b, "%s\n%s\n", p.T("minutes.reminder.close"), s.BaseURL+"/actions")
	}
	return mail.Message{
		From:    mail.Address{Name: fromName, Email: fromEmail},
		To:      []mail.Address{{Name: a.OwnerName, Email: a.OwnerEmail}},
		Subject: subject,
		Text:    b.String(),
	}, nil
}
