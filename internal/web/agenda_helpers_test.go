package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/org"
)

// agendaFixture is the web fixture with the agenda service and three
// people: a principal (Pia), her assistant with a full agenda mandate (Mia)
// and a colleague without one (Eva). The clock stands at Tuesday 10 March
// 2026, 10:00 in Amsterdam.
type agendaFixture struct {
	*fixture
	svc                    *agenda.Service
	pia, mia, eva          string
	piaTok, miaTok, evaTok string
	office                 string // a location with coordinates
	client                 string // another, 40 km away
}

var amsterdam = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// ams is a wall-clock time in Amsterdam.
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, amsterdam)
}

func newAgendaFixture(t *testing.T, d *db.DB) *agendaFixture {
	t.Helper()
	ctx := context.Background()
	f := &agendaFixture{fixture: newFixture(t, d)}
	f.svc = f.srv.Agenda
	lat, lon := 52.3389, 4.8728
	loc, err := f.org.CreateLocation(ctx, f.admin, org.LocationInput{Name: "Kantoor Zuidas", City: "Amsterdam", Latitude: &lat, Longitude: &lon})
	if err != nil {
		t.Fatal(err)
	}
	f.office = loc.ID
	lat2, lon2 := 52.0907, 5.1214
	loc2, err := f.org.CreateLocation(ctx, f.admin, org.LocationInput{Name: "Klant Utrecht", City: "Utrecht", Latitude: &lat2, Longitude: &lon2})
	if err != nil {
		t.Fatal(err)
	}
	f.client = loc2.ID
	f.pia = f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
	f.mia = f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
	f.eva = f.person(t, "Eva Employee", "eva@example.nl")
	if _, err := f.man.Grant(ctx, f.actor(t, f.pia), f.pia, f.mia, authz.Scopes{authz.AgendaSee, authz.AgendaSeePrivate, authz.AgendaEdit}); err != nil {
		t.Fatal(err)
	}
	f.piaTok, f.miaTok, f.evaTok = f.login(t, "pia@example.nl"), f.login(t, "mia@example.nl"), f.login(t, "eva@example.nl")
	return f
}

// add puts an appointment in owner's agenda, made by owner.
func (f *agendaFixture) add(t *testing.T, owner, title string, start, end time.Time, opts ...func(*agenda.Input)) agenda.Appointment {
	t.Helper()
	in := agenda.Input{Title: title, Start: start, End: end, TimeZone: "Europe/Amsterdam"}
	for _, o := range opts {
		o(&in)
	}
	ap, err := f.svc.Create(context.Background(), f.actor(t, owner), owner, in)
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

func private(in *agenda.Input)   { in.Visibility = agenda.Private }
func priority1(in *agenda.Input) { in.Priority = agenda.P1 }
func at(loc string) func(*agenda.Input) {
	return func(in *agenda.Input) { in.Place = agenda.Place{LocationID: loc} }
}

// hx posts a form as htmx does from the agenda view.
func (f *agendaFixture) hx(t *testing.T, token, path string, form url.Values) response {
	t.Helper()
	r := newPost(path, form)
	r.Header.Set("HX-Request", "true")
	r.Header.Set("HX-Target", "agenda-view")
	return f.do(t, token, r)
}

func newPost(path string, form url.Values) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// get the stored appointment as its owner sees it.
func (f *agendaFixture) stored(t *testing.T, owner, id string) agenda.Appointment {
	t.Helper()
	ap, err := f.svc.Get(context.Background(), f.actor(t, owner), id)
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

// formOf makes a form from pairs of names and values.
func formOf(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// regexpFind returns the first group of pattern in s, failing when absent.
func regexpFind(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in:\n%s", pattern, excerpt(s))
	}
	return m[1]
}
