// Package mail sends spil's mail through a configurable SMTP relay.
//
// The relay is given as one URL (SPIL_SMTP_URL), parsed by ParseURL into a
// Config. A Message is validated (every address is checked and a bad one
// is reported by field and value), rendered as MIME with go-message and
// handed to the relay with emersion/go-smtp's client by an SMTP Sender.
//
// A failed Send says whether trying again later can help: IsTemporary is
// true for an unreachable relay, a dropped connection, a timeout and a 4xx
// reply, false for a 5xx reply, a refused TLS certificate and an invalid
// message. A message goes to all its recipients or to none: when the relay
// refuses one recipient, the transaction is reset before DATA, so a retry
// never delivers twice to the others.
package mail

import (
	"crypto/tls"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/apperr"
)

// TLS modes of Config.TLS.
const (
	TLSNone     = "none"     // plain SMTP (only sensible on a local relay)
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS; required, never skipped
	TLSImplicit = "implicit" // TLS from the first byte (smtps, port 465)
)

// DefaultTimeout bounds connecting and every SMTP command when the URL
// sets no timeout.
const DefaultTimeout = 30 * time.Second

// Config says how to reach the relay.
type Config struct {
	Host string // host name or IP address, without port
	Port int
	TLS  string // TLSNone, TLSStartTLS or TLSImplicit
	// Username and Password authenticate with AUTH PLAIN when Username is
	// not empty.
	Username, Password string
	// Timeout bounds the connection and each command, the final reply to
	// DATA included.
	Timeout time.Duration
	// HeloName is the name given in EHLO; "localhost" when empty.
	HeloName string
	// EnvelopeFrom, when set, is the MAIL FROM address of every message
	// (a bounce address the relay accepts); otherwise the message's
	// Sender, or its From when it has no Sender.
	EnvelopeFrom string
	// TLSConfig is used for STARTTLS and implicit TLS; nil means the
	// system roots with Host as the server name. Not settable by URL.
	TLSConfig *tls.Config
}

// Addr is host:port.
func (c Config) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// String is the relay without its password, for logs and status pages.
func (c Config) String() string {
	scheme := "smtp"
	if c.TLS == TLSImplicit {
		scheme = "smtps"
	}
	u := url.URL{Scheme: scheme, Host: c.Addr()}
	if c.Username != "" {
		u.User = url.User(c.Username)
	}
	if c.TLS == TLSStartTLS {
		u.RawQuery = "starttls=1"
	}
	return u.String()
}

// ParseURL reads a relay URL:
//
//	smtp://localhost:25                      plain, no authentication
//	smtp://user:pass@host:587?starttls=1     STARTTLS (required), AUTH PLAIN
//	smtps://user:pass@host:465               implicit TLS, AUTH PLAIN
//
// The port defaults to 25 (smtp) or 465 (smtps); starttls=1 without a
// port means 587. Query parameters: starttls (1/0, true/false), timeout
// (a Go duration such as 20s, at most 10m), helo (the EHLO name) and
// envelope_from (an address). User and password are URL-decoded, so a
// password containing '@' or ':' is written %40 and %3A.
//
// Credentials over a plain connection are refused unless the host is a
// loopback address or "localhost". Every problem is an apperr.Invalid
// error with field "smtp_url" saying what is wrong; the message never
// contains the password.
func ParseURL(raw string) (Config, error) {
	bad := func(format string, args ...any) (Config, error) {
		return Config{}, &apperr.Error{Kind: apperr.Invalid, Message: "invalid SMTP relay URL",
			Fields: map[string]string{"smtp_url": sprintf(format, args...)}}
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return bad("empty; expected e.g. smtp://user:password@host:587?starttls=1")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url errors quote the whole URL, password included.
		return bad("not a URL; expected e.g. smtp://user:password@host:587?starttls=1")
	}
	var c Config
	switch strings.ToLower(u.Scheme) {
	case "smtp":
		c.TLS = TLSNone
	case "smtps":
		c.TLS = TLSImplicit
	default:
		return bad("scheme %q is not smtp or smtps", clip(u.Scheme, 20))
	}
	if u.Opaque != "" || u.Host == "" {
		return bad("no host; expected e.g. %s://host:port", strings.ToLower(u.Scheme))
	}
	if u.Path != "" && u.Path != "/" {
		return bad("unexpected path %q", clip(u.Path, 40))
	}
	if u.Fragment != "" {
		return bad("unexpected fragment")
	}
	c.Host = u.Hostname()
	if c.Host == "" || strings.ContainsAny(c.Host, " \t/\\") {
		return bad("invalid host %q", clip(c.Host, 60))
	}
	if ps := u.Port(); ps != "" {
		p, err := strconv.Atoi(ps)
		if err != nil || p < 1 || p > 65535 {
			return bad("port %q is not a number from 1 to 65535", clip(ps, 10))
		}
		c.Port = p
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
		if c.Username == "" {
			return bad("password without user name")
		}
	}
	c.Timeout = DefaultTimeout
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return bad("malformed query")
	}
	for k, vs := range q {
		v := vs[len(vs)-1]
		switch k {
		case "starttls":
			on, ok := parseBool(v)
			if !ok {
				return bad("starttls=%q is not 1 or 0", clip(v, 10))
			}
			if on {
				if c.TLS == TLSImplicit {
					return bad("starttls=1 with smtps: smtps is already TLS from the start")
				}
				c.TLS = TLSStartTLS
			}
		case "timeout":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 || d > 10*time.Minute {
				return bad("timeout=%q is not a duration between 0 and 10m, e.g. 30s", clip(v, 20))
			}
			c.Timeout = d
		case "helo":
			if v == "" || strings.ContainsAny(v, " \t\r\n") {
				return bad("helo=%q is not a host name", clip(v, 60))
			}
			c.HeloName = v
		case "envelope_from":
			if err := CheckAddress(v); err != nil {
				return bad("envelope_from: %v", err)
			}
			c.EnvelopeFrom = v
		default:
			return bad("unknown parameter %q (known: starttls, timeout, helo, envelope_from)", clip(k, 30))
		}
	}
	if c.Port == 0 {
		switch c.TLS {
		case TLSImplicit:
			c.Port = 465
		case TLSStartTLS:
			c.Port = 587
		default:
			c.Port = 25
		}
	}
	if c.Username != "" && c.TLS == TLSNone && !isLoopback(c.Host) {
		return bad("the password would travel unencrypted to %s; add ?starttls=1 or use smtps://", clip(c.Host, 60))
	}
	return c, nil
}

func parseBool(v string) (on, ok bool) {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
