package coverage_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/coverage"
	"spil/internal/db"
	"spil/internal/mandate"
	"spil/internal/org"
	"spil/internal/testutil"
)

var ctx = context.Background()

// fixture is a set-up organization with the services that build it.
type fixture struct {
	t     testing.TB
	cov   *coverage.Service
	org   *org.Service
	man   *mandate.Service
	res   *authz.Resolver
	admin *authz.Actor
}

// newFixture returns the services on an organization set up by Ada, its
// administrator.
func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	cat, roles := catalogAndRoles(t)
	f := services(t, d, cat, roles)
	admin, err := f.org.Setup(ctx, org.SetupInput{OrganizationName: "Kantoor Test", Language: "nl", TimeZone: "Europe/Amsterdam",
		AdminName: "Ada Admin", AdminEmail: "ada@example.nl", AdminPassword: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	f.admin = f.actor(admin.ID)
	return f
}

func catalogAndRoles(t testing.TB) (*catalog.Catalog, *authz.Roles) {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	roles, err := authz.FromCatalog(cat)
	if err != nil {
		t.Fatal(err)
	}
	return cat, roles
}

// services returns the services on d, which is not set up yet.
func services(t testing.TB, d *db.DB, cat *catalog.Catalog, roles *authz.Roles) *fixture {
	clk := clock.NewManual(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	return &fixture{t: t,
		cov: &coverage.Service{DB: d, Clock: clk, Catalog: catalog.NewBook(cat)},
		org: &org.Service{DB: d, Clock: clk, Roles: roles},
		man: &mandate.Service{DB: d, Clock: clk},
		res: &authz.Resolver{DB: d, Roles: roles},
	}
}

func (f *fixture) actor(id string) *authz.Actor {
	f.t.Helper()
	a, err := f.res.Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

// person adds an active person with roles and returns their ID.
func (f *fixture) person(name string, roles ...string) string {
	f.t.Helper()
	email := strings.ToLower(strings.Fields(name)[0]) + "@example.nl"
	p, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: name, Email: email, Roles: roles})
	if err != nil {
		f.t.Fatal(err)
	}
	return p.ID
}

// grant lets the principal give assistant a mandate with scopes.
func (f *fixture) grant(principal, assistant string, scopes ...authz.Scope) authz.Mandate {
	f.t.Helper()
	m, err := f.man.Grant(ctx, f.actor(principal), principal, assistant, scopes)
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

func (f *fixture) deactivate(id string) {
	f.t.Helper()
	p, err := f.org.Person(ctx, f.admin, id)
	if err != nil {
		f.t.Fatal(err)
	}
	off := false
	if _, err := f.org.UpdatePerson(ctx, f.admin, id, org.PersonInput{Name: p.Name, Email: p.Email, Active: &off}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) get(as *authz.Actor) coverage.Map {
	f.t.Helper()
	m, err := f.cov.Map(ctx, as)
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

// task finds a task in the map.
func task(t *testing.T, m coverage.Map, key string) coverage.TaskCoverage {
	t.Helper()
	for _, r := range m.Roles {
		for _, a := range r.Areas {
			for _, tc := range a.Tasks {
				if tc.Key == key {
					return tc
				}
			}
		}
	}
	t.Fatalf("task %s not in the map", key)
	return coverage.TaskCoverage{}
}

func names(ps []coverage.Person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func wantNames(t *testing.T, what string, got []coverage.Person, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if g := names(got); !slices.Equal(g, want) {
		t.Errorf("%s: %q, want %q", what, g, want)
	}
}

// covered returns, per principal name, the names of who covers task for them.
func covered(tc coverage.TaskCoverage) map[string]string {
	out := map[string]string{}
	for _, pc := range tc.CoveredFor {
		out[pc.Principal.Name] = strings.Join(names(pc.Assistants), ", ") + " (" + string(pc.Status) + ")"
	}
	return out
}

// eachTask calls fn for every task of the role with key role.
func eachTask(m coverage.Map, role string, fn func(coverage.TaskCoverage)) {
	for _, r := range m.Roles {
		if r.Key == role {
			for _, a := range r.Areas {
				for _, tc := range a.Tasks {
					fn(tc)
				}
			}
		}
	}
}

func TestCoverageFollowsRolesAndMandates(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person("Olga Office", authz.RoleOfficeManager)
		pia := f.person("Pia Principaal", authz.RolePrincipal)
		piet := f.person("Piet Partner", authz.RolePrincipal)
		f.person("Tim Team")

		// One Office Manager and no assistant: every Office Manager task
		// rests on her, no Management Assistant task is covered for anyone.
		m := f.get(f.admin)
		eachTask(m, authz.RoleOfficeManager, func(tc coverage.TaskCoverage) {
			if tc.Status != coverage.Single || !tc.Problem {
				t.Errorf("%s: %s, want single", tc.Key, tc.Status)
			}
			wantNames(t, tc.Key, tc.People, "Olga Office")
		})
		eachTask(m, authz.RoleManagementAssistant, func(tc coverage.TaskCoverage) {
			if tc.Status != coverage.Uncovered || len(tc.CoveredFor) != 0 {
				t.Errorf("%s: %s, want uncovered", tc.Key, tc.Status)
			}
			wantNames(t, tc.Key+" uncovered for", tc.UncoveredFor, "Pia Principaal", "Piet Partner")
		})
		wantNames(t, "principals without assistant", m.Summary.PrincipalsWithoutAssistant, "Pia Principaal", "Piet Partner")
		wantNames(t, "office managers", m.Summary.OfficeManagers, "Olga Office")
		if s := m.Summary; s.Principals != 2 || s.General.Covered != 0 || s.General.Single != 9 || s.General.Uncovered != 9 || s.General.Tasks != 18 {
			t.Errorf("summary %+v", s)
		}
		if s := m.Summary.InContext; s.Tasks != 8 || s.Single != 3 || s.Uncovered != 5 {
			t.Errorf("tasks in a context %+v", s)
		}
		if m.CatalogVersion == "" || m.AsOf.IsZero() {
			t.Errorf("version %q, as of %v", m.CatalogVersion, m.AsOf)
		}

		// An assistant with an agenda-only mandate from Pia covers Pia's
		// agenda, alone; her e-mail and Piet's agenda stay uncovered.
		mia := f.person("Mia Assistent", authz.RoleManagementAssistant)
		wantNames(t, "assistants without mandate", f.get(f.admin).Summary.AssistantsWithoutMandate, "Mia Assistent")
		agendaMandate := f.grant(pia, mia, authz.AgendaEdit)
		m = f.get(f.admin)
		agenda := task(t, m, "ma.agenda")
		if agenda.Status != coverage.Single || !agenda.Problem {
			t.Errorf("ma.agenda %s, want single", agenda.Status)
		}
		if got := covered(agenda); len(got) != 1 || got["Pia Principaal"] != "Mia Assistent (single)" {
			t.Errorf("ma.agenda covered for %v", got)
		}
		wantNames(t, "ma.agenda uncovered for", agenda.UncoveredFor, "Piet Partner")
		wantNames(t, "ma.agenda people", agenda.People, "Mia Assistent")
		email := task(t, m, "ma.email")
		if email.Status != coverage.Uncovered || len(email.UncoveredFor) != 2 {
			t.Errorf("ma.email %s, uncovered for %v", email.Status, names(email.UncoveredFor))
		}
		// A task without a scope needs any mandate; meetings need the agenda.
		for _, k := range []string{"ma.minutes", "ma.organize_meetings", "ma.presentations_reports"} {
			if tc := task(t, m, k); tc.Status != coverage.Single || covered(tc)["Pia Principaal"] == "" {
				t.Errorf("%s: %s for %v", k, tc.Status, covered(tc))
			}
		}
		if tc := task(t, m, "ma.confidential"); tc.Status != coverage.Uncovered {
			t.Errorf("ma.confidential %s without documents.see_confidential", tc.Status)
		}
		wantNames(t, "principals without assistant", m.Summary.PrincipalsWithoutAssistant, "Piet Partner")
		if g := m.Summary.General.Gaps; g != 4 { // agenda, organize meetings, minutes, reports: covered for Pia only
			t.Errorf("%d tasks with gaps, want 4", g)
		}

		// Sending on her behalf implies reading her mail.
		f.grant(pia, mia, authz.AgendaEdit, authz.MailSendOnBehalf)
		if tc := task(t, f.get(f.admin), "ma.email"); tc.Status != coverage.Single {
			t.Errorf("ma.email with mail.send_on_behalf: %s", tc.Status)
		}

		// A second Office Manager: her tasks are covered.
		oscar := f.person("Oscar Office", authz.RoleOfficeManager)
		eachTask(f.get(f.admin), authz.RoleOfficeManager, func(tc coverage.TaskCoverage) {
			if tc.Status != coverage.Covered || tc.Problem {
				t.Errorf("%s: %s, want covered", tc.Key, tc.Status)
			}
			wantNames(t, tc.Key, tc.People, "Olga Office", "Oscar Office")
		})

		// Two assistants for Pia's agenda: covered for her, but Piet still has nobody.
		maxA := f.person("Max Assistent", authz.RoleManagementAssistant)
		f.grant(pia, maxA, authz.AgendaSee, authz.AgendaEdit)
		agenda = task(t, f.get(f.admin), "ma.agenda")
		if agenda.Status != coverage.Covered || !agenda.Problem || covered(agenda)["Pia Principaal"] != "Max Assistent, Mia Assistent (covered)" {
			t.Errorf("ma.agenda %s for %v, problem %v", agenda.Status, covered(agenda), agenda.Problem)
		}

		// Deactivated people and revoked mandates do not count.
		f.deactivate(oscar)
		f.deactivate(maxA)
		if err := f.man.Revoke(ctx, f.actor(pia), agendaMandate.ID); err != nil {
			t.Fatal(err)
		}
		f.deactivate(piet)
		m = f.get(f.admin)
		if tc := task(t, m, "om.budget"); tc.Status != coverage.Single {
			t.Errorf("om.budget after deactivating Oscar: %s", tc.Status)
		}
		agenda = task(t, m, "ma.agenda")
		if agenda.Status != coverage.Uncovered {
			t.Errorf("ma.agenda after revoking and deactivating: %s, %v", agenda.Status, covered(agenda))
		}
		wantNames(t, "ma.agenda uncovered for", agenda.UncoveredFor, "Pia Principaal")
		if m.Summary.Principals != 1 {
			t.Errorf("%d principals, want 1", m.Summary.Principals)
		}
		wantNames(t, "assistants", m.Summary.Assistants, "Mia Assistent")

		// A mandate stops counting when the assistant loses the role.
		f.grant(pia, mia, authz.AgendaEdit)
		if _, err := f.org.SetRoles(ctx, f.admin, mia, []string{authz.RoleEmployee}); err != nil {
			t.Fatal(err)
		}
		if tc := task(t, f.get(f.admin), "ma.agenda"); tc.Status != coverage.Uncovered {
			t.Errorf("ma.agenda by someone without the assistant role: %s", tc.Status)
		}
	})
}

// In a small organization the Office Manager takes over agenda and
// correspondence: holding both roles and a mandate, she counts as the
// principal's assistant.
func TestOfficeManagerWhoAlsoAssists(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		olga := f.person("Olga Office", authz.RoleOfficeManager, authz.RoleManagementAssistant)
		// Dirk holds the assistant role too, for other partners; his own
		// tasks are not covered by him.
		dirk := f.person("Dirk Directeur", authz.RolePrincipal, authz.RoleManagementAssistant)
		f.grant(dirk, olga, authz.AgendaEdit, authz.MailDraft)
		m := f.get(f.admin)
		for _, k := range []string{"om.budget", "ma.agenda", "ma.email"} {
			tc := task(t, m, k)
			if tc.Status != coverage.Single {
				t.Errorf("%s: %s, want single", k, tc.Status)
			}
			wantNames(t, k, tc.People, "Olga Office")
		}
		if tc := task(t, m, "ma.external_communication"); tc.Status != coverage.Uncovered {
			t.Errorf("sending on his behalf without that scope: %s", tc.Status)
		}
		wantNames(t, "principals without assistant", m.Summary.PrincipalsWithoutAssistant)
		if tc := task(t, m, "ma.external_communication"); len(tc.People) != 0 || len(tc.UncoveredFor) != 1 {
			t.Errorf("people %v, uncovered for %v", names(tc.People), names(tc.UncoveredFor))
		}
	})
}

func TestOnlyTheOfficeManagerAndAdministratorSeeTheMap(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		olga := f.person("Olga Office", authz.RoleOfficeManager)
		for _, id := range []string{f.person("Tim Team"), f.person("Pia Principaal", authz.RolePrincipal), f.person("Mia Assistent", authz.RoleManagementAssistant)} {
			if _, err := f.cov.Map(ctx, f.actor(id)); apperr.KindOf(err) != apperr.Forbidden {
				t.Errorf("%s: %v, want Forbidden", id, err)
			}
		}
		if _, err := f.cov.Map(ctx, nil); apperr.KindOf(err) != apperr.Forbidden {
			t.Errorf("nobody: %v", err)
		}
		f.get(f.actor(olga))
		f.get(f.admin)
	})
}

