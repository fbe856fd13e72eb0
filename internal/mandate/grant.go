package mandate

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
)

// Grant gives assistantID a mandate for principalID with the given scopes,
// replacing the scopes of an existing mandate between the two. Implied
// scopes are added (authz.Scopes.Normalize).
//
// The principal grants their own mandates (authz.MandatesGrant); an actor
// holding authz.MandatesManageAny may set one for any principal, which is
// recorded as such (granted_by is that actor, the audit summary says "set by
// administrator" and names the principal as on_behalf_of).
//
// Errors: Forbidden when the actor may not grant it; Invalid with fields
// "principal_id" (not an active person holding the principal role),
// "assistant_id" (not an active Management Assistant, or the principal
// themself) and "scopes" (empty or unknown).
func (s *Service) Grant(ctx context.Context, actor *authz.Actor, principalID, assistantID string, scopes authz.Scopes) (authz.Mandate, error) {
	own := actor != nil && actor.PersonID != "" && actor.PersonID == principalID && actor.Can(authz.MandatesGrant)
	if !own && !actor.Can(authz.MandatesManageAny) {
		return authz.Mandate{}, apperr.Forbiddenf("you may not grant mandates for this person")
	}
	var f apperr.Fields
	if len(scopes) == 0 {
		f.Add("scopes", "choose at least one thing the assistant may do")
	}
	for _, sc := range scopes {
		if !slices.Contains(authz.AllScopes(), sc) {
			f.Add("scopes", fmt.Sprintf("unknown scope %q", sc))
		}
	}
	if principalID == assistantID {
		f.Add("assistant_id", "a principal cannot be their own assistant")
	}
	scopes = scopes.Normalize()

	var out authz.Mandate
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		principalName, ok, err := holder(ctx, tx, principalID, authz.RolePrincipal)
		if err != nil {
			return err
		}
		if !ok {
			f.Add("principal_id", "choose an active person with the manager / director role")
		}
		assistantName, ok, err := holder(ctx, tx, assistantID, authz.RoleManagementAssistant)
		if err != nil {
			return err
		}
		if !ok {
			f.Add("assistant_id", "choose an active person with the Management Assistant role")
		}
		if err := f.Err(); err != nil {
			return err
		}

		var before authz.Scopes
		var oldScopes string
		switch err := tx.QueryRowContext(ctx, `SELECT scopes FROM mandates WHERE principal_id = $1 AND assistant_id = $2`,
			principalID, assistantID).Scan(&oldScopes); {
		case err == nil:
			before = authz.ParseScopes(oldScopes)
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("grant mandate: %w", err)
		}

		now := s.Clock.Now().UTC()
		newID := uuid.Must(uuid.NewV7()).String()
		var grantedBy any
		if actor.PersonID != "" {
			grantedBy = actor.PersonID
		}
		var id string
		err = tx.QueryRowContext(ctx, `INSERT INTO mandates (id, principal_id, assistant_id, scopes, granted_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6)
			ON CONFLICT (principal_id, assistant_id) DO UPDATE
			SET scopes = excluded.scopes, granted_by = excluded.granted_by, updated_at = excluded.updated_at
			RETURNING id`, newID, principalID, assistantID, scopes.String(), grantedBy, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("grant mandate: %w", err)
		}

		c := audit.Change{
			Action: "grant", ObjectType: "mandate", ObjectID: id,
			OnBehalfOf: actor.OnBehalfOf(principalID),
			After:      map[string]any{"assistant": assistantName, "principal": principalName, "scopes": scopeList(scopes)},
		}
		verb := "granted"
		if id != newID { // the mandate existed, even if another request just made it
			c.Action, verb = "update", "changed"
			c.Before = map[string]any{"scopes": scopeList(before)}
		}
		c.Label = mandateLabel(principalName, assistantName)
		c.Summary = fmt.Sprintf("%s the mandate of %s for %s: %s", verb, assistantName, principalName, strings.Join(scopeList(scopes), ", "))
		if !own {
			c.Summary += " (set by administrator)"
		}
		if err := audit.Record(ctx, tx, s.Clock, actor, c); err != nil {
			return err
		}
		ms, err := authz.LoadMandates(ctx, tx, "m.id = $1", id)
		if err != nil {
			return err
		}
		if len(ms) != 1 {
			return fmt.Errorf("grant mandate: mandate %s not found after writing it", id)
		}
		out = ms[0]
		return nil
	})
	return out, err
}

// holder returns the name of personID and whether it is an active person
// holding role.
func holder(ctx context.Context, tx *sql.Tx, personID, role string) (string, bool, error) {
	var name string
	var active bool
	err := tx.QueryRowContext(ctx, `SELECT name, active FROM people WHERE id = $1`, personID).Scan(&name, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("load person: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM role_assignments WHERE person_id = $1 AND role = $2`,
		personID, role).Scan(&n); err != nil {
		return "", false, fmt.Errorf("load roles: %w", err)
	}
	return name, active && n > 0, nil
}

// Revoke ends a mandate at once: the assistant's next request no longer acts
// for the principal. The principal, the assistant (giving it back) and an
// actor holding authz.MandatesManageAny may revoke.
//
// Errors: NotFound when the mandate does not exist or the actor is none of these.
func (s *Service) Revoke(ctx context.Context, actor *authz.Actor, id string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var principalID, assistantID, principalName, assistantName, scopes string
		err := tx.QueryRowContext(ctx, `SELECT m.principal_id, m.assistant_id, p.name, a.name, m.scopes
			FROM mandates m JOIN people p ON p.id = m.principal_id JOIN people a ON a.id = m.assistant_id
			WHERE m.id = $1`, id).Scan(&principalID, &assistantID, &principalName, &assistantName, &scopes)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("mandate not found")
		}
		if err != nil {
			return fmt.Errorf("revoke mandate: %w", err)
		}
		self := actor != nil && actor.PersonID != ""
		isPrincipal := self && actor.PersonID == principalID
		isAssistant := self && actor.PersonID == assistantID
		if !isPrincipal && !isAssistant && !actor.Can(authz.MandatesManageAny) {
			return apperr.NotFoundf("mandate not found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mandates WHERE id = $1`, id); err != nil {
			return fmt.Errorf("revoke mandate: %w", err)
		}
		var summary string
		message := "mandate.revoke"
		switch {
		case isPrincipal:
			summary = fmt.Sprintf("revoked the mandate of %s", assistantName)
		case isAssistant:
			summary = fmt.Sprintf("gave back the mandate from %s", principalName)
			message = "mandate.give_back"
		default:
			summary = fmt.Sprintf("revoked the mandate of %s for %s (by administrator)", assistantName, principalName)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "revoke", ObjectType: "mandate", ObjectID: id,
			Message: message, Label: mandateLabel(principalName, assistantName),
			OnBehalfOf: actor.OnBehalfOf(principalID),
			Summary:    summary,
			Before:     map[string]any{"assistant": assistantName, "principal": principalName, "scopes": scopeList(authz.ParseScopes(scopes))},
		})
	})
}

// mandateLabel names a mandate in the audit log, in any language: who gave
// it, and to whom.
func mandateLabel(principalName, assistantName string) string {
	return principalName + " → " + assistantName
}
