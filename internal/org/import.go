package org

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
)

// ImportPeople creates people from a CSV file: a header row, then one
// person per row. The delimiter (',', ';' or tab) is taken from the header
// row and a UTF-8 byte order mark is skipped, so files saved by Excel in
// either language work. Headers are matched regardless of case, in English
// or Dutch:
//
//	name / naam                      required
//	email / e-mail / e-mailadres     required, not yet in spil, once in the file
//	phone / telefoon
//	job_title / functie
//	department / afdeling            by name; created when missing
//	location / locatie               by name; must exist
//	manager_email / manager / leidinggevende
//	                                 e-mail of someone in spil or in the file
//	roles / rollen                   keys or names separated by '|' (or ','
//	                                 within quotes); empty means employee;
//	                                 others need authz.RolesAssign
//	language / taal                  nl or en, empty for the organization's
//
// Other columns are ignored. Every problem is reported as a RowError with
// the line in the file (the header is line 1) and the column's header as
// written. When there are problems and validOnly is false nothing is
// imported; with validOnly the rows without problems (whose managers can be
// imported too) are. Everything happens in one transaction and is audited:
// one entry per person and department created, and one for the import.
// The report's errors are returned with a nil error.
//
// It returns a Forbidden error unless the actor holds authz.PeopleImport,
// and an Invalid error (field "file") for a file over MaxImportBytes or
// MaxImportRows rows, or one that is not UTF-8.
func (s *Service) ImportPeople(ctx context.Context, actor *authz.Actor, r io.Reader, validOnly bool) (ImportReport, error) {
	if !actor.Can(authz.PeopleImport) {
		return ImportReport{}, apperr.Forbiddenf("you may not import people")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return ImportReport{}, fmt.Errorf("read import: %w", err)
	}
	if len(data) > MaxImportBytes {
		return ImportReport{}, importInvalid(fmt.Sprintf("the file is larger than %d MB; split it into smaller files", MaxImportBytes>>20))
	}
	file, problems, err := parseImport(data)
	if err != nil {
		return ImportReport{}, err
	}
	rep := ImportReport{Errors: []RowError{}}
	if len(problems) > 0 {
		rep.Errors = problems
		return rep, nil
	}
	rep.Rows = len(file.lines)
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		refs, err := loadImportRefs(ctx, tx)
		if err != nil {
			return err
		}
		plan := s.planImport(file, refs, actor)
		rep.Errors = plan.errors()
		if len(rep.Errors) > 0 && !validOnly {
			return nil
		}
		return s.writeImport(ctx, tx, actor, plan, refs, &rep)
	})
	if err != nil {
		return ImportReport{}, err
	}
	return rep, nil
}

type named struct{ id, name string }

// importRefs is what the rows of an import refer to, keyed by lower-cased
// name or by e-mail address.
type importRefs struct {
	departments map[string]named
	locations   map[string]named
	people      map[string]named
}

func loadImportRefs(ctx context.Context, q db.Querier) (importRefs, error) {
	refs := importRefs{}
	load := func(query string, key func(id, name, extra string) string) (map[string]named, error) {
		rows, err := q.QueryContext(ctx, query)
		if err != nil {
			return nil, fmt.Errorf("load import references: %w", err)
		}
		defer rows.Close()
		out := map[string]named{}
		for rows.Next() {
			var id, name, extra string
			if err := rows.Scan(&id, &name, &extra); err != nil {
				return nil, fmt.Errorf("load import references: %w", err)
			}
			out[key(id, name, extra)] = named{id, name}
		}
		return out, rows.Err()
	}
	byName := func(_, name, _ string) string { return strings.ToLower(name) }
	var err error
	if refs.departments, err = load(`SELECT id, name, '' FROM departments`, byName); err != nil {
		return refs, err
	}
	if refs.locations, err = load(`SELECT id, name, '' FROM locations`, byName); err != nil {
		return refs, err
	}
	refs.people, err = load(`SELECT id, name, email FROM people`, func(_, _, email string) string { return email })
	return refs, err
}

