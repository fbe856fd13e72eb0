package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
)

// APIToken is a personal API token as its owner sees it. The token itself
// is shown once, at creation; spil keeps only its hash and Prefix.
type APIToken struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // the first characters, to recognise the token
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// MaxTokenNameLength is the longest token name, in characters.
const MaxTokenNameLength = 100

// tokenPrefixLength is how much of a token is kept for display.
const tokenPrefixLength = 12

func errBadToken() error {
	return apperr.New(apperr.Unauthorized, "invalid or revoked API token")
}

// CreateToken makes a personal API token for the actor, who then acts
// through it with their own roles and mandates. It returns the token in
// plain text — shown once, never stored — and its record.
//
// Errors: Invalid (field "name": required, at most MaxTokenNameLength
// characters); Forbidden for an actor that is not a person (the system) or
// that is itself authenticated by an API token.
func (s *Service) CreateToken(ctx context.Context, actor *authz.Actor, name string) (string, APIToken, error) {
	if actor == nil || actor.PersonID == "" {
		return "", APIToken{}, apperr.Forbiddenf("only a person can own an API token")
	}
	if actor.Via == authz.ViaToken {
		// A leaked token must not be able to mint tokens that outlive it.
		return "", APIToken{}, apperr.Forbiddenf("create API tokens in the web interface or with 'spil token create', not with another token")
	}
	name = strings.TrimSpace(name)
	var f apperr.Fields
	switch {
	case name == "":
		f.Add("name", "give the token a name")
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		f.Add("name", "use plain text")
	case utf8.RuneCountInString(name) > MaxTokenNameLength:
		f.Add("name", fmt.Sprintf("use at most %d characters", MaxTokenNameLength))
	}
	if err := f.Err(); err != nil {
		return "", APIToken{}, err
	}
	plain := newAPIToken()
	t := APIToken{
		ID:        uuid.Must(uuid.NewV7()).String(),
		Name:      name,
		Prefix:    plain[:tokenPrefixLength],
		CreatedAt: s.now(),
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (id, person_id, name, prefix, token_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, t.ID, actor.PersonID, t.Name, t.Prefix, hashSecret(plain), t.CreatedAt); err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "create", ObjectType: "api_token", ObjectID: t.ID, Label: t.Name,
			Summary: fmt.Sprintf("created API token %q", t.Name),
			After:   map[string]string{"name": t.Name, "prefix": t.Prefix},
		})
	})
	if err != nil {
		return "", APIToken{}, err
	}
	return plain, t, nil
}

// Tokens returns the actor's own API tokens, revoked ones included, newest first.
func (s *Service) Tokens(ctx context.Context, actor *authz.Actor) ([]APIToken, error) {
	out := []APIToken{}
	if actor == nil || actor.PersonID == "" {
		return out, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name, prefix, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE person_id = $1 ORDER BY created_at DESC, id DESC`, actor.PersonID)
	if err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t APIToken
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.Prefix, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("list API tokens: %w", err)
		}
		t.CreatedAt = t.CreatedAt.UTC()
		t.LastUsedAt, t.RevokedAt = timePtr(used), timePtr(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of the actor's own API tokens; it stops working at
// once. Revoking a revoked token changes nothing.
//
// Errors: NotFound when the token does not exist or belongs to someone else.
func (s *Service) RevokeToken(ctx context.Context, actor *authz.Actor, id string) error {
	if actor == nil || actor.PersonID == "" {
		return apperr.NotFoundf("API token not found")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var name, prefix string
		var revoked sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT name, prefix, revoked_at FROM api_tokens WHERE id = $1 AND person_id = $2`,
			id, actor.PersonID).Scan(&name, &prefix, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("API token not found")
		}
		if err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		if revoked.Valid {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, s.now(), id); err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "revoke", ObjectType: "api_token", ObjectID: id, Label: name,
			Summary: fmt.Sprintf("revoked API token %q", name),
			Before:  map[string]string{"name": name, "prefix": prefix},
		})
	})
}

// TokenActor returns the actor for an API token, resolved fresh, with Via
// authz.ViaToken. last_used_at is written at most once a minute.
//
// Errors: Unauthorized for an unknown or revoked token, or when its owner
// was deactivated.
func (s *Service) TokenActor(ctx context.Context, token string) (*authz.Actor, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, errBadToken()
	}
	var id, personID string
	var used, revoked sql.NullTime
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, person_id, last_used_at, revoked_at FROM api_tokens WHERE token_hash = $1`,
		hashSecret(token)).Scan(&id, &personID, &used, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
		return nil, errBadToken()
	}
	if err != nil {
		return nil, fmt.Errorf("load API token: %w", err)
	}
	actor, err := s.Resolver.Resolve(ctx, personID, authz.ViaToken)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !used.Valid || now.Sub(used.Time) >= touchInterval {
		if _, err := s.DB.W.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, id); err != nil {
			return nil, fmt.Errorf("touch API token: %w", err)
		}
	}
	return actor, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}
