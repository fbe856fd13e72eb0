package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Sender sends a message. Implementations return nil only when the relay
// has accepted the message for every recipient.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through the relay of its Config, one connection per message.
// It is safe for concurrent use.
type SMTP struct {
	cfg Config
}

// NewSMTP returns a Sender for cfg (usually from ParseURL). A zero
// Timeout means DefaultTimeout.
func NewSMTP(cfg Config) *SMTP {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &SMTP{cfg: cfg}
}

// Send validates and renders m, connects to the relay (TLS as
// configured), authenticates when a user name is configured, and hands
// the message over: MAIL FROM is Config.EnvelopeFrom, else m's Sender,
// else its From; RCPT TO every address of To, Cc and Bcc.
//
// Errors: an invalid message is apperr.Invalid (see Validate), nothing is
// sent. Every other failure is a *SendError; IsTemporary tells whether a
// retry can help. When the relay refuses a recipient, the transaction is
// reset and nobody receives the message; the error names the recipient.
// Connecting, each command and the final reply are bounded by the
// configured timeout and by ctx.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	raw, err := Render(m)
	if err != nil {
		return err
	}
	from := m.envelopeFrom()
	if s.cfg.EnvelopeFrom != "" {
		from = s.cfg.EnvelopeFrom
	}
	return s.deliver(ctx, from, m.Recipients(), raw)
}

func (s *SMTP) deliver(ctx context.Context, from string, to []string, raw []byte) error {
	addr := s.cfg.Addr()
	fail := func(stage, rcpt string, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return classify(addr, stage, rcpt, err)
	}
	if err := ctx.Err(); err != nil {
		return fail("connect", "", err)
	}
	d := net.Dialer{Timeout: s.cfg.Timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fail("connect", "", err)
	}
	// Cancelling ctx closes the connection, which ends any blocked read.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	tlsCfg := s.tlsConfig()
	var c *smtp.Client
	switch s.cfg.TLS {
	case TLSImplicit:
		tc := tls.Client(conn, tlsCfg)
		hctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
		err := tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			conn.Close()
			return fail("TLS", "", err)
		}
		c = smtp.NewClient(tc)
	case TLSStartTLS:
		// Greeting, EHLO and STARTTLS happen inside NewClientStartTLS,
		// before the client's timeouts can be set: bound them here.
		pctx, cancel := context.WithTimeout(ctx, 3*s.cfg.Timeout)
		stopP := context.AfterFunc(pctx, func() { conn.Close() })
		c, err = smtp.NewClientStartTLS(conn, tlsCfg)
		stopP()
		cancel()
		if err != nil {
			conn.Close()
			if strings.Contains(err.Error(), "support STARTTLS") {
				return &SendError{Relay: addr, Stage: "STARTTLS", Err: errors.New("the relay does not offer STARTTLS, which the URL requires")}
			}
			if pctx.Err() != nil && ctx.Err() == nil {
				err = fmt.Errorf("no answer within %v: %w", 3*s.cfg.Timeout, context.DeadlineExceeded)
			}
			return fail("STARTTLS", "", err)
		}
	default:
		c = smtp.NewClient(conn)
	}
	defer c.Close()
	c.CommandTimeout = s.cfg.Timeout
	c.SubmissionTimeout = s.cfg.Timeout
	helo := s.cfg.HeloName
	if helo == "" {
		helo = "localhost"
	}
	if err := c.Hello(helo); err != nil {
		return fail("EHLO", "", err)
	}
	if s.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.cfg.Username, s.cfg.Password)); err != nil {
			return fail("AUTH", "", err)
		}
	}
	var opts *smtp.MailOptions
	if !isASCII(from) || !allASCII(to) {
		opts = &smtp.MailOptions{UTF8: true}
	}
	if err := c.Mail(from, opts); err != nil {
		return fail("MAIL FROM", from, err)
	}
	for _, r := range to {
		if err := c.Rcpt(r, nil); err != nil {
			_ = c.Reset()
			return fail("RCPT TO", r, err)
		}
	}
	wc, err := c.Data()
	if err != nil {
		return fail("DATA", "", err)
	}
	if _, err := wc.Write(raw); err != nil {
		return fail("DATA", "", err)
	}
	if err := wc.Close(); err != nil {
		return fail("DATA", "", err)
	}
	_ = c.Quit()
	return nil
}

func (s *SMTP) tlsConfig() *tls.Config {
	cfg := s.cfg.TLSConfig
	if cfg == nil {
		cfg = &tls.Config{}
	} else {
		cfg = cfg.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = s.cfg.Host
	}
	if cfg.MinVersion == 0 {
		cfg.MinVersion = tls.VersionTLS12
	}
	return cfg
}

// SendError is a failed delivery: which relay, at which stage of the SMTP
// dialogue, for which recipient (RCPT TO) and why.
type SendError struct {
	Relay     string // host:port
	Stage     string // "connect", "TLS", "EHLO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO", "DATA"
	Recipient string // the refused address at RCPT TO (or MAIL FROM)
	// Code is the SMTP reply code (e.g. 550), 0 when the relay gave none.
	Code int
	// Temporary says a later retry may succeed.
	Temporary bool
	Err       error
}

func (e *SendError) Error() string {
	var b strings.Builder
	if e.Relay != "" {
		fmt.Fprintf(&b, "mail relay %s", e.Relay)
	} else {
		b.WriteString("mail not sent")
	}
	if e.Recipient != "" {
		fmt.Fprintf(&b, " refused %s", e.Recipient)
	}
	fmt.Fprintf(&b, " at %s", e.Stage)
	if e.Temporary {
		b.WriteString(" (temporary)")
	} else {
		b.WriteString(" (permanent)")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *SendError) Unwrap() error { return e.Err }

// IsTemporary reports whether err is a delivery failure that a later
// retry may cure: no connection, a timeout or cancellation, a dropped
// connection, or a 4xx reply. A 5xx reply, a refused certificate, a relay
// without the required STARTTLS and an invalid message are permanent.
// nil is not temporary.
func IsTemporary(err error) bool {
	var se *SendError
	if errors.As(err, &se) {
		return se.Temporary
	}
	return false
}

func classify(relay, stage, rcpt string, err error) error {
	se := &SendError{Relay: relay, Stage: stage, Err: err}
	if stage == "RCPT TO" || stage == "MAIL FROM" {
		se.Recipient = rcpt
	}
	var smtpErr *smtp.SMTPError
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.As(err, &smtpErr):
		se.Code = smtpErr.Code
		se.Temporary = smtpErr.Code >= 400 && smtpErr.Code < 500
		if stage != "RCPT TO" && stage != "MAIL FROM" {
			se.Recipient = ""
		}
	case errors.As(err, &certErr):
		se.Stage = "TLS"
		se.Temporary = false
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		se.Temporary = true
	default:
		// Network trouble (refused, reset, timeout, EOF, DNS) and any
		// unexpected protocol breakdown: worth another try.
		se.Temporary = true
		if se.Recipient != "" && stage == "RCPT TO" {
			se.Recipient = ""
		}
	}
	return se
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func allASCII(ss []string) bool {
	for _, s := range ss {
		if !isASCII(s) {
			return false
		}
	}
	return true
}