// importRow is one data row on its way to becoming a person.
type importRow struct {
	line        int
	row         personRow
	department  string // name as written; "" for none
	location    named
	manager     named // a person already in spil
	managerLine int   // or: the index in plan.rows of a person in the file; -1 for none
	roles       []string
	errs        []RowError
}

// importPlan is the checked content of a file.
type importPlan struct {
	rows []*importRow
}

func (p *importPlan) errors() []RowError {
	out := []RowError{}
	for _, r := range p.rows {
		out = append(out, r.errs...)
	}
	slices.SortStableFunc(out, func(a, b RowError) int { return a.Line - b.Line })
	return out
}

// planImport checks every row against the file and refs.
func (s *Service) planImport(f *importFile, refs importRefs, actor *authz.Actor) *importPlan {
	plan := &importPlan{}
	byEmail := map[string]int{} // e-mail → index of its first row
	roleKeys := s.roleLookup()
	for _, l := range f.lines {
		ir := &importRow{line: l.line, managerLine: -1}
		bad := func(col, msg string) {
			ir.errs = append(ir.errs, RowError{Line: l.line, Column: f.headers[col], Message: msg})
		}
		ir.row = personRow{ID: uuid.Must(uuid.NewV7()).String(), Active: true,
			Name: f.get(l, colName), Email: normalizeEmail(f.get(l, colEmail)),
			Phone: f.get(l, colPhone), JobTitle: f.get(l, colJobTitle)}
		if m := checkText(ir.row.Name, true, maxNameLen); m != "" {
			bad(colName, m)
		}
		if m := checkEmail(ir.row.Email); m != "" {
			bad(colEmail, m)
		} else if _, ok := refs.people[ir.row.Email]; ok {
			bad(colEmail, "already in use by someone in spil")
		} else if first, ok := byEmail[ir.row.Email]; ok {
			bad(colEmail, fmt.Sprintf("already used on line %d", plan.rows[first].line))
		} else {
			byEmail[ir.row.Email] = len(plan.rows)
		}
		if m := checkText(ir.row.Phone, false, maxPhoneLen); m != "" {
			bad(colPhone, m)
		}
		if m := checkText(ir.row.JobTitle, false, maxTextLen); m != "" {
			bad(colJobTitle, m)
		}
		ir.department = f.get(l, colDepartment)
		if m := checkText(ir.department, false, maxNameLen); m != "" {
			bad(colDepartment, m)
		}
		if name := f.get(l, colLocation); name != "" {
			if loc, ok := refs.locations[strings.ToLower(name)]; ok {
				ir.location = loc
			} else {
				bad(colLocation, fmt.Sprintf("there is no location named %q", name))
			}
		}
		lang, m := personLanguage(f.get(l, colLanguage))
		if m != "" {
			bad(colLanguage, m)
		}
		ir.row.Language = lang
		ir.roles = defaultRoles()
		if cell := f.get(l, colRoles); cell != "" {
			roles, unknown := parseRoleCell(cell, roleKeys)
			switch {
			case unknown != "":
				bad(colRoles, fmt.Sprintf("unknown role %q", unknown))
			case !slices.Equal(roles, defaultRoles()) && !actor.Can(authz.RolesAssign):
				bad(colRoles, "you may not assign roles")
			default:
				ir.roles = roles
			}
		}
		plan.rows = append(plan.rows, ir)
	}
	// Managers may be anywhere in the file, so they are resolved once every
	// row is known.
	for i, l := range f.lines {
		ir := plan.rows[i]
		cell := f.get(l, colManager)
		if cell == "" {
			continue
		}
		email := normalizeEmail(cell)
		col := f.headers[colManager]
		stored, inSpil := refs.people[email]
		j, inFile := byEmail[email]
		switch {
		case checkEmail(email) != "":
			ir.errs = append(ir.errs, RowError{Line: ir.line, Column: col, Message: "is not a valid e-mail address"})
		case email == ir.row.Email:
			ir.errs = append(ir.errs, RowError{Line: ir.line, Column: col, Message: "cannot be the person themselves"})
		case inSpil:
			ir.manager = stored
		case inFile:
			ir.managerLine = j
		default:
			ir.errs = append(ir.errs, RowError{Line: ir.line, Column: col, Message: fmt.Sprintf("nobody in spil or in this file has e-mail address %s", email)})
		}
	}
	plan.markLoops(f.headers[colManager])
	plan.markBadManagers(f.headers[colManager])
	// Within a line, report problems in the order of the file's columns.
	pos := map[string]int{}
	for key, header := range f.headers {
		pos[header] = f.columns[key]
	}
	for _, r := range plan.rows {
		slices.SortStableFunc(r.errs, func(a, b RowError) int { return pos[a.Column] - pos[b.Column] })
	}
	return plan
}

