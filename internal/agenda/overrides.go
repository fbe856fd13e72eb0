package agenda

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/travel"
)

// Limits of a travel override.
const (
	MaxOverrideMinutes = 24 * 60
	MaxOverrideNote    = 200
)

// TravelOverride is a known travel time between two of the organization's
// locations by one mode.
type TravelOverride struct {
	ID             string      `json:"id"`
	FromLocationID string      `json:"from_location_id"`
	ToLocationID   string      `json:"to_location_id"`
	Mode           travel.Mode `json:"mode"`
	Minutes        int         `json:"minutes"`
	OneWay         bool        `json:"one_way"`
	Note           string      `json:"note"`
	// FromName and ToName are the locations' names (read-only).
	FromName string `json:"from_name,omitempty"`
	ToName   string `json:"to_name,omitempty"`
}

func listOverrides(ctx context.Context, q db.Querier) ([]TravelOverride, error) {
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.from_location_id, o.to_location_id, o.mode, o.minutes, o.one_way, o.note,
		f.name, t.name FROM travel_overrides o JOIN locations f ON f.id = o.from_location_id JOIN locations t ON t.id = o.to_location_id
		ORDER BY f.name, t.name, o.mode`)
	if err != nil {
		return nil, fmt.Errorf("list travel overrides: %w", err)
	}
	defer rows.Close()
	var out []TravelOverride
	for rows.Next() {
		var o TravelOverride
		var mode string
		if err := rows.Scan(&o.ID, &o.FromLocationID, &o.ToLocationID, &mode, &o.Minutes, &o.OneWay, &o.Note, &o.FromName, &o.ToName); err != nil {
			return nil, fmt.Errorf("list travel overrides: %w", err)
		}
		o.Mode = travel.Mode(mode)
		out = append(out, o)
	}
	return out, rows.Err()
}

// ListTravelOverrides returns the organization's known travel times, sorted
// by the names of the locations. Anyone logged in may read them.
//
// Errors: Forbidden when not logged in.
func (s *Service) ListTravelOverrides(ctx context.Context, actor *authz.Actor) ([]TravelOverride, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.Forbiddenf("log in to see travel times")
	}
	return listOverrides(ctx, s.DB.R)
}

// SaveTravelOverride adds (ID "") or changes a known travel time. Only
// people who manage the organization's locations may.
//
// Errors: Forbidden without locations.manage; NotFound for an unknown ID;
// Invalid naming each bad field (from_location_id, to_location_id, mode,
// minutes, note); Conflict when the pair already has a time for that mode.
func (s *Service) SaveTravelOverride(ctx context.Context, actor *authz.Actor, in TravelOverride) (TravelOverride, error) {
	if actor == nil || !actor.Can(authz.LocationsManage) {
		return TravelOverride{}, apperr.Forbiddenf("only people who manage locations may change travel times")
	}
	in.Note = strings.TrimSpace(in.Note)
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkOverride(ctx, tx, &in); err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		action := "update"
		var before any
		if in.ID == "" {
			action, in.ID = "create", newID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO travel_overrides (id, from_location_id, to_location_id, mode, minutes, one_way, note, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, in.ID, in.FromLocationID, in.ToLocationID, string(in.Mode), in.Minutes, in.OneWay, in.Note, now); err != nil {
				return overrideErr(err)
			}
		} else {
			var minutes int
			if err := tx.QueryRowContext(ctx, `SELECT minutes FROM travel_overrides WHERE id = $1`, in.ID).Scan(&minutes); err != nil {
				return notFoundIfNoRows(err, "travel time")
			}
			before = map[string]any{"minutes": minutes}
			if _, err := tx.ExecContext(ctx, `UPDATE travel_overrides SET from_location_id = $2, to_location_id = $3, mode = $4, minutes = $5,
				one_way = $6, note = $7, updated_at = $8 WHERE id = $1`, in.ID, in.FromLocationID, in.ToLocationID, string(in.Mode), in.Minutes, in.OneWay, in.Note, now); err != nil {
				return overrideErr(err)
			}
		}
		label := fmt.Sprintf("%s – %s (%s)", in.FromName, in.ToName, in.Mode)
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: action, ObjectType: "travel_override", ObjectID: in.ID, Label: label,
			Summary: fmt.Sprintf("%s travel time %s: %d min", action, label, in.Minutes),
			Before:  before, After: map[string]any{"minutes": in.Minutes, "one_way": in.OneWay},
		})
	})
	if err != nil {
		return TravelOverride{}, err
	}
	return in, nil
}

func overrideErr(err error) error {
	if db.IsUniqueViolation(err, "") {
		return &apperr.Error{Kind: apperr.Conflict, Message: "these locations already have a travel time for this mode",
			Fields: map[string]string{"mode": "these locations already have a travel time for this mode"}}
	}
	return fmt.Errorf("save travel override: %w", err)
}

// checkOverride validates in and fills the location names.
func checkOverride(ctx context.Context, q db.Querier, in *TravelOverride) error {
	var f apperr.Fields
	for _, end := range []struct {
		field string
		id    string
		name  *string
	}{{"from_location_id", in.FromLocationID, &in.FromName}, {"to_location_id", in.ToLocationID, &in.ToName}} {
		if end.id == "" {
			f.Add(end.field, "choose one of the organization's locations")
			continue
		}
		err := q.QueryRowContext(ctx, `SELECT name FROM locations WHERE id = $1`, end.id).Scan(end.name)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			f.Add(end.field, "choose one of the organization's locations")
		case err != nil:
			return fmt.Errorf("load location: %w", err)
		}
	}
	if in.FromLocationID != "" && in.FromLocationID == in.ToLocationID {
		f.Add("to_location_id", "choose two different locations")
	}
	if !in.Mode.Valid() {
		f.Add("mode", "choose car, public_transport, bike or walking")
	}
	if in.Minutes < 1 || in.Minutes > MaxOverrideMinutes {
		f.Add("minutes", fmt.Sprintf("a travel time is 1 to %d minutes", MaxOverrideMinutes))
	}
	if utf8.RuneCountInString(in.Note) > MaxOverrideNote {
		f.Add("note", fmt.Sprintf("use at most %d characters", MaxOverrideNote))
	}
	return f.Err()
}

// DeleteTravelOverride removes a known travel time; estimates then come from
// the formula again.
//
// Errors: Forbidden without locations.manage; NotFound when it does not
// exist.
func (s *Service) DeleteTravelOverride(ctx context.Context, actor *authz.Actor, id string) error {
	if actor == nil || !actor.Can(authz.LocationsManage) {
		return apperr.Forbiddenf("only people who manage locations may change travel times")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var minutes int
		if err := tx.QueryRowContext(ctx, `SELECT minutes FROM travel_overrides WHERE id = $1`, id).Scan(&minutes); err != nil {
			return notFoundIfNoRows(err, "travel time")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM travel_overrides WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete travel override: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "delete", ObjectType: "travel_override", ObjectID: id,
			Summary: "delete travel time", Before: map[string]any{"minutes": minutes},
		})
	})
}
