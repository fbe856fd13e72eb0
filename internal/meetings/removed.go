package meetings

import (
	"context"
	"database/sql"
	"errors"

	"spil/internal/authz"
	"spil/internal/jobs"
)

// removedInvitees returns the attendees of cur that are not in keep and
// received an invitation (the relay took it): they are to be told the
// meeting is off for them. One whose invitation was still queued gets
// nothing — it will not be sent now.
func removedInvitees(cur Meeting, keep []Attendee) []Attendee {
	stays := map[string]bool{}
	for _, a := range keep {
		stays[a.ID] = true
	}
	var out []Attendee
	for _, a := range cur.Attendees {
		if !stays[a.ID] && a.Email != "" && a.Mail.SentAt != nil {
			out = append(out, a)
		}
	}
	return out
}

// enqueueRemoved adds, inside tx, a cancellation (METHOD:CANCEL) of m at its
// current sequence for each attendee taken off the meeting, addressed to
// them alone. Their rows are gone, so the job carries name and address.
func (s *Service) enqueueRemoved(ctx context.Context, tx *sql.Tx, actor *authz.Actor, m Meeting, removed []Attendee) error {
	if len(removed) == 0 {
		return nil
	}
	if s.Jobs == nil {
		return errors.New("meetings: no job queue")
	}
	sender := ""
	if actor.PersonID != "" && actor.PersonID != m.OrganizerID {
		sender = actor.PersonID
	}
	for _, a := range removed {
		p := invitationPayload{Meeting: m.ID, Attendee: a.ID, Sequence: m.Sequence, Method: MethodCancel, SenderID: sender,
			RemovedName: a.Name, RemovedEmail: a.Email}
		if _, _, err := s.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindInvitation, Payload: p, UniqueKey: mailKey(m, a, MethodCancel)}); err != nil {
			return err
		}
	}
	return nil
}
