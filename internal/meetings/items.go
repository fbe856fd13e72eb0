package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// ItemInput is an agenda item as filled in.
type ItemInput struct {
	Topic string `json:"topic"`
	// PresenterID is a colleague presenting; PresenterName is used for
	// someone else (or filled from the directory).
	PresenterID    string `json:"presenter_id,omitempty"`
	PresenterName  string `json:"presenter_name,omitempty"`
	PlannedMinutes int    `json:"planned_minutes"`
	Notes          string `json:"notes,omitempty"`
}

// MaxItemMinutes is the longest an agenda item can be planned.
const MaxItemMinutes = 24 * 60

func (s *Service) checkItem(ctx context.Context, q dbQuerier, in ItemInput) (ItemInput, error) {
	var f apperr.Fields
	in.Topic = strings.TrimSpace(in.Topic)
	in.PresenterName = strings.TrimSpace(in.PresenterName)
	switch {
	case in.Topic == "":
		f.Add("topic", "give the agenda item a topic")
	case utf8.RuneCountInString(in.Topic) > MaxTitle:
		f.Add("topic", fmt.Sprintf("use at most %d characters", MaxTitle))
	}
	if in.PlannedMinutes < 0 || in.PlannedMinutes > MaxItemMinutes {
		f.Add("planned_minutes", "plan 0 to 1440 minutes")
	}
	if utf8.RuneCountInString(in.Notes) > MaxDescription {
		f.Add("notes", fmt.Sprintf("use at most %d characters", MaxDescription))
	}
	if in.PresenterID != "" {
		err := q.QueryRowContext(ctx, `SELECT name FROM people WHERE id = $1`, in.PresenterID).Scan(&in.PresenterName)
		if errors.Is(err, sql.ErrNoRows) {
			f.Add("presenter_id", "no such colleague")
		} else if err != nil {
			return in, err
		}
	}
	return in, f.Err()
}

// AddItem adds an agenda item at the end of meeting id's agenda.
//
// Errors: NotFound, Forbidden as CanEdit; Conflict when the meeting is no
// longer open; Invalid naming topic, planned_minutes, presenter_id, notes.
func (s *Service) AddItem(ctx context.Context, actor *authz.Actor, id string, in ItemInput) (AgendaItem, error) {
	var out AgendaItem
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if in, err = s.checkItem(ctx, tx, in); err != nil {
			return err
		}
		out, err = s.insertItem(ctx, tx, m.ID, in)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "item_add", m, map[string]any{"topic": label(in.Topic, m.Confidential)})
	})
	return out, err
}

func (s *Service) insertItem(ctx context.Context, tx *sql.Tx, meetingID string, in ItemInput) (AgendaItem, error) {
	var pos int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM meeting_agenda_items WHERE meeting_id = $1`, meetingID).Scan(&pos); err != nil {
		return AgendaItem{}, err
	}
	it := AgendaItem{ID: newID(), Position: pos + 1, Topic: in.Topic, PresenterID: in.PresenterID, PresenterName: in.PresenterName,
		PlannedMinutes: in.PlannedMinutes, Notes: in.Notes, CreatedAt: s.Clock.Now().UTC()}
	_, err := tx.ExecContext(ctx, `INSERT INTO meeting_agenda_items (id, meeting_id, position, topic, presenter_id, presenter_name, planned_minutes, notes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		it.ID, meetingID, it.Position, it.Topic, nullStr(it.PresenterID), it.PresenterName, it.PlannedMinutes, it.Notes, it.CreatedAt)
	if err != nil {
		return it, fmt.Errorf("store agenda item: %w", err)
	}
	return it, nil
}

// itemOf loads agenda item itemID of an editable meeting.
func (s *Service) itemOf(ctx context.Context, tx *sql.Tx, actor *authz.Actor, itemID string) (Meeting, AgendaItem, error) {
	var mid string
	err := tx.QueryRowContext(ctx, `SELECT meeting_id FROM meeting_agenda_items WHERE id = $1`, itemID).Scan(&mid)
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, AgendaItem{}, apperr.NotFoundf("agenda item not found")
	}
	if err != nil {
		return Meeting{}, AgendaItem{}, err
	}
	m, err := s.editable(ctx, tx, actor, mid, true)
	if err != nil {
		return m, AgendaItem{}, err
	}
	for _, it := range m.Items {
		if it.ID == itemID {
			return m, it, nil
		}
	}
	return m, AgendaItem{}, apperr.NotFoundf("agenda item not found")
}

