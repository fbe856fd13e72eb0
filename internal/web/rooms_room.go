package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/rooms"
)

// RoomPage is one room: its rules, its week with who booked what, the
// booking form and the check-in link.
type RoomPage struct {
	Nav        SubNav
	Room       rooms.Room
	Equipment  []string
	BookableBy []string
	Days       []RoomDay
	Week       string // Monday of the week shown, YYYY-MM-DD
	PrevWeek   string
	NextWeek   string
	WeekLabel  string
	Form       RoomBookForm
	Errors     FieldErrors
	For        []Option // principals the actor may book for
	CanManage  bool
	CheckInURL string
	Hours      string // bookable days and hours, in words
}

// RoomDay is one day of the room's week.
type RoomDay struct {
	Label    string
	Bookable bool
	Bookings []RoomBookingView
}

// RoomBookingView is a booking as a page lists it.
type RoomBookingView struct {
	rooms.Booking
	When      string // date and times
	Time      string // times only, for a day's list
	CanCancel bool
}

// RoomBookForm is the booking form as entered.
type RoomBookForm struct {
	Date, Start, End, Title, Attendees, For string
	Confidential                            bool
}

func (s *Server) roomShow(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	q := r.URL.Query()
	f := RoomBookForm{Date: q.Get("date"), Start: q.Get("start"), End: q.Get("end")}
	return s.renderRoom(w, r, a, http.StatusOK, f, FieldErrors{})
}

func (s *Server) renderRoom(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, f RoomBookForm, errs FieldErrors) error {
	ctx := r.Context()
	room, err := s.Rooms.Get(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "meetings")
	p.Title = room.Name
	pr := p.P
	d := RoomPage{Nav: meetingsSubNav(pr, a, "rooms"), Room: room, Equipment: roomEquipmentText(pr, room), Form: f, Errors: errs,
		CanManage: rooms.MayManage(a), CheckInURL: s.checkInURL(r, room.ID)}
	d.Hours = roomHoursText(pr, room)
	for _, k := range room.BookableBy {
		d.BookableBy = append(d.BookableBy, s.roleName(pr.Lang, k))
	}
	// The week: ?week= any day of it, else the form's date, else today.
	now := s.Clock.Now().In(pr.Loc)
	day := now
	for _, v := range []string{r.URL.Query().Get("week"), f.Date} {
		if t, err := time.ParseInLocation("2006-01-02", v, pr.Loc); err == nil {
			day = t
			break
		}
	}
	monday := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, pr.Loc)
	monday = monday.AddDate(0, 0, -((int(monday.Weekday()) + 6) % 7))
	d.Week, d.PrevWeek, d.NextWeek = monday.Format("2006-01-02"), monday.AddDate(0, 0, -7).Format("2006-01-02"), monday.AddDate(0, 0, 7).Format("2006-01-02")
	d.WeekLabel = pr.T("rooms.week_of", pr.Date(monday))
	if f.Date == "" && f.Start == "" {
		d.Form.Date = now.Format("2006-01-02")
		if monday.After(now) {
			d.Form.Date = d.Week
		}
	}
	bs, err := s.Rooms.Bookings(ctx, a, room.ID, monday, monday.AddDate(0, 0, 7), false)
	if err != nil {
		return err
	}
	for i := 0; i < 7; i++ {
		dd := monday.AddDate(0, 0, i)
		rd := RoomDay{Label: pr.Weekday(dd) + " " + pr.ShortDate(dd), Bookable: room.BookableOn(dd.Weekday())}
		for _, b := range bs {
			if b.Start.Before(dd.AddDate(0, 0, 1)) && b.End.After(dd) {
				rd.Bookings = append(rd.Bookings, roomBookingView(pr, a, b))
			}
		}
		if rd.Bookable || len(rd.Bookings) > 0 {
			d.Days = append(d.Days, rd)
		}
	}
	for _, m := range a.Principals() {
		if m.Scopes.Has(authz.AgendaEdit) {
			d.For = append(d.For, Option{Value: m.PrincipalID, Label: m.PrincipalName, Checked: f.For == m.PrincipalID})
		}
	}
	s.render(w, r, status, "rooms_room", p, d)
	return nil
}

func roomBookingView(pr *i18n.Printer, a *authz.Actor, b rooms.Booking) RoomBookingView {
	times := b.Start.In(pr.Loc).Format("15:04") + "–" + b.End.In(pr.Loc).Format("15:04")
	return RoomBookingView{Booking: b, When: pr.ShortDate(b.Start) + " " + times, Time: times,
		CanCancel: b.Occupies() && rooms.MayChange(a, b)}
}

