// Package e2e drives the real spil binary with Debian's Chromium, as a person
// would: setup, login, the dashboard of each role, the language switch and
// mandates.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const demoPassword = "e2e-demo-password"

// binary is the spil binary built once for the package.
var binary string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	if _, err := os.Stat(chromiumPath()); err != nil {
		if os.Getenv("SPIL_E2E_REQUIRED") != "" {
			fmt.Fprintln(os.Stderr, "e2e: chromium is required (SPIL_E2E_REQUIRED) but missing:", err)
			return 1
		}
		fmt.Fprintln(os.Stderr, "e2e: skipped, no chromium at", chromiumPath())
		return 0
	}
	dir, err := os.MkdirTemp("", "spil-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "spil")
	build := exec.Command("go", "build", "-o", binary, "../cmd/spil")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build spil:", err)
		return 1
	}
	return m.Run()
}

func chromiumPath() string {
	if p := os.Getenv("SPIL_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// spil is a running spil process.
type spil struct {
	URL string
	cmd *exec.Cmd
}

var runningAt = regexp.MustCompile(`spil is running at (http://\S+)/`)

// startSpil runs the binary with args (plus a free loopback port) and waits
// for /healthz; the process is stopped with SIGTERM when the test ends and
// must exit with status 0.
func startSpil(t *testing.T, env []string, args ...string) *spil {
	t.Helper()
	cmd := exec.Command(binary, append(args, "--addr", "127.0.0.1:0")...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &spil{cmd: cmd}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := runningAt.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case s.URL = <-found:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("spil %v did not start", args)
	}
	for i := 0; ; i++ {
		resp, err := http.Get(s.URL + "/healthz")
		if err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if i > 200 {
			t.Fatalf("healthz never answered: %v", err)
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Cleanup(func() {
		if t.Failed() {
			// A failed test may be a server that hangs: SIGQUIT makes Go
			// print every goroutine's stack on standard error and exit.
			cmd.Process.Signal(syscall.SIGQUIT)
			cmd.Wait()
			return
		}
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("spil exited with %v after SIGTERM", err)
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Error("spil did not stop within 30 s of SIGTERM")
		}
	})
	return s
}

// startDemo serves a fresh demo organization.
func startDemo(t *testing.T) *spil {
	return startSpil(t, []string{"SPIL_DEMO_PASSWORD=" + demoPassword}, "demo", "--data", t.TempDir())
}

// newBrowser starts a headless Chromium for the test and returns a function
// that opens a fresh, isolated browser context (its own cookies) — one per
// person in the test.
func newBrowser(t *testing.T) func() context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		// spil scrolls smoothly unless the visitor asks for reduced
		// motion; a click computed while the page still glides into place
		// lands beside its button, so tests ask for reduced motion.
		chromedp.Flag("force-prefers-reduced-motion", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil { // starts the browser
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	return func() context.Context {
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
		t.Cleanup(func() { cancelTimeout(); cancel() })
		return ctx
	}
}

// do runs browser steps and fails the test with the step's error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// text returns the visible text of the first element matching css.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("read %s: %v", css, err)
	}
	return s
}

// submit clicks a submit control and waits for the page it leads to.
func submit(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css))); err != nil {
		t.Fatalf("submit %s: %v", css, err)
	}
}

// login signs in through the login form and waits for the dashboard.
func login(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), demoPassword),
	)
	submit(t, ctx, `form[action="/login"] button[type=submit]`)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.Contains(loc, "/login") {
		t.Fatalf("login as %s stayed on %s: %s", email, loc, text(t, ctx, "main"))
	}
}

// screenshot keeps a picture of the page in SPIL_E2E_SHOTS, when set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("SPIL_E2E_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
}