// UpdateItem changes agenda item itemID. Errors as AddItem.
func (s *Service) UpdateItem(ctx context.Context, actor *authz.Actor, itemID string, in ItemInput) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, _, err := s.itemOf(ctx, tx, actor, itemID)
		if err != nil {
			return err
		}
		if in, err = s.checkItem(ctx, tx, in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meeting_agenda_items SET topic = $1, presenter_id = $2, presenter_name = $3, planned_minutes = $4, notes = $5 WHERE id = $6`,
			in.Topic, nullStr(in.PresenterID), in.PresenterName, in.PlannedMinutes, in.Notes, itemID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "item_change", m, map[string]any{"topic": label(in.Topic, m.Confidential)})
	})
}

// DeleteItem removes agenda item itemID; its documents stay on the meeting.
// Errors: NotFound, Forbidden, Conflict as AddItem.
func (s *Service) DeleteItem(ctx context.Context, actor *authz.Actor, itemID string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, it, err := s.itemOf(ctx, tx, actor, itemID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meeting_documents SET agenda_item_id = NULL WHERE agenda_item_id = $1`, itemID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_agenda_items WHERE id = $1`, itemID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "item_remove", m, map[string]any{"topic": label(it.Topic, m.Confidential)})
	})
}

// MoveItem moves agenda item itemID one place up (delta -1) or down (+1).
// Moving the first item up or the last down changes nothing. Errors as
// DeleteItem; Invalid for another delta.
func (s *Service) MoveItem(ctx context.Context, actor *authz.Actor, itemID string, delta int) error {
	if delta != -1 && delta != 1 {
		return apperr.Fields{"direction": "move an item up or down"}.Err()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, it, err := s.itemOf(ctx, tx, actor, itemID)
		if err != nil {
			return err
		}
		items := m.Items
		i := -1
		for k, it := range items {
			if it.ID == itemID {
				i = k
			}
		}
		j := i + delta
		if j < 0 || j >= len(items) {
			return nil
		}
		items[i], items[j] = items[j], items[i]
		for k, it := range items { // renumber 1…n, which also repairs gaps
			if _, err := tx.ExecContext(ctx, `UPDATE meeting_agenda_items SET position = $1 WHERE id = $2`, k+1, it.ID); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "item_move", m, map[string]any{"topic": label(it.Topic, m.Confidential), "position": j + 1})
	})
}

// MoveItemToNext moves agenda item itemID, with its documents, to the end
// of the agenda of the next meeting of the series. When there is none and
// create is true, the next meeting is planned first (a week later, see
// PlanNext). It returns the next meeting's ID.
//
// Errors: NotFound, Forbidden, Conflict as DeleteItem; Conflict "there is
// no next meeting in this series" when none exists and create is false.
func (s *Service) MoveItemToNext(ctx context.Context, actor *authz.Actor, itemID string, create bool) (string, error) {
	var nextID string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, it, err := s.itemOf(ctx, tx, actor, itemID)
		if err != nil {
			return err
		}
		id, ok, err := s.NextInSeries(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if !ok {
			if !create {
				return apperr.Conflictf("there is no next meeting in this series: plan it first")
			}
			if id, err = s.planNextTx(ctx, tx, actor, m, NextInput{}); err != nil {
				return err
			}
		}
		next, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		moved, err := s.insertItem(ctx, tx, next.ID, ItemInput{Topic: it.Topic, PresenterID: it.PresenterID, PresenterName: it.PresenterName, PlannedMinutes: it.PlannedMinutes, Notes: it.Notes})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meeting_documents SET meeting_id = $1, agenda_item_id = $2 WHERE agenda_item_id = $3`, next.ID, moved.ID, it.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_agenda_items WHERE id = $1`, it.ID); err != nil {
			return err
		}
		nextID = next.ID
		return s.audit(ctx, tx, actor, "item_to_next", m, map[string]any{"topic": label(it.Topic, m.Confidential), "to": next.ID})
	})
	return nextID, err
}
