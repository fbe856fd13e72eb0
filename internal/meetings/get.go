package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
)

// Get returns meeting id with its attendees (with their answers and the
// state of the newest mail to each), agenda items and documents.
//
// Errors: NotFound when it does not exist or actor may not see it (see
// canSee: organizer, preparer, internal attendees, assistants of the
// organizer with agenda.see — and documents.see_confidential for a
// confidential meeting).
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (Meeting, error) {
	m, err := loadMeeting(ctx, s.DB.R, id)
	if err != nil {
		return Meeting{}, err
	}
	if !canSee(actor, m) {
		return Meeting{}, apperr.NotFoundf("meeting not found")
	}
	if err := s.mailStatuses(ctx, s.DB.R, &m); err != nil {
		return Meeting{}, err
	}
	return m, nil
}

// editable loads meeting id inside tx, locked, for a change by actor.
//
// Errors: NotFound when actor may not see it; Forbidden when they may see
// but not change it; Conflict when it is no longer open (held, minutes
// approved or cancelled) and open is required.
func (s *Service) editable(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id string, needOpen bool) (Meeting, error) {
	if err := lockMeeting(ctx, tx, s.DB.Dialect, id); err != nil {
		return Meeting{}, err
	}
	m, err := loadMeeting(ctx, tx, id)
	if err != nil {
		return Meeting{}, err
	}
	if !canSee(actor, m) {
		return Meeting{}, apperr.NotFoundf("meeting not found")
	}
	if !s.CanEdit(actor, m) {
		return Meeting{}, apperr.Forbiddenf("your mandate does not let you change this meeting")
	}
	if needOpen && !m.Open() {
		return Meeting{}, closedErr(m.Status)
	}
	return m, nil
}

// closedErr is the Conflict for a change to a meeting that is no longer
// open.
func closedErr(st string) error {
	switch st {
	case MinutesApproved:
		return apperr.Conflictf("this meeting's minutes are approved; it can no longer be changed")
	case Held:
		return apperr.Conflictf("this meeting was held; it can no longer be changed")
	}
	return apperr.Conflictf("this meeting is cancelled; it can no longer be changed")
}

// mailStatuses fills each attendee's Mail from the job of their newest
// message.
func (s *Service) mailStatuses(ctx context.Context, q db.Querier, m *Meeting) error {
	if s.Jobs == nil {
		return nil
	}
	for i := range m.Attendees {
		a := &m.Attendees[i]
		if a.mailKey == "" {
			continue
		}
		st, err := s.Jobs.Lookup(ctx, q, a.mailKey)
		if apperr.KindOf(err) == apperr.NotFound {
			// Pruned after success long ago.
			if a.Mail.SentAt != nil {
				a.Mail.State = MailSent
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("mail status: %w", err)
		}
		a.Mail.Attempts = st.Attempts
		switch st.State() {
		case "done":
			if a.Mail.SentAt != nil {
				a.Mail.State = MailSent
			} else {
				a.Mail.State = MailNone // not sent: the meeting was over or changed first
			}
		case "failed":
			a.Mail.State, a.Mail.Error = MailFailed, st.LastError
		case "retrying":
			t := st.RunAt
			a.Mail.State, a.Mail.Error, a.Mail.NextTry = MailRetrying, st.LastError, &t
		default:
			a.Mail.State = MailQueued
		}
	}
	return nil
}

// SetStatusTx sets meeting id's status inside the caller's transaction,
// without checking who asks: the caller (the minutes module, on approving
// minutes) has checked already. It does not touch the agenda or send mail.
//
// Errors: Invalid for an unknown status; NotFound when there is no such
// meeting.
func (s *Service) SetStatusTx(ctx context.Context, tx *sql.Tx, meetingID, status string) error {
	switch status {
	case Draft, Scheduled, Held, MinutesApproved, Cancelled:
	default:
		return apperr.Fields{"status": "choose draft, scheduled, held, minutes_approved or cancelled"}.Err()
	}
	res, err := tx.ExecContext(ctx, `UPDATE meetings SET status = $1, updated_at = $2 WHERE id = $3`, status, s.Clock.Now().UTC(), meetingID)
	if err != nil {
		return fmt.Errorf("set meeting status: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("meeting not found")
	}
	return nil
}

// NextInSeries returns the next meeting of meetingID's series: the first
// meeting with the same series_id that starts after it and is not
// cancelled. ok is false when there is none (or the meeting has no series).
// q may be the caller's transaction.
//
// Errors: NotFound when meetingID does not exist.
func (s *Service) NextInSeries(ctx context.Context, q db.Querier, meetingID string) (id string, ok bool, err error) {
	var series sql.NullString
	var start sql.NullTime
	err = q.QueryRowContext(ctx, `SELECT series_id, starts_at FROM meetings WHERE id = $1`, meetingID).Scan(&series, &start)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, apperr.NotFoundf("meeting not found")
	}
	if err != nil {
		return "", false, fmt.Errorf("load meeting: %w", err)
	}
	if !series.Valid || series.String == "" {
		return "", false, nil
	}
	err = q.QueryRowContext(ctx, `SELECT id FROM meetings
		WHERE series_id = $1 AND id <> $2 AND status <> 'cancelled'
		  AND (starts_at > $3 OR (starts_at = $3 AND id > $2))
		ORDER BY starts_at, id LIMIT 1`, series.String, meetingID, start.Time.UTC()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("next meeting: %w", err)
	}
	return id, true, nil
}
