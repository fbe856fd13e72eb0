package rooms

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

// RoomInput is a room as the Office Manager creates or changes it.
type RoomInput struct {
	LocationID      string   `json:"location_id,omitempty"`
	Name            string   `json:"name"`
	Description     string   `json:"description,omitempty"`
	Capacity        int      `json:"capacity"`
	Equipment       []string `json:"equipment,omitempty"`
	Accessible      bool     `json:"accessible,omitempty"`
	BookableBy      []string `json:"bookable_by,omitempty"`
	NeedsApproval   bool     `json:"needs_approval,omitempty"`
	MaxMinutes      int      `json:"max_minutes,omitempty"`
	BookableFrom    int      `json:"bookable_from"`
	BookableUntil   int      `json:"bookable_until"`
	BookableDays    []int    `json:"bookable_days,omitempty"`
	CheckInRequired bool     `json:"checkin_required,omitempty"`
	CheckInMinutes  int      `json:"checkin_minutes,omitempty"`
}

// InputOf returns r as input, for an edit form.
func InputOf(r Room) RoomInput {
	return RoomInput{LocationID: r.LocationID, Name: r.Name, Description: r.Description, Capacity: r.Capacity,
		Equipment: r.Equipment, Accessible: r.Accessible, BookableBy: r.BookableBy, NeedsApproval: r.NeedsApproval,
		MaxMinutes: r.MaxMinutes, BookableFrom: r.BookableFrom, BookableUntil: r.BookableUntil, BookableDays: r.BookableDays,
		CheckInRequired: r.CheckInRequired, CheckInMinutes: r.CheckInMinutes}
}

// List returns the rooms f selects, by location and name. Archived rooms are
// listed only for the Office Manager. Anyone logged in may list rooms.
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter) ([]Room, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthorized, "log in to see rooms")
	}
	if !MayManage(actor) {
		f.Archived = false
	}
	return s.list(ctx, s.DB.R, f)
}

func (s *Service) list(ctx context.Context, q db.Querier, f Filter) ([]Room, error) {
	rows, err := q.QueryContext(ctx, roomSelect+` ORDER BY COALESCE(l.name, ''), r.name, r.id`)
	if err != nil {
		return nil, fmt.Errorf("list rooms: %w", err)
	}
	defer rows.Close()
	out := []Room{}
	for rows.Next() {
		r, err := scanRoom(rows)
		if err != nil {
			return nil, fmt.Errorf("list rooms: %w", err)
		}
		if f.keeps(r) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// Get returns one room. NotFound when it does not exist, or when it is
// archived and actor is not the Office Manager.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (Room, error) {
	if actor == nil {
		return Room{}, apperr.NotFoundf("room not found")
	}
	r, err := scanRoom(s.DB.R.QueryRowContext(ctx, roomSelect+` WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !r.Active && !MayManage(actor)) {
		return Room{}, apperr.NotFoundf("room not found")
	}
	if err != nil {
		return Room{}, fmt.Errorf("get room: %w", err)
	}
	return r, nil
}

// validate checks in and fills defaults; field errors name the input fields.
func (in *RoomInput) validate(ctx context.Context, q db.Querier) error {
	var f apperr.Fields
	in.Name = oneLine(in.Name)
	if in.Name == "" {
		f.Add("name", "enter a name")
	} else if len(in.Name) > 100 {
		f.Add("name", "the name is too long")
	}
	in.Description = strings.TrimSpace(in.Description)
	if len([]rune(in.Description)) > 1000 {
		f.Add("description", "the description is too long")
	}
	if in.Capacity < 1 {
		f.Add("capacity", "the capacity must be at least 1")
	} else if in.Capacity > 10000 {
		f.Add("capacity", "the capacity is too large")
	}
	eq := []string{}
	for _, e := range in.Equipment {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" || slices.Contains(eq, e) {
			continue
		}
		if !slices.Contains(Equipment, e) {
			f.Add("equipment", "unknown equipment")
			continue
		}
		eq = append(eq, e)
	}
	in.Equipment = eq
	by := []string{}
	for _, r := range in.BookableBy {
		r = strings.TrimSpace(r)
		if r == "" || slices.Contains(by, r) {
			continue
		}
		if !slices.Contains(RoleKeys, r) {
			f.Add("bookable_by", "unknown role")
			continue
		}
		by = append(by, r)
	}
	in.BookableBy = by
	if in.MaxMinutes < 0 || in.MaxMinutes > 24*60 {
		f.Add("max_minutes", "the maximum duration must be between 0 (none) and 24 hours")
	}
	if in.BookableFrom == 0 && in.BookableUntil == 0 {
		in.BookableFrom, in.BookableUntil = 7*60, 22*60
	}
	if in.BookableFrom < 0 || in.BookableFrom >= 24*60 {
		f.Add("bookable_from", "choose a time of day")
	}
	if in.BookableUntil <= in.BookableFrom || in.BookableUntil > 24*60 {
		f.Add("bookable_until", "the end of the bookable hours must be after their start")
	}
	days := []int{}
	for _, d := range in.BookableDays {
		if d >= 1 && d <= 7 && !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	if len(in.BookableDays) == 0 {
		days = []int{1, 2, 3, 4, 5}
	}
	slices.Sort(days)
	in.BookableDays = days
	if len(days) == 0 {
		f.Add("bookable_days", "choose at least one day")
	}
	if in.CheckInMinutes < 0 || in.CheckInMinutes > 240 {
		f.Add("checkin_minutes", "the check-in window must be between 0 (the default) and 240 minutes")
	}
	if in.LocationID != "" {
		var id string
		err := q.QueryRowContext(ctx, `SELECT id FROM locations WHERE id = $1`, in.LocationID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			f.Add("location_id", "choose one of the organization's locations")
		} else if err != nil {
			return fmt.Errorf("check location: %w", err)
		}
	}
	return f.Err()
}

// RoleKeys are the roles a room's "who may book" can name.
var RoleKeys = []string{authz.RoleEmployee, authz.RolePrincipal, authz.RoleManagementAssistant,
	authz.RoleOfficeManager, authz.RoleSupportStaff, authz.RoleAdmin}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Create adds a room. Forbidden unless actor is the Office Manager; Invalid
// with field messages for a bad input.
func (s *Service) Create(ctx context.Context, actor *authz.Actor, in RoomInput) (Room, error) {
	if !MayManage(actor) {
		return Room{}, apperr.Forbiddenf("only the Office Manager manages rooms")
	}
	id := newID()
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := in.validate(ctx, tx); err != nil {
			return err
		}
		now := s.now()
		var cm any
		if in.CheckInMinutes > 0 {
			cm = in.CheckInMinutes
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO rooms (id, location_id, name, description, capacity, equipment, accessible,
			bookable_by, needs_approval, max_minutes, bookable_from, bookable_until, bookable_days, checkin_required,
			checkin_minutes, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, TRUE, $16, $16)`,
			id, nullable(in.LocationID), in.Name, in.Description, in.Capacity, strings.Join(in.Equipment, " "), in.Accessible,
			strings.Join(in.BookableBy, " "), in.NeedsApproval, in.MaxMinutes, in.BookableFrom, in.BookableUntil,
			daysString(in.BookableDays), in.CheckInRequired, cm, now)
		if err != nil {
			return fmt.Errorf("insert room: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "create", ObjectType: "room", ObjectID: id,
			Label: in.Name, Summary: "room " + in.Name + " added", After: in})
	})
	if err != nil {
		return Room{}, err
	}
	return s.get(ctx, id)
}

