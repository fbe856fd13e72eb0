package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
)

// personColumns and personJoins read a Person (without roles) from people p
// and its department, location and manager. CanLogIn: active, with a
// password or an unrevoked API token.
const (
	personColumns = `SELECT p.id, p.name, p.email, p.phone, p.job_title,
		COALESCE(p.department_id, ''), COALESCE(d.name, ''),
		COALESCE(p.location_id, ''), COALESCE(l.name, ''),
		COALESCE(p.manager_id, ''), COALESCE(m.name, ''),
		p.language, p.active,
		(p.active AND (p.password_hash <> '' OR EXISTS (SELECT 1 FROM api_tokens t WHERE t.person_id = p.id AND t.revoked_at IS NULL))),
		p.created_at, p.updated_at`
	personJoins = `
	LEFT JOIN departments d ON d.id = p.department_id
	LEFT JOIN locations l ON l.id = p.location_id
	LEFT JOIN people m ON m.id = p.manager_id`
	personSelect = personColumns + " FROM people p" + personJoins
)

func scanPerson(sc interface{ Scan(...any) error }) (Person, error) {
	var p Person
	err := sc.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, &p.JobTitle,
		&p.DepartmentID, &p.DepartmentName, &p.LocationID, &p.LocationName,
		&p.ManagerID, &p.ManagerName, &p.Language, &p.Active, &p.CanLogIn,
		&p.CreatedAt, &p.UpdatedAt)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	p.Roles = []string{}
	return p, err
}

var errPersonNotFound = apperr.NotFoundf("person not found")

// getPerson reads one person with roles; NotFound when missing.
func getPerson(ctx context.Context, q db.Querier, id string) (Person, error) {
	return getPersonWhere(ctx, q, "p.id = $1", id)
}

