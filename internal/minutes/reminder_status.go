package minutes

import (
	"context"
	"time"

	"spil/internal/apperr"
)

// ReminderFailure is a reminder of an action item that failed for good —
// the relay refused the owner's address, say — so the owner was not
// reminded. It is shown next to the item, never lost silently.
type ReminderFailure struct {
	Stage string    `json:"stage"` // StageBefore or StageOverdue
	At    time.Time `json:"at"`    // when it was planned
	Error string    `json:"error"` // the last error, as the jobs package kept it
}

// ReminderFailures returns, per open item of items, the latest of its
// reminders for its current due date that failed for good (jobs state
// "failed"); items without one are absent. items must be what the actor
// was shown (ListActions, Get): this reads no item by ID. Reminders planned
// later than now have not run and are not looked up.
//
// Errors: database errors.
func (s *Service) ReminderFailures(ctx context.Context, items []ActionItem) (map[string]ReminderFailure, error) {
	out := map[string]ReminderFailure{}
	if s.Jobs == nil {
		return out, nil
	}
	_, loc := s.org(ctx, s.DB.R)
	now := s.Clock.Now()
	for _, a := range items {
		if a.Status != Open {
			continue
		}
		for _, r := range reminderTimes(a.DueOn, loc) {
			if r.At.After(now) {
				break
			}
			st, err := s.Jobs.Lookup(ctx, s.DB.R, reminderKey(a.ID, a.DueOn, r.Stage, r.At))
			if apperr.KindOf(err) == apperr.NotFound {
				continue
			}
			if err != nil {
				return nil, err
			}
			if st.State() == "failed" {
				out[a.ID] = ReminderFailure{Stage: r.Stage, At: r.At, Error: st.LastError}
			}
		}
	}
	return out, nil
}
