package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/imip"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/secret"
)

// Methods of calendar mail.
const (
	MethodRequest = "REQUEST"
	MethodCancel  = "CANCEL"
)

// KindInvitation is the job kind that sends one invitation or cancellation
// to one attendee.
const KindInvitation = "meetings.invitation"

// invitationPayload is the job's payload. Token is the secret of the
// answer link in this message; only its hash is kept on the attendee.
type invitationPayload struct {
	Meeting  string `json:"meeting"`
	Attendee string `json:"attendee"`
	Sequence int    `json:"sequence"`
	Method   string `json:"method"`
	SenderID string `json:"sender,omitempty"`
	Token    string `json:"token,omitempty"`
	// RemovedName and RemovedEmail address the cancellation to an attendee
	// taken off the meeting, whose row is gone.
	RemovedName  string `json:"removed_name,omitempty"`
	RemovedEmail string `json:"removed_email,omitempty"`
}

// mailKey is the unique key of the message to attendee a at m's sequence:
// sending again without a change adds nothing.
func mailKey(m Meeting, a Attendee, method string) string {
	return fmt.Sprintf("meeting/%s/attendee/%s/%s/%d", m.ID, a.ID, strings.ToLower(method), m.Sequence)
}

// SendInvitations sends the meeting's invitation (METHOD:REQUEST) to every
// attendee who has not received the current revision, as background jobs:
// one job per attendee, retried with backoff when the relay fails, shown per
// attendee on the meeting (queued, sent, failed with the reason). A draft
// meeting is scheduled first (put in the organizer's agenda). Sent by an
// assistant, the mail comes From the organizer with the assistant as
// Sender. It returns how many messages were queued (0 when every attendee
// already has the current invitation; a failed one is tried again).
//
// Errors: NotFound, Forbidden as CanEdit; Forbidden when the actor acts for
// the organizer without mail.send_on_behalf; Invalid when the meeting has no
// attendees; Conflict when it is no longer open.
func (s *Service) SendInvitations(ctx context.Context, actor *authz.Actor, id string) (int, error) {
	m, err := s.Get(ctx, actor, id)
	if err != nil {
		return 0, err
	}
	if !s.CanEdit(actor, m) {
		return 0, apperr.Forbiddenf("your mandate does not let you change this meeting")
	}
	if !s.CanSend(actor, m) {
		return 0, sendDenied(m)
	}
	if !m.Open() {
		return 0, closedErr(m.Status)
	}
	if len(m.Attendees) == 0 {
		return 0, apperr.Fields{"attendees": "add attendees before sending invitations"}.Err()
	}
	if m.Status == Draft {
		if _, err := s.Schedule(ctx, actor, id); err != nil {
			return 0, err
		}
	}
	var n int
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if n, err = s.enqueue(ctx, tx, actor, m, MethodRequest, m.Attendees); err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET invited_sequence = $1, invited_at = $2, updated_at = $2 WHERE id = $3`, m.Sequence, now, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "invite", m, map[string]any{"sequence": m.Sequence, "queued": n})
	})
	return n, err
}

// enqueue adds, inside tx, one job per attendee for m's current sequence
// and method, each with a fresh answer link. An attendee whose message for
// this sequence exists already is skipped, or retried when it failed.
func (s *Service) enqueue(ctx context.Context, tx *sql.Tx, actor *authz.Actor, m Meeting, method string, to []Attendee) (int, error) {
	if s.Jobs == nil {
		return 0, errors.New("meetings: no job queue")
	}
	sender := ""
	if actor.PersonID != "" && actor.PersonID != m.OrganizerID {
		sender = actor.PersonID
	}
	n := 0
	for _, a := range to {
		if a.Email == "" {
			continue
		}
		key := mailKey(m, a, method)
		if st, err := s.Jobs.Lookup(ctx, tx, key); err == nil {
			if st.State() == "failed" {
				if err := s.Jobs.Retry(ctx, tx, key); err != nil {
					return n, err
				}
				n++
			}
			continue
		}
		p := invitationPayload{Meeting: m.ID, Attendee: a.ID, Sequence: m.Sequence, Method: method, SenderID: sender}
		var hash any
		if method == MethodRequest {
			p.Token = secret.New()
			hash = secret.Hash(p.Token)
		}
		if _, _, err := s.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindInvitation, Payload: p, UniqueKey: key}); err != nil {
			return n, err
		}
		q := `UPDATE meeting_attendees SET mail_key = $1 WHERE id = $2`
		args := []any{key, a.ID}
		if hash != nil {
			q = `UPDATE meeting_attendees SET mail_key = $1, answer_token_hash = $3 WHERE id = $2`
			args = append(args, hash)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return n, fmt.Errorf("record invitation: %w", err)
		}
		n++
	}
	return n, nil
}

// RegisterJobs registers the meetings module's background work on r: the
// invitation and cancellation mails.
func (s *Service) RegisterJobs(r *jobs.Runner) {
	r.Handle(KindInvitation, func(ctx context.Context, t jobs.Task) error {
		var p invitationPayload
		if err := t.Decode(&p); err != nil {
			return jobs.Permanent(err)
		}
		return s.deliver(ctx, p)
	})
}

// deliver sends one invitation or cancellation. A message superseded by a
// newer revision, or an invitation to a meeting cancelled meanwhile, is not
// sent. Relay failures that a retry can fix are returned for the job's
// backoff; others fail the job at once, with the reason shown on the
// meeting.
func (s *Service) deliver(ctx context.Context, p invitationPayload) error {
	m, err := loadMeeting(ctx, s.DB.R, p.Meeting)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil // deleted
	}
	if err != nil {
		return err
	}
	var to *Attendee
	if p.RemovedEmail != "" {
		// Taken off the meeting: told even after later changes, unless
		// invited again meanwhile.
		for _, a := range m.Attendees {
			if strings.EqualFold(a.Email, p.RemovedEmail) {
				return nil
			}
		}
		to = &Attendee{ID: p.Attendee, Name: p.RemovedName, Email: p.RemovedEmail}
	} else {
		if m.Sequence != p.Sequence {
			return nil // a newer message replaces this one
		}
		if p.Method == MethodRequest && (!m.Open() || !m.End.After(s.Clock.Now())) {
			return nil // cancelled, held or over meanwhile: an invitation is no use
		}
		for i := range m.Attendees {
			if m.Attendees[i].ID == p.Attendee {
				to = &m.Attendees[i]
			}
		}
		if to == nil {
			return nil // removed from the meeting
		}
	}
	msg, err := s.compose(ctx, m, *to, p)
	if err != nil {
		return jobs.Permanent(err)
	}
	sender := s.Mail
	if sender == nil {
		sender = mail.NoRelay{}
	}
	if err := sender.Send(ctx, msg); err != nil {
		if mail.IsTemporary(err) {
			return err
		}
		return jobs.Permanent(err)
	}
	_, err = s.DB.W.ExecContext(ctx, `UPDATE meeting_attendees SET mail_sent_at = $1, mail_sequence = $2 WHERE id = $3`,
		s.Clock.Now().UTC(), p.Sequence, to.ID)
	return err
}

// compose builds the calendar mail of p for attendee to.
func (s *Service) compose(ctx context.Context, m Meeting, to Attendee, p invitationPayload) (mail.Message, error) {
	loc, err := time.LoadLocation(m.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	im := imip.Meeting{
		UID: m.UID, Sequence: m.Sequence, Title: m.Title, Description: m.Description,
		Location: m.Place(), Start: m.Start, End: m.End, Loc: loc,
		Organizer: imip.Person{Name: m.OrganizerName, Email: m.OrganizerMail},
		Updated:   m.UpdatedAt,
	}
	if m.OnlineURL != "" && m.Place() != m.OnlineURL {
		im.Description = strings.TrimSpace(im.Description + "\n\n" + m.OnlineURL)
	}
	if p.SenderID != "" && p.SenderID != m.OrganizerID {
		var sb imip.Person
		if err := s.DB.R.QueryRowContext(ctx, `SELECT name, email FROM people WHERE id = $1`, p.SenderID).Scan(&sb.Name, &sb.Email); err == nil {
			im.SentBy = &sb
		}
	}
	for _, a := range m.Attendees {
		if a.Email != "" {
			im.Attendees = append(im.Attendees, imip.Person{Name: a.Name, Email: a.Email})
		}
	}
	if p.RemovedEmail != "" { // the cancellation for them alone
		im.Attendees = []imip.Person{{Name: to.Name, Email: to.Email}}
	}
	opt := imip.Options{Lang: s.language(ctx, to), To: []string{to.Email}, Now: s.Clock.Now()}
	if p.Token != "" && s.BaseURL != "" {
		opt.AnswerURL = strings.TrimRight(s.BaseURL, "/") + "/invitations/" + p.Token
	}
	c := imip.New(s.Texts)
	var msg mail.Message
	if p.Method == MethodCancel {
		msg, err = c.Cancel(im, opt)
	} else {
		msg, err = c.Request(im, opt)
	}
	if err != nil {
		return msg, err
	}
	domain := "spil.invalid"
	if i := strings.LastIndex(m.OrganizerMail, "@"); i >= 0 {
		domain = m.OrganizerMail[i+1:]
	}
	msg.MessageID = fmt.Sprintf("meeting.%s.%s.%s.%d@%s", m.ID, to.ID, strings.ToLower(p.Method), p.Sequence, domain)
	return msg, nil
}

// language is the attendee's language: a colleague's preference, else the
// organization's (Dutch).
func (s *Service) language(ctx context.Context, a Attendee) string {
	var lang string
	if a.PersonID != "" {
		_ = s.DB.R.QueryRowContext(ctx, `SELECT language FROM people WHERE id = $1`, a.PersonID).Scan(&lang)
	}
	if lang == "" {
		_ = s.DB.R.QueryRowContext(ctx, `SELECT language FROM organization WHERE id = 1`).Scan(&lang)
	}
	if lang != "en" {
		lang = "nl"
	}
	return lang
}
