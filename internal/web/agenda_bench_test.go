package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/identity"
	"spil/internal/org"
	"spil/internal/testutil"
)

// BenchmarkAgendaSideWeek renders the side-by-side week of an assistant
// with five principals, each with a full week (eight items a day, a weekly
// series among them, travel between two offices).
func BenchmarkAgendaSideWeek(b *testing.B) {
	d := testutil.NewSQLite(b)
	f := &agendaFixture{fixture: newFixture(b, d)}
	f.svc = &agenda.Service{DB: d, Clock: f.clock, Resolver: f.id.Resolver}
	f.srv.Agenda = f.svc
	ctx := context.Background()
	ma, err := f.org.CreatePerson(ctx, f.admin, orgPerson("Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant))
	if err != nil {
		b.Fatal(err)
	}
	if err := f.id.SetPassword(ctx, f.admin, ma.ID, testPassword); err != nil {
		b.Fatal(err)
	}
	var people []string
	for i := 0; i < 5; i++ {
		p, err := f.org.CreatePerson(ctx, f.admin, orgPerson(fmt.Sprintf("Principaal %d", i), fmt.Sprintf("p%d@example.nl", i), authz.RolePrincipal))
		if err != nil {
			b.Fatal(err)
		}
		people = append(people, p.ID)
		pa, err := f.id.Resolver.Resolve(ctx, p.ID, authz.ViaSession)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.man.Grant(ctx, pa, p.ID, ma.ID, authz.Scopes{authz.AgendaSee, authz.AgendaSeePrivate, authz.AgendaEdit}); err != nil {
			b.Fatal(err)
		}
		for day := 9; day <= 13; day++ {
			for h := 8; h < 16; h++ {
				in := agenda.Input{Title: fmt.Sprintf("Overleg %d-%d", day, h), Start: ams(2026, 3, day, h, 0), End: ams(2026, 3, day, h, 50), TimeZone: "Europe/Amsterdam"}
				if h == 8 && day == 9 {
					in.RRule = "FREQ=WEEKLY"
				} else if h == 8 {
					continue
				}
				if h%3 == 0 {
					in.Visibility = agenda.Private
				}
				if _, err := f.svc.Create(ctx, pa, p.ID, in); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	token, _, err := f.id.Login(ctx, identity.LoginInput{Email: "mia@example.nl", Password: testPassword, Address: "192.0.2.1"})
	if err != nil {
		b.Fatal(err)
	}
	path := "/agenda/side?" + url.Values{"p": people, "view": {"week"}, "date": {"2026-03-10"}}.Encode()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		w := httptest.NewRecorder()
		f.mux.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

func orgPerson(name, email string, roles ...string) org.PersonInput {
	return org.PersonInput{Name: name, Email: email, Roles: roles}
}
