package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

// defaultRoles are the roles of a new person when none are given.
func defaultRoles() []string { return []string{authz.RoleEmployee} }

// cleanPersonInput trims and normalizes in and collects the messages that
// need no database: name, email, phone, job_title, language.
func cleanPersonInput(in PersonInput) (PersonInput, apperr.Fields) {
	var f apperr.Fields
	in.Name = strings.TrimSpace(in.Name)
	if m := checkText(in.Name, true, maxNameLen); m != "" {
		f.Add("name", m)
	}
	in.Email = normalizeEmail(in.Email)
	if m := checkEmail(in.Email); m != "" {
		f.Add("email", m)
	}
	in.Phone = strings.TrimSpace(in.Phone)
	if m := checkText(in.Phone, false, maxPhoneLen); m != "" {
		f.Add("phone", m)
	}
	in.JobTitle = strings.TrimSpace(in.JobTitle)
	if m := checkText(in.JobTitle, false, maxTextLen); m != "" {
		f.Add("job_title", m)
	}
	lang, m := personLanguage(in.Language)
	if m != "" {
		f.Add("language", m)
	}
	in.Language = lang
	in.DepartmentID = strings.TrimSpace(in.DepartmentID)
	in.LocationID = strings.TrimSpace(in.LocationID)
	in.ManagerID = strings.TrimSpace(in.ManagerID)
	return in, f
}

// checkPersonRefs adds messages for an e-mail address used by someone other
// than selfID ("" for a new person) and for a department, location or
// manager that does not exist, or a manager that closes a loop.
func checkPersonRefs(ctx context.Context, q db.Querier, in PersonInput, selfID string, f *apperr.Fields) error {
	var other string
	err := q.QueryRowContext(ctx, `SELECT id FROM people WHERE email = $1`, in.Email).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("check e-mail: %w", err)
	case other != selfID:
		f.Add("email", msgInUse)
	}
	refs := []struct{ field, id, query string }{
		{"department_id", in.DepartmentID, `SELECT 1 FROM departments WHERE id = $1`},
		{"location_id", in.LocationID, `SELECT 1 FROM locations WHERE id = $1`},
		{"manager_id", in.ManagerID, `SELECT 1 FROM people WHERE id = $1`},
	}
	for _, r := range refs {
		if r.id == "" {
			continue
		}
		ok, err := exists(ctx, q, r.query, r.id)
		if err != nil {
			return err
		}
		if !ok {
			f.Add(r.field, msgNotExisting)
		}
	}
	if selfID != "" && in.ManagerID != "" {
		if in.ManagerID == selfID {
			f.Add("manager_id", "cannot be the person themselves")
		} else if loop, err := makesLoop(ctx, q, `SELECT manager_id FROM people WHERE id = $1`, selfID, in.ManagerID); err != nil {
			return err
		} else if loop {
			f.Add("manager_id", "reports (indirectly) to this person; that would make a loop")
		}
	}
	return nil
}

// CreatePerson adds a person (without a password; identity sets those). Nil
// Roles means ["employee"]; any other roles need authz.RolesAssign. Active
// nil means active.
//
// It returns a Forbidden error unless the actor holds authz.PeopleManage
// (and authz.RolesAssign for roles other than the default), and an Invalid
// error with messages for name, email (also "already in use"), phone,
// job_title, language, department_id, location_id, manager_id and roles.
func (s *Service) CreatePerson(ctx context.Context, actor *authz.Actor, in PersonInput) (Person, error) {
	if !actor.Can(authz.PeopleManage) {
		return Person{}, apperr.Forbiddenf("you may not add people")
	}
	roles := defaultRoles()
	if in.Roles != nil {
		roles = normalizeRoles(in.Roles)
		if !slices.Equal(roles, defaultRoles()) && !actor.Can(authz.RolesAssign) {
			return Person{}, errMayNotAssign
		}
	}
	in, f := cleanPersonInput(in)
	if m := s.checkRoles(roles); m != "" {
		f.Add("roles", m)
	}
	active := in.Active == nil || *in.Active
	now := s.Clock.Now().UTC()
	id := uuid.Must(uuid.NewV7()).String()
	var p Person
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkPersonRefs(ctx, tx, in, "", &f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		err := insertPerson(ctx, tx, personRow{ID: id, Name: in.Name, Email: in.Email, Phone: in.Phone, JobTitle: in.JobTitle,
			DepartmentID: in.DepartmentID, LocationID: in.LocationID, ManagerID: in.ManagerID, Language: in.Language,
			Active: active}, now)
		if err != nil {
			return err
		}
		if err := insertRoles(ctx, tx, id, roles, now); err != nil {
			return err
		}
		if p, err = getPerson(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "create", ObjectType: "person", ObjectID: id, Label: p.Name,
			Summary: "created person " + p.Name, After: p})
	})
	if err != nil {
		return Person{}, err
	}
	return p, nil
}

