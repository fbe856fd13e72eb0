// Package catalogedit lets an organization adjust the role catalog without
// losing its defaults: a salary range of its own for a role, and roles of
// its own (an Executive Assistant, a Facility Manager) based on an existing
// role, whose permissions they start from. The embedded catalog stays as it
// is; the changes are stored and merged over it, and the merged catalog and
// the role definitions made from it are put in force at once.
package catalogedit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/db"
)

// Service adjusts the catalog in force.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
	Base  *catalog.Catalog // the embedded catalog
	Book  *catalog.Book    // the catalog in force, replaced after each change
	Roles *authz.Roles     // the role definitions in force, replaced likewise
}

// Change is one stored change with who made it and when.
type Change struct {
	catalog.Change
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	Custom    bool      `json:"custom"` // the role is the organization's own
}

// SalaryInput is a salary range of the organization's own, in whole euros
// gross per month.
type SalaryInput struct {
	Average int    `json:"average"`
	Min     int    `json:"min"`
	Max     int    `json:"max"`
	AsOf    string `json:"as_of"`  // date of the figures, YYYY-MM-DD
	Source  string `json:"source"` // where the figures come from, e.g. "CAO 2026" or "own salary survey"
}

// RoleInput is a role of the organization's own. Texts left empty are taken
// from the role it is based on.
type RoleInput struct {
	Key       string       `json:"key"` // lower-case letters, digits and underscores, e.g. executive_assistant
	Name      catalog.Text `json:"name"`
	Summary   catalog.Text `json:"summary"`
	BasedOn   string       `json:"based_on"` // the role whose permissions and description it starts from
	Scope     catalog.Text `json:"scope,omitzero"`
	Authority catalog.Text `json:"authority,omitzero"`
	Salary    *SalaryInput `json:"salary,omitempty"`
}

// Load reads the stored changes and puts the merged catalog and its role
// definitions in force. spil calls it at start, after every change and now
// and then, so that several instances on one database agree.
func (s *Service) Load(ctx context.Context) error {
	changes, err := s.load(ctx, s.DB.R)
	if err != nil {
		return err
	}
	return s.apply(changes)
}

func (s *Service) apply(changes []Change) error {
	plain := make([]catalog.Change, len(changes))
	for i, c := range changes {
		plain[i] = c.Change
	}
	merged, err := catalog.Merge(s.Base, plain)
	if err != nil {
		return err
	}
	if err := s.Roles.Replace(merged); err != nil {
		return err
	}
	s.Book.Set(merged)
	return nil
}

