package web

import (
	"context"
	"html/template"
	"regexp"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/db"
	"spil/internal/testutil"
)

// catalogFixture is a fixture whose server has the embedded role catalog.
func catalogFixture(t *testing.T, d *db.DB) (*fixture, *catalog.Catalog) {
	t.Helper()
	f := newFixture(t, d)
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Catalog = catalog.NewBook(c)
	return f, c
}

// taskItem returns the list item of one task on the comparison page.
func taskItem(t *testing.T, body, key string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<li data-task="` + regexp.QuoteMeta(key) + `"[^>]*>.*?</li>`)
	m := re.FindString(body)
	if m == "" {
		t.Errorf("task %s is not on the page", key)
	}
	return m
}

// TestComparisonPageShowsEveryTaskWithItsModule opens the comparison as a
// visitor who is not logged in, in Dutch (the organization's language) and
// in English (?lang=en), and checks every task of the catalog: a link to its
// module when spil has it, the module with a badge when it is planned, and
// "not supported" when no module supports it.
func TestComparisonPageShowsEveryTaskWithItsModule(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f, c := catalogFixture(t, d)
		for _, tc := range []struct {
			lang, path                                 string
			ma, planned, none, partial, scaleup        string
			average, rng, version, shared, firstColumn string
		}{
			{"nl", "/roles/compare", "Managementassistent", "nog niet beschikbaar in spil", "niet ondersteund", "deels beschikbaar",
				"Context: scale-up", "€ 3.513,00 bruto per maand", "€ 3.196,00 – € 3.830,00 per maand", "Rollencatalogus versie 2026.1",
				"Beide functies ondersteunen het management", "Kenmerk"},
			{"en", "/roles/compare?lang=en", "Management Assistant", "not yet available in spil", "not supported", "partly available",
				"Context: scale-up", "€3,513.00 gross per month", "€3,196.00 – €3,830.00 per month", "Role catalog version 2026.1",
				"Both roles support management", "Characteristic"},
		} {
			res := f.get(t, "", tc.path)
			wantStatus(t, res, 200)
			checkPage(t, f.srv.I18n, tc.lang+" compare", tc.lang, res.Body)
			wantContains(t, res, `<th scope="col" id="col-office_manager">Office Manager</th>`,
				`<th scope="col" id="col-management_assistant">`+tc.ma+`</th>`,
				`<th scope="col">`+tc.firstColumn+`</th>`, "<caption", `class="table-wrap"`,
				tc.scaleup, tc.average, tc.rng, tc.version, tc.shared)
			if tc.lang == "nl" {
				wantContains(t, res, "€ 3.889,00 bruto per maand", "€ 3.499,00 – € 4.200,00 per maand",
					"Strategisch en operationeel.", "Tactisch en uitvoerend.", "Overeenkomsten", "Kerncompetenties",
					"Plant agenda’s en vergaderingen nauwkeurig.", "Coördineert processen en teams.", "Doorgroeimogelijkheden",
					"Facility Manager", "Executive Assistant", "Directiesecretaresse", "Karaktereigenschappen", "Proactief en besluitvaardig",
					"MBO/HBO Management, Office Management of Bedrijfskunde", "Ervaring met project- en budgettools",
					"Zorginstelling", "Context: advocatenkantoor", "Context: zorginstelling", "1 november 2026", "2Assistu")
			} else {
				wantContains(t, res, "€3,889.00 gross per month", "Strategic and operational.", "In common", "Core competencies",
					"Career paths", "Project Manager", "Context: law firm", "Context: healthcare institution", "1 November 2026")
			}
			for _, ra := range c.TaskAreas() {
				for _, task := range ra.Area.Tasks {
					item := taskItem(t, res.Body, task.Key)
					if !strings.Contains(item, template.HTMLEscapeString(task.Name.In(tc.lang))) {
						t.Errorf("%s: task %s without its name:\n%s", tc.lang, task.Key, item)
					}
					m, ok := c.Module(task.Module)
					switch {
					case !ok:
						if !strings.Contains(item, tc.none) || strings.Contains(item, "<a ") {
							t.Errorf("%s: task %s has no module but is not marked as not supported:\n%s", tc.lang, task.Key, item)
						}
					case m.Status == catalog.ModulePlanned:
						if !strings.Contains(item, template.HTMLEscapeString(m.Name.In(tc.lang))) || !strings.Contains(item, tc.planned) || strings.Contains(item, "<a ") {
							t.Errorf("%s: task %s (planned module %s) lacks the module or its badge:\n%s", tc.lang, task.Key, m.Key, item)
						}
					default:
						link := `<a href="` + m.Path + `">` + template.HTMLEscapeString(m.Name.In(tc.lang)) + `</a>`
						if !strings.Contains(item, link) {
							t.Errorf("%s: task %s does not link %s:\n%s", tc.lang, task.Key, link, item)
						}
						if m.Status == catalog.ModulePartial && !strings.Contains(item, tc.partial) {
							t.Errorf("%s: task %s: partial module not marked:\n%s", tc.lang, task.Key, item)
						}
					}
				}
			}
		}
		// The onboarding task (HR support) leads to the import of people.
		res := f.get(t, "", "/roles/compare")
		if item := taskItem(t, res.Body, "om.hr_support"); !strings.Contains(item, `<a href="/people/import">Onboarding</a>`) {
			t.Errorf("HR support does not link onboarding:\n%s", item)
		}
		// A visitor can switch language; links within the role pages keep it.
		wantContains(t, res, `<a href="/roles/compare?lang=en" hreflang="en" lang="en">English</a>`)
		en := f.get(t, "", "/roles/compare?lang=en")
		wantContains(t, en, `<a href="/roles/compare?lang=nl" hreflang="nl" lang="nl">Nederlands</a>`, `href="/roles/advisor?lang=en"`)
		// Nonsense in lang is ignored.
		odd := f.get(t, "", "/roles/compare?lang=fr")
		wantStatus(t, odd, 200)
		checkPage(t, f.srv.I18n, "lang=fr", "nl", odd.Body)
	})
}

// TestRolePagesForLoggedInPeople: a logged-in person reads the pages in
// their own language, whatever ?lang says, with the site navigation; only
// those who may see the coverage map get a link to it.
func TestRolePagesForLoggedInPeople(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f, _ := catalogFixture(t, d)
		ctx := context.Background()
		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		f.person(t, "Tim Team", "tim@example.nl")
		if _, err := f.org.UpdateProfile(ctx, f.actor(t, olga), "", "en"); err != nil {
			t.Fatal(err)
		}
		om, tim := f.login(t, "olga@example.nl"), f.login(t, "tim@example.nl")

		res := f.get(t, om, "/roles/compare?lang=nl")
		wantStatus(t, res, 200)
		checkPage(t, f.srv.I18n, "compare as Office Manager", "en", res.Body)
		wantContains(t, res, "Management Assistant", `href="/roles" aria-current="page"`, `href="/roles/coverage"`)
		wantNotContains(t, res, "?lang=", "hreflang")

		res = f.get(t, om, "/roles")
		wantStatus(t, res, 200)
		checkPage(t, f.srv.I18n, "roles as Office Manager", "en", res.Body)
		wantContains(t, res, `<a href="/roles/compare">Comparison</a>`, `<a href="/roles/advisor">Staffing advisor</a>`,
			`<a href="/roles/self-assessment">Self-assessment</a>`, `<a href="/roles/coverage">Task coverage</a>`,
			"Runs the office as a whole", "Supports specific managers", "Role catalog version 2026.1")

		res = f.get(t, tim, "/roles")
		wantStatus(t, res, 200)
		checkPage(t, f.srv.I18n, "roles as employee", "nl", res.Body)
		wantContains(t, res, `<a href="/roles/compare">Vergelijking</a>`, "Leidt het kantoor als geheel")
		wantNotContains(t, res, "/roles/coverage")
	})
}

// TestRoleLandingPageWithoutLogin: the landing page is open to everyone, in
// the language asked for, and does not offer the coverage map.
func TestRoleLandingPageWithoutLogin(t *testing.T) {
	f, _ := catalogFixture(t, testutil.NewSQLite(t))
	for lang, path := range map[string]string{"nl": "/roles", "en": "/roles?lang=en"} {
		res := f.get(t, "", path)
		wantStatus(t, res, 200)
		checkPage(t, f.srv.I18n, lang+" roles", lang, res.Body)
		wantNotContains(t, res, "/roles/coverage")
		if lang == "en" {
			wantContains(t, res, `href="/roles/compare?lang=en"`, `href="/roles/self-assessment?lang=en"`, "Office Manager", "Management Assistant")
		} else {
			wantContains(t, res, `href="/roles/compare"`, `href="/roles/advisor"`, "Managementassistent", "Strategisch en operationeel.")
		}
	}
}
