package mail

import (
	"context"
	"errors"
)

// NoRelay is the Sender of a spil without a configured relay (SPIL_SMTP_URL
// unset). Every Send fails as a temporary *SendError saying so, which keeps
// mail work visible as failing — and retried — instead of dropping it.
type NoRelay struct{}

// ErrNoRelay is the cause of every NoRelay failure.
var ErrNoRelay = errors.New("no mail relay configured (set SPIL_SMTP_URL)")

// Send validates m and then fails with ErrNoRelay. An invalid message is
// apperr.Invalid, as with SMTP.
func (NoRelay) Send(_ context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return &SendError{Stage: "connect", Temporary: true, Err: ErrNoRelay}
}
