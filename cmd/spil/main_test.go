package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"spil/internal/testutil"
)

// server is a `spil serve` (or `spil demo`) started through run, as main does.
type server struct {
	URL  string
	done chan error
	stop context.CancelFunc
	out  *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var addrLine = regexp.MustCompile(`spil is running at (http://[^\s]+)/`)

// start runs spil with args and env until the test ends, and waits until
// /healthz answers 200.
func start(t *testing.T, env map[string]string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &server{done: make(chan error, 1), stop: cancel, out: &lockedBuffer{}}
	getenv := func(k string) string { return env[k] }
	go func() {
		err := run(ctx, args, getenv, strings.NewReader(""), pw, io.Discard)
		pw.Close()
		s.done <- err
	}()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			s.out.Write([]byte(sc.Text() + "\n"))
			if m := addrLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case s.URL = <-found:
	case err := <-s.done:
		t.Fatalf("spil %v stopped before serving: %v\n%s", args, err, s.out.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("spil %v did not start\n%s", args, s.out.String())
	}
	for i := 0; ; i++ {
		resp, err := http.Get(s.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if i > 100 {
			t.Fatalf("healthz never answered 200: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Cleanup(func() { s.shutdown(t) })
	return s
}

// shutdown cancels the server's context (as SIGTERM does) and checks that it
// exits cleanly.
func (s *server) shutdown(t *testing.T) {
	if s.stop == nil {
		return
	}
	s.stop()
	s.stop = nil
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("spil exited with %v after shutdown", err)
		}
	case <-time.After(35 * time.Second):
		t.Error("spil did not shut down within 35 s")
	}
}

func runOut(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	var out strings.Builder
	var errOut strings.Builder
	if err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("spil %v: %v\n%s%s", args, err, out.String(), errOut.String())
	}
	return out.String()
}

func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b) + resp.Header.Get("Location")
}

func TestServeOnAnEmptyFolderAsksForSetupAndStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	s := start(t, map[string]string{"SPIL_DATA": dir}, "serve", "--addr", "127.0.0.1:0")
	code, body := get(t, s.URL+"/", "")
	if code != http.StatusFound || !strings.HasSuffix(body, "/setup") {
		t.Fatalf("GET / on an empty data folder: %d %q, want a redirect to /setup", code, body)
	}
	if _, err := os.Stat(dir + "/spil.db"); err != nil {
		t.Fatalf("no SQLite database in the data folder: %v", err)
	}
	if code, _ = get(t, s.URL+"/metrics", ""); code != http.StatusUnauthorized {
		t.Fatalf("metrics without a token: %d, want 401", code)
	}
	s.shutdown(t)
}

func TestCommandLineSetsUpAndIssuesTokensWhileTheServerRuns(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SPIL_DATA": dir, "SPIL_PASSWORD": "correct horse battery"}
	out := runOut(t, env, "user", "add", "--organization", "Bureau Jansen", "--email", "Ilse@Example.NL", "--name", "Ilse Jansen")
	if !strings.Contains(out, "Bureau Jansen") {
		t.Fatalf("user add: %q", out)
	}
	s := start(t, env, "serve", "--addr", "127.0.0.1:0")
	token := strings.TrimSpace(runOut(t, env, "token", "create", "--email", "ilse@example.nl"))
	if !strings.HasPrefix(token, "spil_") {
		t.Fatalf("token create printed %q", token)
	}
	code, body := get(t, s.URL+"/api/v1/me", token)
	if code != 200 {
		t.Fatalf("/api/v1/me with the new token: %d %s", code, body)
	}
	var me struct {
		Person struct {
			Email string `json:"email"`
		} `json:"person"`
		Roles []string `json:"roles"`
	}
	json.Unmarshal([]byte(body), &me)
	if me.Person.Email != "ilse@example.nl" || fmt.Sprint(me.Roles) != "[admin]" {
		t.Fatalf("me = %+v (%s)", me, body)
	}
	code, body = get(t, s.URL+"/metrics", token)
	if code != 200 || !strings.Contains(body, `spil_http_requests_total{method="GET",route="GET /api/v1/me",status="2xx"} 1`) {
		t.Fatalf("metrics with the administrator's token: %d %.300s", code, body)
	}
	if code, _ := get(t, s.URL+"/api/v1/me", token+"x"); code != http.StatusUnauthorized {
		t.Fatalf("a wrong token answered %d", code)
	}
	out = runOut(t, env, "user", "reset-password", "--email", "ilse@example.nl")
	if !strings.Contains(out, "reset") {
		t.Fatalf("reset-password: %q", out)
	}
}

func TestTwoServersShareOnePostgresDatabase(t *testing.T) {
	url := testutil.PostgresURL(t)
	env := map[string]string{"SPIL_DATABASE_URL": url, "SPIL_PASSWORD": "correct horse battery"}
	a := start(t, env, "serve", "--addr", "127.0.0.1:0")
	b := start(t, env, "serve", "--addr", "127.0.0.1:0")
	runOut(t, env, "user", "add", "--organization", "Zorggroep Noord", "--email", "beheer@zorg.example", "--name", "Beheer")
	token := strings.TrimSpace(runOut(t, env, "token", "create", "--email", "beheer@zorg.example"))
	for _, s := range []*server{a, b} {
		if code, body := get(t, s.URL+"/api/v1/me", token); code != 200 {
			t.Fatalf("%s: %d %s", s.URL, code, body)
		}
	}
}

func TestDemoSeedsTheRequiredLogins(t *testing.T) {
	dir := t.TempDir()
	out := runOut(t, map[string]string{"SPIL_DEMO_PASSWORD": "demo-password-1"}, "demo", "--data", dir, "--seed-only")
	for _, email := range []string{"director@demo.example", "assistant@demo.example", "manager@demo.example",
		"office@demo.example", "employee@demo.example", "admin@demo.example"} {
		if !strings.Contains(out, email) {
			t.Errorf("demo output lacks %s:\n%s", email, out)
		}
	}
	var errOut strings.Builder
	err := run(context.Background(), []string{"demo", "--data", dir, "--seed-only"}, func(string) string { return "" }, strings.NewReader(""), io.Discard, &errOut)
	if err == nil || !strings.Contains(err.Error(), "already holds an organization") {
		t.Fatalf("a second demo into the same folder: %v", err)
	}
}

func TestBadSettingsAreReportedByName(t *testing.T) {
	var errOut strings.Builder
	err := run(context.Background(), []string{"serve", "--addr", "nonsense"}, func(k string) string {
		if k == "SPIL_SESSION_IDLE" {
			return "soon"
		}
		return ""
	}, strings.NewReader(""), io.Discard, &errOut)
	if err == nil || !strings.Contains(err.Error(), "addr") || !strings.Contains(err.Error(), "SPIL_SESSION_IDLE") {
		t.Fatalf("want errors naming addr and SPIL_SESSION_IDLE, got %v", err)
	}
}
