package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"spil/internal/authz"
	"spil/internal/rooms"
)

// RoomFormPage is the Office Manager's form for a new or changed room.
type RoomFormPage struct {
	Nav        SubNav
	ID         string
	Form       RoomForm
	Errors     FieldErrors
	Locations  []Option
	Equipment  []Option
	BookableBy []Option
	Days       []Option
}

// RoomForm is a room as entered: numbers and times as text.
type RoomForm struct {
	Name, Description, Capacity, MaxMinutes, From, Until, CheckInMinutes string
	Accessible, NeedsApproval, CheckInRequired                           bool
}

func (s *Server) roomNew(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	in := rooms.RoomInput{Capacity: 6, BookableFrom: 7 * 60, BookableUntil: 22 * 60, BookableDays: []int{1, 2, 3, 4, 5}}
	return s.renderRoomForm(w, r, a, http.StatusOK, "", in, roomFormOf(in), FieldErrors{})
}

func (s *Server) roomEdit(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	room, err := s.Rooms.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	in := rooms.InputOf(room)
	return s.renderRoomForm(w, r, a, http.StatusOK, room.ID, in, roomFormOf(in), FieldErrors{})
}

func roomHHMM(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func roomFormOf(in rooms.RoomInput) RoomForm {
	f := RoomForm{Name: in.Name, Description: in.Description, Capacity: strconv.Itoa(in.Capacity), From: roomHHMM(in.BookableFrom),
		Until: roomHHMM(in.BookableUntil), Accessible: in.Accessible, NeedsApproval: in.NeedsApproval, CheckInRequired: in.CheckInRequired}
	if in.MaxMinutes > 0 {
		f.MaxMinutes = strconv.Itoa(in.MaxMinutes)
	}
	if in.CheckInMinutes > 0 {
		f.CheckInMinutes = strconv.Itoa(in.CheckInMinutes)
	}
	return f
}

func (s *Server) renderRoomForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, id string, in rooms.RoomInput, f RoomForm, errs FieldErrors) error {
	p := s.pageFor(r, a, "meetings")
	pr := p.P
	if id == "" {
		p.Title = pr.T("rooms.new")
	} else {
		p.Title = pr.T("rooms.edit_title", f.Name)
	}
	d := RoomFormPage{Nav: meetingsSubNav(pr, a, "rooms"), ID: id, Form: f, Errors: errs}
	if err := s.roomLocationOptions(r, a, &d.Locations, in.LocationID); err != nil {
		return err
	}
	for _, e := range rooms.Equipment {
		d.Equipment = append(d.Equipment, Option{Value: e, Label: pr.T("rooms.equipment." + e), Checked: has(in.Equipment, e)})
	}
	for _, k := range rooms.RoleKeys {
		d.BookableBy = append(d.BookableBy, Option{Value: k, Label: s.roleName(pr.Lang, k), Checked: has(in.BookableBy, k)})
	}
	monday := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for i := 1; i <= 7; i++ {
		checked := false
		for _, x := range in.BookableDays {
			checked = checked || x == i
		}
		d.Days = append(d.Days, Option{Value: strconv.Itoa(i), Label: pr.Weekday(monday.AddDate(0, 0, i-1)), Checked: checked})
	}
	s.render(w, r, status, "rooms_form", p, d)
	return nil
}

