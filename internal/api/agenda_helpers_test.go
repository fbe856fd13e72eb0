package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/identity"
	"spil/internal/org"
)

var amsterdam = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return l
}()

// wall is a wall-clock time in Amsterdam.
func wall(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, amsterdam)
}

// agendaFixture is an organization with a principal (boss), an assistant
// with a full agenda mandate (ma: see, see private, edit, respond), one who
// may only look (maSee), an employee (emp) and another principal (other),
// each with an API token, and the two offices.
type agendaFixture struct {
	*fixture
	svc                              *agenda.Service
	boss, ma, maSee, emp, other      org.Person
	bossTok, maTok, maSeeTok, empTok string
	otherTok, adminTok               string
	office, utrecht                  org.Location
}

func newAgendaFixture(t *testing.T, d *db.DB) *agendaFixture {
	t.Helper()
	f := &agendaFixture{fixture: newFixture(t, d)}
	// The agenda runs on a clock of its own, in October 2026, so proposals
	// for the November items lie ahead.
	f.svc = &agenda.Service{DB: d, Clock: clock.NewManual(time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)), Resolver: f.deps.Identity.Resolver}
	f.api.Agenda = f.svc
	f.boss = f.person(t, "Bea Baas", "bea@example.nl", authz.RolePrincipal)
	f.ma = f.person(t, "Mara Assistent", "mara@example.nl", authz.RoleManagementAssistant)
	f.maSee = f.person(t, "Mo Meekijker", "mo@example.nl", authz.RoleManagementAssistant)
	f.emp = f.person(t, "Erik Medewerker", "erik@example.nl")
	f.other = f.person(t, "Olga Ander", "olga@example.nl", authz.RolePrincipal)
	boss := f.actor(t, f.boss.ID)
	for _, g := range []struct {
		to     string
		scopes authz.Scopes
	}{
		{f.ma.ID, authz.Scopes{authz.AgendaSee, authz.AgendaSeePrivate, authz.AgendaEdit, authz.AgendaRespond}},
		{f.maSee.ID, authz.Scopes{authz.AgendaSee}},
	} {
		if _, err := f.deps.Mandates.Grant(ctx, boss, f.boss.ID, g.to, g.scopes); err != nil {
			t.Fatal(err)
		}
	}
	f.bossTok, f.maTok, f.maSeeTok = f.token(t, f.boss.ID), f.token(t, f.ma.ID), f.token(t, f.maSee.ID)
	f.empTok, f.otherTok, f.adminTok = f.token(t, f.emp.ID), f.token(t, f.other.ID), f.token(t, f.admin.ID)
	admin := f.actor(t, f.admin.ID)
	var err error
	lat, lon := 52.3389, 4.8725
	if f.office, err = f.deps.Org.CreateLocation(ctx, admin, org.LocationInput{Name: "Kantoor Zuidas", City: "Amsterdam", Latitude: &lat, Longitude: &lon}); err != nil {
		t.Fatal(err)
	}
	lat, lon = 52.0894, 5.1134
	if f.utrecht, err = f.deps.Org.CreateLocation(ctx, admin, org.LocationInput{Name: "Kantoor Utrecht", City: "Utrecht", Latitude: &lat, Longitude: &lon}); err != nil {
		t.Fatal(err)
	}
	return f
}

// session logs person in to the web UI and returns the cookie header. It
// gives them a password, which revokes their API tokens: make new ones after.
func (f *agendaFixture) session(t *testing.T, p org.Person) http.Header {
	t.Helper()
	const pw = "een heel lang wachtwoord"
	if err := f.deps.Identity.SetPassword(ctx, f.actor(t, f.admin.ID), p.ID, pw); err != nil {
		t.Fatal(err)
	}
	s, _, err := f.deps.Identity.Login(ctx, identity.LoginInput{Email: p.Email, Password: pw, Address: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	return http.Header{"Cookie": {sessionCookie + "=" + s}}
}

// item is a one-hour appointment input at start.
func item(title string, start time.Time) AppointmentInput {
	return AppointmentInput{Title: title, Start: start, End: start.Add(time.Hour)}
}

// create adds in to owner's agenda with token and returns the appointment.
func (f *agendaFixture) create(t *testing.T, token, owner string, in AppointmentInput) Appointment {
	t.Helper()
	r := f.do(t, request{method: http.MethodPost, path: "/api/v1/agendas/" + owner + "/appointments", token: token, body: in})
	wantStatus(t, r, http.StatusCreated)
	var ap Appointment
	r.decode(t, &ap)
	return ap
}

// period is the query string of a listing.
func period(from, to time.Time) string {
	return "from=" + url.QueryEscape(from.Format(time.RFC3339)) + "&to=" + url.QueryEscape(to.Format(time.RFC3339))
}

// list returns owner's occurrences in [from, to) as token sees them.
func (f *agendaFixture) list(t *testing.T, token, owner string, from, to time.Time) []Occurrence {
	t.Helper()
	r := f.get(t, "/api/v1/agendas/"+owner+"/appointments?"+period(from, to), token)
	wantStatus(t, r, http.StatusOK)
	var l List[Occurrence]
	r.decode(t, &l)
	if l.Total != len(l.Items) {
		t.Errorf("total %d, %d items", l.Total, len(l.Items))
	}
	return l.Items
}

// summary is "title@15:04" per occurrence, "(busy)" for hidden ones.
func summary(list []Occurrence) string {
	parts := make([]string, len(list))
	for i, o := range list {
		title := o.Title
		if o.Hidden {
			title = "(busy)"
		}
		parts[i] = fmt.Sprintf("%s@%s", title, o.Start.In(amsterdam).Format("01-02 15:04"))
	}
	return strings.Join(parts, ", ")
}

// wantLocation checks that a 422 problem has a detail at loc.
func wantLocation(t *testing.T, r *response, loc string) {
	t.Helper()
	wantStatus(t, r, http.StatusUnprocessableEntity)
	p := r.problem(t)
	for _, e := range p.Errors {
		if e.Location == loc {
			return
		}
	}
	t.Fatalf("no error at %s: %s", loc, r.raw)
}
