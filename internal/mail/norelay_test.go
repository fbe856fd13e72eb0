package mail

import (
	"context"
	"errors"
	"testing"

	"spil/internal/apperr"
)

// Without a relay, mail fails as a temporary error that says what to set, so
// queued mail keeps being retried and shows why it is not sent.
func TestNoRelay(t *testing.T) {
	m := Message{From: Address{Email: "office@example.nl"}, To: []Address{{Email: "jan@example.nl"}}, Subject: "x", Text: "x"}
	err := NoRelay{}.Send(context.Background(), m)
	if !errors.Is(err, ErrNoRelay) || !IsTemporary(err) {
		t.Errorf("send without relay: %v (temporary %v)", err, IsTemporary(err))
	}
	m.To[0].Email = "jan@"
	if err := (NoRelay{}).Send(context.Background(), m); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("invalid message without relay: %v, want Invalid", err)
	}
}
