package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/password"
)

// LoginInput is what a login form or command sends.
type LoginInput struct {
	Email     string
	Password  string
	Address   string // the client's IP address (a port, if present, is ignored)
	UserAgent string
	// PreviousToken is the session token the browser still holds, if any; it
	// is ended, so every login starts a new session (no session fixation).
	PreviousToken string
}

// errBadLogin is the one answer for an unknown email, a wrong password, an
// account without a password and a deactivated person, so the answer does
// not reveal which accounts exist.
func errBadLogin() error {
	return apperr.New(apperr.Unauthorized, "wrong email address or password")
}

func errThrottled() error {
	return apperr.New(apperr.TooMany, "too many failed login attempts; try again in a few minutes")
}

// Login checks an email and password and starts a session. It returns the
// session token (give it to the browser; spil stores only its hash) and the
// logged-in actor.
//
// Errors: Unauthorized (the same message for an unknown email, a wrong
// password, an account without a password or a deactivated person);
// TooMany when MaxAccountFailures failed logins for the account from this
// address, MaxAccountFailuresAnywhere for the account from any address, or
// MaxAddressFailures from the address happened within FailureWindow — checked before the password, so even the right password
// is refused during a lock-out. Failures are kept in the database, so the
// limits hold across several server processes. A successful login clears
// the account's failures.
func (s *Service) Login(ctx context.Context, in LoginInput) (string, *authz.Actor, error) {
	email := normalizeEmail(in.Email)
	addr := clientAddress(in.Address)
	now := s.now()

	if err := s.checkThrottle(ctx, email, addr); err != nil {
		return "", nil, err
	}

	var personID, hash string
	var active bool
	err := s.DB.R.QueryRowContext(ctx,
		`SELECT id, password_hash, active FROM people WHERE lower(email) = $1`, email).Scan(&personID, &hash, &active)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("login: %w", err)
	}
	ok := false
	if hash == "" {
		// No account or no password: spend the same time as a real check.
		if _, err := password.Hash(in.Password, s.params()); err != nil {
			return "", nil, fmt.Errorf("login: %w", err)
		}
	} else {
		ok, err = password.Verify(in.Password, hash)
		if err != nil {
			return "", nil, fmt.Errorf("login: person %s: %w", personID, err)
		}
	}
	if !ok || !active {
		if err := s.recordFailure(ctx, email, addr); err != nil {
			return "", nil, err
		}
		return "", nil, errBadLogin()
	}

	actor, err := s.Resolver.Resolve(ctx, personID, authz.ViaSession)
	if err != nil {
		return "", nil, err
	}
	token := newSessionToken()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1 OR key = $2 OR at < $3`,
			accountKey(email), pairKey(email, addr), now.Add(-FailureWindow)); err != nil {
			return fmt.Errorf("clear login failures: %w", err)
		}
		if in.PreviousToken != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, hashSecret(in.PreviousToken)); err != nil {
				return fmt.Errorf("end previous session: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at, address, user_agent)
			VALUES ($1, $2, $3, $3, $4, $5, $6)`,
			hashSecret(token), personID, now, now.Add(s.maxAge()), addr, truncate(in.UserAgent, 500))
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return token, actor, nil
}

func accountKey(email string) string    { return "account:" + email }
func addressKey(addr string) string     { return "address:" + addr }
func pairKey(email, addr string) string { return "pair:" + email + "|" + addr }

// checkThrottle returns TooMany when the account or the address has too
// many recent failures. Two processes racing may each let one more attempt
// through; the limit is a brake, not an exact count.
func (s *Service) checkThrottle(ctx context.Context, email, addr string) error {
	since := s.now().Add(-FailureWindow)
	rows, err := s.DB.R.QueryContext(ctx,
		`SELECT key, COUNT(*) FROM login_failures WHERE key IN ($1, $2, $3) AND at > $4 GROUP BY key`,
		accountKey(email), addressKey(addr), pairKey(email, addr), since)
	if err != nil {
		return fmt.Errorf("check login throttle: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return fmt.Errorf("check login throttle: %w", err)
		}
		switch {
		case key == pairKey(email, addr) && n >= MaxAccountFailures:
			return errThrottled()
		case key == accountKey(email) && n >= MaxAccountFailuresAnywhere:
			return errThrottled()
		case addr != "" && key == addressKey(addr) && n >= MaxAddressFailures:
			return errThrottled()
		}
	}
	return rows.Err()
}

// recordFailure notes a failed login for the account and the address.
func (s *Service) recordFailure(ctx context.Context, email, addr string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return recordFailure(ctx, tx, s.now(), email, addr) })
}

func recordFailure(ctx context.Context, q db.Querier, now time.Time, email, addr string) error {
	keys := []string{accountKey(email), pairKey(email, addr)}
	if addr != "" {
		keys = append(keys, addressKey(addr))
	}
	for _, k := range keys {
		if _, err := q.ExecContext(ctx, `INSERT INTO login_failures (id, key, at) VALUES ($1, $2, $3)`,
			uuid.Must(uuid.NewV7()).String(), k, now); err != nil {
			return fmt.Errorf("record login failure: %w", err)
		}
	}
	return nil
}

// clientAddress returns the IP of addr, dropping a port.
func clientAddress(addr string) string {
	addr = strings.TrimSpace(addr)
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