func (s *Service) get(ctx context.Context, id string) (Room, error) {
	r, err := scanRoom(s.DB.R.QueryRowContext(ctx, roomSelect+` WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Room{}, apperr.NotFoundf("room not found")
	}
	return r, err
}

// Update changes a room's details and rules. Existing bookings stay as they
// are; the new rules apply to new bookings and moves. Forbidden unless actor
// is the Office Manager; NotFound for an unknown room; Invalid for bad input.
func (s *Service) Update(ctx context.Context, actor *authz.Actor, id string, in RoomInput) (Room, error) {
	if !MayManage(actor) {
		return Room{}, apperr.Forbiddenf("only the Office Manager manages rooms")
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.lockRoom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := in.validate(ctx, tx); err != nil {
			return err
		}
		var cm any
		if in.CheckInMinutes > 0 {
			cm = in.CheckInMinutes
		}
		_, err = tx.ExecContext(ctx, `UPDATE rooms SET location_id = $2, name = $3, description = $4, capacity = $5,
			equipment = $6, accessible = $7, bookable_by = $8, needs_approval = $9, max_minutes = $10, bookable_from = $11,
			bookable_until = $12, bookable_days = $13, checkin_required = $14, checkin_minutes = $15, updated_at = $16
			WHERE id = $1`,
			id, nullable(in.LocationID), in.Name, in.Description, in.Capacity, strings.Join(in.Equipment, " "), in.Accessible,
			strings.Join(in.BookableBy, " "), in.NeedsApproval, in.MaxMinutes, in.BookableFrom, in.BookableUntil,
			daysString(in.BookableDays), in.CheckInRequired, cm, s.now())
		if err != nil {
			return fmt.Errorf("update room: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "room", ObjectID: id,
			Label: in.Name, Summary: "room " + in.Name + " changed", Before: InputOf(before), After: in})
	})
	if err != nil {
		return Room{}, err
	}
	return s.get(ctx, id)
}

// SetActive archives (active false) or restores a room. An archived room
// takes no new bookings and is hidden from everyone but the Office Manager;
// its existing bookings stay. Forbidden unless actor is the Office Manager;
// NotFound for an unknown room.
func (s *Service) SetActive(ctx context.Context, actor *authz.Actor, id string, active bool) error {
	if !MayManage(actor) {
		return apperr.Forbiddenf("only the Office Manager manages rooms")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := s.lockRoom(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Active == active {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE rooms SET active = $2, updated_at = $3 WHERE id = $1`, id, active, s.now()); err != nil {
			return fmt.Errorf("archive room: %w", err)
		}
		action, sum := "archive", "room "+r.Name+" archived"
		if active {
			action, sum = "restore", "room "+r.Name+" restored"
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: action, ObjectType: "room", ObjectID: id, Label: r.Name, Summary: sum})
	})
}

// Location is one of the organization's locations, as rooms name them.
type Location struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Locations lists the organization's locations by name, for choosing where
// a room is and for filtering rooms. Anyone logged in may list them.
func (s *Service) Locations(ctx context.Context, actor *authz.Actor) ([]Location, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthorized, "log in to see rooms")
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name FROM locations ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list locations: %w", err)
	}
	defer rows.Close()
	out := []Location{}
	for rows.Next() {
		var l Location
		if err := rows.Scan(&l.ID, &l.Name); err != nil {
			return nil, fmt.Errorf("list locations: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
