package web

import (
	"net/http"
	"strconv"
	"time"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/rooms"
)

// roomRoutes are the pages of the rooms module. Everyone logged in finds,
// books and checks in to rooms; the service enforces each room's rules and
// who may change a booking. Managing rooms and deciding on pending bookings
// is the Office Manager's.
func (s *Server) roomRoutes() []Route {
	auth, om := authz.Authenticated, authz.Need(authz.OfficeManage)
	return []Route{
		{"GET", "/rooms", auth, s.roomsList},
		{"GET", "/rooms/new", om, s.roomNew},
		{"POST", "/rooms", om, s.roomCreate},
		{"GET", "/rooms/approvals", om, s.roomApprovals},
		{"GET", "/rooms/{id}", auth, s.roomShow},
		{"GET", "/rooms/{id}/edit", om, s.roomEdit},
		{"POST", "/rooms/{id}", om, s.roomUpdate},
		{"POST", "/rooms/{id}/archive", om, s.roomArchive},
		{"POST", "/rooms/{id}/restore", om, s.roomRestore},
		{"POST", "/rooms/{id}/bookings", auth, s.roomBook},
		{"GET", "/rooms/{id}/check-in", auth, s.roomCheckInPage},
		{"POST", "/rooms/{id}/check-in", auth, s.roomCheckIn},
		{"GET", "/rooms/{id}/qr.png", auth, s.roomQR},
		{"POST", "/rooms/bookings/{id}/cancel", auth, s.roomBookingCancel},
		{"POST", "/rooms/bookings/{id}/approve", om, s.roomBookingApprove},
		{"POST", "/rooms/bookings/{id}/reject", om, s.roomBookingReject},
	}
}

// RoomsPage lists the rooms, free or busy in the slot the filter asks for.
type RoomsPage struct {
	Nav SubNav
	// The filter as entered.
	Date, From, Until, Capacity, Location string
	Equipment                             []Option
	Locations                             []Option
	Accessible                            bool
	Archived                              bool
	Errors                                FieldErrors
	// Slot is true when a date and times were given: Rooms then holds the
	// free rooms and Busy the others that match.
	Slot      bool
	Rooms     []rooms.Room
	Busy      []rooms.Room
	Mine      []RoomBookingView
	CanManage bool
	Pending   int
}

// BookQuery is the query string that carries the filter's slot to a room's
// booking form.
func (d RoomsPage) BookQuery() string {
	if !d.Slot {
		return ""
	}
	return "?date=" + d.Date + "&start=" + d.From + "&end=" + d.Until
}

func (s *Server) roomsList(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "meetings")
	q := r.URL.Query()
	d := RoomsPage{Nav: meetingsSubNav(p.P, a, "rooms"), Date: q.Get("date"), From: q.Get("from"), Until: q.Get("until"),
		Capacity: q.Get("capacity"), Location: q.Get("location"), Accessible: q.Get("accessible") != "",
		CanManage: rooms.MayManage(a), Errors: FieldErrors{}}
	d.Archived = d.CanManage && q.Get("archived") != ""
	f := rooms.Filter{LocationID: d.Location, Equipment: q["equipment"], Accessible: d.Accessible, Archived: d.Archived}
	if d.Capacity != "" {
		n, err := strconv.Atoi(d.Capacity)
		if err != nil || n < 0 {
			d.Errors["capacity"] = "enter a whole number"
		}
		f.MinCapacity = n
	}
	for _, e := range rooms.Equipment {
		d.Equipment = append(d.Equipment, Option{Value: e, Label: p.P.T("rooms.equipment." + e), Checked: has(q["equipment"], e)})
	}
	if err := s.roomLocationOptions(r, a, &d.Locations, d.Location); err != nil {
		return err
	}
	var from, to time.Time
	if d.Date != "" || d.From != "" || d.Until != "" {
		from, to = roomParseSlot(p.P, d.Date, d.From, d.Until, d.Errors, "from", "until")
		d.Slot = len(d.Errors) == 0
	}
	var err error
	if d.Slot {
		av, err := s.Rooms.Availability(ctx, a, from, to, f)
		if errs, ok := invalid(err); ok {
			d.Errors, d.Slot = errs, false
		} else if err != nil {
			return err
		}
		for _, x := range av {
			if x.FreeAll {
				d.Rooms = append(d.Rooms, x.Room)
			} else {
				d.Busy = append(d.Busy, x.Room)
			}
		}
	}
	if !d.Slot {
		if d.Rooms, err = s.Rooms.List(ctx, a, f); err != nil {
			return err
		}
	}
	mine, err := s.Rooms.MyBookings(ctx, a)
	if err != nil {
		return err
	}
	for _, b := range mine {
		d.Mine = append(d.Mine, roomBookingView(p.P, a, b))
	}
	if d.CanManage {
		pend, err := s.Rooms.PendingBookings(ctx, a)
		if err != nil {
			return err
		}
		d.Pending = len(pend)
	}
	status := http.StatusOK
	if len(d.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "rooms", p, d)
	return nil
}

// roomLocationOptions fills opts with "any location" and the organization's
// locations, selected ticked.
func (s *Server) roomLocationOptions(r *http.Request, a *authz.Actor, opts *[]Option, selected string) error {
	locs, err := s.Rooms.Locations(r.Context(), a)
	if err != nil {
		return err
	}
	for _, l := range locs {
		*opts = append(*opts, Option{Value: l.ID, Label: l.Name, Checked: l.ID == selected})
	}
	return nil
}

// roomParseSlot reads a date (YYYY-MM-DD) and two times (HH:MM) in the
// printer's zone; problems go to errs under "date", fromKey and toKey.
func roomParseSlot(p *i18n.Printer, date, from, until string, errs FieldErrors, fromKey, toKey string) (time.Time, time.Time) {
	day, err := time.ParseInLocation("2006-01-02", date, p.Loc)
	if err != nil {
		errs["date"] = "enter a date"
		return time.Time{}, time.Time{}
	}
	clock := func(v, key string) time.Time {
		t, err := time.Parse("15:04", v)
		if err != nil {
			errs[key] = "enter a time"
			return time.Time{}
		}
		return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, p.Loc)
	}
	s, e := clock(from, fromKey), clock(until, toKey)
	if until == "24:00" {
		delete(errs, toKey)
		e = day.AddDate(0, 0, 1)
	}
	return s, e
}

// EquipmentText is a room's equipment in the reader's language.
func roomEquipmentText(p *i18n.Printer, r rooms.Room) []string {
	out := make([]string, len(r.Equipment))
	for i, e := range r.Equipment {
		out[i] = p.T("rooms.equipment." + e)
	}
	return out
}
