package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/config"
	"spil/internal/identity"
)

// demoLogins are the demo organization's logins, one per role of the article.
func demoLogins() []string {
	return []string{"admin@demo.example", "office@demo.example", "assistant@demo.example",
		"director@demo.example", "manager@demo.example", "employee@demo.example"}
}

// routeCase is one route of either transport, with its declared access.
type routeCase struct {
	api     bool
	method  string
	pattern string
	access  authz.Access
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// concrete turns a route pattern into a path: parameters become an ID that
// exists nowhere, so allowed requests answer 404 or 422 and change nothing.
func (rc routeCase) concrete() string {
	p := strings.ReplaceAll(rc.pattern, "{$}", "")
	return pathParam.ReplaceAllString(p, "00000000-0000-7000-8000-000000000000")
}

// TestAuthorizationMatrix walks every route of the web and API route tables
// for every demo role and for an anonymous visitor, and checks that exactly
// the roles the route's declared access allows get past authorization.
func TestAuthorizationMatrix(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { authorizationMatrix(t, sqliteConfig(t)) })
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) { authorizationMatrix(t, postgresConfig(t)) })
	}
}

func authorizationMatrix(t *testing.T, cfg config.Config) {
	a, srv := newDemo(t, cfg)
	ctx := context.Background()

	var routes []routeCase
	for _, r := range a.Web.Routes() {
		routes = append(routes, routeCase{false, r.Method, r.Pattern, r.Access})
	}
	for _, r := range a.API.Routes() {
		routes = append(routes, routeCase{true, r.Method, r.Path, r.Access})
	}
	if len(routes) < 40 {
		t.Fatalf("only %d routes found", len(routes))
	}
	for _, r := range routes {
		if !r.access.Declared() {
			t.Errorf("%s %s declares no access", r.method, r.pattern)
		}
	}

	type who struct {
		email   string
		actor   *authz.Actor // nil: anonymous
		session string       // web login
		token   string       // API token
	}
	people := []who{{email: "anonymous"}}
	for _, email := range demoLogins() {
		session, actor, err := a.Identity.Login(ctx, identity.LoginInput{Email: email, Password: demoPassword, Address: "192.0.2.1"})
		if err != nil {
			t.Fatalf("login %s: %v", email, err)
		}
		token, _, err := a.Identity.CreateToken(ctx, actor, "matrix")
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, who{email, actor, session, token})
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var matrix []string
	for _, rc := range routes {
		var allowed []string
		for _, p := range people {
			want := rc.access.Allows(p.actor)
			var body *strings.Reader
			contentType := ""
			if rc.api {
				body, contentType = strings.NewReader("{}"), "application/json"
			} else {
				body, contentType = strings.NewReader(url.Values{}.Encode()), "application/x-www-form-urlencoded"
			}
			req, err := http.NewRequest(rc.method, srv.URL+rc.concrete(), body)
			if err != nil {
				t.Fatal(err)
			}
			if rc.method != http.MethodGet {
				req.Header.Set("Content-Type", contentType)
			}
			if p.actor != nil {
				if rc.api {
					req.Header.Set("Authorization", "Bearer "+p.token)
				} else {
					session := p.session
					if rc.pattern == "/logout" {
						// Logging out ends the session it is called with: use a spare one.
						if session, _, err = a.Identity.Login(ctx, identity.LoginInput{Email: p.email, Password: demoPassword, Address: "192.0.2.1"}); err != nil {
							t.Fatal(err)
						}
					}
					req.AddCookie(&http.Cookie{Name: "spil_session", Value: session})
				}
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			got := resp.StatusCode
			denied := got == http.StatusForbidden || got == http.StatusUnauthorized ||
				(!rc.api && (got == http.StatusFound || got == http.StatusSeeOther) && strings.HasPrefix(resp.Header.Get("Location"), "/login?next="))
			if rc.access.Public {
				denied = got == http.StatusForbidden
			}
			if want && denied {
				t.Errorf("%s %s as %s: answered %d, but the route's access %q allows it", rc.method, rc.pattern, p.email, got, rc.access)
			}
			if !want && !denied {
				t.Errorf("%s %s as %s: answered %d, but the route's access %q denies it", rc.method, rc.pattern, p.email, got, rc.access)
			}
			if !want && p.actor != nil && got != http.StatusForbidden {
				t.Errorf("%s %s as %s: a logged-in person without access should get 403, got %d", rc.method, rc.pattern, p.email, got)
			}
			if want {
				allowed = append(allowed, strings.TrimSuffix(p.email, "@demo.example"))
			}
		}
		matrix = append(matrix, fmt.Sprintf("%-6s %-45s %-22s %s", rc.method, rc.pattern, rc.access, strings.Join(allowed, " ")))
	}
	sort.Strings(matrix)
	t.Logf("route × role matrix (%d routes):\n%s", len(routes), strings.Join(matrix, "\n"))
}
