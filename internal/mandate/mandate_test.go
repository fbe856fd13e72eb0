package mandate

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/testutil"
)

type fixture struct {
	db       *db.DB
	svc      *Service
	resolver *authz.Resolver
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC))
	return &fixture{db: d, svc: &Service{DB: d, Clock: clk}, resolver: &authz.Resolver{DB: d, Roles: roles}}
}

// person inserts a person with roles and returns the ID.
func (f *fixture) person(t *testing.T, name string, roles ...string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.svc.Clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, name, id+"@example.nl", now); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := f.db.W.Exec(`INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (f *fixture) actor(t *testing.T, id string) *authz.Actor {
	t.Helper()
	a, err := f.resolver.Resolve(context.Background(), id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func wantKind(t *testing.T, err error, k apperr.Kind) {
	t.Helper()
	if got := apperr.KindOf(err); err == nil || got != k {
		t.Fatalf("got %v (kind %d), want kind %d", err, got, k)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	wantKind(t, err, apperr.Invalid)
	if apperr.FieldsOf(err)[field] == "" {
		t.Fatalf("no message for %s: %v", field, err)
	}
}

type people struct {
	admin, boss, boss2, ma, ma2, emp string
}

func (f *fixture) people(t *testing.T) people {
	return people{
		admin: f.person(t, "Admin", authz.RoleAdmin),
		boss:  f.person(t, "Bea Baas", authz.RolePrincipal),
		boss2: f.person(t, "Dirk Directeur", authz.RolePrincipal),
		ma:    f.person(t, "Mara Assistent", authz.RoleManagementAssistant),
		ma2:   f.person(t, "Max Assistent", authz.RoleManagementAssistant),
		emp:   f.person(t, "Erik Medewerker", authz.RoleEmployee),
	}
}

func TestPrincipalGrants(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		p := f.people(t)
		boss := f.actor(t, p.boss)

		m, err := f.svc.Grant(ctx, boss, p.boss, p.ma, authz.Scopes{authz.AgendaEdit, authz.MailSendOnBehalf})
		if err != nil {
			t.Fatal(err)
		}
		want := authz.Scopes{authz.AgendaSee, authz.AgendaEdit, authz.MailRead, authz.MailDraft, authz.MailSendOnBehalf}
		if !slices.Equal(m.Scopes, want) {
			t.Errorf("scopes %v, want %v (implied scopes added)", m.Scopes, want)
		}
		if m.PrincipalName != "Bea Baas" || m.AssistantName != "Mara Assistent" || m.GrantedBy != p.boss {
			t.Errorf("mandate %+v", m)
		}

		ma := f.actor(t, p.ma)
		if !ma.ActsFor(p.boss, authz.MailDraft) || ma.ActsFor(p.boss, authz.TravelBook) || ma.ActsFor(p.boss2, authz.AgendaSee) {
			t.Error("the assistant's actor does not reflect the mandate")
		}

		// Granting again replaces the scopes of the same mandate.
		m2, err := f.svc.Grant(ctx, boss, p.boss, p.ma, authz.Scopes{authz.TravelBook})
		if err != nil {
			t.Fatal(err)
		}
		if m2.ID != m.ID || !slices.Equal(m2.Scopes, authz.Scopes{authz.TravelBook}) {
			t.Errorf("replaced mandate %+v", m2)
		}
		ma = f.actor(t, p.ma)
		if ma.ActsFor(p.boss, authz.MailDraft) || !ma.ActsFor(p.boss, authz.TravelBook) {
			t.Error("changed scopes not in effect")
		}

		entries, err := (&audit.Log{DB: d}).List(ctx, boss, audit.Filter{ObjectType: "mandate"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[1].Action != "grant" || entries[0].Action != "update" ||
			entries[0].Before != `{"scopes":["agenda.see","agenda.edit","mail.read","mail.draft","mail.send_on_behalf"]}` ||
			entries[0].OnBehalfOf != "" {
			t.Errorf("audit %+v", entries)
		}
	})
}

func TestGrantRules(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		p := f.people(t)
		boss, ma, emp := f.actor(t, p.boss), f.actor(t, p.ma), f.actor(t, p.emp)
		s := authz.Scopes{authz.AgendaSee}

		// Only the principal themself (or an administrator) grants.
		_, err := f.svc.Grant(ctx, boss, p.boss2, p.ma, s)
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.Grant(ctx, ma, p.boss, p.ma, s)
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.Grant(ctx, emp, p.emp, p.ma, s)
		wantKind(t, err, apperr.Forbidden)

		_, err = f.svc.Grant(ctx, boss, p.boss, p.emp, s)
		wantField(t, err, "assistant_id")
		_, err = f.svc.Grant(ctx, boss, p.boss, "no-such-person", s)
		wantField(t, err, "assistant_id")
		_, err = f.svc.Grant(ctx, boss, p.boss, p.boss, s)
		wantField(t, err, "assistant_id")
		_, err = f.svc.Grant(ctx, boss, p.boss, p.ma, nil)
		wantField(t, err, "scopes")
		_, err = f.svc.Grant(ctx, boss, p.boss, p.ma, authz.Scopes{"agenda.delete_everything"})
		wantField(t, err, "scopes")

		admin := f.actor(t, p.admin)
		_, err = f.svc.Grant(ctx, admin, p.emp, p.ma, s)
		wantField(t, err, "principal_id")

		if _, err := d.W.Exec(`UPDATE people SET active = FALSE WHERE id = $1`, p.ma2); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Grant(ctx, boss, p.boss, p.ma2, s)
		wantField(t, err, "assistant_id")

		if n := countRows(t, d, `SELECT COUNT(*) FROM mandates`); n != 0 {
			t.Errorf("%d mandates written by rejected grants", n)
		}
	})
}

func countRows(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.R.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAdministratorSetsMandate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		p := f.people(t)
		admin := f.actor(t, p.admin)

		m, err := f.svc.Grant(ctx, admin, p.boss, p.ma, authz.Scopes{authz.AgendaRespond})
		if err != nil {
			t.Fatal(err)
		}
		if m.GrantedBy != p.admin {
			t.Errorf("granted_by %q, want the administrator", m.GrantedBy)
		}
		// The principal sees what was done on their behalf.
		entries, err := (&audit.Log{DB: d}).List(ctx, f.actor(t, p.boss), audit.Filter{ObjectType: "mandate"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Fatalf("audit %+v", entries)
		}
		e := entries[0]
		if e.ActorID != p.admin || e.OnBehalfOf != p.boss || e.Action != "grant" ||
			e.Summary != "granted the mandate of Mara Assistent for Bea Baas: agenda.see, agenda.respond (set by administrator)" {
			t.Errorf("audit %+v", e)
		}

		// The command line (system actor) may set one too; granted_by stays empty.
		m, err = f.svc.Grant(ctx, authz.System("cli"), p.boss2, p.ma, authz.Scopes{authz.AgendaSee})
		if err != nil {
			t.Fatal(err)
		}
		if m.GrantedBy != "" {
			t.Errorf("granted_by %q for the system", m.GrantedBy)
		}
	})
}

func TestVisibility(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		p := f.people(t)
		sys := authz.System("test")
		s := authz.Scopes{authz.AgendaSee}
		m1, err := f.svc.Grant(ctx, sys, p.boss, p.ma, s)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := f.svc.Grant(ctx, sys, p.boss2, p.ma2, s)
		if err != nil {
			t.Fatal(err)
		}
		m3, err := f.svc.Grant(ctx, sys, p.boss2, p.ma, s)
		if err != nil {
			t.Fatal(err)
		}

		ids := func(ms []authz.Mandate) []string {
			var out []string
			for _, m := range ms {
				out = append(out, m.ID)
			}
			return out
		}
		for _, c := range []struct {
			name  string
			actor string
			f     Filter
			want  []string
		}{
			{"assistant sees own", p.ma, Filter{}, []string{m1.ID, m3.ID}},
			{"other assistant", p.ma2, Filter{}, []string{m2.ID}},
			{"principal", p.boss2, Filter{}, []string{m3.ID, m2.ID}},
			{"employee", p.emp, Filter{}, nil},
			{"admin", p.admin, Filter{}, []string{m1.ID, m3.ID, m2.ID}},
			{"admin filtered", p.admin, Filter{AssistantID: p.ma2}, []string{m2.ID}},
			{"assistant filtered on another", p.ma, Filter{AssistantID: p.ma2}, nil},
			{"principal filtered", p.boss2, Filter{PrincipalID: p.boss2, AssistantID: p.ma}, []string{m3.ID}},
		} {
			got, err := f.svc.List(ctx, f.actor(t, c.actor), c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || !slices.Equal(ids(got), c.want) {
				t.Errorf("%s: got %v, want %v", c.name, ids(got), c.want)
			}
		}

		if _, err := f.svc.Get(ctx, f.actor(t, p.ma), m1.ID); err != nil {
			t.Error(err)
		}
		_, err = f.svc.Get(ctx, f.actor(t, p.ma2), m1.ID)
		wantKind(t, err, apperr.NotFound)
		_, err = f.svc.Get(ctx, f.actor(t, p.admin), "missing")
		wantKind(t, err, apperr.NotFound)
	})
}

func TestRevoke(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		p := f.people(t)
		boss := f.actor(t, p.boss)
		s := authz.Scopes{authz.AgendaEdit}

		m, err := f.svc.Grant(ctx, boss, p.boss, p.ma, s)
		if err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.svc.Revoke(ctx, f.actor(t, p.ma2), m.ID), apperr.NotFound)
		wantKind(t, f.svc.Revoke(ctx, f.actor(t, p.boss2), m.ID), apperr.NotFound)

		ma := f.actor(t, p.ma)
		if !ma.ActsFor(p.boss, authz.AgendaEdit) {
			t.Fatal("mandate not in effect")
		}
		if err := f.svc.Revoke(ctx, boss, m.ID); err != nil {
			t.Fatal(err)
		}
		ma = f.actor(t, p.ma)
		if ma.ActsFor(p.boss, authz.AgendaSee) {
			t.Error("the assistant still acts for the principal after the revoke")
		}
		wantKind(t, f.svc.Revoke(ctx, boss, m.ID), apperr.NotFound)

		// The assistant may give a mandate back; an administrator may end one.
		m, _ = f.svc.Grant(ctx, boss, p.boss, p.ma, s)
		if err := f.svc.Revoke(ctx, ma, m.ID); err != nil {
			t.Fatal(err)
		}
		m, _ = f.svc.Grant(ctx, boss, p.boss, p.ma, s)
		if err := f.svc.Revoke(ctx, f.actor(t, p.admin), m.ID); err != nil {
			t.Fatal(err)
		}

		entries, err := (&audit.Log{DB: d}).List(ctx, boss, audit.Filter{ObjectType: "mandate"})
		if err != nil {
			t.Fatal(err)
		}
		var revokes []audit.Entry
		for _, e := range entries {
			if e.Action == "revoke" {
				revokes = append(revokes, e)
			}
		}
		if len(revokes) != 3 {
			t.Fatalf("revokes %+v", revokes)
		}
		if revokes[2].OnBehalfOf != "" || revokes[2].Before == "" || revokes[1].OnBehalfOf != p.boss || revokes[0].OnBehalfOf != p.boss {
			t.Errorf("revokes %+v", revokes)
		}
	})
}

func TestConcurrentGrants(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		p := f.people(t)
		boss := f.actor(t, p.boss)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := range 8 {
			wg.Go(func() {
				sc := authz.Scopes{authz.AllScopes()[i]}
				if _, err := f.svc.Grant(ctx, boss, p.boss, p.ma, sc); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := countRows(t, d, `SELECT COUNT(*) FROM mandates`); n != 1 {
			t.Errorf("%d mandates, want 1", n)
		}
		if n := countRows(t, d, `SELECT COUNT(*) FROM audit_log WHERE action = 'grant'`); n != 1 {
			t.Errorf("%d grant entries, want 1 (the rest are updates)", n)
		}
	})
}
