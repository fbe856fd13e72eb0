package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/org"
	"spil/internal/rooms"
	"spil/internal/testutil"
)

// roomsFixture is the web fixture with the rooms service, a location, an
// office manager (olga), a principal (pia) with an assistant (mia) and an
// employee (tim). The clock stands on Tuesday 10 March 2026, 10:00 in
// Amsterdam.
type roomsFixture struct {
	*fixture
	loc                 string
	olga, pia, mia, tim string
	tokens              map[string]string
}

func newRoomsFixture(t *testing.T, d *db.DB) *roomsFixture {
	f := &roomsFixture{fixture: newFixture(t, d), tokens: map[string]string{}}
	ctx := context.Background()
	f.srv.Rooms = &rooms.Service{DB: d, Clock: f.clock, Jobs: &jobs.Queue{DB: d, Clock: f.clock}, BaseURL: "https://spil.example.nl"}
	loc, err := f.org.CreateLocation(ctx, f.admin, org.LocationInput{Name: "Utrecht"})
	if err != nil {
		t.Fatal(err)
	}
	f.loc = loc.ID
	f.olga = f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
	f.pia = f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
	f.mia = f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
	f.tim = f.person(t, "Tim Team", "tim@example.nl", authz.RoleEmployee)
	if _, err := f.man.Grant(ctx, f.actor(t, f.pia), f.pia, f.mia, authz.Scopes{authz.AgendaEdit}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *roomsFixture) as(t *testing.T, email string) string {
	if f.tokens[email] == "" {
		f.tokens[email] = f.login(t, email)
	}
	return f.tokens[email]
}

func (f *roomsFixture) setLanguage(t *testing.T, lang string) {
	for _, id := range []string{f.olga, f.pia, f.mia, f.tim} {
		if _, err := f.org.UpdateProfile(context.Background(), f.actor(t, id), "", lang); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRoomPagesInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newRoomsFixture(t, d)
		const olga, pia, mia, tim = "olga@example.nl", "pia@example.nl", "mia@example.nl", "tim@example.nl"
		// The office manager creates a room through the form.
		res := f.post(t, f.as(t, olga), "/rooms", url.Values{"name": {"Zaal Dom"}, "location_id": {f.loc}, "capacity": {"10"},
			"equipment": {"screen", "video"}, "bookable_from": {"08:00"}, "bookable_until": {"18:00"},
			"bookable_days": {"1", "2", "3", "4", "5"}, "checkin_required": {"1"}, "needs_approval": {""}})
		wantStatus(t, res, http.StatusSeeOther)
		id := strings.TrimPrefix(strings.SplitN(res.Location, "?", 2)[0], "/rooms/")
		boardroom, err := f.srv.Rooms.Create(context.Background(), f.actor(t, f.olga), rooms.RoomInput{Name: "Boardroom", Capacity: 12, NeedsApproval: true})
		if err != nil {
			t.Fatal(err)
		}
		// The assistant books a confidential meeting for the principal.
		res = f.post(t, f.as(t, mia), "/rooms/"+id+"/bookings", url.Values{"date": {"2026-03-11"}, "start": {"10:00"}, "end": {"11:00"},
			"title": {"Overname Jansen"}, "for": {f.pia}, "confidential": {"1"}})
		wantStatus(t, res, http.StatusSeeOther)
		// The employee requests the boardroom: pending.
		res = f.post(t, f.as(t, tim), "/rooms/"+boardroom.ID+"/bookings", url.Values{"date": {"2026-03-12"}, "start": {"14:00"}, "end": {"15:00"}, "title": {"Klantbezoek"}})
		wantStatus(t, res, http.StatusSeeOther)
		checks := []pageCheck{
			{tim, "GET", "/rooms", nil, 200},
			{tim, "GET", "/rooms?date=2026-03-11&from=10:30&until=11:00&capacity=4&equipment=video", nil, 200},
			{tim, "GET", "/rooms?date=nope&from=10:30&until=x&capacity=y", nil, 422},
			{olga, "GET", "/rooms?archived=1", nil, 200},
			{tim, "GET", "/rooms/" + id, nil, 200},
			{tim, "GET", "/rooms/" + id + "?week=2026-03-16", nil, 200},
			{tim, "GET", "/rooms/" + id + "/check-in", nil, 200},
			{olga, "GET", "/rooms/new", nil, 200},
			{olga, "GET", "/rooms/" + id + "/edit", nil, 200},
			{olga, "GET", "/rooms/approvals", nil, 200},
			{tim, "GET", "/rooms/approvals", nil, 403},
			{tim, "GET", "/rooms/nobody", nil, 404},
			{olga, "POST", "/rooms", url.Values{"name": {""}, "capacity": {"0"}, "bookable_from": {"18:00"}, "bookable_until": {"08:00"}, "bookable_days": {"1"}, "equipment": {"teleporter"}}, 422},
			{olga, "POST", "/rooms/" + id, url.Values{"name": {"Zaal Dom"}, "capacity": {"x"}, "bookable_from": {"8"}, "bookable_until": {"18:00"}}, 422},
			{tim, "POST", "/rooms/" + id + "/bookings", url.Values{"date": {"2026-03-11"}, "start": {"10:30"}, "end": {"11:30"}}, 409},
			{tim, "POST", "/rooms/" + id + "/bookings", url.Values{"date": {"2026-03-11"}, "start": {"19:00"}, "end": {"18:30"}, "attendees": {"11"}}, 422},
			{tim, "POST", "/rooms/" + id + "/bookings", url.Values{"date": {"2026-03-09"}, "start": {"10:00"}, "end": {"11:00"}}, 422},
			{tim, "POST", "/rooms/" + id + "/bookings", url.Values{"date": {""}, "start": {"10"}, "end": {""}}, 422},
		}
		for _, lang := range i18n.Languages() {
			f.setLanguage(t, lang)
			for _, c := range checks {
				var res response
				if c.method == "GET" {
					res = f.get(t, f.as(t, c.who), c.path)
				} else {
					res = f.post(t, f.as(t, c.who), c.path, c.form)
				}
				name := fmt.Sprintf("%s %s %s as %s", lang, c.method, c.path, c.who)
				if res.Status != c.status {
					t.Errorf("%s: status %d, want %d\n%s", name, res.Status, c.status, excerpt(res.Body))
					continue
				}
				checkPage(t, f.srv.I18n, name, lang, res.Body)
			}
		}
		// Dutch: the conflict, the rules and the confidential booking read right.
		f.setLanguage(t, "nl")
		res = f.post(t, f.as(t, tim), "/rooms/"+id+"/bookings", url.Values{"date": {"2026-03-11"}, "start": {"10:30"}, "end": {"11:30"}})
		wantContains(t, res, "de ruimte is op dat moment al geboekt")
		res = f.post(t, f.as(t, tim), "/rooms/"+id+"/bookings", url.Values{"date": {"2026-03-11"}, "start": {"17:30"}, "end": {"18:30"}, "attendees": {"11"}})
		wantContains(t, res, "de boeking valt buiten de boekbare uren van de ruimte", "meer deelnemers dan er in de ruimte passen")
		week := f.get(t, f.as(t, tim), "/rooms/"+id+"?week=2026-03-11")
		wantContains(t, week, "Bezet", "geboekt door Mia Assistent", "voor Pia Principaal", "/rooms/"+id+"/qr.png")
		wantNotContains(t, week, "Overname Jansen")
		wantContains(t, f.get(t, f.as(t, pia), "/rooms/"+id+"?week=2026-03-11"), "Overname Jansen")
		wantNotContains(t, f.get(t, f.as(t, olga), "/rooms/"+id+"?week=2026-03-11"), "Overname Jansen")
		// The slot filter: Zaal Dom is busy then, the boardroom free.
		slot := f.get(t, f.as(t, tim), "/rooms?date=2026-03-11&from=10:30&until=11:00")
		wantContains(t, slot, "Vrij op dat moment", "Boardroom", "Bezet op dat moment")
		// The office manager approves the pending booking.
		pend, err := f.srv.Rooms.PendingBookings(context.Background(), f.actor(t, f.olga))
		if err != nil || len(pend) != 1 {
			t.Fatalf("pending %v %v", pend, err)
		}
		wantContains(t, f.get(t, f.as(t, olga), "/rooms/approvals"), "Klantbezoek", "Tim Team")
		res = f.post(t, f.as(t, olga), "/rooms/bookings/"+pend[0].ID+"/approve", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, f.as(t, olga), res), "De boeking is goedgekeurd.", "Er wachten geen boekingen op goedkeuring.")
		// Someone else may not cancel the assistant's booking; the assistant may.
		bs, _ := f.srv.Rooms.Bookings(context.Background(), f.actor(t, f.mia), id, f.clock.Now(), f.clock.Now().AddDate(0, 0, 7), false)
		wantStatus(t, f.post(t, f.as(t, tim), "/rooms/bookings/"+bs[0].ID+"/cancel", nil), http.StatusForbidden)
		wantStatus(t, f.post(t, f.as(t, mia), "/rooms/bookings/"+bs[0].ID+"/cancel", nil), http.StatusSeeOther)
		// The QR code is a PNG.
		qr := f.get(t, f.as(t, tim), "/rooms/"+id+"/qr.png")
		if qr.Status != 200 || qr.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(qr.Body, "\x89PNG") {
			t.Fatalf("qr: %d %s", qr.Status, qr.Header.Get("Content-Type"))
		}
	})
}

