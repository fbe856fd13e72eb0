package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"spil/internal/agenda"
	"spil/internal/app"
	"spil/internal/demo"
	"spil/internal/identity"
	"spil/internal/password"
)

// benchApp serves the demo organization at about 2000 people.
func benchApp(b *testing.B) (*app.App, *httptest.Server) {
	ctx := context.Background()
	cfg := sqliteConfig2(b)
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)),
		app.Options{PasswordParams: password.Params{Memory: 1024, Time: 1, Threads: 1}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	if _, err := demo.Seed(ctx, demo.Deps{Org: a.Org, Mandates: a.Mandates, DB: a.DB, Clock: a.Clock}, demo.Options{Password: demoPassword, Scale: 2000}); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	b.Cleanup(srv.Close)
	return a, srv
}

func benchGet(b *testing.B, url string, set func(*http.Request)) {
	client := srvClient()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		set(req)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

func srvClient() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// BenchmarkDashboard measures the Office Manager's dashboard at 2000 people.
func BenchmarkDashboard(b *testing.B) {
	for _, email := range []string{"office@demo.example", "director@demo.example", "assistant@demo.example", "admin@demo.example"} {
		b.Run(email, func(b *testing.B) {
			a, srv := benchApp(b)
			token, _, err := a.Identity.Login(context.Background(), identity.LoginInput{Email: email, Password: demoPassword})
			if err != nil {
				b.Fatal(err)
			}
			benchGet(b, srv.URL+"/", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "spil_session", Value: token}) })
		})
	}
}

// BenchmarkAPIMe measures GET /api/v1/me with a personal API token.
func BenchmarkAPIMe(b *testing.B) {
	a, srv := benchApp(b)
	_, actor, err := a.Identity.Login(context.Background(), identity.LoginInput{Email: "office@demo.example", Password: demoPassword})
	if err != nil {
		b.Fatal(err)
	}
	tok, _, err := a.Identity.CreateToken(context.Background(), actor, "bench")
	if err != nil {
		b.Fatal(err)
	}
	benchGet(b, srv.URL+"/api/v1/me", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+tok) })
}

// BenchmarkWeekViewAssistant5Principals measures the side-by-side week view
// of the directors' assistant, who works for five principals with a year of
// dense agendas (demo --scale 2000): the whole page, and the agenda service
// calls under it (the day plans with travel blocks and flags; the plain
// listing).
func BenchmarkWeekViewAssistant5Principals(b *testing.B) {
	a, srv := benchApp(b)
	ctx := context.Background()
	session, actor, err := a.Identity.Login(ctx, identity.LoginInput{Email: "assistant@demo.example", Password: demoPassword})
	if err != nil {
		b.Fatal(err)
	}
	var people []string
	for _, m := range actor.Principals() {
		people = append(people, m.PrincipalID)
	}
	if len(people) != 5 {
		b.Fatalf("assistant@ works for %d principals, want 5", len(people))
	}
	zone, _ := time.LoadLocation("Europe/Amsterdam")
	now := a.Clock.Now().In(zone)
	monday := time.Date(now.Year(), now.Month(), now.Day()-(int(now.Weekday())+6)%7, 0, 0, 0, 0, zone)
	from, to := monday, monday.AddDate(0, 0, 7)
	var items int
	lists, err := a.Agenda.ListMany(ctx, actor, people, from, to)
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range lists {
		items += len(l)
	}
	b.Logf("the week of %s holds %d items for the five principals", monday.Format("2006-01-02"), items)

	b.Run("page", func(b *testing.B) {
		benchGet(b, srv.URL+"/agenda/side?view=week", func(r *http.Request) {
			r.AddCookie(&http.Cookie{Name: "spil_session", Value: session})
		})
	})
	b.Run("Plan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := a.Agenda.Plan(ctx, actor, people, from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListMany", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := a.Agenda.ListMany(ctx, actor, people, from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFindSlotsDemo20People3Months runs the slot finder for twenty
// principals of the demo at --scale 2000 (each a year of dense agendas) over
// the next three months: an hour at the Amsterdam office.
func BenchmarkFindSlotsDemo20People3Months(b *testing.B) {
	a, _ := benchApp(b)
	ctx := context.Background()
	_, actor, err := a.Identity.Login(ctx, identity.LoginInput{Email: "assistant@demo.example", Password: demoPassword})
	if err != nil {
		b.Fatal(err)
	}
	rows, err := a.DB.R.QueryContext(ctx, `SELECT person_id FROM role_assignments WHERE role = 'principal' ORDER BY person_id LIMIT 20`)
	if err != nil {
		b.Fatal(err)
	}
	var people []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		people = append(people, id)
	}
	rows.Close()
	var office string
	if err := a.DB.R.QueryRowContext(ctx, `SELECT id FROM locations WHERE name = 'Kantoor Amsterdam Zuidas'`).Scan(&office); err != nil {
		b.Fatal(err)
	}
	from := a.Clock.Now().Truncate(time.Hour)
	// Twenty partners with full agendas in two cities share no free hour at
	// the office in three months; online, with P2 to P4 items giving way,
	// they do. Both searches are measured.
	for _, c := range []struct {
		name     string
		place    agenda.Place
		overbook int
	}{{"office-overbook-P4", agenda.Place{LocationID: office}, agenda.P4}, {"online-overbook-P2", agenda.Place{}, agenda.P2}} {
		q := agenda.SlotQuery{PersonIDs: people, Duration: time.Hour, From: from, To: from.AddDate(0, 3, 0),
			Place: c.place, MayOverbook: c.overbook, Limit: 10}
		b.Run(c.name, func(b *testing.B) {
			found, err := a.Agenda.FindSlots(ctx, actor, q)
			if err != nil {
				b.Fatal(err)
			}
			if len(found) > 0 {
				b.Logf("%d people, %d candidates, the best at %v (%d reasons)", len(people), len(found), found[0].Start, len(found[0].Reasons))
			} else {
				b.Logf("%d people, no candidates", len(people))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := a.Agenda.FindSlots(ctx, actor, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
