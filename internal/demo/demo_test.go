package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/demo"
	"spil/internal/identity"
	"spil/internal/mandate"
	"spil/internal/org"
	"spil/internal/testutil"
)

const pw = "demo-wachtwoord-2025"

var t0 = time.Date(2025, 9, 1, 9, 0, 0, 0, time.UTC)

type env struct {
	db       *db.DB
	deps     demo.Deps
	roles    *authz.Roles
	identity *identity.Service
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvOn(t, testutil.NewSQLite(t))
}

// newEnvOn is an environment on the database d.
func newEnvOn(t testing.TB, d *db.DB) *env {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(t0)
	return &env{
		db:    d,
		roles: roles,
		deps: demo.Deps{Org: &org.Service{DB: d, Clock: clk, Roles: roles}, Mandates: &mandate.Service{DB: d, Clock: clk},
			DB: d, Clock: clk},
		identity: &identity.Service{DB: d, Clock: clk, Resolver: &authz.Resolver{DB: d, Roles: roles}},
	}
}

func (e *env) seed(t testing.TB, scale int) demo.Result {
	t.Helper()
	res, err := demo.Seed(context.Background(), e.deps, demo.Options{Password: pw, Scale: scale})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (e *env) idByEmail(t testing.TB, email string) string {
	t.Helper()
	var id string
	if err := e.db.R.QueryRow(`SELECT id FROM people WHERE email = $1`, email).Scan(&id); err != nil {
		t.Fatalf("person %s: %v", email, err)
	}
	return id
}

func TestSeedFirm(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	res := e.seed(t, 0)
	sys := authz.System("test")

	if res.People != demo.BaseSize() || res.People < 20 {
		t.Errorf("People = %d, want the firm's %d", res.People, demo.BaseSize())
	}
	o, err := e.deps.Org.Organization(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Van Dijk & De Boer Advocaten" || o.Language != "nl" || o.TimeZone != "Europe/Amsterdam" {
		t.Errorf("organization = %+v", o)
	}

	wantRoles := map[string][]string{
		"director@demo.example":  {authz.RolePrincipal},
		"assistant@demo.example": {authz.RoleManagementAssistant},
		"manager@demo.example":   {authz.RolePrincipal},
		"office@demo.example":    {authz.RoleOfficeManager},
		"employee@demo.example":  {authz.RoleEmployee},
		"admin@demo.example":     {authz.RoleAdmin, authz.RoleSupportStaff},
	}
	if len(res.Logins) != 6 {
		t.Fatalf("Logins = %v, want 6", res.Logins)
	}
	ids := map[string]string{}
	for _, l := range res.Logins {
		want, ok := wantRoles[l.Email]
		if !ok {
			t.Errorf("unexpected login %s", l.Email)
			continue
		}
		if l.Name == "" || l.Role == "" {
			t.Errorf("login %s lacks name or role description: %+v", l.Email, l)
		}
		p, err := e.deps.Org.PersonByEmail(ctx, sys, l.Email)
		if err != nil {
			t.Fatalf("%s: %v", l.Email, err)
		}
		ids[l.Email] = p.ID
		got := slices.Sorted(slices.Values(p.Roles))
		if !slices.Equal(got, want) {
			t.Errorf("%s roles = %v, want %v", l.Email, got, want)
		}
		if !p.CanLogIn {
			t.Errorf("%s cannot log in", l.Email)
		}
		// Each login works with the demo password, through identity.
		_, actor, err := e.identity.Login(ctx, identity.LoginInput{Email: l.Email, Password: pw, Address: "192.0.2.1"})
		if err != nil {
			t.Errorf("login %s: %v", l.Email, err)
		} else if actor.PersonID != p.ID {
			t.Errorf("login %s gave actor %s", l.Email, actor.PersonID)
		}
	}
	director, manager, assistant, office := ids["director@demo.example"], ids["manager@demo.example"],
		ids["assistant@demo.example"], ids["office@demo.example"]

	// Nobody else has a password.
	var withPassword int
	if err := e.db.R.QueryRow(`SELECT count(*) FROM people WHERE password_hash <> ''`).Scan(&withPassword); err != nil {
		t.Fatal(err)
	}
	if withPassword != 6 {
		t.Errorf("%d people have a password, want only the 6 logins", withPassword)
	}

	// The assistant's mandates, as she sees them when logged in.
	actor, err := e.identity.Resolver.Resolve(ctx, assistant, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	m, ok := actor.Mandate(director)
	if !ok || !slices.Equal(m.Scopes, authz.Scopes(authz.AllScopes())) {
		t.Errorf("assistant's mandate from director = %v, %v; want all scopes", m.Scopes, ok)
	}
	if m.GrantedBy != director {
		t.Errorf("director's mandate granted by %q, want the director himself", m.GrantedBy)
	}
	if _, ok := actor.Mandate(manager); ok {
		t.Errorf("assistant has a mandate from manager@, want none")
	}
	for _, s := range authz.AllScopes() {
		if actor.ActsFor(manager, s) {
			t.Errorf("assistant may %s for manager@", s)
		}
	}
	// manager@ gave another assistant a partial mandate.
	ms, err := e.deps.Mandates.List(ctx, sys, mandate.Filter{PrincipalID: manager})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].AssistantID == assistant || len(ms[0].Scopes) == 0 || len(ms[0].Scopes) == len(authz.AllScopes()) {
		t.Errorf("manager@'s mandates = %+v, want one partial mandate for another assistant", ms)
	}

	// The mandates were granted by the principals themselves, on the record.
	var grants, grantsByPrincipal int
	if err := e.db.R.QueryRow(`SELECT count(*), count(CASE WHEN a.actor_id = m.principal_id THEN 1 END)
		FROM audit_log a JOIN mandates m ON m.id = a.object_id WHERE a.action = 'grant'`).Scan(&grants, &grantsByPrincipal); err != nil {
		t.Fatal(err)
	}
	if grants == 0 || grants != grantsByPrincipal {
		t.Errorf("%d mandate grants audited, %d by the principal; want all by the principal", grants, grantsByPrincipal)
	}
	var future int
	if err := e.db.R.QueryRow(`SELECT count(*) FROM audit_log WHERE at > $1`, t0).Scan(&future); err != nil {
		t.Fatal(err)
	}
	if future > 0 {
		t.Errorf("%d audit entries dated after now", future)
	}

	// The Office Manager leads every support_staff member; everyone but the
	// managing partner has a manager.
	people, _, err := e.deps.Org.ListPeople(ctx, sys, org.PeopleFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var support int
	for _, p := range people {
		if slices.Contains(p.Roles, authz.RoleSupportStaff) {
			support++
			if p.ManagerID != office {
				t.Errorf("support staff %s reports to %q, want the Office Manager", p.Name, p.ManagerName)
			}
		}
		if p.ManagerID == "" && p.ID != director {
			t.Errorf("%s has no manager", p.Name)
		}
		if p.DepartmentID == "" || p.LocationID == "" || p.JobTitle == "" {
			t.Errorf("%s lacks department, location or job title: %+v", p.Name, p)
		}
	}
	if support < 5 {
		t.Errorf("%d support staff, want a real team", support)
	}
	deps, err := e.deps.Org.Departments(ctx, sys)
	if err != nil {
		t.Fatal(err)
	}
	locs, err := e.deps.Org.Locations(ctx, sys)
	if err != nil {
		t.Fatal(err)
	}
	if len(deps) < 8 || len(locs) < 2 {
		t.Errorf("%d departments and %d locations, want at least 8 and 2", len(deps), len(locs))
	}
	for _, l := range locs {
		if l.Latitude == nil || l.Longitude == nil || l.Postcode == "" {
			t.Errorf("location %s lacks coordinates or postcode", l.Name)
		}
	}

	// A second seed is refused.
	if _, err := demo.Seed(ctx, e.deps, demo.Options{Password: pw}); apperr.KindOf(err) != apperr.Conflict {
		t.Errorf("second seed: %v, want Conflict", err)
	}
}

func TestSeedOptions(t *testing.T) {
	e := newEnv(t)
	for _, o := range []demo.Options{{Password: "short"}, {Password: pw, Lang: "de"}, {Password: pw, Scale: -1}} {
		_, err := demo.Seed(context.Background(), e.deps, o)
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("Seed(%+v) = %v, want Invalid", o, err)
		}
	}
	res, err := demo.Seed(context.Background(), e.deps, demo.Options{Password: pw, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Logins[5].Role != "Administrator" {
		t.Errorf("English role description = %q", res.Logins[5].Role)
	}
}

func TestSeedScale(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	res := e.seed(t, 300)
	if res.People < 290 || res.People > 310 {
		t.Fatalf("People = %d, want about 300", res.People)
	}
	director := e.idByEmail(t, "director@demo.example")

	// Every non-top person has a manager, and every chain ends at the top.
	manager := map[string]string{}
	rows, err := e.db.R.Query(`SELECT id, COALESCE(manager_id, '') FROM people`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, m string
		if err := rows.Scan(&id, &m); err != nil {
			t.Fatal(err)
		}
		manager[id] = m
	}
	rows.Close()
	if len(manager) != res.People {
		t.Fatalf("%d people in the table, Result says %d", len(manager), res.People)
	}
	reports := map[string]int{}
	for id, m := range manager {
		if m == "" {
			if id != director {
				t.Errorf("person %s has no manager", id)
			}
			continue
		}
		reports[m]++
		cur, steps := id, 0
		for cur != director && steps < 50 {
			cur, steps = manager[cur], steps+1
		}
		if cur != director {
			t.Errorf("the chain above %s does not reach the managing partner", id)
		}
	}
	managers := len(reports)
	if avg := float64(res.People-1) / float64(managers); avg < 4 || avg > 10 {
		t.Errorf("%.1f people per manager, want about 8", avg)
	}

	var principals, assistants, mandates int
	q := `SELECT (SELECT count(*) FROM role_assignments WHERE role = 'principal'),
		(SELECT count(*) FROM role_assignments WHERE role = 'management_assistant'), (SELECT count(*) FROM mandates)`
	if err := e.db.R.QueryRow(q).Scan(&principals, &assistants, &mandates); err != nil {
		t.Fatal(err)
	}
	if share := 100 * principals / res.People; share < 3 || share > 8 {
		t.Errorf("%d principals of %d people (%d%%), want about 5%%", principals, res.People, share)
	}
	if assistants <= 3 || mandates <= 5 {
		t.Errorf("%d assistants and %d mandates; want generated ones too", assistants, mandates)
	}
	// Generated mandates are effective: the services see them.
	ms, err := e.deps.Mandates.List(ctx, authz.System("test"), mandate.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != mandates {
		t.Errorf("mandate.List sees %d of %d mandates", len(ms), mandates)
	}
	// Generated people are readable through the org service.
	people, total, err := e.deps.Org.ListPeople(ctx, authz.System("test"), org.PeopleFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	if total != res.People || len(people) != res.People {
		t.Errorf("ListPeople = %d of %d, want %d", len(people), total, res.People)
	}

	// The same options give the same organization.
	e2 := newEnv(t)
	e2.seed(t, 300)
	names := func(e *env) []string {
		rows, err := e.db.R.Query(`SELECT name || ' <' || email || '> ' || job_title FROM people ORDER BY email`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	if !slices.Equal(names(e), names(e2)) {
		t.Errorf("two seeds with the same options differ")
	}
}

func BenchmarkSeedScale2000(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b)
		b.StartTimer()
		res, err := demo.Seed(context.Background(), e.deps, demo.Options{Password: pw, Scale: 2000})
		if err != nil {
			b.Fatal(err)
		}
		if res.People != 2000 {
			b.Fatalf("People = %d", res.People)
		}
	}
}
