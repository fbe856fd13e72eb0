package minutes

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/jobs"
	"spil/internal/meetings"
)

// SendKind is the jobs kind that mails approved minutes to one attendee.
const SendKind = "minutes.send"

// sendPayload is what a send job carries: the meeting and the recipient.
type sendPayload struct {
	Meeting  string `json:"meeting"`
	Version  int    `json:"version"`
	PersonID string `json:"person_id,omitempty"`
	Name     string `json:"name"`
	Email    string `json:"email"`
}

// Approve closes meeting id's minutes: they become read-only (status
// approved, a last version kept in the history), the meeting's status
// becomes minutes_approved, and every attendee (and the organizer) gets
// the minutes by mail with a link and a PDF — one background job per
// recipient, so a failing address is retried on its own and never lost.
// Approved minutes cannot be reopened; corrections go in the minutes of
// the next meeting (docs/meetings/minutes.md).
//
// Errors: NotFound when actor may not see the meeting; Forbidden unless
// actor is the organizer or an assistant acting for them with agenda.edit;
// Conflict when the meeting is a draft, cancelled or has not started yet,
// when nothing was recorded, or when the minutes are approved already.
func (s *Service) Approve(ctx context.Context, actor *authz.Actor, meetingID string) (Minutes, error) {
	m, err := s.meetingFor(ctx, actor, meetingID)
	if err != nil {
		return Minutes{}, err
	}
	if !canApprove(actor, m) {
		return Minutes{}, apperr.Forbiddenf("only the organizer, or an assistant with their mandate, may approve the minutes")
	}
	if err := writable(m); err != nil {
		return Minutes{}, err
	}
	if s.Clock.Now().Before(m.Start) {
		return Minutes{}, apperr.Conflictf("the meeting has not started yet; minutes are approved after it took place")
	}
	today := s.today(ctx)
	var out Minutes
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.lockMinutes(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if cur.Version == 0 {
			return apperr.Conflictf("nothing has been recorded yet; save the minutes before approving them")
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE minutes SET status = 'approved', approved_by = $1, approved_at = $2, version = version + 1, updated_by = $1, updated_at = $2
			WHERE meeting_id = $3`, nullStr(actor.PersonID), now, m.ID); err != nil {
			return fmt.Errorf("approve minutes: %w", err)
		}
		if err := s.Meetings.SetStatusTx(ctx, tx, m.ID, meetings.MinutesApproved); err != nil {
			return err
		}
		out, err = loadMinutes(ctx, tx, m.ID, today)
		if err != nil {
			return err
		}
		if err := keepVersion(ctx, tx, out, "approve", actor.PersonID, actor.Name, now); err != nil {
			return err
		}
		for _, r := range recipients(m) {
			r.Meeting, r.Version = m.ID, out.Version
			if _, _, err := s.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: SendKind, Payload: r, UniqueKey: sendKey(m.ID, r.Email)}); err != nil {
				return fmt.Errorf("plan minutes mail: %w", err)
			}
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "approve", ObjectType: "minutes", ObjectID: m.ID,
			OnBehalfOf: actor.OnBehalfOf(m.OrganizerID), Label: auditLabel(m, m.Title),
			Summary: fmt.Sprintf("Minutes of %q approved and sent to the attendees", auditLabel(m, m.Title))})
	})
	return out, err
}

// recipients are the meeting's attendees with an e-mail address and the
// organizer, each address once.
func recipients(m meetings.Meeting) []sendPayload {
	seen := map[string]bool{}
	var out []sendPayload
	add := func(personID, name, email string) {
		k := strings.ToLower(strings.TrimSpace(email))
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, sendPayload{PersonID: personID, Name: name, Email: strings.TrimSpace(email)})
	}
	add(m.OrganizerID, m.OrganizerName, m.OrganizerMail)
	for _, a := range m.Attendees {
		add(a.PersonID, a.Name, a.Email)
	}
	return out
}

// sendKey is the unique key of the minutes mail of meetingID to email.
func sendKey(meetingID, email string) string {
	return "minutes/" + meetingID + "/to/" + strings.ToLower(strings.TrimSpace(email))
}

// MailStatus returns where the minutes mail to email stands (jobs.Status),
// for showing "sent" or "failed: …" on the minutes page.
func (s *Service) MailStatus(ctx context.Context, meetingID, email string) (jobs.Status, error) {
	return s.Jobs.Lookup(ctx, s.DB.R, sendKey(meetingID, email))
}

// messageID is a stable Message-ID for a mail, so a repeat after a crash is
// recognised by mail programs.
func messageID(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:12]) + "@spil.minutes"
}
