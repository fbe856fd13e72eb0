package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/password"
)

// SetPassword sets another person's password (an administrator, or an Office
// Manager onboarding staff) and ends that person's sessions and revokes their
// API tokens, so whoever held the old credentials is out. People change
// their own password with ChangePassword, which asks for the old one.
//
// Only an actor who may assign roles may set the password of someone who
// holds more than the employee or support-staff role: otherwise an Office
// Manager could log in as a director and act outside every mandate.
//
// Errors: Forbidden when personID is the actor themself, when the actor
// lacks authz.PeopleManage, or when the person holds a role beyond employee
// and support staff and the actor lacks authz.RolesAssign; NotFound when the
// person does not exist; Invalid (field "password") when password.Check
// rejects the password.
func (s *Service) SetPassword(ctx context.Context, actor *authz.Actor, personID, newPassword string) error {
	if actor == nil || !actor.Can(authz.PeopleManage) {
		return apperr.Forbiddenf("you may not set passwords")
	}
	if actor.PersonID != "" && actor.PersonID == personID {
		return apperr.Forbiddenf("change your own password with your current password")
	}
	var f apperr.Fields
	if msg := password.Check(newPassword); msg != "" {
		f.Add("password", msg)
	}
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := password.Hash(newPassword, s.params())
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	now := s.now()
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM people WHERE id = $1`, personID).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("person not found")
		}
		if err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		roles, err := authz.LoadRoles(ctx, tx, personID)
		if err != nil {
			return err
		}
		if !actor.Can(authz.RolesAssign) && slices.ContainsFunc(roles, func(r string) bool {
			return r != authz.RoleEmployee && r != authz.RoleSupportStaff
		}) {
			return apperr.Forbiddenf("only an administrator may set the password of %s, who holds a role beyond employee", name)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3`,
			hash, now, personID); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = $1`, personID); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL`, now, personID); err != nil {
			return fmt.Errorf("revoke tokens: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "person", ObjectID: personID, Message: "person.set_password", Label: name,
			Summary: fmt.Sprintf("set the password of %s, ended their sessions and revoked their API tokens", name),
		})
	})
}

// ChangePassword changes the actor's own password after checking the old
// one, and ends all their other sessions; the session of keepToken (the one
// making the change, "" for none) stays. Wrong old passwords count as failed
// logins for the account, so this cannot be used to guess the password.
//
// Errors: Invalid with field "old_password" (wrong password) and/or
// "new_password" (rejected by password.Check); TooMany while the account is
// locked out after failed logins; Forbidden for an actor that is not a person.
func (s *Service) ChangePassword(ctx context.Context, actor *authz.Actor, oldPassword, newPassword, keepToken string) error {
	if actor == nil || actor.PersonID == "" {
		return apperr.Forbiddenf("only a person has a password")
	}
	var email, oldHash string
	err := s.DB.R.QueryRowContext(ctx, `SELECT email, password_hash FROM people WHERE id = $1`, actor.PersonID).Scan(&email, &oldHash)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.New(apperr.Unauthorized, "this account no longer exists")
	}
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	email = normalizeEmail(email)
	if err := s.checkThrottle(ctx, email, ""); err != nil {
		return err
	}
	var f apperr.Fields
	ok := false
	if oldHash != "" {
		if ok, err = password.Verify(oldPassword, oldHash); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
	}
	if !ok {
		if err := s.recordFailure(ctx, email, ""); err != nil {
			return err
		}
		f.Add("old_password", "this is not your current password")
	}
	if msg := password.Check(newPassword); msg != "" {
		f.Add("new_password", msg)
	}
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := password.Hash(newPassword, s.params())
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	now := s.now()
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		// Only if the password is still the one just checked: two changes at
		// once must not both win.
		res, err := tx.ExecContext(ctx, `UPDATE people SET password_hash = $1, password_changed_at = $2, updated_at = $2
			WHERE id = $3 AND password_hash = $4`, hash, now, actor.PersonID, oldHash)
		if err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.Conflictf("your password was changed meanwhile; try again")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2`,
			actor.PersonID, hashSecret(keepToken)); err != nil {
			return fmt.Errorf("end other sessions: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "person", ObjectID: actor.PersonID, Message: "person.change_password", Label: actor.Name,
			Summary: "changed own password",
		})
	})
}
