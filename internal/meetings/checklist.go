package meetings

import (
	"context"

	"spil/internal/authz"
)

// ChecklistDays is how far ahead the preparation checklist looks.
const ChecklistDays = 14

// Check is one meeting on the preparation checklist, with what is done.
type Check struct {
	Summary
	// RoomBooked: a room is booked, or the meeting is online.
	RoomBooked bool `json:"room_booked"`
	Online     bool `json:"online"`
	// InvitationsSent: the invitations went out; Answered of Attendees
	// answered.
	InvitationsSent bool `json:"invitations_sent"`
	AllAnswered     bool `json:"all_answered"`
	// AgendaComplete: there are agenda items and they fit in the meeting.
	AgendaComplete bool `json:"agenda_complete"`
	OverPlanned    bool `json:"over_planned"`
	// DocumentsAttached: at least one document is attached.
	DocumentsAttached bool `json:"documents_attached"`
}

// Ready reports whether every point of the checklist is done.
func (c Check) Ready() bool {
	return c.RoomBooked && c.InvitationsSent && c.AllAnswered && c.AgendaComplete && c.DocumentsAttached
}

// Checklist returns the preparation checklist of actor: every open meeting
// in the next ChecklistDays days that actor organizes or prepares, or that a
// principal of actor (mandate with agenda.see) organizes, earliest first.
// Meetings actor may not see are never listed.
func (s *Service) Checklist(ctx context.Context, actor *authz.Actor) ([]Check, error) {
	now := s.Clock.Now()
	list, err := s.List(ctx, actor, Filter{From: now, To: now.AddDate(0, 0, ChecklistDays)})
	if err != nil {
		return nil, err
	}
	var out []Check
	for _, m := range list {
		mine := m.OrganizerID == actor.PersonID || m.PreparerID == actor.PersonID || actor.ActsFor(m.OrganizerID, authz.AgendaSee)
		if !mine || (m.Status != Draft && m.Status != Scheduled) || !m.Start.After(now) {
			continue
		}
		c := Check{Summary: m}
		c.Online = m.RoomID == "" && m.OnlineURL != ""
		c.RoomBooked = m.RoomID != "" || c.Online
		c.InvitationsSent = m.Invited || m.Attendees == 0
		c.AllAnswered = m.Answered == m.Attendees
		c.OverPlanned = m.Planned > m.Minutes()
		c.AgendaComplete = m.Items > 0 && !c.OverPlanned
		c.DocumentsAttached = m.Documents > 0
		out = append(out, c)
	}
	return out, nil
}
