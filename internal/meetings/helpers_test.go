package meetings

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/uuid"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/rooms"
)

var ctx = context.Background()

var ams = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return l
}()

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ams) }

// fixture is an organization with a principal (boss), their assistant with
// a full mandate (ma), an assistant who may prepare but not send (maNoMail),
// a colleague (emp) and an outsider (other).
type fixture struct {
	db     *db.DB
	svc    *Service
	clock  *clock.Manual
	roles  *authz.Roles
	runner *jobs.Runner

	boss, ma, maNoMail, emp, other string
}

func newFixture(t testing.TB, d *db.DB, sender mail.Sender) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	q := &jobs.Queue{DB: d, Clock: clk}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	svc := &Service{DB: d, Clock: clk, Jobs: q, Rooms: &rooms.Service{DB: d, Clock: clk, Jobs: q},
		Agenda: &agenda.Service{DB: d, Clock: clk}, Mail: sender, Texts: cat, BaseURL: "https://spil.example.nl"}
	f := &fixture{db: d, svc: svc, clock: clk, roles: roles, runner: jobs.NewRunner(q)}
	svc.RegisterJobs(f.runner)
	if _, err := d.W.Exec(`INSERT INTO organization (id, name, language, time_zone, created_at) VALUES (1, 'Test', 'nl', 'Europe/Amsterdam', $1)`, clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.boss = f.person(t, "Bea Baas", authz.RolePrincipal)
	f.ma = f.person(t, "Mara Assistent", authz.RoleManagementAssistant)
	f.maNoMail = f.person(t, "Mo Voorbereider", authz.RoleManagementAssistant)
	f.emp = f.person(t, "Erik Medewerker", authz.RoleEmployee)
	f.other = f.person(t, "Olga Ander", authz.RolePrincipal)
	f.mandate(t, f.boss, f.ma, "agenda.see agenda.see_private agenda.edit agenda.respond mail.read mail.draft mail.send_on_behalf")
	f.mandate(t, f.boss, f.maNoMail, "agenda.see agenda.edit")
	return f
}

func (f *fixture) person(t testing.TB, name string, roles ...string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		id, name, id[len(id)-8:]+"@example.nl", now); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := f.db.W.Exec(`INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (f *fixture) mandate(t testing.TB, principal, assistant, scopes string) {
	t.Helper()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO mandates (id, principal_id, assistant_id, scopes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		uuid.Must(uuid.NewV7()).String(), principal, assistant, scopes, now); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) actor(t testing.TB, id string) *authz.Actor {
	t.Helper()
	r := &authz.Resolver{DB: f.db, Roles: f.roles}
	a, err := r.Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (f *fixture) email(t testing.TB, id string) string {
	t.Helper()
	var e string
	if err := f.db.R.QueryRow(`SELECT email FROM people WHERE id = $1`, id).Scan(&e); err != nil {
		t.Fatal(err)
	}
	return e
}

// meeting plans a meeting for boss, made by ma, with emp and an external
// attendee, on Thursday 5 November 2026 10:00–11:00.
func (f *fixture) meeting(t testing.TB) Meeting {
	t.Helper()
	m, err := f.svc.Create(ctx, f.actor(t, f.ma), Input{
		Title: "Kwartaaloverleg", OrganizerID: f.boss,
		Start: at(2026, 11, 5, 10, 0), End: at(2026, 11, 5, 11, 0), LocationText: "Kamer 3",
		Attendees: []AttendeeInput{{PersonID: f.emp}, {Name: "Karin Klant", Email: "karin@klant.example.com"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wantKind(t testing.TB, err error, k apperr.Kind) {
	t.Helper()
	if got := apperr.KindOf(err); err == nil || got != k {
		t.Fatalf("got %v (kind %d), want kind %d", err, got, k)
	}
}

func wantField(t testing.TB, err error, field string) {
	t.Helper()
	wantKind(t, err, apperr.Invalid)
	if _, ok := apperr.FieldsOf(err)[field]; !ok {
		t.Fatalf("no message for %s in %v", field, apperr.FieldsOf(err))
	}
}