func (s *Service) load(ctx context.Context, q db.Querier) ([]Change, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.role_key, c.change, c.updated_at, COALESCE(p.name, '')
		FROM catalog_changes c LEFT JOIN people p ON p.id = c.updated_by ORDER BY c.updated_at, c.role_key`)
	if err != nil {
		return nil, fmt.Errorf("load catalog changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var data string
		if err := rows.Scan(&c.Key, &data, &c.UpdatedAt, &c.UpdatedBy); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &c.Change); err != nil {
			return nil, fmt.Errorf("catalog change for %s: %w", c.Key, err)
		}
		c.Custom = c.Role != nil
		out = append(out, c)
	}
	return out, rows.Err()
}

// Changes lists the organization's changes, oldest first. It needs
// authz.CatalogEdit (Forbidden otherwise).
func (s *Service) Changes(ctx context.Context, actor *authz.Actor) ([]Change, error) {
	if !actor.Can(authz.CatalogEdit) {
		return nil, apperr.Forbiddenf("you may not adjust the role catalog")
	}
	return s.load(ctx, s.DB.R)
}

// SetSalary gives role key a salary range of the organization's own, which
// the comparison page and the staffing advisor then use.
//
// Errors: Forbidden without authz.CatalogEdit; NotFound for an unknown role;
// Invalid (fields min, average, max, as_of, source) when the range does not
// hold together.
func (s *Service) SetSalary(ctx context.Context, actor *authz.Actor, key string, in SalaryInput) error {
	if !actor.Can(authz.CatalogEdit) {
		return apperr.Forbiddenf("you may not adjust the role catalog")
	}
	salary, err := checkSalary(in, "")
	if err != nil {
		return err
	}
	return s.change(ctx, actor, key, func(before *catalog.Change, exists bool) (*catalog.Change, audit.Change, error) {
		if _, ok := s.Book.Current().Role(key); !ok {
			return nil, audit.Change{}, apperr.NotFoundf("no role %q in the catalog", key)
		}
		next := catalog.Change{Key: key, Salary: salary}
		if exists {
			next.Role = before.Role
		}
		return &next, audit.Change{Action: "set_salary", ObjectType: "catalog_role", ObjectID: key, Label: key,
			Summary: fmt.Sprintf("set the salary range of role %s to €%d–€%d (average €%d)", key, salary.Min, salary.Max, salary.Average),
			After:   salary}, nil
	})
}

// ResetSalary drops the organization's salary range for role key, so the
// catalog's own figures apply again (a role of the organization's own is
// left without a salary).
//
// Errors: Forbidden without authz.CatalogEdit; NotFound when the role has no
// salary of the organization's own.
func (s *Service) ResetSalary(ctx context.Context, actor *authz.Actor, key string) error {
	if !actor.Can(authz.CatalogEdit) {
		return apperr.Forbiddenf("you may not adjust the role catalog")
	}
	return s.change(ctx, actor, key, func(before *catalog.Change, exists bool) (*catalog.Change, audit.Change, error) {
		if !exists || before.Salary == nil {
			return nil, audit.Change{}, apperr.NotFoundf("role %q has no salary range of the organization's own", key)
		}
		var next *catalog.Change
		if before.Role != nil {
			next = &catalog.Change{Key: key, Role: before.Role}
		}
		return next, audit.Change{Action: "reset_salary", ObjectType: "catalog_role", ObjectID: key, Label: key,
			Summary: "restored the catalog's salary range of role " + key, Before: before.Salary}, nil
	})
}

var roleKey = regexp.MustCompile(`^[a-z][a-z0-9_]{2,39}$`)

// AddRole adds a role of the organization's own. It starts from the role it
// is based on: its permissions, and its description where the input leaves
// texts empty. Basing a role on the administrator needs authz.RolesAssign.
//
// Errors: Forbidden without authz.CatalogEdit (or RolesAssign as above);
// Invalid (fields key, name, summary, based_on, salary.*) for a bad key, a
// key in use, missing names or an unknown base role.
func (s *Service) AddRole(ctx context.Context, actor *authz.Actor, in RoleInput) (catalog.Role, error) {
	if !actor.Can(authz.CatalogEdit) {
		return catalog.Role{}, apperr.Forbiddenf("you may not adjust the role catalog")
	}
	var f apperr.Fields
	in.Key = strings.TrimSpace(in.Key)
	cur := s.Book.Current()
	switch {
	case !roleKey.MatchString(in.Key):
		f.Add("key", "use 3 to 40 lower-case letters, digits and underscores, starting with a letter")
	default:
		if _, taken := cur.Role(in.Key); taken {
			f.Add("key", "already in use")
		}
	}
	in.Name = trimText(in.Name)
	in.Summary = trimText(in.Summary)
	checkText(&f, "name", in.Name, 80)
	checkText(&f, "summary", in.Summary, 400)
	base, ok := cur.Role(in.BasedOn)
	if !ok {
		f.Add("based_on", "choose the role this one starts from")
	}
	var salary *catalog.Salary
	if in.Salary != nil {
		sal, err := checkSalary(*in.Salary, "salary.")
		if err != nil {
			for k, v := range apperr.FieldsOf(err) {
				f.Add(k, v)
			}
		}
		salary = sal
	}
	if err := f.Err(); err != nil {
		return catalog.Role{}, err
	}
	if in.BasedOn == authz.RoleAdmin && !actor.Can(authz.RolesAssign) {
		return catalog.Role{}, apperr.Forbiddenf("only an administrator may base a role on the administrator")
	}
	r := catalog.Role{Key: in.Key, Kind: base.Kind, Name: fillText(in.Name), Summary: fillText(in.Summary),
		Scope: orText(in.Scope, base.Scope), Responsibility: base.Responsibility, Authority: orText(in.Authority, base.Authority),
		Focus: base.Focus, Competencies: base.Competencies, SoftSkills: base.SoftSkills, DigitalSkills: base.DigitalSkills,
		Education: base.Education, Traits: base.Traits, Salary: salary, Permissions: slices.Clone(base.Permissions)}
	err := s.change(ctx, actor, in.Key, func(_ *catalog.Change, exists bool) (*catalog.Change, audit.Change, error) {
		if exists {
			return nil, audit.Change{}, apperr.Conflictf("role %q exists already", in.Key)
		}
		return &catalog.Change{Key: in.Key, Role: &r}, audit.Change{Action: "add_role", ObjectType: "catalog_role", ObjectID: in.Key,
			Label: in.Name.NL, Summary: fmt.Sprintf("added role %s (%s), based on %s", in.Name.EN, in.Key, in.BasedOn), After: r}, nil
	})
	if err != nil {
		return catalog.Role{}, err
	}
	return r, nil
}

// DeleteRole removes a role of the organization's own. A role someone holds
// is not removed: that would take their permissions away unseen.
//
// Errors: Forbidden without authz.CatalogEdit; NotFound for a role that is
// not the organization's own; Conflict, naming the people, when anyone holds
// the role.
func (s *Service) DeleteRole(ctx context.Context, actor *authz.Actor, key string) error {
	if !actor.Can(authz.CatalogEdit) {
		return apperr.Forbiddenf("you may not adjust the role catalog")
	}
	return s.change(ctx, actor, key, func(before *catalog.Change, exists bool) (*catalog.Change, audit.Change, error) {
		if !exists || before.Role == nil {
			if _, builtIn := s.Base.Role(key); builtIn {
				return nil, audit.Change{}, apperr.Conflictf("role %s is part of spil's catalog and cannot be removed; you can change its salary range", key)
			}
			return nil, audit.Change{}, apperr.NotFoundf("no role %q of the organization's own", key)
		}
		return nil, audit.Change{Action: "delete_role", ObjectType: "catalog_role", ObjectID: key, Label: before.Role.Name.NL,
			Summary: "removed role " + key, Before: before.Role}, nil
	})
}

// change runs one change in a transaction: decide gets the stored change for
// key (if any) and returns the change to store (nil to remove it) and its
// audit record. The merged catalog must still check out and no one may hold
// a role that disappears; then the new catalog is put in force.
func (s *Service) change(ctx context.Context, actor *authz.Actor, key string,
	decide func(before *catalog.Change, exists bool) (*catalog.Change, audit.Change, error)) error {
	var next []Change
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		all, err := s.load(ctx, tx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(c Change) bool { return c.Key == key })
		var before *catalog.Change
		if i >= 0 {
			before = &all[i].Change
		}
		after, rec, err := decide(before, i >= 0)
		if err != nil {
			return err
		}
		if before != nil && before.Role != nil && (after == nil || after.Role == nil) {
			if err := nobodyHolds(ctx, tx, key); err != nil {
				return err
			}
		}
		now := s.Clock.Now().UTC()
		var by any
		if actor.PersonID != "" {
			by = actor.PersonID
		}
		switch {
		case after == nil:
			if _, err := tx.ExecContext(ctx, `DELETE FROM catalog_changes WHERE role_key = $1`, key); err != nil {
				return fmt.Errorf("remove catalog change: %w", err)
			}
			all = slices.Delete(all, i, i+1)
		default:
			data, err := json.Marshal(after)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO catalog_changes (role_key, change, updated_at, updated_by) VALUES ($1, $2, $3, $4)
				ON CONFLICT (role_key) DO UPDATE SET change = excluded.change, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
				key, string(data), now, by); err != nil {
				return fmt.Errorf("store catalog change: %w", err)
			}
			c := Change{Change: *after, UpdatedAt: now, Custom: after.Role != nil}
			if i >= 0 {
				all[i] = c
			} else {
				all = append(all, c)
			}
		}
		plain := make([]catalog.Change, len(all))
		for j, c := range all {
			plain[j] = c.Change
		}
		merged, err := catalog.Merge(s.Base, plain)
		if err != nil {
			return apperr.Errorf(apperr.Invalid, "the catalog would not hold together: %v", err)
		}
		if _, err := authz.FromCatalog(merged); err != nil {
			return apperr.Errorf(apperr.Invalid, "the catalog would not hold together: %v", err)
		}
		next = all
		return audit.Record(ctx, tx, s.Clock, actor, rec)
	})
	if err != nil {
		return err
	}
	return s.apply(next)
}

// nobodyHolds refuses, naming them, when people hold role key.
func nobodyHolds(ctx context.Context, q db.Querier, key string) error {
	rows, err := q.QueryContext(ctx, `SELECT p.name FROM role_assignments r JOIN people p ON p.id = r.person_id
		WHERE r.role = $1 ORDER BY p.name LIMIT 6`, key)
	if err != nil {
		return fmt.Errorf("check role holders: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(names) == 0 {
		return nil
	}
	list := strings.Join(names, ", ")
	if len(names) > 5 {
		list = strings.Join(names[:5], ", ") + " and others"
	}
	return apperr.Conflictf("role %s is held by %s; take the role from them first", key, list)
}

func checkSalary(in SalaryInput, prefix string) (*catalog.Salary, error) {
	var f apperr.Fields
	if in.Min <= 0 {
		f.Add(prefix+"min", "enter a positive amount")
	}
	if in.Max > 100000 {
		f.Add(prefix+"max", "enter a monthly amount below € 100.000")
	}
	if in.Min > in.Average {
		f.Add(prefix+"average", "must lie between the lowest and the highest amount")
	}
	if in.Average > in.Max {
		f.Add(prefix+"average", "must lie between the lowest and the highest amount")
	}
	if _, err := time.Parse("2006-01-02", in.AsOf); err != nil {
		f.Add(prefix+"as_of", "enter the date of the figures as YYYY-MM-DD")
	}
	src := strings.TrimSpace(in.Source)
	if src == "" {
		f.Add(prefix+"source", "say where the figures come from")
	} else if utf8.RuneCountInString(src) > 200 || !utf8.ValidString(src) {
		f.Add(prefix+"source", "use at most 200 characters of plain text")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return &catalog.Salary{Currency: "EUR", Average: in.Average, Min: in.Min, Max: in.Max, AsOf: in.AsOf,
		Source: catalog.Text{NL: src, EN: src}}, nil
}

func trimText(t catalog.Text) catalog.Text {
	return catalog.Text{NL: strings.TrimSpace(t.NL), EN: strings.TrimSpace(t.EN)}
}

// checkText asks for t in both languages; one given is used for the other.
func checkText(f *apperr.Fields, field string, t catalog.Text, max int) {
	switch {
	case t.NL == "" && t.EN == "":
		f.Add(field, "is required")
	case !utf8.ValidString(t.NL+t.EN) || utf8.RuneCountInString(t.NL) > max || utf8.RuneCountInString(t.EN) > max:
		f.Add(field, fmt.Sprintf("use at most %d characters of plain text", max))
	}
}

func orText(t, fallback catalog.Text) catalog.Text {
	t = trimText(t)
	if t.NL == "" && t.EN == "" {
		return fallback
	}
	return fillText(t)
}

func fillText(t catalog.Text) catalog.Text {
	if t.NL == "" {
		t.NL = t.EN
	}
	if t.EN == "" {
		t.EN = t.NL
	}
	return t
}
