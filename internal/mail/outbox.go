package mail

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"
)

// Outbox is a Sender that delivers nothing: it writes every message as an
// .eml file (RFC 5322, readable by any mail program) into Dir. `spil demo`
// uses it when no relay is configured, so the demo's invitations, minutes
// and reminders can be read without a mail server.
type Outbox struct {
	Dir string
}

// Send validates and renders m and writes it to a new file in Dir, named
// after the time and the first recipient. Errors: apperr.Invalid for an
// invalid message (see Validate); a file-system error otherwise, which is
// temporary so the work is tried again.
func (o Outbox) Send(ctx context.Context, m Message) error {
	b, err := Render(m)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(o.Dir, 0o750); err != nil {
		return &SendError{Relay: o.Dir, Stage: "DATA", Temporary: true, Err: err}
	}
	to := "mail"
	if rs := m.Recipients(); len(rs) > 0 {
		to = strings.Map(func(r rune) rune {
			if r == '@' || r == '.' || r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return '_'
		}, rs[0])
	}
	f, err := os.CreateTemp(o.Dir, fmt.Sprintf("%s-%s-*.eml", time.Now().UTC().Format("20060102T150405"), to))
	if err != nil {
		return &SendError{Relay: o.Dir, Stage: "DATA", Temporary: true, Err: err}
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return &SendError{Relay: o.Dir, Stage: "DATA", Temporary: true, Err: err}
	}
	if err := f.Close(); err != nil {
		return &SendError{Relay: o.Dir, Stage: "DATA", Temporary: true, Err: err}
	}
	return nil
}