func getPersonWhere(ctx context.Context, q db.Querier, where string, arg any) (Person, error) {
	p, err := scanPerson(q.QueryRowContext(ctx, personSelect+" WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, errPersonNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("read person: %w", err)
	}
	roles, err := authz.LoadRoles(ctx, q, p.ID)
	if err != nil {
		return Person{}, err
	}
	if roles != nil {
		slices.Sort(roles) // the database's collation may differ
		p.Roles = roles
	}
	return p, nil
}

// canSee reports whether actor may read person id: with people.read, or
// their own record.
func canSee(actor *authz.Actor, id string) bool {
	return actor.Can(authz.PeopleRead) || (actor != nil && actor.PersonID != "" && actor.PersonID == id)
}

// Person returns the person with id, including roles and the names of their
// department, location and manager. An actor sees anyone with
// authz.PeopleRead, otherwise only themselves; a person the actor may not see
// answers a NotFound error, like a missing one.
func (s *Service) Person(ctx context.Context, actor *authz.Actor, id string) (Person, error) {
	if !canSee(actor, id) {
		return Person{}, errPersonNotFound
	}
	return getPerson(ctx, s.DB.R, id)
}

// PersonByEmail is Person looked up by e-mail address (any case, surrounding
// spaces ignored), with the same rules and errors.
func (s *Service) PersonByEmail(ctx context.Context, actor *authz.Actor, email string) (Person, error) {
	p, err := getPersonWhere(ctx, s.DB.R, "p.email = $1", normalizeEmail(email))
	if err != nil {
		return Person{}, err
	}
	if !canSee(actor, p.ID) {
		return Person{}, errPersonNotFound
	}
	return p, nil
}

// ListPeople returns one page of the people matching f, ordered by name,
// with their roles, and the number of people matching f in all. A Limit of 0
// means 50; more than 500 means 500.
//
// It returns a Forbidden error unless the actor holds authz.PeopleRead.
func (s *Service) ListPeople(ctx context.Context, actor *authz.Actor, f PeopleFilter) ([]Person, int, error) {
	if !actor.Can(authz.PeopleRead) {
		return nil, 0, apperr.Forbiddenf("you may not see the staff directory")
	}
	cond, args := peopleWhere(f)
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}

	var total int
	if err := s.DB.R.QueryRowContext(ctx, "SELECT count(*) FROM people p"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count people: %w", err)
	}
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = 50
	case limit > 500:
		limit = 500
	}
	offset := max(f.Offset, 0)
	if total == 0 || offset >= total {
		return []Person{}, total, nil
	}
	// The page is chosen from people alone; only its rows are joined.
	q := personColumns + ` FROM (SELECT p.id, p.sort_name FROM people p` + cond +
		` ORDER BY p.sort_name, p.id LIMIT ` + arg(limit) + ` OFFSET ` + arg(offset) + `) pg
		JOIN people p ON p.id = pg.id` + personJoins + ` ORDER BY pg.sort_name, p.id`
	rows, err := s.DB.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	out := []Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list people: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	if err := fillRoles(ctx, s.DB.R, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// fillRoles loads the roles of people in one query.
func fillRoles(ctx context.Context, q db.Querier, people []Person) error {
	if len(people) == 0 {
		return nil
	}
	idx := make(map[string]int, len(people))
	ph := make([]string, len(people))
	args := make([]any, len(people))
	for i, p := range people {
		idx[p.ID] = i
		ph[i] = fmt.Sprintf("$%d", i+1)
		args[i] = p.ID
	}
	rows, err := q.QueryContext(ctx, `SELECT person_id, role FROM role_assignments WHERE person_id IN (`+
		strings.Join(ph, ", ")+`) `, args...)
	if err != nil {
		return fmt.Errorf("load roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, role string
		if err := rows.Scan(&id, &role); err != nil {
			return fmt.Errorf("load roles: %w", err)
		}
		if i, ok := idx[id]; ok {
			people[i].Roles = append(people[i].Roles, role)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load roles: %w", err)
	}
	for i := range people {
		slices.Sort(people[i].Roles) // the database's collation may differ
	}
	return nil
}

// personRow is what insertPerson writes.
type personRow struct {
	ID, Name, Email, Phone, JobTitle    string
	DepartmentID, LocationID, ManagerID string
	Language                            string
	Active                              bool
	PasswordHash                        string
}

const insertPersonSQL = `INSERT INTO people (id, name, email, phone, job_title, department_id, location_id, manager_id,
		language, active, password_hash, password_changed_at, created_at, updated_at, sort_name, search_text)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15)`

func (r personRow) args(now time.Time) []any {
	var changed any
	if r.PasswordHash != "" {
		changed = now
	}
	return []any{r.ID, r.Name, r.Email, r.Phone, r.JobTitle, nullable(r.DepartmentID), nullable(r.LocationID),
		nullable(r.ManagerID), r.Language, r.Active, r.PasswordHash, changed, now,
		Fold(r.Name), SearchText(r.Name, r.Email, r.JobTitle)}
}

// insertPerson stores a new person. A clash on the e-mail address is an
// Invalid error for field "email".
func insertPerson(ctx context.Context, q db.Querier, r personRow, now time.Time) error {
	if _, err := q.ExecContext(ctx, insertPersonSQL, r.args(now)...); err != nil {
		if db.IsUniqueViolation(err, "email") {
			var f apperr.Fields
			f.Add("email", msgInUse)
			return f.Err()
		}
		return fmt.Errorf("insert person: %w", err)
	}
	return nil
}

// peopleWhere turns a filter into a WHERE clause on alias p and its arguments.
func peopleWhere(f PeopleFilter) (string, []any) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `p.search_text LIKE `+arg(db.Like(Fold(q)))+` ESCAPE '\'`)
	}
	if f.DepartmentID != "" {
		where = append(where, "p.department_id = "+arg(f.DepartmentID))
	}
	if f.LocationID != "" {
		where = append(where, "p.location_id = "+arg(f.LocationID))
	}
	if f.ManagerID != "" {
		where = append(where, "p.manager_id = "+arg(f.ManagerID))
	}
	if f.Role != "" {
		where = append(where, "EXISTS (SELECT 1 FROM role_assignments r WHERE r.person_id = p.id AND r.role = "+arg(f.Role)+")")
	}
	if f.ActiveOnly {
		where = append(where, "p.active")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	return cond, args
}

// CountPeople returns how many people match f, without reading them.
// It needs PeopleRead (Forbidden otherwise).
func (s *Service) CountPeople(ctx context.Context, actor *authz.Actor, f PeopleFilter) (int, error) {
	if !actor.Can(authz.PeopleRead) {
		return 0, apperr.Forbiddenf("you may not see the staff directory")
	}
	cond, args := peopleWhere(f)
	var n int
	if err := s.DB.R.QueryRowContext(ctx, "SELECT count(*) FROM people p"+cond, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	return n, nil
}
