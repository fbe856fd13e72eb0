package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

// departmentSelect reads a Department from departments d; PeopleCount
// counts active people.
const departmentSelect = `SELECT d.id, d.name, COALESCE(d.parent_id, ''), COALESCE(pd.name, ''),
		(SELECT count(*) FROM people p WHERE p.department_id = d.id AND p.active),
		d.created_at, d.updated_at
	FROM departments d
	LEFT JOIN departments pd ON pd.id = d.parent_id`

func scanDepartment(sc interface{ Scan(...any) error }) (Department, error) {
	var d Department
	err := sc.Scan(&d.ID, &d.Name, &d.ParentID, &d.ParentName, &d.PeopleCount, &d.CreatedAt, &d.UpdatedAt)
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return d, err
}

var errDepartmentNotFound = apperr.NotFoundf("department not found")

func getDepartment(ctx context.Context, q db.Querier, id string) (Department, error) {
	d, err := scanDepartment(q.QueryRowContext(ctx, departmentSelect+" WHERE d.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Department{}, errDepartmentNotFound
	}
	if err != nil {
		return Department{}, fmt.Errorf("read department: %w", err)
	}
	return d, nil
}

// Departments returns every department ordered by name, with the number of
// active people in each. It returns a Forbidden error unless the actor holds
// authz.PeopleRead.
func (s *Service) Departments(ctx context.Context, actor *authz.Actor) ([]Department, error) {
	if !actor.Can(authz.PeopleRead) {
		return nil, apperr.Forbiddenf("you may not see the departments")
	}
	rows, err := s.DB.R.QueryContext(ctx, departmentSelect+" ORDER BY lower(d.name), d.name, d.id")
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	defer rows.Close()
	out := []Department{}
	for rows.Next() {
		d, err := scanDepartment(rows)
		if err != nil {
			return nil, fmt.Errorf("list departments: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	return out, nil
}

// Department returns one department. It returns a Forbidden error unless the
// actor holds authz.PeopleRead, and a NotFound error for an unknown id.
func (s *Service) Department(ctx context.Context, actor *authz.Actor, id string) (Department, error) {
	if !actor.Can(authz.PeopleRead) {
		return Department{}, apperr.Forbiddenf("you may not see the departments")
	}
	return getDepartment(ctx, s.DB.R, id)
}

// checkDepartment trims in and adds messages for name (required, unique
// regardless of case) and parent_id (must exist, and may not be the
// department itself or one of its sub-departments). selfID is "" for a new
// department.
func checkDepartment(ctx context.Context, q db.Querier, in DepartmentInput, selfID string) (DepartmentInput, error) {
	var f apperr.Fields
	in.Name = strings.TrimSpace(in.Name)
	in.ParentID = strings.TrimSpace(in.ParentID)
	if m := checkText(in.Name, true, maxNameLen); m != "" {
		f.Add("name", m)
	} else {
		var other string
		err := q.QueryRowContext(ctx, `SELECT id FROM departments WHERE lower(name) = lower($1)`, in.Name).Scan(&other)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return in, fmt.Errorf("check department name: %w", err)
		case other != selfID:
			f.Add("name", msgInUse)
		}
	}
	if in.ParentID != "" {
		if in.ParentID == selfID {
			f.Add("parent_id", "cannot be the department itself")
		} else if ok, err := exists(ctx, q, `SELECT 1 FROM departments WHERE id = $1`, in.ParentID); err != nil {
			return in, err
		} else if !ok {
			f.Add("parent_id", msgNotExisting)
		} else if selfID != "" {
			loop, err := makesLoop(ctx, q, `SELECT parent_id FROM departments WHERE id = $1`, selfID, in.ParentID)
			if err != nil {
				return in, err
			}
			if loop {
				f.Add("parent_id", "is part of this department; that would make a loop")
			}
		}
	}
	return in, f.Err()
}

// nameTaken turns a unique violation on a name into the field error.
func nameTaken(err error) error {
	if db.IsUniqueViolation(err, "name") {
		var f apperr.Fields
		f.Add("name", msgInUse)
		return f.Err()
	}
	return err
}

// CreateDepartment adds a department.
//
// It returns a Forbidden error unless the actor holds
// authz.DepartmentsManage, and an Invalid error with messages for name and
// parent_id.
func (s *Service) CreateDepartment(ctx context.Context, actor *authz.Actor, in DepartmentInput) (Department, error) {
	if !actor.Can(authz.DepartmentsManage) {
		return Department{}, apperr.Forbiddenf("you may not change departments")
	}
	now := s.Clock.Now().UTC()
	id := uuid.Must(uuid.NewV7()).String()
	var d Department
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		in, err := checkDepartment(ctx, tx, in, "")
		if err != nil {
			return err
		}
		if err := insertDepartment(ctx, tx, id, in, now); err != nil {
			return err
		}
		if d, err = getDepartment(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "create", ObjectType: "department", ObjectID: id, Label: d.Name,
			Summary: "created department " + d.Name, After: d})
	})
	if err != nil {
		return Department{}, err
	}
	return d, nil
}

func insertDepartment(ctx context.Context, q db.Querier, id string, in DepartmentInput, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO departments (id, name, parent_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, in.Name, nullable(in.ParentID), now)
	if err != nil {
		return nameTaken(fmt.Errorf("insert department: %w", err))
	}
	return nil
}

// UpdateDepartment renames department id or moves it under another parent.
//
// It returns a Forbidden error unless the actor holds
// authz.DepartmentsManage, a NotFound error for an unknown id, and an
// Invalid error with messages for name and parent_id.
func (s *Service) UpdateDepartment(ctx context.Context, actor *authz.Actor, id string, in DepartmentInput) (Department, error) {
	if !actor.Can(authz.DepartmentsManage) {
		return Department{}, apperr.Forbiddenf("you may not change departments")
	}
	now := s.Clock.Now().UTC()
	var after Department
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getDepartment(ctx, tx, id)
		if err != nil {
			return err
		}
		in, err := checkDepartment(ctx, tx, in, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE departments SET name = $1, parent_id = $2, updated_at = $3 WHERE id = $4`,
			in.Name, nullable(in.ParentID), now, id); err != nil {
			return nameTaken(fmt.Errorf("update department: %w", err))
		}
		if after, err = getDepartment(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "department", ObjectID: id, Label: after.Name,
			Summary: "changed department " + after.Name, Before: before, After: after})
	})
	if err != nil {
		return Department{}, err
	}
	return after, nil
}

// DeleteDepartment removes department id. Its people keep working without a
// department and its sub-departments move to the top level.
//
// It returns a Forbidden error unless the actor holds
// authz.DepartmentsManage, and a NotFound error for an unknown id.
func (s *Service) DeleteDepartment(ctx context.Context, actor *authz.Actor, id string) error {
	if !actor.Can(authz.DepartmentsManage) {
		return apperr.Forbiddenf("you may not change departments")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getDepartment(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM departments WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete department: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "delete", ObjectType: "department", ObjectID: id, Label: before.Name,
			Summary: "deleted department " + before.Name, Before: before})
	})
}
