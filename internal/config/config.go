// Package config reads spil's settings from flags and the environment.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"spil/internal/mail"
)

// Config holds the settings shared by every subcommand.
type Config struct {
	Addr        string // listen address of `spil serve`
	DataDir     string // folder of the embedded database and files
	DatabaseURL string // postgres://… to use PostgreSQL instead of SQLite
	TrustProxy  bool   // honour X-Forwarded-Proto/For from a reverse proxy
	SessionIdle time.Duration
	SessionMax  time.Duration
	LogFormat   string // "text" or "json"
	LogLevel    string // "debug", "info", "warn" or "error"
	// SMTPURL is the mail relay (see mail.ParseURL); empty means spil
	// sends no mail: mail work fails visibly with "no relay configured".
	SMTPURL string
	// BaseURL is the address people open spil at (https://spil.example.nl),
	// used for links in mail sent by background work; empty means
	// http://<addr>.
	BaseURL string
}

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{
		Addr:        "127.0.0.1:8080",
		DataDir:     "./spil-data",
		SessionIdle: 2 * time.Hour,
		SessionMax:  7 * 24 * time.Hour,
		LogFormat:   "text",
		LogLevel:    "info",
	}
}

// Register adds the shared flags to fs, with defaults taken from the
// environment (SPIL_ADDR, SPIL_DATA, SPIL_DATABASE_URL, SPIL_TRUST_PROXY,
// SPIL_SESSION_IDLE, SPIL_SESSION_MAX, SPIL_LOG_FORMAT, SPIL_LOG_LEVEL,
// SPIL_SMTP_URL, SPIL_BASE_URL). Flags win over the
// environment. It returns a function that validates the result after parsing.
func Register(fs *flag.FlagSet, getenv func(string) string) (*Config, func() error) {
	c := Defaults()
	var envErr error
	str := func(key string, dst *string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	dur := func(key string, dst *time.Duration) {
		if v := getenv(key); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				envErr = errors.Join(envErr, fmt.Errorf("%s: %q is not a duration such as 30m or 8h", key, v))
				return
			}
			*dst = d
		}
	}
	str("SPIL_ADDR", &c.Addr)
	str("SPIL_DATA", &c.DataDir)
	str("SPIL_DATABASE_URL", &c.DatabaseURL)
	str("SPIL_LOG_FORMAT", &c.LogFormat)
	str("SPIL_LOG_LEVEL", &c.LogLevel)
	str("SPIL_SMTP_URL", &c.SMTPURL)
	str("SPIL_BASE_URL", &c.BaseURL)
	dur("SPIL_SESSION_IDLE", &c.SessionIdle)
	dur("SPIL_SESSION_MAX", &c.SessionMax)
	switch strings.ToLower(getenv("SPIL_TRUST_PROXY")) {
	case "1", "true", "yes":
		c.TrustProxy = true
	}
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (SPIL_ADDR)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "data folder for the embedded database (SPIL_DATA)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "postgres://… to use PostgreSQL (SPIL_DATABASE_URL)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", c.TrustProxy, "trust X-Forwarded-* headers of a reverse proxy (SPIL_TRUST_PROXY)")
	fs.StringVar(&c.SMTPURL, "smtp-url", c.SMTPURL, "mail relay, e.g. smtp://user:pass@host:587?starttls=1 (SPIL_SMTP_URL)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "address people open spil at, for links in mail (SPIL_BASE_URL)")
	return &c, func() error { return errors.Join(envErr, c.Validate()) }
}

// Validate reports every setting that cannot work.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr: %q is not host:port", c.Addr))
	}
	if c.DatabaseURL == "" && strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, errors.New("data: a data folder is needed for the embedded database"))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("database-url: only postgres:// URLs are supported"))
	}
	if c.SessionIdle <= 0 || c.SessionMax <= 0 || c.SessionIdle > c.SessionMax {
		errs = append(errs, errors.New("session: idle and absolute expiry must be positive, idle not above absolute"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log level: %q is not debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format: %q is not text or json", c.LogFormat))
	}
	if c.SMTPURL != "" {
		if _, err := mail.ParseURL(c.SMTPURL); err != nil {
			errs = append(errs, fmt.Errorf("smtp-url: %w", err))
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base-url: %q is not an http:// or https:// address", c.BaseURL))
		}
	}
	return errors.Join(errs...)
}

// PublicURL is the address for links in mail: BaseURL without a trailing
// slash, or http://<addr> when it is not set.
func (c *Config) PublicURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	return "http://" + c.Addr
}

// SQLitePath is the database file in the data folder.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "spil.db") }

// NewFlagSet returns a flag set that reports errors instead of exiting.
func NewFlagSet(name string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	return fs
}
