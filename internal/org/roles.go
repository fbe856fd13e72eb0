package org

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

var errMayNotAssign = apperr.Forbiddenf("you may not assign roles")

// normalizeRoles trims and lower-cases role keys, drops empty ones and
// duplicates, and sorts them; the result is never nil.
func normalizeRoles(roles []string) []string {
	out := []string{}
	for _, r := range roles {
		r = strings.ToLower(strings.TrimSpace(r))
		if r != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// checkRoles returns a message naming the first unknown role key, or "".
func (s *Service) checkRoles(roles []string) string {
	for _, r := range roles {
		if _, ok := s.Roles.Get(r); !ok {
			return fmt.Sprintf("unknown role %q", r)
		}
	}
	return ""
}

func insertRoles(ctx context.Context, q db.Querier, personID string, roles []string, now time.Time) error {
	for _, r := range roles {
		if _, err := q.ExecContext(ctx, `INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`,
			personID, r, now); err != nil {
			return fmt.Errorf("assign role %s: %w", r, err)
		}
	}
	return nil
}

// replaceRoles changes a person's roles from old to roles, keeping the
// assignment date of the roles they keep.
func replaceRoles(ctx context.Context, q db.Querier, personID string, old, roles []string, now time.Time) error {
	var add []string
	for _, r := range roles {
		if !slices.Contains(old, r) {
			add = append(add, r)
		}
	}
	for _, r := range old {
		if !slices.Contains(roles, r) {
			if _, err := q.ExecContext(ctx, `DELETE FROM role_assignments WHERE person_id = $1 AND role = $2`, personID, r); err != nil {
				return fmt.Errorf("remove role %s: %w", r, err)
			}
		}
	}
	return insertRoles(ctx, q, personID, add, now)
}

// adminLockKey names the PostgreSQL advisory lock held by every transaction
// that may take away an administrator, so two of them cannot each remove
// "the other" last administrator. On SQLite writers are serialized anyway.
const adminLockKey = 0x5350494c01 // "SPIL" 1

// lockAdmins takes the administrators lock until tx ends (PostgreSQL only).
func (s *Service) lockAdmins(ctx context.Context, tx *sql.Tx) error {
	if s.DB.Dialect != db.Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(adminLockKey)); err != nil {
		return fmt.Errorf("lock administrators: %w", err)
	}
	return nil
}

// keepAnAdmin returns a Conflict error when before is an active
// administrator who would no longer be one (given the new active state and
// roles) and no other active administrator exists. Call it under lockAdmins.
func (s *Service) keepAnAdmin(ctx context.Context, tx *sql.Tx, before Person, active bool, roles []string) error {
	wasAdmin := before.Active && slices.Contains(before.Roles, authz.RoleAdmin)
	isAdmin := active && slices.Contains(roles, authz.RoleAdmin)
	if !wasAdmin || isAdmin {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people p
		JOIN role_assignments r ON r.person_id = p.id AND r.role = $1
		WHERE p.active AND p.id <> $2`, authz.RoleAdmin, before.ID).Scan(&n)
	if err != nil {
		return fmt.Errorf("count administrators: %w", err)
	}
	if n == 0 {
		return apperr.Conflictf("%s is the last active administrator; make someone else administrator first", before.Name)
	}
	return nil
}

// SetRoles replaces the roles of person personID with roles (keys from the
// role definitions; an empty list takes every role away).
//
// It returns a Forbidden error unless the actor holds authz.RolesAssign, a
// NotFound error for an unknown person, an Invalid error for field "roles"
// naming an unknown role, and a Conflict error when it would take the admin
// role from the last active administrator.
func (s *Service) SetRoles(ctx context.Context, actor *authz.Actor, personID string, roles []string) (Person, error) {
	if !actor.Can(authz.RolesAssign) {
		return Person{}, errMayNotAssign
	}
	roles = normalizeRoles(roles)
	if m := s.checkRoles(roles); m != "" {
		var f apperr.Fields
		f.Add("roles", m)
		return Person{}, f.Err()
	}
	now := s.Clock.Now().UTC()
	var after Person
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockAdmins(ctx, tx); err != nil {
			return err
		}
		before, err := getPerson(ctx, tx, personID)
		if err != nil {
			return err
		}
		if slices.Equal(before.Roles, roles) {
			after = before
			return nil
		}
		if err := s.keepAnAdmin(ctx, tx, before, before.Active, roles); err != nil {
			return err
		}
		if err := replaceRoles(ctx, tx, personID, before.Roles, roles, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET updated_at = $1 WHERE id = $2`, now, personID); err != nil {
			return fmt.Errorf("touch person: %w", err)
		}
		if after, err = getPerson(ctx, tx, personID); err != nil {
			return err
		}
		summary := "set roles of " + after.Name + " to " + strings.Join(roles, ", ")
		if len(roles) == 0 {
			summary = "took all roles from " + after.Name
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "set_roles", ObjectType: "person", ObjectID: personID, Label: after.Name,
			Summary: summary, Before: before, After: after})
	})
	if err != nil {
		return Person{}, err
	}
	return after, nil
}
