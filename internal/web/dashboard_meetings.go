package web

import (
	"context"

	"spil/internal/authz"
	"spil/internal/meetings"
)

// MeetingsCard is the preparation checklist on the dashboard: every open
// meeting in the next two weeks that the actor organizes or prepares, or
// that one of their principals organizes, with what is done and what not.
type MeetingsCard struct {
	Show   bool // the actor prepares meetings (an assistant) or has some coming
	Checks []MeetingCheck
}

// MeetingCheck is one meeting of the checklist.
type MeetingCheck struct {
	meetings.Check
	When string
	Href string
}

// meetingsCard builds the checklist for a; assistants always see the card,
// others only when they have meetings coming.
func (s *Server) meetingsCard(ctx context.Context, a *authz.Actor, p *Page) (MeetingsCard, error) {
	if s.Meetings == nil {
		return MeetingsCard{}, nil
	}
	checks, err := s.Meetings.Checklist(ctx, a)
	if err != nil {
		return MeetingsCard{}, err
	}
	c := MeetingsCard{Show: a.HasRole(authz.RoleManagementAssistant) || len(checks) > 0}
	for _, ch := range checks {
		c.Checks = append(c.Checks, MeetingCheck{Check: ch, When: meetingWhen(p.P, ch.Start, ch.End), Href: meetingURL(ch.ID, "")})
	}
	return c, nil
}