func TestModulesAndContexts(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	m := f.get(f.admin)
	if len(m.Roles) != 2 || m.Roles[0].Key != authz.RoleOfficeManager || m.Roles[1].Key != authz.RoleManagementAssistant || !m.Roles[1].ForPrincipals {
		t.Fatalf("roles %+v", m.Roles)
	}
	for key, want := range map[string]coverage.Module{
		"om.hr_support":         {Key: "onboarding", Status: catalog.ModulePartial, Path: "/people/import"},
		"ma.agenda":             {Key: "agenda", Status: catalog.ModuleAvailable, Path: "/agenda"},
		"ma.email":              {Key: "mail", Status: catalog.ModulePlanned},
		"om.scalable_processes": {Status: coverage.ModuleNone},
	} {
		got := task(t, m, key).Module
		got.Name = catalog.Text{}
		if got != want {
			t.Errorf("%s: module %+v, want %+v", key, got, want)
		}
	}
	contexts := map[string]string{}
	for _, r := range m.Roles {
		for _, a := range r.Areas {
			contexts[a.Key] = a.Context
		}
	}
	if contexts["om.scaleup"] != "scaleup" || contexts["ma.law_firm"] != "law_firm" || contexts["ma.healthcare"] != "healthcare" || contexts["ma.agenda_mail"] != "" {
		t.Errorf("contexts %v", contexts)
	}
	if tc := task(t, m, "ma.agenda"); tc.Scope != string(authz.AgendaEdit) {
		t.Errorf("ma.agenda scope %q", tc.Scope)
	}
}

func TestOnlyProblems(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	f.person("Olga Office", authz.RoleOfficeManager)
	f.person("Oscar Office", authz.RoleOfficeManager)
	m := f.get(f.admin).OnlyProblems()
	for _, r := range m.Roles {
		if r.Key == authz.RoleOfficeManager {
			t.Errorf("Office Manager tasks are all covered, yet listed: %+v", r.Areas)
		}
		for _, a := range r.Areas {
			for _, tc := range a.Tasks {
				if !tc.Problem {
					t.Errorf("%s listed without a problem", tc.Key)
				}
			}
		}
	}
	if len(m.Roles) != 1 || m.Summary.General.Covered != 9 {
		t.Errorf("roles %d, summary %+v", len(m.Roles), m.Summary.General)
	}
}
