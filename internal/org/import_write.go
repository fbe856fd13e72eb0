package org

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/audit"
	"spil/internal/authz"
)

// writeImport stores the rows without errors: first the departments they
// need, then the people, each manager before the people reporting to them.
func (s *Service) writeImport(ctx context.Context, tx *sql.Tx, actor *authz.Actor, plan *importPlan, refs importRefs, rep *ImportReport) error {
	now := s.Clock.Now().UTC().Truncate(time.Microsecond)
	var order []*importRow
	placed := make(map[*importRow]bool)
	var place func(r *importRow)
	place = func(r *importRow) {
		if placed[r] {
			return
		}
		placed[r] = true
		if r.managerLine >= 0 {
			place(plan.rows[r.managerLine])
		}
		order = append(order, r)
	}
	for _, r := range plan.rows {
		if len(r.errs) == 0 {
			place(r)
		}
	}
	if len(order) == 0 {
		return nil
	}

	for _, r := range plan.rows {
		if len(r.errs) > 0 || r.department == "" {
			continue
		}
		key := strings.ToLower(r.department)
		if _, ok := refs.departments[key]; ok {
			continue
		}
		in := DepartmentInput{Name: r.department}
		id := uuid.Must(uuid.NewV7()).String()
		if err := insertDepartment(ctx, tx, id, in, now); err != nil {
			return err
		}
		d := Department{ID: id, Name: in.Name, CreatedAt: now, UpdatedAt: now}
		if err := audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "create", ObjectType: "department", ObjectID: id, Label: d.Name,
			Summary: "created department " + d.Name + " (import)", After: d}); err != nil {
			return err
		}
		refs.departments[key] = named{id, in.Name}
		rep.CreatedDepartments = append(rep.CreatedDepartments, in.Name)
	}

	insert, err := tx.PrepareContext(ctx, insertPersonSQL)
	if err != nil {
		return fmt.Errorf("prepare import: %w", err)
	}
	defer insert.Close()
	people := make(map[*importRow]Person, len(order))
	for _, r := range order {
		dept := refs.departments[strings.ToLower(r.department)]
		mgr := r.manager
		if r.managerLine >= 0 {
			m := plan.rows[r.managerLine]
			mgr = named{m.row.ID, m.row.Name}
		}
		r.row.DepartmentID, r.row.LocationID, r.row.ManagerID = dept.id, r.location.id, mgr.id
		if _, err := insert.ExecContext(ctx, r.row.args(now)...); err != nil {
			return fmt.Errorf("import line %d: %w", r.line, err)
		}
		if err := insertRoles(ctx, tx, r.row.ID, r.roles, now); err != nil {
			return err
		}
		p := Person{ID: r.row.ID, Name: r.row.Name, Email: r.row.Email, Phone: r.row.Phone, JobTitle: r.row.JobTitle,
			DepartmentID: dept.id, DepartmentName: dept.name, LocationID: r.location.id, LocationName: r.location.name,
			ManagerID: mgr.id, ManagerName: mgr.name, Language: r.row.Language, Active: true, Roles: r.roles,
			CreatedAt: now, UpdatedAt: now}
		if err := audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "create", ObjectType: "person", ObjectID: p.ID, Label: p.Name,
			Summary: "created person " + p.Name + " (import)", After: p}); err != nil {
			return err
		}
		people[r] = p
	}
	for _, r := range plan.rows { // the report lists people in file order
		if p, ok := people[r]; ok {
			rep.People = append(rep.People, p)
		}
	}
	rep.Imported = len(rep.People)
	summary := fmt.Sprintf("imported %d people", rep.Imported)
	if rep.Imported == 1 {
		summary = "imported 1 person"
	}
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "import", ObjectType: "person", Summary: summary, Label: strconv.Itoa(rep.Imported),
		After: map[string]any{"rows": rep.Rows, "imported": rep.Imported, "errors": len(rep.Errors),
			"created_departments": rep.CreatedDepartments}})
}
