package minutes

import (
	"context"
	"fmt"

	"spil/internal/authz"
)

// Get returns meeting id's minutes as actor sees them, with the open action
// items carried from earlier meetings of its series (those of a
// confidential earlier meeting only when actor may see it) and the next
// meeting.
//
// Errors: NotFound when the meeting does not exist or actor may not see it
// (the meetings module decides: organizer, preparer, internal attendees,
// assistants of the organizer with agenda.see).
func (s *Service) Get(ctx context.Context, actor *authz.Actor, meetingID string) (View, error) {
	m, err := s.meetingFor(ctx, actor, meetingID)
	if err != nil {
		return View{}, err
	}
	today := s.today(ctx)
	v := View{Meeting: m}
	v.Minutes, err = loadMinutes(ctx, s.DB.R, m.ID, today)
	if err != nil {
		return View{}, err
	}
	editable := v.Minutes.Status == Draft && writable(m) == nil
	v.CanWrite = editable && s.Meetings.CanEdit(actor, m)
	v.CanApprove = editable && canApprove(actor, m)
	if m.SeriesID != "" {
		args := []any{m.SeriesID, m.ID, m.Start.UTC()}
		arg := func(v any) string {
			args = append(args, v)
			return fmt.Sprintf("$%d", len(args))
		}
		// An earlier meeting of the series may have been confidential:
		// its items come along only for those who may see it.
		v.Carried, err = queryActions(ctx, s.DB.R, today,
			`a.status = 'open' AND mt.series_id = $1 AND mt.id <> $2 AND mt.starts_at < $3 AND `+confidentialSQL(actor, arg),
			`a.due_on, a.created_at, a.id`, 200, args...)
		if err != nil {
			return View{}, err
		}
		if next, ok, err := s.Meetings.NextInSeries(ctx, s.DB.R, m.ID); err != nil {
			return View{}, err
		} else if ok {
			v.NextMeetingID = next
		}
	}
	return v, nil
}

// History returns every kept version of meeting id's minutes, newest first.
// Errors: NotFound as Get.
func (s *Service) History(ctx context.Context, actor *authz.Actor, meetingID string) ([]HistoryEntry, error) {
	m, err := s.meetingFor(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	return loadHistory(ctx, s.DB.R, m.ID)
}
