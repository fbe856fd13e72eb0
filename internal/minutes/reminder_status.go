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

// ReminderFailures returns, per open item of items, its latest reminder for
// its current due date when that one failed for good (jobs state
// "failed"); items whose latest reminder went out, is still being tried or
// has not come yet are absent — a later reminder delivered (the address
// corrected) clears the mark. items must be what the actor
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
		times := reminderTimes(a.DueOn, loc)
		for i := len(times) - 1; i >= 0; i-- { // the latest that ran tells
			r := times[i]
			if r.At.After(now) {
				continue
			}
			st, err := s.Jobs.Lookup(ctx, s.DB.R, reminderKey(a.ID, a.DueOn, r.Stage, r.At))
			if apperr.KindOf(err) == apperr.NotFound {
				continue // never planned (the item is younger) or pruned
			}
			if err != nil {
				return nil, err
			}
			if st.State() == "failed" {
				out[a.ID] = ReminderFailure{Stage: r.Stage, At: r.At, Error: st.LastError}
			}
			break
		}
	}
	return out, nil
}
