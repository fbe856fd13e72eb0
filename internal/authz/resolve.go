package authz

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/db"
)

// Resolver loads actors from the database, fresh for every request, so a
// revoked mandate or role takes effect on the next request.
type Resolver struct {
	DB    *db.DB
	Roles *Roles
}

// Resolve returns the actor for an active person. It returns an Unauthorized
// error when the person does not exist or is deactivated.
func (r *Resolver) Resolve(ctx context.Context, personID string, via Via) (*Actor, error) {
	var name, email, lang string
	var active bool
	err := r.DB.R.QueryRowContext(ctx,
		`SELECT name, email, language, active FROM people WHERE id = $1`, personID).Scan(&name, &email, &lang, &active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
		return nil, apperr.New(apperr.Unauthorized, "this account no longer exists or is not active")
	}
	if err != nil {
		return nil, fmt.Errorf("resolve actor: %w", err)
	}
	roles, err := LoadRoles(ctx, r.DB.R, personID)
	if err != nil {
		return nil, err
	}
	mandates, err := LoadMandates(ctx, r.DB.R, "m.assistant_id = $1", personID)
	if err != nil {
		return nil, err
	}
	a := NewActor(personID, name, email, roles, r.Roles, mandates)
	a.Language = lang
	a.Via = via
	return a, nil
}

// LoadRoles returns the role keys held by a person, sorted.
func LoadRoles(ctx context.Context, q db.Querier, personID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT role FROM role_assignments WHERE person_id = $1 ORDER BY role`, personID)
	if err != nil {
		return nil, fmt.Errorf("load roles: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LoadMandates returns mandates matching where (a condition on alias m, with
// $n placeholders for args), with the names of both parties, ordered by
// principal then assistant name. Only mandates whose principal holds the
// principal role count: a principal who loses it stops granting anything.
func LoadMandates(ctx context.Context, q db.Querier, where string, args ...any) ([]Mandate, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT m.id, m.principal_id, p.name, m.assistant_id, a.name, m.scopes, COALESCE(m.granted_by, ''), m.created_at, m.updated_at
		FROM mandates m
		JOIN people p ON p.id = m.principal_id
		JOIN people a ON a.id = m.assistant_id
		WHERE p.active AND a.active
		  AND EXISTS (SELECT 1 FROM role_assignments r WHERE r.person_id = m.principal_id AND r.role = 'principal')
		  AND (`+where+`)
		ORDER BY p.name, a.name, m.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("load mandates: %w", err)
	}
	defer rows.Close()
	var out []Mandate
	for rows.Next() {
		var m Mandate
		var scopes string
		if err := rows.Scan(&m.ID, &m.PrincipalID, &m.PrincipalName, &m.AssistantID, &m.AssistantName, &scopes, &m.GrantedBy, &m.CreatedAt, &m.UpdatedAt); err != nil {
			return nil, err
		}
		m.Scopes = ParseScopes(scopes)
		out = append(out, m)
	}
	return out, rows.Err()
}
