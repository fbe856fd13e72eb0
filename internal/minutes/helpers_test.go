package minutes

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"os"
	"regexp"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
	"spil/internal/meetings"
	"spil/internal/testutil"
)

var ctx = context.Background()

var ams = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return l
}()

// fixture is an organization with a principal who organizes meetings, their
// assistant (full mandate), a read-only assistant, an employee who attends
// and an unrelated colleague, on one database, with a real SMTP server.
type fixture struct {
	db     *db.DB
	svc    *Service
	runner *jobs.Runner
	clock  *clock.Manual
	roles  *authz.Roles
	smtp   *mailtest.Server
	texts  *i18n.Catalog

	boss, ma, maSee, emp, other string
}

// start is Monday 2 November 2026, 09:00 UTC.
var start = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	texts, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: d, clock: clock.NewManual(start), roles: roles, texts: texts}
	f.smtp = mailtest.Start(t, mailtest.Options{})
	f.svc = f.service(d, mail.NewSMTP(f.smtp.Config(t)))
	f.runner = f.newRunner(f.svc)
	if _, err := d.W.Exec(`INSERT INTO organization (id, name, language, time_zone, created_at) VALUES (1, 'Test', 'nl', 'Europe/Amsterdam', $1)`, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.boss = f.person(t, "Bea Baas", "nl", authz.RolePrincipal)
	f.ma = f.person(t, "Mara Assistent", "nl", authz.RoleManagementAssistant)
	f.maSee = f.person(t, "Mo Meekijker", "nl", authz.RoleManagementAssistant)
	f.emp = f.person(t, "Emma English", "en", authz.RoleEmployee)
	f.other = f.person(t, "Olga Ander", "nl", authz.RolePrincipal)
	f.mandate(t, f.boss, f.ma, "agenda.see agenda.edit agenda.respond")
	f.mandate(t, f.boss, f.maSee, "agenda.see")
	return f
}

// service builds the module on d with sender s, sharing the fixture's clock.
func (f *fixture) service(d *db.DB, s mail.Sender) *Service {
	q := &jobs.Queue{DB: d, Clock: f.clock}
	ms := &meetings.Service{DB: d, Clock: f.clock, Jobs: q, Mail: s, Texts: f.texts, BaseURL: "https://spil.example.nl"}
	return &Service{DB: d, Clock: f.clock, Jobs: q, Meetings: ms, Mail: s, Texts: f.texts, BaseURL: "https://spil.example.nl"}
}

func (f *fixture) newRunner(s *Service) *jobs.Runner {
	r := jobs.NewRunner(s.Jobs)
	s.RegisterJobs(r)
	return r
}

func (f *fixture) person(t testing.TB, name, lang string, roles ...string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	if _, err := f.db.W.Exec(`INSERT INTO people (id, name, email, language, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		id, name, id[len(id)-12:]+"@example.nl", lang, now); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := f.db.W.Exec(`INSERT INTO role_assignments (person_id, role, created_at) VALUES ($1, $2, $3)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (f *fixture) email(t testing.TB, id string) string {
	t.Helper()
	var e string
	if err := f.db.R.QueryRow(`SELECT email FROM people WHERE id = $1`, id).Scan(&e); err != nil {
		t.Fatal(err)
	}
	return e
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
	a, err := (&authz.Resolver{DB: f.db, Roles: f.roles}).Resolve(ctx, id, authz.ViaSession)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// meeting is a test meeting: its ID and agenda item IDs.
type meeting struct {
	ID    string
	Items []string
}

// meeting inserts a scheduled meeting of boss at startsAt (one hour) with
// emp and an outsider attending and two agenda items; series may be "".
func (f *fixture) meeting(t testing.TB, title string, startsAt time.Time, series string) meeting {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := f.clock.Now()
	var ser any
	if series != "" {
		ser = series
	}
	if _, err := f.db.W.Exec(`INSERT INTO meetings (id, uid, title, organizer_id, preparer_id, starts_at, ends_at, time_zone, status, series_id, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 'Europe/Amsterdam', 'scheduled', $8, $5, $9, $9)`,
		id, id+"@spil", title, f.boss, f.ma, startsAt.UTC(), startsAt.Add(time.Hour).UTC(), ser, now); err != nil {
		t.Fatal(err)
	}
	for i, a := range []struct {
		person, name, email string
		external            bool
	}{{f.emp, "Emma English", f.email(t, f.emp), false}, {"", "Kees Extern", "kees@extern.example.org", true}} {
		var pid any
		if a.person != "" {
			pid = a.person
		}
		if _, err := f.db.W.Exec(`INSERT INTO meeting_attendees (id, meeting_id, position, person_id, name, email, external, response) VALUES ($1, $2, $3, $4, $5, $6, $7, 'accepted')`,
			uuid.Must(uuid.NewV7()).String(), id, i, pid, a.name, a.email, a.external); err != nil {
			t.Fatal(err)
		}
	}
	m := meeting{ID: id}
	for i, topic := range []string{"Begroting 2027", "Verhuizing"} {
		iid := uuid.Must(uuid.NewV7()).String()
		if _, err := f.db.W.Exec(`INSERT INTO meeting_agenda_items (id, meeting_id, position, topic, planned_minutes, created_at) VALUES ($1, $2, $3, $4, 20, $5)`,
			iid, id, i, topic, now); err != nil {
			t.Fatal(err)
		}
		m.Items = append(m.Items, iid)
	}
	return m
}

// runDue runs every due job and returns how many ran.
func (f *fixture) runDue(t testing.TB) int {
	t.Helper()
	n, err := f.runner.RunDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
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
		t.Fatalf("fields %v, want %q", apperr.FieldsOf(err), field)
	}
}

// engines runs fn per engine with open, which connects anew to the same
// database each time it is called — as a restarted or a second `spil
// serve` process would.
func engines(t *testing.T, fn func(t *testing.T, open func() *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, func() *db.DB { return openMigrated(t, db.Options{DataDir: dir}) })
	})
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) {
			url := testutil.PostgresURL(t)
			fn(t, func() *db.DB { return openMigrated(t, db.Options{DatabaseURL: url, MaxConns: 8}) })
		})
	}
}

func openMigrated(t testing.TB, o db.Options) *db.DB {
	t.Helper()
	d, err := db.Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return d
}

var streamRe = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)

// pdfText inflates the PDF's content streams so tests can look for text
// (in code page 1252, as fpdf's core fonts write it).
func pdfText(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, m := range streamRe.FindAllSubmatch(b, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			out.Write(m[1])
			continue
		}
		x, _ := io.ReadAll(r)
		out.Write(x)
	}
	return out.Bytes()
}
