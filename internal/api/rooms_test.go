package api

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/rooms"
	"spil/internal/testutil"
)

func TestRoomsAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		clk := f.deps.Org.Clock
		f.api.Rooms = &rooms.Service{DB: d, Clock: clk, Jobs: &jobs.Queue{DB: d, Clock: clk}}
		om := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		eva := f.person(t, "Eva Collega", "eva@example.nl")
		omTok, timTok, evaTok := f.token(t, om.ID), f.token(t, tim.ID), f.token(t, eva.ID)

		// Only the Office Manager adds rooms.
		in := map[string]any{"name": "Zaal Dom", "capacity": 8, "equipment": []string{"screen", "video"}, "bookable_from": 420, "bookable_until": 1320}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/rooms", token: timTok, body: in}), http.StatusForbidden)
		res := f.do(t, request{method: "POST", path: "/api/v1/rooms", token: omTok, body: in})
		wantStatus(t, res, http.StatusCreated)
		var room rooms.Room
		res.decode(t, &room)
		bad := f.do(t, request{method: "POST", path: "/api/v1/rooms", token: omTok, body: map[string]any{"name": "", "capacity": 0, "bookable_from": 0, "bookable_until": 0}})
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		if p := bad.problem(t); len(p.Errors) < 2 {
			t.Errorf("problem %+v", p)
		}

		// Next Wednesday 10:00 in Amsterdam.
		ams, _ := time.LoadLocation("Europe/Amsterdam")
		now := clk.Now().In(ams)
		day := time.Date(now.Year(), now.Month(), now.Day(), 10, 0, 0, 0, ams).AddDate(0, 0, 7)
		for day.Weekday() != time.Wednesday {
			day = day.AddDate(0, 0, 1)
		}
		book := func(tok string, start, end time.Time, attendees int) *response {
			return f.do(t, request{method: "POST", path: "/api/v1/rooms/" + room.ID + "/bookings", token: tok,
				body: map[string]any{"start": start, "end": end, "title": "Overleg", "attendees": attendees}})
		}
		res = book(timTok, day, day.Add(time.Hour), 6)
		wantStatus(t, res, http.StatusCreated)
		var b rooms.Booking
		res.decode(t, &b)
		if b.Status != "confirmed" || b.BookedByName != "Tim Team" {
			t.Fatalf("booking %+v", b)
		}
		conflict := book(evaTok, day.Add(30*time.Minute), day.Add(90*time.Minute), 0)
		wantStatus(t, conflict, http.StatusConflict)
		if p := conflict.problem(t); p.Detail != "the room is already booked at that time" {
			t.Errorf("conflict detail %q", p.Detail)
		}
		invalid := book(evaTok, day.Add(2*time.Hour), day.Add(time.Hour), 9)
		wantStatus(t, invalid, http.StatusUnprocessableEntity)
		locs := map[string]bool{}
		for _, e := range invalid.problem(t).Errors {
			locs[e.Location] = true
		}
		if !locs["body.end"] {
			t.Errorf("no message for the end: %s", invalid.raw)
		}

		// Listing: all rooms, then the free ones in the booked slot (none).
		var list List[rooms.Room]
		all := f.get(t, "/api/v1/rooms?equipment=video&capacity=8", evaTok)
		wantStatus(t, all, http.StatusOK)
		all.decode(t, &list)
		if list.Total != 1 {
			t.Fatalf("rooms %+v", list)
		}
		q := url.Values{"from": {day.Format(time.RFC3339)}, "to": {day.Add(30 * time.Minute).Format(time.RFC3339)}}
		free := f.get(t, "/api/v1/rooms?"+q.Encode(), evaTok)
		wantStatus(t, free, http.StatusOK)
		free.decode(t, &list)
		if list.Total != 0 {
			t.Fatalf("free rooms while booked: %+v", list)
		}
		var cal List[rooms.Booking]
		q = url.Values{"from": {day.Add(-time.Hour).Format(time.RFC3339)}, "to": {day.Add(24 * time.Hour).Format(time.RFC3339)}}
		r := f.get(t, fmt.Sprintf("/api/v1/rooms/%s/bookings?%s", room.ID, q.Encode()), evaTok)
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &cal)
		if cal.Total != 1 || cal.Items[0].Title != "Overleg" {
			t.Fatalf("calendar %+v", cal)
		}

		// Only the booker (or the Office Manager) cancels.
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/room-bookings/" + b.ID + "/cancel", token: evaTok}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/room-bookings/" + b.ID + "/cancel", token: timTok}), http.StatusNoContent)
		wantStatus(t, book(evaTok, day.Add(30*time.Minute), day.Add(90*time.Minute), 0), http.StatusCreated)
	})
}
