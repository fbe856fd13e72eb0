package minutes

import (
	"context"
	"strings"

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

// confidentialSQL is the condition on the meeting alias mt (LEFT JOINed, so
// NULL for an item without a meeting) that keeps action items of
// confidential meetings for those who may see such a meeting — the
// meetings module's rule (meetings.canSee): its organizer and internal
// attendees, assistants acting for its organizer with agenda.see and
// documents.see_confidential, and its preparer while their mandate from
// the organizer holds agenda.see or agenda.edit and
// documents.see_confidential. A mandate from an item's owner does not open
// a meeting somebody else made confidential. arg adds a query argument and
// returns its placeholder. The system actor sees everything.
func confidentialSQL(actor *authz.Actor, arg func(any) string) string {
	if actor.IsSystem() {
		return "TRUE"
	}
	me := arg(actor.PersonID)
	cond := "(mt.id IS NULL OR NOT mt.confidential OR mt.organizer_id = " + me +
		" OR EXISTS (SELECT 1 FROM meeting_attendees ma WHERE ma.meeting_id = mt.id AND ma.person_id = " + me + ")"
	var see, prep []string
	for _, m := range actor.Principals() {
		if !m.Scopes.Has(authz.DocumentsConfidential) {
			continue
		}
		if m.Scopes.Has(authz.AgendaSee) {
			see = append(see, arg(m.PrincipalID))
		} else if m.Scopes.Has(authz.AgendaEdit) {
			prep = append(prep, arg(m.PrincipalID))
		}
	}
	if len(see) > 0 {
		cond += " OR mt.organizer_id IN (" + strings.Join(see, ", ") + ")"
	}
	if len(prep) > 0 {
		cond += " OR (mt.preparer_id = " + me + " AND mt.organizer_id IN (" + strings.Join(prep, ", ") + "))"
	}
	return cond + ")"
}

// mayRead reports whether actor may read action item a, given m, a's
// meeting as the actor sees it (zero when they may not see it): its owner
// always; others only when a's meeting is not confidential or they see it.
// Who may list whose items is decided by ListActions; this is the check
// for one item reached by its ID.
func mayRead(actor *authz.Actor, m meetings.Meeting, a ActionItem) bool {
	if a.OwnerID != "" && a.OwnerID == actor.PersonID {
		return true
	}
	return !a.Confidential || a.MeetingID == "" || (m.ID != "" && m.ID == a.MeetingID)
}
