package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/coverage"
	"spil/internal/db"
	"spil/internal/testutil"
)

// withCoverage gives the fixture's server the catalog and the coverage map.
func withCoverage(t *testing.T, f *fixture, d *db.DB) {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Catalog = catalog.NewBook(cat)
	f.srv.Coverage = &coverage.Service{DB: d, Clock: f.clock, Catalog: catalog.NewBook(cat)}
}

// taskRow returns the table row of a task on the coverage page.
func taskRow(t *testing.T, body, key string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<tr id="task-` + regexp.QuoteMeta(key) + `">.*?</tr>`).FindString(body)
	if m == "" {
		t.Fatalf("no row for task %s:\n%s", key, excerpt(body))
	}
	return m
}

func TestCoveragePage(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		withCoverage(t, f, d)
		ctx := context.Background()
		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		piet := f.person(t, "Piet Partner", "piet@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		f.person(t, "Tim Team", "tim@example.nl")
		if _, err := f.man.Grant(ctx, f.actor(t, pia), pia, mia, authz.Scopes{authz.AgendaEdit}); err != nil {
			t.Fatal(err)
		}

		// Only the Office Manager and the administrator see the map.
		wantStatus(t, f.get(t, f.login(t, "tim@example.nl"), "/roles/coverage"), http.StatusForbidden)
		wantStatus(t, f.get(t, f.login(t, "mia@example.nl"), "/roles/coverage"), http.StatusForbidden)
		wantStatus(t, f.get(t, f.login(t, "pia@example.nl"), "/roles/coverage"), http.StatusForbidden)
		if res := f.get(t, "", "/roles/coverage"); res.Status != http.StatusFound || res.Location != "/login?next=%2Froles%2Fcoverage" {
			t.Errorf("anonymous: %d to %q", res.Status, res.Location)
		}

		office := f.login(t, "olga@example.nl")
		for _, lang := range []string{"nl", "en"} {
			if _, err := f.org.UpdateProfile(ctx, f.actor(t, olga), "", lang); err != nil {
				t.Fatal(err)
			}
			res := f.get(t, office, "/roles/coverage")
			wantStatus(t, res, http.StatusOK)
			checkPage(t, f.srv.I18n, lang+" coverage", lang, res.Body)
			checkPage(t, f.srv.I18n, lang+" coverage problems", lang, f.get(t, office, "/roles/coverage?problems=1").Body)
			wantContains(t, res, `href="/roles/advisor"`, `href="/mandates"`, `href="/people/`+olga+`"`)

			// Each row says who covers the task, for which principals, and where in spil it is done.
			rows := map[string]map[string][]string{
				"nl": {
					"ma.agenda":             {"Agendabeheer", "Eén persoon", "Mia Assistent", "Pia Principaal", "1 van de 2 principalen heeft niemand voor deze taak", "Piet Partner", `<a href="/agenda">Agenda</a>`},
					"ma.email":              {"E-mailbeheer", "Niet gedekt", "2 van de 2 principalen hebben niemand voor deze taak", `Mail en correspondentie <span class="muted">— nog niet in spil`},
					"om.budget":             {"Budgetbeheer", "Eén persoon", "Olga Office"},
					"om.hr_support":         {`<a href="/people/import">Onboarding</a>`, "gedeeltelijk"},
					"om.scalable_processes": {"niet ondersteund"},
					"":                      {"Taakdekking", "Wat heeft uw organisatie nodig?", "Alle taken van de Office Manager rusten op Olga Office", "alleen bij een advocatenkantoor"},
				},
				"en": {
					"ma.agenda":             {"Agenda management", "One person", "Mia Assistent", "Pia Principaal", "1 of the 2 principals has nobody for this task", "Piet Partner", `<a href="/agenda">Agenda</a>`},
					"ma.email":              {"E-mail management", "Not covered", "2 of the 2 principals have nobody for this task", `Mail and correspondence <span class="muted">— not yet in spil`},
					"om.budget":             {"Budget management", "One person", "Olga Office"},
					"om.hr_support":         {`<a href="/people/import">Onboarding</a>`, "partly"},
					"om.scalable_processes": {"not supported"},
					"":                      {"Task coverage", "What does your organization need?", "All Office Manager tasks rest on Olga Office", "only at a law firm"},
				},
			}[lang]
			for key, parts := range rows {
				in := res.Body
				if key != "" {
					in = taskRow(t, res.Body, key)
				}
				for _, part := range parts {
					if !strings.Contains(in, part) {
						t.Errorf("%s %s: %q missing from\n%s", lang, key, part, in)
					}
				}
			}
		}

		// A second Office Manager: her tasks are covered, and the filter
		// on problems leaves them out.
		f.person(t, "Oscar Office", "oscar@example.nl", authz.RoleOfficeManager)
		all := f.get(t, office, "/roles/coverage")
		if row := taskRow(t, all.Body, "om.budget"); !regexp.MustCompile(`Covered|Gedekt`).MatchString(row) {
			t.Errorf("om.budget with two Office Managers:\n%s", row)
		}
		problems := f.get(t, office, "/roles/coverage?problems=1")
		wantStatus(t, problems, http.StatusOK)
		wantContains(t, problems, `id="task-ma.agenda"`, `name="problems" value="1" checked`)
		wantNotContains(t, problems, `id="task-om.budget"`, `id="h-role-office_manager"`)

		// The administrator gets the map too, with a link to set a mandate
		// for the principal who has no assistant.
		res := f.get(t, f.login(t, "ada@example.nl"), "/roles/coverage")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `href="/mandates?principal=`+piet+`#grant"`)
		wantNotContains(t, res, `href="/mandates?principal=`+pia+`#grant"`)
	})
}
