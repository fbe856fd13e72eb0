package minutes

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"spil/internal/db"
)

// loadMinutes reads the minutes of meetingID with their notes, decisions and
// action items (cancelled items left out). A meeting without minutes gets
// empty draft minutes of version 0.
func loadMinutes(ctx context.Context, q db.Querier, meetingID, today string) (Minutes, error) {
	m := Minutes{MeetingID: meetingID, Status: Draft, Notes: []Note{}, Decisions: []Decision{}, Actions: []ActionItem{}}
	var approvedBy, approvedByName sql.NullString
	var approvedAt, updatedAt sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT mi.status, mi.version, mi.approved_by, p.name, mi.approved_at, mi.updated_at
		FROM minutes mi LEFT JOIN people p ON p.id = mi.approved_by WHERE mi.meeting_id = $1`, meetingID).
		Scan(&m.Status, &m.Version, &approvedBy, &approvedByName, &approvedAt, &updatedAt)
	if err == sql.ErrNoRows {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("load minutes: %w", err)
	}
	m.ApprovedBy, m.ApprovedByName = approvedBy.String, approvedByName.String
	m.ApprovedAt, m.UpdatedAt = timePtr(approvedAt), timePtr(updatedAt)

	rows, err := q.QueryContext(ctx, `SELECT COALESCE(agenda_item_id, ''), notes FROM minutes_notes WHERE meeting_id = $1 ORDER BY agenda_item_id NULLS FIRST, id`, meetingID)
	if err != nil {
		return m, fmt.Errorf("load minutes notes: %w", err)
	}
	for rows.Next() {
		var n Note
		if err := rows.Scan(&n.AgendaItemID, &n.Text); err != nil {
			rows.Close()
			return m, err
		}
		m.Notes = append(m.Notes, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return m, err
	}

	rows, err = q.QueryContext(ctx, `SELECT id, COALESCE(agenda_item_id, ''), text FROM minutes_decisions WHERE meeting_id = $1 ORDER BY position, id`, meetingID)
	if err != nil {
		return m, fmt.Errorf("load decisions: %w", err)
	}
	for rows.Next() {
		var d Decision
		if err := rows.Scan(&d.ID, &d.AgendaItemID, &d.Text); err != nil {
			rows.Close()
			return m, err
		}
		m.Decisions = append(m.Decisions, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return m, err
	}
	m.Actions, err = queryActions(ctx, q, today, `a.meeting_id = $1 AND a.status <> 'cancelled'`, `a.position, a.created_at, a.id`, 0, meetingID)
	return m, err
}

// actionColumns selects an action item with its meeting's title and start.
const actionColumns = `SELECT a.id, COALESCE(a.meeting_id, ''), COALESCE(mt.title, ''), mt.starts_at, COALESCE(a.agenda_item_id, ''),
	a.title, COALESCE(a.owner_id, ''), COALESCE(op.name, a.owner_name), CASE WHEN a.owner_id IS NULL THEN a.owner_email ELSE COALESCE(op.email, '') END,
	a.due_on, a.status, a.closed_at, COALESCE(a.closed_by, ''), a.created_at,
	COALESCE(mt.confidential, FALSE), COALESCE(mt.organizer_id, '')
	FROM action_items a
	LEFT JOIN meetings mt ON mt.id = a.meeting_id
	LEFT JOIN people op ON op.id = a.owner_id`

// queryActions lists action items matching where (over alias a, the meeting
// mt and the owner op) in order; limit 0 means no limit.
func queryActions(ctx context.Context, q db.Querier, today, where, order string, limit int, args ...any) ([]ActionItem, error) {
	query := actionColumns + ` WHERE ` + where + ` ORDER BY ` + order
	if limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list action items: %w", err)
	}
	defer rows.Close()
	out := []ActionItem{}
	for rows.Next() {
		var a ActionItem
		var start, closed sql.NullTime
		if err := rows.Scan(&a.ID, &a.MeetingID, &a.MeetingTitle, &start, &a.AgendaItemID, &a.Title, &a.OwnerID, &a.OwnerName, &a.OwnerEmail,
			&a.DueOn, &a.Status, &closed, &a.ClosedBy, &a.CreatedAt, &a.Confidential, &a.MeetingOrganizerID); err != nil {
			return nil, err
		}
		a.MeetingStart, a.ClosedAt = timePtr(start), timePtr(closed)
		a.CreatedAt = a.CreatedAt.UTC()
		a.Overdue = a.Status == Open && a.DueOn < today
		out = append(out, a)
	}
	return out, rows.Err()
}

// getAction loads one action item (any status). NotFound when missing.
func getAction(ctx context.Context, q db.Querier, today, id string) (ActionItem, error) {
	as, err := queryActions(ctx, q, today, `a.id = $1`, `a.id`, 1, id)
	if err != nil {
		return ActionItem{}, err
	}
	if len(as) == 0 {
		return ActionItem{}, notFoundIfNoRows(sql.ErrNoRows, "action item")
	}
	return as[0], nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// snapshotOf is the history form of m.
func snapshotOf(m Minutes) Snapshot {
	s := Snapshot{Notes: m.Notes, Decisions: make([]Decision, len(m.Decisions)), Actions: []SnapshotAction{}}
	for i, d := range m.Decisions {
		s.Decisions[i] = Decision{AgendaItemID: d.AgendaItemID, Text: d.Text}
	}
	for _, a := range m.Actions {
		s.Actions = append(s.Actions, SnapshotAction{Title: a.Title, OwnerName: a.OwnerName, DueOn: a.DueOn, Status: a.Status})
	}
	return s
}

// keepVersion writes m (already at its new version) to minutes_history.
func keepVersion(ctx context.Context, tx *sql.Tx, m Minutes, event, byID, byName string, at time.Time) error {
	b, err := json.Marshal(snapshotOf(m))
	if err != nil {
		return err
	}
	var by any
	if byID != "" {
		by = byID
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO minutes_history (id, meeting_id, version, event, snapshot, changed_by, changed_by_name, changed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, newID(), m.MeetingID, m.Version, event, string(b), by, byName, at)
	if err != nil {
		return fmt.Errorf("keep minutes version: %w", err)
	}
	return nil
}

// loadHistory returns the kept versions of meetingID's minutes, newest first.
func loadHistory(ctx context.Context, q db.Querier, meetingID string) ([]HistoryEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, event, snapshot, changed_by_name, changed_at FROM minutes_history WHERE meeting_id = $1 ORDER BY version DESC`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("load minutes history: %w", err)
	}
	defer rows.Close()
	out := []HistoryEntry{}
	for rows.Next() {
		var h HistoryEntry
		var snap string
		if err := rows.Scan(&h.Version, &h.Event, &snap, &h.ChangedBy, &h.ChangedAt); err != nil {
			return nil, err
		}
		h.ChangedAt = h.ChangedAt.UTC()
		if err := json.Unmarshal([]byte(snap), &h.Snapshot); err != nil {
			return nil, fmt.Errorf("minutes history version %d: %w", h.Version, err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