// readRoomForm reads the posted room; errs gets the fields that are not
// numbers or times.
func readRoomForm(r *http.Request) (rooms.RoomInput, RoomForm, FieldErrors) {
	v := r.PostForm
	f := RoomForm{Name: v.Get("name"), Description: v.Get("description"), Capacity: v.Get("capacity"), MaxMinutes: v.Get("max_minutes"),
		From: v.Get("bookable_from"), Until: v.Get("bookable_until"), CheckInMinutes: v.Get("checkin_minutes"),
		Accessible: v.Get("accessible") != "", NeedsApproval: v.Get("needs_approval") != "", CheckInRequired: v.Get("checkin_required") != ""}
	in := rooms.RoomInput{LocationID: v.Get("location_id"), Name: f.Name, Description: strings.TrimSpace(f.Description),
		Equipment: v["equipment"], BookableBy: v["bookable_by"], Accessible: f.Accessible, NeedsApproval: f.NeedsApproval,
		CheckInRequired: f.CheckInRequired}
	errs := FieldErrors{}
	num := func(s, key string) int {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			errs[key] = "enter a whole number"
		}
		return n
	}
	in.Capacity = num(f.Capacity, "capacity")
	in.MaxMinutes = num(f.MaxMinutes, "max_minutes")
	in.CheckInMinutes = num(f.CheckInMinutes, "checkin_minutes")
	tod := func(s, key string) int {
		if s == "24:00" {
			return 24 * 60
		}
		t, err := time.Parse("15:04", strings.TrimSpace(s))
		if err != nil {
			errs[key] = "enter a time"
			return 0
		}
		return t.Hour()*60 + t.Minute()
	}
	in.BookableFrom = tod(f.From, "bookable_from")
	in.BookableUntil = tod(f.Until, "bookable_until")
	for _, d := range v["bookable_days"] {
		if n, err := strconv.Atoi(d); err == nil {
			in.BookableDays = append(in.BookableDays, n)
		}
	}
	if len(in.BookableDays) == 0 {
		errs["bookable_days"] = "choose at least one day"
	}
	return in, f, errs
}

func (s *Server) roomCreate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.saveRoom(w, r, a, "")
}

func (s *Server) roomUpdate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if _, err := s.Rooms.Get(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	return s.saveRoom(w, r, a, r.PathValue("id"))
}

func (s *Server) saveRoom(w http.ResponseWriter, r *http.Request, a *authz.Actor, id string) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in, f, errs := readRoomForm(r)
	if len(errs) > 0 {
		return s.renderRoomForm(w, r, a, http.StatusUnprocessableEntity, id, in, f, errs)
	}
	var room rooms.Room
	var err error
	if id == "" {
		room, err = s.Rooms.Create(r.Context(), a, in)
	} else {
		room, err = s.Rooms.Update(r.Context(), a, id, in)
	}
	if err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderRoomForm(w, r, a, statusFor(err), id, in, f, errs)
		}
		return err
	}
	s.done(w, r, "/rooms/"+room.ID, "room_saved")
	return nil
}

func (s *Server) roomArchive(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Rooms.SetActive(r.Context(), a, r.PathValue("id"), false); err != nil {
		return err
	}
	s.done(w, r, "/rooms/"+r.PathValue("id"), "room_archived")
	return nil
}

func (s *Server) roomRestore(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Rooms.SetActive(r.Context(), a, r.PathValue("id"), true); err != nil {
		return err
	}
	s.done(w, r, "/rooms/"+r.PathValue("id"), "room_restored")
	return nil
}

// RoomApprovalsPage lists the bookings waiting for the Office Manager.
type RoomApprovalsPage struct {
	Nav      SubNav
	Bookings []RoomBookingView
}

func (s *Server) roomApprovals(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.pageFor(r, a, "meetings")
	bs, err := s.Rooms.PendingBookings(r.Context(), a)
	if err != nil {
		return err
	}
	d := RoomApprovalsPage{Nav: meetingsSubNav(p.P, a, "rooms")}
	for _, b := range bs {
		d.Bookings = append(d.Bookings, roomBookingView(p.P, a, b))
	}
	s.render(w, r, http.StatusOK, "rooms_approvals", p, d)
	return nil
}

func (s *Server) roomBookingApprove(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Rooms.Approve(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	s.done(w, r, "/rooms/approvals", "room_booking_approved")
	return nil
}

func (s *Server) roomBookingReject(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	if err := s.Rooms.Reject(r.Context(), a, r.PathValue("id"), r.PostFormValue("reason")); err != nil {
		return err
	}
	s.done(w, r, "/rooms/approvals", "room_booking_rejected")
	return nil
}