func TestRoomCheckInPage(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newRoomsFixture(t, d)
		ctx := context.Background()
		r, err := f.srv.Rooms.Create(ctx, f.actor(t, f.olga), rooms.RoomInput{Name: "Stilte", Capacity: 4, CheckInRequired: true})
		if err != nil {
			t.Fatal(err)
		}
		now := f.clock.Now()
		b, err := f.srv.Rooms.Book(ctx, f.actor(t, f.pia), rooms.BookingInput{RoomID: r.ID, Start: now.Add(10 * 60e9), End: now.Add(70 * 60e9), Title: "Bellen"})
		if err != nil {
			t.Fatal(err)
		}
		f.setLanguage(t, "nl")
		page := f.get(t, f.as(t, "tim@example.nl"), "/rooms/"+r.ID+"/check-in")
		wantContains(t, page, "Bellen", `name="booking" value="`+b.ID+`"`)
		res := f.post(t, f.as(t, "tim@example.nl"), "/rooms/"+r.ID+"/check-in", url.Values{"booking": {b.ID}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, f.as(t, "tim@example.nl"), res), "U bent ingecheckt", "ingecheckt")
		again := f.post(t, f.as(t, "tim@example.nl"), "/rooms/"+r.ID+"/check-in", url.Values{"booking": {b.ID}})
		wantStatus(t, again, http.StatusConflict)
		wantContains(t, again, "voor deze boeking is al ingecheckt")
	})
}