// markLoops reports rows whose managers within the file lead back to them.
func (p *importPlan) markLoops(col string) {
	const (
		unseen = iota
		walking
		done
	)
	state := make([]int, len(p.rows))
	for start := range p.rows {
		var path []int
		i := start
		for i >= 0 && state[i] == unseen {
			state[i] = walking
			path = append(path, i)
			i = p.rows[i].managerLine
		}
		if i >= 0 && state[i] == walking { // the walk met itself: i starts a loop
			loop := path[slices.Index(path, i):]
			lines := make([]string, len(loop))
			for k, j := range loop {
				lines[k] = fmt.Sprint(p.rows[j].line)
			}
			for _, j := range loop {
				p.rows[j].errs = append(p.rows[j].errs, RowError{Line: p.rows[j].line, Column: col,
					Message: "the managers on lines " + strings.Join(lines, ", ") + " form a loop"})
			}
		}
		for _, j := range path {
			state[j] = done
		}
	}
}

// markBadManagers reports rows whose manager in the file cannot be
// imported (directly or further up), in one pass over the manager chains.
// Run it after markLoops: every loop then holds a row with errors.
func (p *importPlan) markBadManagers(col string) {
	const (
		unknown = iota
		good
		bad
	)
	state := make([]int, len(p.rows))
	for start := range p.rows {
		var path []int // rows without errors of their own, each managed by the next
		i := start
		for i >= 0 && state[i] == unknown && len(p.rows[i].errs) == 0 && len(path) <= len(p.rows) {
			path = append(path, i)
			i = p.rows[i].managerLine
		}
		verdict := good
		if i >= 0 && (state[i] == bad || len(p.rows[i].errs) > 0 || len(path) > len(p.rows)) {
			verdict = bad
		}
		for k := len(path) - 1; k >= 0; k-- {
			r := p.rows[path[k]]
			state[path[k]] = verdict
			if verdict == bad {
				r.errs = append(r.errs, RowError{Line: r.line, Column: col,
					Message: fmt.Sprintf("the manager on line %d cannot be imported", p.rows[r.managerLine].line)})
			}
		}
	}
}

// roleLookup maps role keys and role names in both languages, lower-cased,
// to role keys.
func (s *Service) roleLookup() map[string]string {
	out := map[string]string{}
	for _, r := range s.Roles.All() {
		for _, n := range []string{r.Key, r.Name.NL, r.Name.EN} {
			if n != "" {
				out[strings.ToLower(n)] = r.Key
			}
		}
	}
	return out
}

// parseRoleCell reads a roles cell; it returns the sorted keys, or the first
// role it does not know.
func parseRoleCell(cell string, lookup map[string]string) ([]string, string) {
	var keys []string
	for _, w := range strings.FieldsFunc(cell, func(r rune) bool { return r == '|' || r == ',' || r == ';' }) {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		k, ok := lookup[strings.ToLower(w)]
		if !ok {
			return nil, w
		}
		keys = append(keys, k)
	}
	return normalizeRoles(keys), ""
}
