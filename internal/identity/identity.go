// Package identity lets people prove who they are: logging in with email and
// password (throttled in the database), browser sessions, personal API tokens
// and passwords. It turns a session or token into an authz.Actor, resolved
// fresh for every request.
package identity

import (
	"encoding/base32"
	"strings"
	"time"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/password"
	"spil/internal/secret"
)

// Defaults used when the Service leaves a duration zero; they match the
// configuration's defaults.
const (
	DefaultIdleTimeout = 2 * time.Hour
	DefaultMaxAge      = 7 * 24 * time.Hour
)

// Login throttling: after this many failed logins within FailureWindow —
// for one account from one address, for one account from anywhere, or from
// one address for any account — further attempts are refused. The
// per-account limit counts per address first, so a colleague guessing from
// one desk cannot lock someone else out, while guessing one account from
// many addresses still stops at MaxAccountFailuresAnywhere.
const (
	MaxAccountFailures         = 5
	MaxAccountFailuresAnywhere = 50
	MaxAddressFailures         = 20
	FailureWindow              = 15 * time.Minute
)

// touchInterval is how stale last_seen_at / last_used_at may get before a
// request writes it again, so a busy session does not write on every request.
const touchInterval = time.Minute

// TokenPrefix starts every API token, so leaked tokens are easy to recognise.
const TokenPrefix = "spil_"

// Service is the identity module.
type Service struct {
	DB       *db.DB
	Clock    clock.Clock
	Resolver *authz.Resolver
	// IdleTimeout ends a session not used for this long; MaxAge ends every
	// session this long after login. Zero means DefaultIdleTimeout / DefaultMaxAge.
	IdleTimeout, MaxAge time.Duration
	// Params are the argon2id costs for new password hashes; zero means
	// password.DefaultParams().
	Params password.Params
}

func (s *Service) idle() time.Duration {
	if s.IdleTimeout > 0 {
		return s.IdleTimeout
	}
	return DefaultIdleTimeout
}

func (s *Service) maxAge() time.Duration {
	if s.MaxAge > 0 {
		return s.MaxAge
	}
	return DefaultMaxAge
}

func (s *Service) params() password.Params {
	if s.Params == (password.Params{}) {
		return password.DefaultParams()
	}
	return s.Params
}

func (s *Service) now() time.Time { return s.Clock.Now().UTC() }

// hashSecret is how session and API tokens are stored (see secret.Hash).
func hashSecret(token string) string { return secret.Hash(token) }

// newSessionToken returns 32 random bytes in unpadded base64url.
func newSessionToken() string { return secret.New() }

// newAPIToken returns "spil_" and 32 random bytes in lowercase, unpadded base32.
func newAPIToken() string {
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	return TokenPrefix + strings.ToLower(enc.EncodeToString(secret.Random(32)))
}

// normalizeEmail is the form emails are compared in.
func normalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }
