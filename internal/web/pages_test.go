package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/org"
	"spil/internal/testutil"
)

// pageCheck is one page to render: who asks, how, and the status expected.
type pageCheck struct {
	who    string // e-mail address of the person asking; "" for nobody
	method string
	path   string
	form   url.Values
	status int
}

// TestEveryPageInBothLanguages renders every page — forms with errors,
// results and error pages included — in Dutch and English, and checks that
// no text still looks like a catalog key, that no template printed a
// missing value, and the basics of accessible markup.
func TestEveryPageInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		dep, err := f.org.CreateDepartment(ctx, f.admin, org.DepartmentInput{Name: "Directie"})
		if err != nil {
			t.Fatal(err)
		}
		lat, lon := 52.0907, 5.1214
		loc, err := f.org.CreateLocation(ctx, f.admin, org.LocationInput{Name: "Utrecht", Address: "Stationsplein 1", Postcode: "3511 ED",
			City: "Utrecht", Latitude: &lat, Longitude: &lon})
		if err != nil {
			t.Fatal(err)
		}
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		emp, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: "Tim Team", Email: "tim@example.nl", JobTitle: "Jurist",
			DepartmentID: dep.ID, LocationID: loc.ID, ManagerID: pia})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.man.Grant(ctx, f.actor(t, pia), pia, mia, authz.Scopes{authz.AgendaEdit, authz.ApprovalsPrepare})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.id.CreateToken(ctx, f.admin, "Script"); err != nil {
			t.Fatal(err)
		}
		badCSV := "naam;e-mail;locatie;rollen\nA;a@example.nl;Nergens;baas\nA2;a@example.nl;;\n"

		const ada, piaM, miaM, olga = "ada@example.nl", "pia@example.nl", "mia@example.nl", "olga@example.nl"
		get := func(who, path string, status int) pageCheck {
			return pageCheck{who: who, method: http.MethodGet, path: path, status: status}
		}
		post := func(who, path string, form url.Values, status int) pageCheck {
			return pageCheck{who: who, method: http.MethodPost, path: path, form: form, status: status}
		}
		checks := []pageCheck{
			get("", "/login", 200),
			get(ada, "/", 200), get(piaM, "/", 200), get(miaM, "/", 200), get(olga, "/", 200),
			get(ada, "/people", 200), get(ada, "/people?q=nobody", 200), get(ada, "/people?inactive=1&role=admin", 200),
			get(ada, "/people/"+emp.ID, 200), get(ada, "/people/"+pia, 200), get(ada, "/people/new", 200), get(olga, "/people/new", 200),
			get(ada, "/people/"+emp.ID+"/edit", 200), get(ada, "/people/import", 200),
			get(ada, "/departments", 200), get(piaM, "/departments", 200), get(ada, "/locations", 200), get(ada, "/locations/"+loc.ID+"/edit", 200),
			get(ada, "/mandates", 200), get(piaM, "/mandates", 200), get(piaM, "/mandates?principal="+pia+"&assistant="+mia, 200), get(miaM, "/mandates", 200),
			get(ada, "/audit", 200), get(ada, "/audit?mine=1&type=mandate&days=7", 200), get(piaM, "/audit", 200),
			get(ada, "/settings", 200), get(ada, "/admin/organization", 200), get(ada, "/admin/roles", 200),
			get(ada, "/no/such/page", 404), get(miaM, "/people/new", 403), get(ada, "/people/nobody", 404),
			post(ada, "/people", url.Values{"email": {"bad"}, "roles_shown": {"1"}}, 422),
			post(ada, "/people/"+emp.ID, url.Values{"name": {"Tim"}, "email": {"tim@example.nl"}, "manager_id": {emp.ID}, "language": {"xx"}}, 422),
			post(ada, "/people/"+emp.ID+"/password", url.Values{"password": {"kort"}}, 422),
			post(ada, "/departments", url.Values{"name": {"Directie"}}, 422),
			post(ada, "/departments/"+dep.ID, url.Values{"name": {""}}, 422),
			post(ada, "/locations", url.Values{"name": {""}, "postcode": {"1"}, "latitude": {"100"}}, 422),
			post(ada, "/locations", url.Values{"name": {"X"}, "latitude": {"x"}}, 422),
			post(ada, "/locations/"+loc.ID, url.Values{"name": {"Utrecht"}, "country": {"NLD"}}, 422),
			post(piaM, "/mandates", url.Values{"assistant_id": {pia}}, 422),
			post(ada, "/mandates", url.Values{"principal_id": {mia}, "assistant_id": {pia}, "scopes": {"nonsense"}}, 422),
			post(ada, "/settings/profile", url.Values{"language": {"fr"}}, 422),
			post(ada, "/settings/password", url.Values{"old_password": {"x"}, "new_password": {"y"}}, 422),
			post(ada, "/settings/tokens", url.Values{"name": {""}}, 422),
			post(ada, "/settings/tokens", url.Values{"name": {"Nieuw"}}, 200),
			post(ada, "/admin/organization", url.Values{"name": {""}, "language": {"de"}, "time_zone": {"Nowhere"}}, 422),
		}
		for _, lang := range i18n.Languages() {
			for _, id := range []string{f.adminID, pia, mia} {
				if _, err := f.org.UpdateProfile(ctx, f.actor(t, id), "", lang); err != nil {
					t.Fatal(err)
				}
			}
			olgaP, _ := f.org.PersonByEmail(ctx, f.admin, olga)
			if _, err := f.org.UpdateProfile(ctx, f.actor(t, olgaP.ID), "", lang); err != nil {
				t.Fatal(err)
			}
			tokens := map[string]string{}
			for _, c := range checks {
				token := ""
				if c.who != "" {
					if tokens[c.who] == "" {
						tokens[c.who] = f.login(t, c.who)
					}
					token = tokens[c.who]
				}
				var res response
				if c.method == http.MethodGet {
					res = f.get(t, token, c.path)
				} else {
					res = f.post(t, token, c.path, c.form)
				}
				name := fmt.Sprintf("%s %s %s as %q", lang, c.method, c.path, c.who)
				if res.Status != c.status {
					t.Errorf("%s: status %d, want %d\n%s", name, res.Status, c.status, excerpt(res.Body))
					continue
				}
				want := lang
				if c.who == "" {
					want = "nl" // nobody logged in: the organization's language
				}
				checkPage(t, f.srv.I18n, name, want, res.Body)
			}
			res := f.upload(t, tokens[ada], "/people/import", "file", "x.csv", []byte(badCSV), nil)
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s import: status %d", lang, res.Status)
			}
			checkPage(t, f.srv.I18n, lang+" import result", lang, res.Body)
			if lang == "nl" {
				wantContains(t, res, "er is geen locatie met de naam “Nergens”", "onbekende rol “baas”", "al gebruikt op regel 2")
			} else {
				wantContains(t, res, "there is no location named “Nergens”", "unknown role “baas”", "already used on line 2")
			}
		}
	})
}

