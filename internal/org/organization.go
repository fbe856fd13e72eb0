package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/password"
)

// Organization returns the organization's settings. Anyone may read them
// (the login page shows the name). It returns a NotFound error before Setup
// has run.
func (s *Service) Organization(ctx context.Context) (Organization, error) {
	return getOrganization(ctx, s.DB.R)
}

func getOrganization(ctx context.Context, q db.Querier) (Organization, error) {
	var o Organization
	err := q.QueryRowContext(ctx, `SELECT name, language, time_zone, created_at FROM organization WHERE id = 1`).
		Scan(&o.Name, &o.Language, &o.TimeZone, &o.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Organization{}, apperr.NotFoundf("spil has not been set up yet")
	}
	if err != nil {
		return Organization{}, fmt.Errorf("read organization: %w", err)
	}
	o.CreatedAt = o.CreatedAt.UTC()
	return o, nil
}

// IsSetUp reports whether Setup has run.
func (s *Service) IsSetUp(ctx context.Context) (bool, error) {
	var n int
	if err := s.DB.R.QueryRowContext(ctx, `SELECT count(*) FROM organization`).Scan(&n); err != nil {
		return false, fmt.Errorf("check setup: %w", err)
	}
	return n > 0, nil
}

// Setup is the first run: it creates the organization and its first
// administrator (a person with a password and the admin role), audited as
// done by that administrator. An empty Language means "nl", an empty
// TimeZone DefaultTimeZone.
//
// It returns an Invalid error with messages for organization_name, language,
// time_zone, admin_name, admin_email and admin_password, and a Conflict error
// when spil is already set up — also when two first runs race; only one wins.
func (s *Service) Setup(ctx context.Context, in SetupInput) (Person, error) {
	var f apperr.Fields
	orgName := strings.TrimSpace(in.OrganizationName)
	if m := checkText(orgName, true, maxNameLen); m != "" {
		f.Add("organization_name", m)
	}
	lang, m := orgLanguage(in.Language)
	if m != "" {
		f.Add("language", m)
	}
	tz := strings.TrimSpace(in.TimeZone)
	if tz == "" {
		tz = DefaultTimeZone
	}
	if m := checkTimeZone(tz); m != "" {
		f.Add("time_zone", m)
	}
	adminName := strings.TrimSpace(in.AdminName)
	if m := checkText(adminName, true, maxNameLen); m != "" {
		f.Add("admin_name", m)
	}
	email := normalizeEmail(in.AdminEmail)
	if m := checkEmail(email); m != "" {
		f.Add("admin_email", m)
	}
	if m := password.Check(in.AdminPassword); m != "" {
		f.Add("admin_password", m)
	}
	if err := f.Err(); err != nil {
		return Person{}, err
	}
	errSetUp := apperr.Conflictf("spil is already set up")
	// Checked before hashing, which is slow on purpose; the insert below
	// decides for real.
	if done, err := s.IsSetUp(ctx); err != nil {
		return Person{}, err
	} else if done {
		return Person{}, errSetUp
	}
	hash, err := password.Hash(in.AdminPassword, s.passwordParams())
	if err != nil {
		return Person{}, fmt.Errorf("hash password: %w", err)
	}

	now := s.Clock.Now().UTC()
	id := uuid.Must(uuid.NewV7()).String()
	admin := authz.NewActor(id, adminName, email, []string{authz.RoleAdmin}, s.Roles, nil)
	var p Person
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO organization (id, name, language, time_zone, created_at)
			VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, orgName, lang, tz, now)
		if err != nil {
			return fmt.Errorf("create organization: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errSetUp
		}
		if taken, err := exists(ctx, tx, `SELECT 1 FROM people WHERE email = $1`, email); err != nil {
			return err
		} else if taken {
			f.Add("admin_email", msgInUse)
			return f.Err()
		}
		err = insertPerson(ctx, tx, personRow{ID: id, Name: adminName, Email: email, Active: true, PasswordHash: hash}, now)
		if err != nil {
			return err
		}
		if err := insertRoles(ctx, tx, id, []string{authz.RoleAdmin}, now); err != nil {
			return err
		}
		o, err := getOrganization(ctx, tx)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, s.Clock, admin, audit.Change{Action: "create", ObjectType: "organization", Label: orgName,
			Summary: "set up organization " + orgName, After: o}); err != nil {
			return err
		}
		if p, err = getPerson(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, admin, audit.Change{Action: "create", ObjectType: "person", ObjectID: id, Message: "person.create_admin", Label: adminName,
			Summary: "created person " + adminName + " (administrator)", After: p})
	})
	if err != nil {
		return Person{}, err
	}
	return p, nil
}

// UpdateOrganization changes the organization's name, language and time
// zone (CreatedAt is ignored) and returns the stored result.
//
// It returns a Forbidden error unless the actor holds authz.OrgManage, an
// Invalid error with messages for name, language and time_zone, and a
// NotFound error before Setup.
func (s *Service) UpdateOrganization(ctx context.Context, actor *authz.Actor, o Organization) (Organization, error) {
	if !actor.Can(authz.OrgManage) {
		return Organization{}, apperr.Forbiddenf("you may not change the organization's settings")
	}
	var f apperr.Fields
	name := strings.TrimSpace(o.Name)
	if m := checkText(name, true, maxNameLen); m != "" {
		f.Add("name", m)
	}
	lang, m := orgLanguage(o.Language)
	if m != "" {
		f.Add("language", m)
	}
	tz := strings.TrimSpace(o.TimeZone)
	if m := checkTimeZone(tz); m != "" {
		f.Add("time_zone", m)
	}
	if err := f.Err(); err != nil {
		return Organization{}, err
	}
	var after Organization
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getOrganization(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE organization SET name = $1, language = $2, time_zone = $3 WHERE id = 1`,
			name, lang, tz); err != nil {
			return fmt.Errorf("update organization: %w", err)
		}
		if after, err = getOrganization(ctx, tx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "organization", Label: after.Name,
			Summary: "changed the organization's settings", Before: before, After: after})
	})
	if err != nil {
		return Organization{}, err
	}
	return after, nil
}

// passwordParams are the argon2id settings for the administrator's password:
// the service's, or the default.
func (s *Service) passwordParams() password.Params {
	if s.PasswordParams == (password.Params{}) {
		return password.DefaultParams()
	}
	return s.PasswordParams
}
