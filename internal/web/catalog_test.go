package web

import (
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/testutil"
)

var (
	tmplKeyRe = regexp.MustCompile(`\.(T|N) "([^"]+)"`)
	goKeyRe   = regexp.MustCompile(`\.(T|N)\("([^"]+)"`)
	printfRe  = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
)

// TestEveryKeyUsedIsInTheCatalogs reads the templates and the Go code for
// the keys they use literally, adds the families built at run time, and
// checks both catalogs have them all (plural keys with .one and .other).
func TestEveryKeyUsedIsInTheCatalogs(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	type use struct{ key, where string }
	var uses []use
	plural := map[string]bool{}
	add := func(re *regexp.Regexp, text, where string) {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			if strings.HasSuffix(m[2], ".") { // a prefix completed at run time; see below
				continue
			}
			uses = append(uses, use{m[2], where})
			if m[1] == "N" {
				plural[m[2]] = true
			}
		}
	}
	err = fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(path)
		add(tmplKeyRe, string(b), path)
		if !strings.Contains(path, "/layout/") {
			name := strings.TrimSuffix(filepath.Base(path), ".html")
			uses = append(uses, use{"title." + name, path + " (page title)"})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	goFiles, _ := filepath.Glob("*.go")
	for _, path := range goFiles {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		add(goKeyRe, string(b), path)
	}
	// Families whose keys are made at run time.
	for _, k := range flashKeys {
		uses = append(uses, use{"flash." + k, "flashKeys"})
	}
	for _, k := range auditObjectTypes {
		uses = append(uses, use{"object." + k, "auditObjectTypes"})
	}
	for _, p := range authz.AllPermissions {
		uses = append(uses, use{"permission." + string(p), "authz.AllPermissions"})
	}
	for _, s := range authz.AllScopes() {
		uses = append(uses, use{"scope." + string(s), "authz.AllScopes"}, use{"scope_help." + string(s), "authz.AllScopes"})
	}
	for _, l := range i18n.Languages() {
		uses = append(uses, use{"language." + l, "i18n.Languages"})
	}
	for _, col := range importColumns {
		uses = append(uses, use{col.HelpKey, "importColumns"})
	}
	for _, mp := range msgPatterns {
		uses = append(uses, use{mp.key, "msgPatterns"})
	}
	for _, status := range []int{400, 401, 403, 404, 409, 422, 429, 500} {
		uses = append(uses, use{"error.title." + strconv.Itoa(status), "fail"})
	}
	for _, lang := range i18n.Languages() {
		for _, u := range uses {
			keys := []string{u.key}
			if plural[u.key] {
				keys = []string{u.key + ".one", u.key + ".other"}
			}
			for _, k := range keys {
				if !c.Has(lang, k) {
					t.Errorf("%s: key %q (used in %s) is missing", lang, k, u.where)
				}
			}
		}
	}
}

// TestCatalogTextsAgree checks that both languages of a key take the same
// arguments, so no translation prints %!d(MISSING) or drops a value.
func TestCatalogTextsAgree(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	nl, en := c.Printer("nl", nil), c.Printer("en", nil)
	for _, k := range c.Keys("en") {
		a := printfRe.FindAllString(en.T(k), -1)
		b := printfRe.FindAllString(nl.T(k), -1)
		if strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: English has %v, Dutch %v", k, a, b)
		}
	}
}

// TestServiceMessagesAreTranslated checks that the messages the services
// give for fields shown in these pages have a Dutch text.
func TestServiceMessagesAreTranslated(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := c.Printer("nl", nil)
	for _, msg := range []string{
		"is required", "is too long", "already in use", "does not exist", "is not a valid e-mail address", "use nl or en",
		"is not a known time zone", "cannot be the person themselves", "reports (indirectly) to this person; that would make a loop",
		"cannot be the department itself", "is part of this department; that would make a loop",
		"use a two-letter country code such as NL", "use the form 1234 AB", "must be between -90 and 90", "must be between -180 and 180",
		"give both latitude and longitude, or neither", "use at least 10 characters", "this is not your current password",
		"give the token a name", "use at most 100 characters", "choose at least one thing the assistant may do",
		"a principal cannot be their own assistant", "choose an active person with the manager / director role",
		"choose an active person with the Management Assistant role", "already in use by someone in spil",
		"the file is empty", "the file has no rows below the header", "choose a CSV file", "is not a number",
		`unknown role "baas"`, "already used on line 4", "Ada is the last active administrator; make someone else administrator first",
		`column "naam" appears twice; missing required column(s): email`,
	} {
		if got := translate(p, msg); got == msg {
			t.Errorf("no Dutch for %q", msg)
		}
	}
}

// TestRouteAccess walks every route: each declares its access, and a person
// without the permission a route needs gets 403, whatever the method.
func TestRouteAccess(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// A person with no roles at all holds no permission.
		id := f.person(t, "Nora Niks", "nora@example.nl", authz.RoleEmployee)
		if _, err := f.org.SetRoles(t.Context(), f.admin, id, []string{}); err != nil {
			t.Fatal(err)
		}
		nora := f.login(t, "nora@example.nl")
		for _, rt := range f.srv.Routes() {
			if !rt.Access.Declared() {
				t.Errorf("%s %s declares no access", rt.Method, rt.Pattern)
			}
			if len(rt.Access.AnyOf) == 0 {
				continue
			}
			path := strings.NewReplacer("{id}", "00000000-0000-0000-0000-000000000000", "{$}", "").Replace(rt.Pattern)
			var res response
			if rt.Method == http.MethodGet {
				res = f.get(t, nora, path)
			} else {
				res = f.post(t, nora, path, url.Values{})
			}
			if res.Status != http.StatusForbidden {
				t.Errorf("%s %s (%s) without the permission: status %d, want 403", rt.Method, rt.Pattern, rt.Access, res.Status)
			}
		}
	})
}
