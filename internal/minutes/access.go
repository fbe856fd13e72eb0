package minutes

import (
	"context"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/meetings"
)

// View is a meeting's minutes as one actor sees them, with what they may do.
type View struct {
	Meeting meetings.Meeting `json:"meeting"`
	Minutes Minutes          `json:"minutes"`
	// Carried are the open action items of earlier meetings of the same
	// series, shown on these minutes until they are closed.
	Carried []ActionItem `json:"carried_action_items"`
	// NextMeetingID is the next meeting of the series, "" when none.
	NextMeetingID string `json:"next_meeting_id,omitempty"`
	CanWrite      bool   `json:"can_write"`
	CanApprove    bool   `json:"can_approve"`
}

// canApprove reports whether actor may approve m's minutes: the organizer,
// or an assistant acting for the organizer with agenda.edit (and
// documents.see_confidential for a confidential meeting). The preparer
// without such a mandate may write, not approve.
func canApprove(actor *authz.Actor, m meetings.Meeting) bool {
	if actor == nil || actor.PersonID == "" {
		return false
	}
	if m.OrganizerID == actor.PersonID {
		return true
	}
	if !actor.ActsFor(m.OrganizerID, authz.AgendaEdit) {
		return false
	}
	return !m.Confidential || actor.ActsFor(m.OrganizerID, authz.DocumentsConfidential)
}

// writable reports whether minutes can be written for m at all: once it is
// scheduled (notes can be taken during the meeting), not when it is a draft
// or cancelled.
func writable(m meetings.Meeting) error {
	switch m.Status {
	case meetings.Draft:
		return apperr.Conflictf("minutes can be written once the meeting is scheduled")
	case meetings.Cancelled:
		return apperr.Conflictf("a cancelled meeting has no minutes")
	}
	return nil
}

// meetingFor loads meeting id for actor through the meetings module.
// Errors: NotFound when actor may not see it.
func (s *Service) meetingFor(ctx context.Context, actor *authz.Actor, id string) (meetings.Meeting, error) {
	return s.Meetings.Get(ctx, actor, id)
}

// agendaItemIDs returns the set of m's agenda item IDs.
func agendaItemIDs(m meetings.Meeting) map[string]bool {
	ids := map[string]bool{}
	for _, it := range m.Items {
		ids[it.ID] = true
	}
	return ids
}