var (
	stripBlocks  = regexp.MustCompile(`(?s)<(script|style|code|pre)\b[^>]*>.*?</(script|style|code|pre)>`)
	tagRe        = regexp.MustCompile(`(?s)<[^>]*>`)
	textAttrRe   = regexp.MustCompile(`\b(?:aria-label|title|placeholder|data-confirm|data-copied|alt)="([^"]*)"`)
	idRe         = regexp.MustCompile(`\sid="([^"]+)"`)
	describedRe  = regexp.MustCompile(`aria-describedby="([^"]+)"`)
	controlRe    = regexp.MustCompile(`(?s)(<label>\s*)?<(input|select|textarea)\b([^>]*)>`)
	attrRe       = regexp.MustCompile(`\b(id|type|name)="([^"]*)"`)
	labelForRe   = regexp.MustCompile(`<label[^>]*\bfor="([^"]+)"`)
	headingRe    = regexp.MustCompile(`<h([1-6])\b`)
	htmlLangRe   = regexp.MustCompile(`<html lang="([a-z]+)">`)
	badOutputRes = []string{"<no value>", "%!", "MISSING", "<nil>"}
)

// keyLike matches text that looks like a key of the catalog: one of its
// first segments, a dot, and a lower-case word.
func keyLike(c *i18n.Catalog) *regexp.Regexp {
	seen := map[string]bool{}
	for _, k := range c.Keys("nl") {
		seen[strings.SplitN(k, ".", 2)[0]] = true
	}
	var prefixes []string
	for p := range seen {
		prefixes = append(prefixes, regexp.QuoteMeta(p))
	}
	sort.Strings(prefixes)
	return regexp.MustCompile(`\b(?:` + strings.Join(prefixes, "|") + `)\.[a-z_]+\b`)
}

// checkPage fails on untranslated keys, printing errors, a wrong language
// and markup that leaves assistive technology guessing.
func checkPage(t *testing.T, c *i18n.Catalog, name, lang, body string) {
	t.Helper()
	if m := htmlLangRe.FindStringSubmatch(body); m == nil || (lang != "" && m[1] != lang) {
		t.Errorf("%s: html lang %v, want %s", name, m, lang)
	}
	for _, bad := range badOutputRes {
		if strings.Contains(body, bad) {
			t.Errorf("%s: page contains %q", name, bad)
		}
	}
	visible := stripBlocks.ReplaceAllString(body, "")
	var texts []string
	for _, m := range textAttrRe.FindAllStringSubmatch(visible, -1) {
		texts = append(texts, m[1])
	}
	texts = append(texts, tagRe.ReplaceAllString(visible, " "))
	re := keyLike(c)
	for _, txt := range texts {
		if k := re.FindString(txt); k != "" {
			t.Errorf("%s: text looks like an untranslated key: %q", name, k)
		}
	}
	// ids are unique, and aria-describedby points at them.
	ids := map[string]int{}
	for _, m := range idRe.FindAllStringSubmatch(body, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("%s: id %q used %d times", name, id, n)
		}
	}
	for _, m := range describedRe.FindAllStringSubmatch(body, -1) {
		for _, id := range strings.Fields(m[1]) {
			if ids[id] == 0 {
				t.Errorf("%s: aria-describedby names missing id %q", name, id)
			}
		}
	}
	// Every visible control has a label.
	labelled := map[string]bool{}
	for _, m := range labelForRe.FindAllStringSubmatch(body, -1) {
		labelled[m[1]] = true
	}
	for _, m := range controlRe.FindAllStringSubmatch(body, -1) {
		wrapped, attrs := m[1] != "", map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(m[3], -1) {
			attrs[a[1]] = a[2]
		}
		if attrs["type"] == "hidden" || strings.Contains(m[3], " hidden") || wrapped {
			continue
		}
		if attrs["id"] == "" || !labelled[attrs["id"]] {
			t.Errorf("%s: control %q has no label", name, m[0])
		}
	}
	// One h1, and no heading level skipped on the way down.
	levels := headingRe.FindAllStringSubmatch(body, -1)
	h1, prev := 0, 0
	for _, l := range levels {
		n, _ := strconv.Atoi(l[1])
		if n == 1 {
			h1++
		}
		if n > prev+1 {
			t.Errorf("%s: heading h%d follows h%d", name, n, prev)
		}
		prev = n
	}
	if h1 != 1 {
		t.Errorf("%s: %d h1 headings", name, h1)
	}
}
