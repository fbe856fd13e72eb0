package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"spil/internal/app"
	"spil/internal/config"
	"spil/internal/demo"
	"spil/internal/password"
	"spil/internal/testutil"
)

const demoPassword = "demo-password-1"

// newDemo returns a running spil with the demo organization on the given
// database settings, and its URL.
func newDemo(t *testing.T, cfg config.Config) (*app.App, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)),
		app.Options{PasswordParams: password.Params{Memory: 1024, Time: 1, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := demo.Seed(ctx, demo.Deps{Org: a.Org, Mandates: a.Mandates, DB: a.DB, Clock: a.Clock}, demo.Options{Password: demoPassword}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return a, srv
}

func sqliteConfig(t *testing.T) config.Config { return sqliteConfig2(t) }

func sqliteConfig2(t testing.TB) config.Config {
	c := config.Defaults()
	c.DataDir = t.TempDir()
	return c
}

func postgresConfig(t *testing.T) config.Config {
	c := config.Defaults()
	c.DatabaseURL = testutil.PostgresURL(t)
	return c
}

func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	_, srv := newDemo(t, sqliteConfig(t))
	for _, path := range []string{"/login", "/healthz", "/api/v1/openapi.json", "/static/app.css", "/nowhere", "/api/v1/me"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if csp == "" || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestCrossSiteWritesAreRefused(t *testing.T) {
	_, srv := newDemo(t, sqliteConfig(t))
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/login", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST answered %d, want 403", resp.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/login", nil)
	req.Header.Set("Origin", "https://evil.example")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("POST from another origin answered %d, want 403", resp.StatusCode)
	}
}
