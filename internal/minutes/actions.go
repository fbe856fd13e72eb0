package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/meetings"
)

func isNotFound(err error) bool { return apperr.KindOf(err) == apperr.NotFound }

// ListActions lists action items across meetings (the /actions page and the
// API's list-action-items), open ones by due date, overdue ones flagged.
// f.For "" or "mine" (or the actor's own ID) lists the items the actor owns;
// "organized" adds the items of the meetings the actor organizes; a
// principal's ID lists the items that principal owns and those of the
// meetings they organize — for an assistant acting for them with
// agenda.see; items of a confidential meeting only when the assistant may
// see that meeting (acting for its organizer with
// documents.see_confidential, or attending it: confidentialSQL).
//
// Errors: Forbidden when f.For names someone the actor does not act for;
// Invalid for an unknown status.
func (s *Service) ListActions(ctx context.Context, actor *authz.Actor, f ActionFilter) ([]ActionItem, error) {
	if actor == nil || actor.PersonID == "" {
		return []ActionItem{}, nil
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	who := f.For
	if who == "" || who == "mine" {
		who = actor.PersonID
	}
	switch {
	case who == "organized":
		p := arg(actor.PersonID)
		where = append(where, "(a.owner_id = "+p+" OR mt.organizer_id = "+p+")")
	case who == actor.PersonID:
		where = append(where, "a.owner_id = "+arg(who))
	default:
		if !actor.ActsFor(who, authz.AgendaSee) {
			return nil, apperr.Forbiddenf("your mandate does not let you see this person's action items")
		}
		p := arg(who)
		where = append(where, "(a.owner_id = "+p+" OR mt.organizer_id = "+p+")", confidentialSQL(actor, arg))
	}
	today := s.today(ctx)
	order := "a.due_on, a.created_at, a.id"
	switch f.Status {
	case "", Open:
		where = append(where, "a.status = 'open'")
	case Done:
		where = append(where, "a.status IN ('done', 'cancelled')")
		order = "a.closed_at DESC, a.id"
	case "all":
		where = append(where, "a.status <> 'cancelled'")
	default:
		return nil, apperr.Fields{"status": "choose open, done or all"}.Err()
	}
	if f.OverdueOnly {
		where = append(where, "a.status = 'open' AND a.due_on < "+arg(today))
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	return queryActions(ctx, s.DB.R, today, strings.Join(where, " AND "), order, limit, args...)
}

// MayChangeAction reports whether actor may close, reopen or reschedule
// item a of meeting m (m zero when the actor cannot see the meeting or the
// item has none): its owner, an assistant acting for the owner with
// agenda.edit — for an item of a confidential meeting only when they may
// see that meeting — or whoever may edit the meeting.
func (s *Service) MayChangeAction(actor *authz.Actor, m meetings.Meeting, a ActionItem) bool {
	if m.ID != "" && m.ID == a.MeetingID && s.Meetings.CanEdit(actor, m) {
		return true
	}
	return a.OwnerID != "" && actor.ActsFor(a.OwnerID, authz.AgendaEdit) && mayRead(actor, m, a)
}

// ActionUpdate changes an action item; nil fields stay as they are.
type ActionUpdate struct {
	// Status "done" closes the item (its reminders are cancelled), "open"
	// reopens it (reminders still ahead are planned again).
	Status *string `json:"status,omitempty"`
	// DueOn moves the due date (YYYY-MM-DD, today or later); reminders
	// follow the new date.
	DueOn *string `json:"due_on,omitempty"`
}

// UpdateAction closes, reopens or reschedules action item id.
//
// Who may: the owner, an assistant acting for the owner with agenda.edit
// (for an item of a confidential meeting only when they may see the
// meeting), and whoever may edit the item's meeting (meetings.CanEdit).
// Others who can see the item get Forbidden; everyone else NotFound.
//
// Errors: NotFound, Forbidden as above; Invalid for a status other than
// open/done or a bad or past due date; Conflict for a cancelled item.
func (s *Service) UpdateAction(ctx context.Context, actor *authz.Actor, id string, u ActionUpdate) (ActionItem, error) {
	today := s.today(ctx)
	a, err := getAction(ctx, s.DB.R, today, id)
	if err != nil {
		return ActionItem{}, err
	}
	var m meetings.Meeting
	if a.MeetingID != "" {
		m, err = s.meetingFor(ctx, actor, a.MeetingID)
		if err != nil && !isNotFound(err) {
			return ActionItem{}, err
		}
	}
	seen := m.ID != ""
	if !s.MayChangeAction(actor, m, a) {
		if seen || (a.OwnerID != "" && actor.ActsFor(a.OwnerID, authz.AgendaSee) && mayRead(actor, m, a)) {
			return ActionItem{}, apperr.Forbiddenf("only the owner or whoever prepares the meeting may change this action item")
		}
		return ActionItem{}, apperr.NotFoundf("action item not found")
	}
	var f apperr.Fields
	if u.Status != nil && *u.Status != Open && *u.Status != Done {
		f.Add("status", "choose open or done")
	}
	if u.DueOn != nil {
		d := strings.TrimSpace(*u.DueOn)
		u.DueOn = &d
		if msg := checkDue(d); msg != "" {
			f.Add("due_on", msg)
		} else if d < today && d != a.DueOn {
			f.Add("due_on", "the due date has passed; choose today or later")
		}
	}
	if err := f.Err(); err != nil {
		return ActionItem{}, err
	}
	if a.Status == Cancelled {
		return ActionItem{}, apperr.Conflictf("this action item was cancelled")
	}
	var out ActionItem
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		before := a
		status, due := a.Status, a.DueOn
		if u.DueOn != nil {
			due = *u.DueOn
		}
		if u.Status != nil {
			status = *u.Status
		}
		var res sql.Result
		var err error
		switch {
		case status == Done && a.Status != Done:
			res, err = tx.ExecContext(ctx, `UPDATE action_items SET status = 'done', due_on = $1, closed_at = $2, closed_by = $3, updated_at = $2 WHERE id = $4 AND status = 'open'`,
				due, now, nullStr(actor.PersonID), id)
		case status == Open:
			res, err = tx.ExecContext(ctx, `UPDATE action_items SET status = 'open', due_on = $1, closed_at = NULL, closed_by = NULL, updated_at = $2 WHERE id = $3 AND status IN ('open', 'done')`,
				due, now, id)
		default:
			res, err = tx.ExecContext(ctx, `UPDATE action_items SET due_on = $1, updated_at = $2 WHERE id = $3`, due, now, id)
		}
		if err != nil {
			return fmt.Errorf("change action item: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.Conflictf("this action item was changed meanwhile; reload the page")
		}
		if status == Open && (a.Status != Open || due != a.DueOn) {
			if err := s.scheduleReminders(ctx, tx, id, due); err != nil {
				return err
			}
		} else if status != Open {
			if err := s.cancelReminders(ctx, tx, id); err != nil {
				return err
			}
		}
		out, err = getAction(ctx, tx, today, id)
		if err != nil {
			return err
		}
		action := "update"
		switch {
		case out.Status == Done && before.Status != Done:
			action = "close"
		case out.Status == Open && before.Status != Open:
			action = "reopen"
		}
		if m.ID == "" { // the actor does not see the meeting: still keep a confidential one's words out
			m.Confidential = a.Confidential
		}
		owner := a.OwnerID
		if m.OrganizerID != "" && owner != actor.PersonID {
			owner = m.OrganizerID
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: action, ObjectType: "action_item", ObjectID: id,
			OnBehalfOf: actor.OnBehalfOf(owner), Label: auditLabel(m, a.Title),
			Summary: fmt.Sprintf("Action item %q %s", auditLabel(m, a.Title), map[string]string{"close": "closed", "reopen": "reopened", "update": "changed"}[action]),
			Before:  map[string]string{"status": before.Status, "due_on": before.DueOn},
			After:   map[string]string{"status": out.Status, "due_on": out.DueOn}})
	})
	return out, err
}
