package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/meetings"
)

// saveActions adds and changes the action items of meeting m's minutes as
// listed in in (already cleaned); open items of m not listed are cancelled.
// Reminders follow: new items and changed due dates are (re)scheduled,
// cancelled items lose theirs.
func (s *Service) saveActions(ctx context.Context, tx *sql.Tx, actor *authz.Actor, m meetings.Meeting, cur Minutes, in []ActionInput, now time.Time) error {
	existing := map[string]struct{ status, due string }{}
	rows, err := tx.QueryContext(ctx, `SELECT id, status, due_on FROM action_items WHERE meeting_id = $1`, m.ID)
	if err != nil {
		return fmt.Errorf("load action items: %w", err)
	}
	for rows.Next() {
		var id, st, due string
		if err := rows.Scan(&id, &st, &due); err != nil {
			rows.Close()
			return err
		}
		existing[id] = struct{ status, due string }{st, due}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	kept := map[string]bool{}
	for i, a := range in {
		if a.ID == "" {
			id := newID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO action_items (id, meeting_id, agenda_item_id, title, owner_id, owner_name, owner_email, due_on, status, position, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $11)`,
				id, m.ID, nullStr(a.AgendaItemID), a.Title, nullStr(a.OwnerID), a.OwnerName, a.OwnerEmail, a.DueOn, i, nullStr(actor.PersonID), now); err != nil {
				return fmt.Errorf("add action item: %w", err)
			}
			if err := s.scheduleReminders(ctx, tx, id, a.DueOn); err != nil {
				return err
			}
			continue
		}
		old, ok := existing[a.ID]
		if !ok || old.status == Cancelled {
			return apperr.Fields{fmt.Sprintf("action_items[%d].id", i): "this action item is not part of these minutes"}.Err()
		}
		kept[a.ID] = true
		if _, err := tx.ExecContext(ctx, `UPDATE action_items SET agenda_item_id = $1, title = $2, owner_id = $3, owner_name = $4, owner_email = $5,
			due_on = $6, position = $7, updated_at = $8 WHERE id = $9`,
			nullStr(a.AgendaItemID), a.Title, nullStr(a.OwnerID), a.OwnerName, a.OwnerEmail, a.DueOn, i, now, a.ID); err != nil {
			return fmt.Errorf("change action item: %w", err)
		}
		if old.status == Open && old.due != a.DueOn {
			if err := s.scheduleReminders(ctx, tx, a.ID, a.DueOn); err != nil {
				return err
			}
		}
	}
	for id, old := range existing {
		if kept[id] || old.status != Open {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE action_items SET status = 'cancelled', closed_at = $1, closed_by = $2, updated_at = $1 WHERE id = $3`,
			now, nullStr(actor.PersonID), id); err != nil {
			return fmt.Errorf("cancel action item: %w", err)
		}
		if err := s.cancelReminders(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}