// checkInURL is the absolute address of a room's check-in page, for its QR
// code: on the configured public address, else on the one the request came to.
func (s *Server) checkInURL(r *http.Request, roomID string) string {
	base := strings.TrimRight(s.Rooms.BaseURL, "/")
	if u, err := url.Parse(base); err != nil || u.Hostname() == "" {
		scheme := "http"
		if s.secure(r) {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/rooms/" + roomID + "/check-in"
}

func (s *Server) roomBook(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	p := s.page(r, a, "meetings")
	f := RoomBookForm{Date: r.PostFormValue("date"), Start: r.PostFormValue("start"), End: r.PostFormValue("end"),
		Title: r.PostFormValue("title"), Attendees: r.PostFormValue("attendees"), For: r.PostFormValue("for"),
		Confidential: r.PostFormValue("confidential") != ""}
	errs := FieldErrors{}
	start, end := roomParseSlot(p.P, f.Date, f.Start, f.End, errs, "start", "end")
	n := 0
	if strings.TrimSpace(f.Attendees) != "" {
		var err error
		if n, err = strconv.Atoi(strings.TrimSpace(f.Attendees)); err != nil {
			errs["attendees"] = "enter a whole number"
		}
	}
	if len(errs) > 0 {
		return s.renderRoom(w, r, a, http.StatusUnprocessableEntity, f, errs)
	}
	id := r.PathValue("id")
	b, err := s.Rooms.Book(r.Context(), a, rooms.BookingInput{RoomID: id, Start: start, End: end, Title: f.Title,
		ForPersonID: f.For, Attendees: n, Confidential: f.Confidential})
	if err != nil {
		if errs, ok := invalid(err); ok {
			if m, ok := errs["room_id"]; ok {
				errs[""] = m
			}
			return s.renderRoom(w, r, a, statusFor(err), f, errs)
		}
		return err
	}
	key := "room_booked"
	if b.Status == rooms.Pending {
		key = "room_booking_pending"
	}
	s.done(w, r, "/rooms/"+id+"?week="+f.Date, key)
	return nil
}

func (s *Server) roomBookingCancel(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	b, err := s.Rooms.Booking(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := s.Rooms.CancelBooking(ctx, a, b.ID); err != nil {
		return err
	}
	back := "/rooms/" + b.RoomID + "?week=" + b.Start.Format("2006-01-02")
	if r.PostFormValue("back") == "list" {
		back = "/rooms"
	}
	s.done(w, r, back, "room_booking_cancelled")
	return nil
}

// RoomCheckInPage is where the room's QR code leads: the booking that can be
// checked in now, if any.
type RoomCheckInPage struct {
	Nav     SubNav
	Room    rooms.Room
	Booking *RoomBookingView
	Alert   string
}

func (s *Server) roomCheckInPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderCheckIn(w, r, a, http.StatusOK, "")
}

func (s *Server) renderCheckIn(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, alert string) error {
	ctx := r.Context()
	room, err := s.Rooms.Get(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "meetings")
	p.Title = p.P.T("rooms.checkin_title", room.Name)
	d := RoomCheckInPage{Nav: meetingsSubNav(p.P, a, "rooms"), Room: room, Alert: translate(p.P, alert)}
	b, err := s.Rooms.CheckInCandidate(ctx, a, room.ID)
	switch {
	case err == nil:
		v := roomBookingView(p.P, a, b)
		d.Booking = &v
	case apperr.KindOf(err) != apperr.NotFound:
		return err
	}
	s.render(w, r, status, "rooms_checkin", p, d)
	return nil
}

func (s *Server) roomCheckIn(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if _, err := s.Rooms.Get(r.Context(), a, id); err != nil {
		return err
	}
	b, err := s.Rooms.Booking(r.Context(), a, r.PostFormValue("booking"))
	if err != nil || b.RoomID != id {
		return s.renderCheckIn(w, r, a, http.StatusUnprocessableEntity, "no booking of this room can be checked in now")
	}
	if _, err := s.Rooms.CheckIn(r.Context(), a, b.ID); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderCheckIn(w, r, a, statusFor(err), errs[""])
		}
		return err
	}
	s.done(w, r, "/rooms/"+id, "room_checked_in")
	return nil
}

// roomHoursText is "maandag–vrijdag 07:00–22:00" or the days listed.
func roomHoursText(pr *i18n.Printer, r rooms.Room) string {
	monday := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	name := func(d int) string { return pr.Weekday(monday.AddDate(0, 0, d-1)) }
	days := make([]string, len(r.BookableDays))
	contiguous := len(r.BookableDays) > 2
	for i, d := range r.BookableDays {
		days[i] = name(d)
		if i > 0 && d != r.BookableDays[i-1]+1 {
			contiguous = false
		}
	}
	ds := strings.Join(days, ", ")
	if contiguous {
		ds = days[0] + "–" + days[len(days)-1]
	}
	return ds + " " + roomHHMM(r.BookableFrom) + "–" + roomHHMM(r.BookableUntil)
}
