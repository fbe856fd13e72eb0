package minutes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
)

// reminderFacts is everything a reminder needs, read in one query.
type reminderFacts struct {
	status, due, title             string
	ownerID, ownerName, ownerEmail string
	ownerLang                      string
	meetingID, meetingTitle        string
	meetingStart                   sql.NullTime
	fromName, fromEmail            string
	orgLang, orgZone               string
	sent                           bool
}

// reminderQuery reads an action item for its reminder: the item, its owner
// (colleague or outsider) and their language, the meeting, who the mail is
// from (the meeting's organizer, else whoever made the item), the
// organization's language and zone, and whether this reminder went out.
const reminderQuery = `SELECT a.status, a.due_on, a.title, COALESCE(a.owner_id, ''), COALESCE(op.name, a.owner_name),
	CASE WHEN a.owner_id IS NULL THEN a.owner_email ELSE COALESCE(op.email, '') END, COALESCE(op.language, ''),
	COALESCE(a.meeting_id, ''), COALESCE(mt.title, ''), mt.starts_at, COALESCE(sp.name, ''), COALESCE(sp.email, ''),
	COALESCE(o.language, ''), COALESCE(o.time_zone, ''),
	EXISTS (SELECT 1 FROM action_item_reminders r WHERE r.action_item_id = a.id AND r.remind_at = $2)
	FROM action_items a
	LEFT JOIN meetings mt ON mt.id = a.meeting_id
	LEFT JOIN people op ON op.id = a.owner_id
	LEFT JOIN people sp ON sp.id = COALESCE(mt.organizer_id, a.created_by, a.owner_id)
	LEFT JOIN organization o ON o.id = 1
	WHERE a.id = $1`

// recordTimeout bounds writing the record of a reminder that went out,
// which goes on after the job's context ended.
const recordTimeout = 30 * time.Second

const recordReminder = `INSERT INTO action_item_reminders (action_item_id, remind_at, stage, sent_to, sent_at) VALUES ($1, $2, $3, $4, $5)
	ON CONFLICT (action_item_id, remind_at) DO NOTHING`

// SendReminder mails the owner of action item id a reminder for stage
// ("before" or "overdue") planned at at for due date due. It sends nothing
// — and returns nil — when the item is gone, no longer open, has another
// due date by now, or this reminder was sent already; after sending it
// records the reminder in action_item_reminders — also when ctx ended
// during the send — so a job run twice (after a crash or a stop) finds it
// sent. The mail links to the meeting's minutes.
//
// Errors: temporary mail failures (retried by the job), permanent ones
// wrapped in jobs.Permanent; database errors.
func (s *Service) SendReminder(ctx context.Context, id, due, stage string, at time.Time) error {
	at = at.UTC()
	var r reminderFacts
	load, err := s.prepared(ctx, s.DB.R, reminderQuery)
	if err != nil {
		return fmt.Errorf("load action item %s: %w", id, err)
	}
	err = load.QueryRowContext(ctx, id, at).Scan(&r.status, &r.due, &r.title, &r.ownerID, &r.ownerName, &r.ownerEmail, &r.ownerLang,
		&r.meetingID, &r.meetingTitle, &r.meetingStart, &r.fromName, &r.fromEmail, &r.orgLang, &r.orgZone, &r.sent)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load action item %s: %w", id, err)
	}
	if r.status != Open || r.due != due || r.sent {
		return nil
	}
	if r.ownerEmail == "" {
		return jobs.Permanent(errNoAddress)
	}
	msg := s.reminderMail(r, stage)
	msg.MessageID = messageID("reminder", id, due, stage, at.Format(time.RFC3339))
	if err := sendErr(s.Mail.Send(ctx, msg)); err != nil {
		return err
	}
	// The relay has it: record that even when ctx ended meanwhile (the app
	// stopping, the lease running out), or the job run again would mail
	// the owner a second time.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err := s.recordReminder(rctx, id, at, stage, r.ownerEmail); err != nil {
		return fmt.Errorf("record reminder: %w", err)
	}
	return nil
}

// recordReminder notes that the reminder of item id at at went out, with a
// normal (durable) commit on both engines: this row is what keeps a job run
// again — after a crash, or on another instance once the lease ended — from
// mailing the owner a second time, so it must survive a database crash as
// well as the job's own state does. (An asynchronous commit was tried for
// speed; it widened the window for a repeated reminder from one statement
// to the database's WAL flush delay and was taken out.)
func (s *Service) recordReminder(ctx context.Context, id string, at time.Time, stage, to string) error {
	rec, err := s.prepared(ctx, s.DB.W, recordReminder)
	if err != nil {
		return err
	}
	_, err = rec.ExecContext(ctx, id, at, stage, to, s.now())
	return err
}

// reminderMail writes the reminder in its owner's language (the
// organization's for outsiders), from the meeting's organizer.
func (s *Service) reminderMail(r reminderFacts, stage string) mail.Message {
	lang, loc := s.langZone(r.orgLang, r.orgZone)
	if i18n.Supported(r.ownerLang) != "" {
		lang = r.ownerLang
	}
	p := s.Texts.Printer(lang, loc)
	if r.fromEmail == "" {
		r.fromName, r.fromEmail = r.ownerName, r.ownerEmail
	}
	subject := p.T("minutes.reminder.subject.before", r.title)
	lead := p.T("minutes.reminder.before", r.title, dueText(p, r.due))
	if stage == StageOverdue {
		subject = p.T("minutes.reminder.subject.overdue", r.title)
		lead = p.T("minutes.reminder.overdue", r.title, dueText(p, r.due))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n\n", p.T("minutes.mail.greeting", r.ownerName), lead)
	if r.meetingID != "" && r.meetingStart.Valid {
		fmt.Fprintf(&b, "%s\n%s\n\n", p.T("minutes.reminder.from_meeting", r.meetingTitle, p.Date(r.meetingStart.Time)), s.MinutesURL(r.meetingID))
	}
	if r.ownerID != "" {
		fmt.Fprintf(&b, "%s\n%s\n", p.T("minutes.reminder.close"), s.BaseURL+"/actions")
	}
	return mail.Message{
		From:    mail.Address{Name: r.fromName, Email: r.fromEmail},
		To:      []mail.Address{{Name: r.ownerName, Email: r.ownerEmail}},
		Subject: subject,
		Text:    b.String(),
	}
}
