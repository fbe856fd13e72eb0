package config

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// parse registers the flags with env as the environment, parses args and
// validates, as a subcommand does.
func parse(t *testing.T, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	fs := NewFlagSet("spil", &bytes.Buffer{})
	c, validate := Register(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return c, validate()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	want := Config{
		Addr:        "127.0.0.1:8080",
		DataDir:     "./spil-data",
		SessionIdle: 2 * time.Hour,
		SessionMax:  7 * 24 * time.Hour,
		LogFormat:   "text",
		LogLevel:    "info",
	}
	if *c != want {
		t.Errorf("with nothing set: %+v, want %+v", *c, want)
	}
	if *c != Defaults() {
		t.Errorf("Register without settings differs from Defaults: %+v", *c)
	}
	if got, want := c.SQLitePath(), filepath.Join("spil-data", "spil.db"); got != want {
		t.Errorf("SQLite file %q, want %q", got, want)
	}
}

func TestEnvironment(t *testing.T) {
	c, err := parse(t, map[string]string{
		"SPIL_ADDR":         ":9090",
		"SPIL_DATA":         "/var/lib/spil",
		"SPIL_DATABASE_URL": "postgres://spil@db/spil",
		"SPIL_TRUST_PROXY":  "yes",
		"SPIL_SESSION_IDLE": "30m",
		"SPIL_SESSION_MAX":  "12h",
		"SPIL_LOG_FORMAT":   "json",
		"SPIL_LOG_LEVEL":    "debug",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Addr: ":9090", DataDir: "/var/lib/spil", DatabaseURL: "postgres://spil@db/spil", TrustProxy: true,
		SessionIdle: 30 * time.Minute, SessionMax: 12 * time.Hour, LogFormat: "json", LogLevel: "debug"}
	if *c != want {
		t.Errorf("from the environment: %+v, want %+v", *c, want)
	}
	for v, want := range map[string]bool{"1": true, "true": true, "TRUE": true, "Yes": true, "0": false, "no": false, "false": false, "": false} {
		c, err := parse(t, map[string]string{"SPIL_TRUST_PROXY": v})
		if err != nil {
			t.Fatal(err)
		}
		if c.TrustProxy != want {
			t.Errorf("SPIL_TRUST_PROXY=%q: trust proxy %v, want %v", v, c.TrustProxy, want)
		}
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	env := map[string]string{
		"SPIL_ADDR":         "0.0.0.0:9000",
		"SPIL_DATA":         "/from/env",
		"SPIL_DATABASE_URL": "postgres://env@db/spil",
		"SPIL_TRUST_PROXY":  "true",
	}
	c, err := parse(t, env, "-addr", "127.0.0.1:7000", "-data", "/from/flag", "-database-url", "postgresql://flag@db/spil", "-trust-proxy=false")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" || c.DataDir != "/from/flag" || c.DatabaseURL != "postgresql://flag@db/spil" || c.TrustProxy {
		t.Errorf("flags did not win: %+v", *c)
	}
	// A flag not given leaves the environment's value.
	c, err = parse(t, env, "-data", "/from/flag")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || c.DataDir != "/from/flag" || c.DatabaseURL != "postgres://env@db/spil" || !c.TrustProxy {
		t.Errorf("environment lost: %+v", *c)
	}
}

// Each setting that cannot work is named in the error, so an operator knows
// what to fix.
func TestInvalidSettingsAreNamed(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string // in the error
	}{
		{"addr flag", nil, []string{"-addr", "8080"}, `addr: "8080"`},
		{"addr env", map[string]string{"SPIL_ADDR": "localhost"}, nil, `addr: "localhost"`},
		{"session idle", map[string]string{"SPIL_SESSION_IDLE": "soon"}, nil, `SPIL_SESSION_IDLE: "soon"`},
		{"session max", map[string]string{"SPIL_SESSION_MAX": "7d"}, nil, `SPIL_SESSION_MAX: "7d"`},
		{"idle above max", map[string]string{"SPIL_SESSION_IDLE": "8h", "SPIL_SESSION_MAX": "1h"}, nil, "session:"},
		{"negative idle", map[string]string{"SPIL_SESSION_IDLE": "-1h"}, nil, "session:"},
		{"database-url scheme", nil, []string{"-database-url", "mysql://db/spil"}, "database-url: only postgres://"},
		{"database-url env", map[string]string{"SPIL_DATABASE_URL": "/var/lib/spil.db"}, nil, "database-url: only postgres://"},
		{"log level", map[string]string{"SPIL_LOG_LEVEL": "verbose"}, nil, `log level: "verbose"`},
		{"log format", map[string]string{"SPIL_LOG_FORMAT": "xml"}, nil, `log format: "xml"`},
		{"no data folder", nil, []string{"-data", " "}, "data: a data folder is needed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(t, tc.env, tc.args...)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	_, err := parse(t, map[string]string{"SPIL_SESSION_IDLE": "soon", "SPIL_LOG_LEVEL": "loud"},
		"-addr", "nowhere", "-database-url", "sqlite://x")
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"SPIL_SESSION_IDLE", "addr:", "database-url:", "log level:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestValidSettingsAccepted(t *testing.T) {
	for _, c := range []Config{
		{Addr: ":8080", DataDir: "d", SessionIdle: time.Hour, SessionMax: time.Hour, LogFormat: "json", LogLevel: "warn"},
		{Addr: "[::1]:80", DatabaseURL: "postgresql://u@h/db", SessionIdle: time.Minute, SessionMax: time.Hour, LogFormat: "text", LogLevel: "error"},
	} {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
}

// A PostgreSQL URL makes the data folder unnecessary.
func TestDatabaseURLNeedsNoDataFolder(t *testing.T) {
	if _, err := parse(t, map[string]string{"SPIL_DATABASE_URL": "postgres://db/spil"}, "-data", ""); err != nil {
		t.Error(err)
	}
}

func TestUnknownFlagIsAnErrorNotAnExit(t *testing.T) {
	var out bytes.Buffer
	fs := NewFlagSet("spil serve", &out)
	Register(fs, func(string) string { return "" })
	if err := fs.Parse([]string{"-port", "80"}); err == nil {
		t.Fatal("unknown flag accepted")
	}
	if !strings.Contains(out.String(), "-port") || !strings.Contains(out.String(), "-addr") {
		t.Errorf("usage does not name the flag and list the known ones:\n%s", out.String())
	}
}

// The mail relay and the public address are checked at start, and the
// public address falls back to the listen address.
func TestMailRelayAndBaseURL(t *testing.T) {
	c, err := parse(t, map[string]string{"SPIL_SMTP_URL": "smtp://mail.example.nl:587?starttls=1", "SPIL_BASE_URL": "https://spil.example.nl/"})
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPURL != "smtp://mail.example.nl:587?starttls=1" || c.PublicURL() != "https://spil.example.nl" {
		t.Errorf("relay %q, public URL %q", c.SMTPURL, c.PublicURL())
	}
	c, err = parse(t, nil, "-addr", "0.0.0.0:9000")
	if err != nil {
		t.Fatal(err)
	}
	if c.PublicURL() != "http://0.0.0.0:9000" {
		t.Errorf("public URL without base URL: %q", c.PublicURL())
	}
	_, err = parse(t, map[string]string{"SPIL_SMTP_URL": "imap://mail.example.nl", "SPIL_BASE_URL": "spil.example.nl"})
	if err == nil || !strings.Contains(err.Error(), "smtp-url") || !strings.Contains(err.Error(), "base-url") {
		t.Errorf("bad relay and base URL: %v", err)
	}
}
