package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
)

func errNoSession() error {
	return apperr.New(apperr.Unauthorized, "your session has ended; please log in again")
}

// Session returns the actor for a session token, resolved fresh (so changed
// roles and mandates apply at once), with Via authz.ViaSession.
//
// Errors: Unauthorized when the token is unknown, past its absolute expiry,
// unused for longer than IdleTimeout (the session is then deleted), or when
// its person was deactivated. Using a session moves its idle deadline;
// last_seen_at is written at most once a minute.
func (s *Service) Session(ctx context.Context, token string) (*authz.Actor, error) {
	if token == "" {
		return nil, errNoSession()
	}
	idHash := hashSecret(token)
	var personID string
	var lastSeen, expires time.Time
	err := s.DB.R.QueryRowContext(ctx,
		`SELECT person_id, last_seen_at, expires_at FROM sessions WHERE id_hash = $1`, idHash).Scan(&personID, &lastSeen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession()
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	now := s.now()
	if !now.Before(expires) || now.Sub(lastSeen) > s.idle() {
		if _, err := s.DB.W.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, idHash); err != nil {
			return nil, fmt.Errorf("end expired session: %w", err)
		}
		return nil, errNoSession()
	}
	actor, err := s.Resolver.Resolve(ctx, personID, authz.ViaSession)
	if err != nil {
		return nil, err
	}
	if now.Sub(lastSeen) >= touchInterval {
		if _, err := s.DB.W.ExecContext(ctx,
			`UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2`, now, idHash); err != nil {
			return nil, fmt.Errorf("touch session: %w", err)
		}
	}
	return actor, nil
}

// Logout ends the session of token. Ending an unknown or already ended
// session is not an error.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	if _, err := s.DB.W.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, hashSecret(token)); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}

// EndSessions ends every session of a person, for example after a password
// reset or when the person is deactivated. API tokens are not affected.
func (s *Service) EndSessions(ctx context.Context, personID string) error {
	if _, err := s.DB.W.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = $1`, personID); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return nil
}

// PruneSessions is background housekeeping: it deletes sessions past their
// absolute expiry or idle for longer than IdleTimeout, and login failures
// older than FailureWindow. It returns how many rows it deleted in all. It
// is safe to run from several processes at once.
func (s *Service) PruneSessions(ctx context.Context) (int, error) {
	now := s.now()
	var n int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2`, now, now.Add(-s.idle()))
		if err != nil {
			return fmt.Errorf("prune sessions: %w", err)
		}
		a, _ := res.RowsAffected()
		res, err = tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, now.Add(-FailureWindow))
		if err != nil {
			return fmt.Errorf("prune login failures: %w", err)
		}
		b, _ := res.RowsAffected()
		n = a + b
		return nil
	})
	return int(n), err
}