// UpdatePerson replaces the editable fields of person id with in. Active nil
// leaves the active state as it is; Roles nil leaves the roles as they are,
// and changing them needs authz.RolesAssign. Only an actor who may assign
// roles may change an administrator's e-mail address or active state, so
// nobody can take over or lock out an administrator account without being
// one.
//
// It returns a Forbidden error unless the actor holds authz.PeopleManage (see
// above for roles and administrators), a NotFound error for an unknown id,
// an Invalid error as CreatePerson does — manager_id also when the manager is
// the person or reports to them —, and a Conflict error when the change
// would leave no active administrator. Deactivating a person ends their
// sessions and revokes their API tokens.
func (s *Service) UpdatePerson(ctx context.Context, actor *authz.Actor, id string, in PersonInput) (Person, error) {
	if !actor.Can(authz.PeopleManage) {
		return Person{}, apperr.Forbiddenf("you may not change people")
	}
	var newRoles []string
	if in.Roles != nil {
		newRoles = normalizeRoles(in.Roles)
	}
	in, f := cleanPersonInput(in)
	if newRoles != nil {
		if m := s.checkRoles(newRoles); m != "" {
			f.Add("roles", m)
		}
	}
	now := s.Clock.Now().UTC()
	var after Person
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockAdmins(ctx, tx); err != nil {
			return err
		}
		before, err := getPerson(ctx, tx, id)
		if err != nil {
			return err
		}
		roles := before.Roles
		if newRoles != nil && !slices.Equal(newRoles, before.Roles) {
			if !actor.Can(authz.RolesAssign) {
				return errMayNotAssign
			}
			roles = newRoles
		}
		active := before.Active
		if in.Active != nil {
			active = *in.Active
		}
		if slices.Contains(before.Roles, authz.RoleAdmin) && !actor.Can(authz.RolesAssign) &&
			(in.Email != before.Email || active != before.Active) {
			return apperr.Forbiddenf("only an administrator may change the e-mail address or active state of an administrator")
		}
		if err := checkPersonRefs(ctx, tx, in, id, &f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := s.keepAnAdmin(ctx, tx, before, active, roles); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE people SET name = $1, email = $2, phone = $3, job_title = $4, department_id = $5,
				location_id = $6, manager_id = $7, language = $8, active = $9, updated_at = $10,
				sort_name = $12, search_text = $13 WHERE id = $11`,
			in.Name, in.Email, in.Phone, in.JobTitle, nullable(in.DepartmentID), nullable(in.LocationID),
			nullable(in.ManagerID), in.Language, active, now, id, Fold(in.Name), SearchText(in.Name, in.Email, in.JobTitle))
		if err != nil {
			if db.IsUniqueViolation(err, "email") {
				f.Add("email", msgInUse)
				return f.Err()
			}
			return fmt.Errorf("update person: %w", err)
		}
		if err := replaceRoles(ctx, tx, id, before.Roles, roles, now); err != nil {
			return err
		}
		if before.Active && !active {
			// A deactivated person is out at once, and stays out when reactivated.
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = $1`, id); err != nil {
				return fmt.Errorf("end sessions: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL`, now, id); err != nil {
				return fmt.Errorf("revoke tokens: %w", err)
			}
		}
		if after, err = getPerson(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "person", ObjectID: id,
			Message: personChangeMessage(before, after), Label: after.Name, Summary: personChangeSummary(before, after), Before: before, After: after})
	})
	if err != nil {
		return Person{}, err
	}
	return after, nil
}

// personChangeMessage names an update for the audit log.
func personChangeMessage(before, after Person) string {
	switch {
	case before.Active && !after.Active:
		return "person.deactivate"
	case !before.Active && after.Active:
		return "person.reactivate"
	}
	return "person.update"
}

// personChangeSummary describes an update for the audit log.
func personChangeSummary(before, after Person) string {
	switch {
	case before.Active && !after.Active:
		return "deactivated person " + after.Name
	case !before.Active && after.Active:
		return "reactivated person " + after.Name
	}
	return "changed person " + after.Name
}

// UpdateProfile changes the actor's own phone number and language preference
// ("", "nl" or "en") — what everyone may change about themselves.
//
// It returns a Forbidden error for an actor who is not a person (the
// system), a NotFound error when their record is gone, and an Invalid error
// with messages for phone and language.
func (s *Service) UpdateProfile(ctx context.Context, actor *authz.Actor, phone, language string) (Person, error) {
	if actor == nil || actor.PersonID == "" {
		return Person{}, apperr.Forbiddenf("only a person has a profile")
	}
	var f apperr.Fields
	phone = strings.TrimSpace(phone)
	if m := checkText(phone, false, maxPhoneLen); m != "" {
		f.Add("phone", m)
	}
	lang, m := personLanguage(language)
	if m != "" {
		f.Add("language", m)
	}
	if err := f.Err(); err != nil {
		return Person{}, err
	}
	now := s.Clock.Now().UTC()
	var after Person
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getPerson(ctx, tx, actor.PersonID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET phone = $1, language = $2, updated_at = $3 WHERE id = $4`,
			phone, lang, now, actor.PersonID); err != nil {
			return fmt.Errorf("update profile: %w", err)
		}
		if after, err = getPerson(ctx, tx, actor.PersonID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "person", ObjectID: actor.PersonID, Message: "person.update_profile", Label: actor.Name,
			Summary: "changed own profile", Before: before, After: after})
	})
	if err != nil {
		return Person{}, err
	}
	return after, nil
}
