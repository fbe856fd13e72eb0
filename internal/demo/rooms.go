package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/authz"
	"spil/internal/jobs"
	"spil/internal/rooms"
)

// roomSpec is one of the firm's rooms; key is how s.ids knows it
// ("room.ams.board" …), so the meetings can book it.
type roomSpec struct {
	key, loc string
	nl, en   string
	in       rooms.RoomInput
}

// firmRooms are four rooms in Amsterdam and three in Utrecht: a boardroom
// that needs the Office Manager's approval, meeting rooms with and without
// video, small rooms with check-in, and a phone booth of at most an hour.
func firmRooms() []roomSpec {
	return []roomSpec{
		{"room.ams.board", "amsterdam", "Boardroom Zuidas", "Zuidas boardroom", rooms.RoomInput{Capacity: 14,
			Equipment: []string{"screen", "video", "phone"}, Accessible: true, NeedsApproval: true, MaxMinutes: 480,
			Description: "Representatieve zaal op de 12e verdieping, met catering op aanvraag."}},
		{"room.ams.rembrandt", "amsterdam", "Vergaderkamer Rembrandt", "Rembrandt meeting room", rooms.RoomInput{Capacity: 8,
			Equipment: []string{"screen", "video", "whiteboard"}, Accessible: true}},
		{"room.ams.spreek1", "amsterdam", "Spreekkamer 1", "Consulting room 1", rooms.RoomInput{Capacity: 4,
			Equipment: []string{"screen", "whiteboard"}, Accessible: true, MaxMinutes: 120, CheckInRequired: true}},
		{"room.ams.project", "amsterdam", "Projectruimte", "Project room", rooms.RoomInput{Capacity: 10,
			Equipment: []string{"projector", "whiteboard", "flipchart"}, BookableFrom: 8 * 60, BookableUntil: 20 * 60}},
		{"room.utr.dom", "utrecht", "Vergaderzaal Dom", "Dom meeting hall", rooms.RoomInput{Capacity: 12,
			Equipment: []string{"screen", "video", "projector"}, Accessible: true}},
		{"room.utr.oudegracht", "utrecht", "Spreekkamer Oudegracht", "Oudegracht consulting room", rooms.RoomInput{Capacity: 4,
			Equipment: []string{"screen", "whiteboard"}, CheckInRequired: true}},
		{"room.utr.belcel", "utrecht", "Belcel", "Phone booth", rooms.RoomInput{Capacity: 1,
			Equipment: []string{"phone"}, MaxMinutes: 60}},
	}
}

// demoBooking is a booking on working day day (0 = the Monday of the week of
// now, up to 9 = Friday next week) from–to, by a person (for a principal).
type demoBooking struct {
	room, by, forKey string
	day              int
	from, to         string
	nl, en           string
	attendees        int
	confidential     bool
}

func firmBookings() []demoBooking {
	return []demoBooking{
		{"room.ams.rembrandt", keyEmployee, "", 0, "13:00", "14:00", "Werkoverleg dossier Veldhuis", "Veldhuis file work meeting", 4, false},
		{"room.ams.rembrandt", keyAssistant, keyDirector, 1, "10:00", "11:30", "Overname Jansen Beheer", "Jansen Beheer acquisition", 5, true},
		{"room.ams.spreek1", keyEmployee, "", 2, "09:00", "10:00", "Cliëntgesprek", "Client interview", 3, false},
		{"room.ams.board", keyManager, "", 3, "14:00", "16:00", "Presentatie Bakker Logistiek", "Bakker Logistiek presentation", 10, false},
		{"room.ams.project", keyManager, "", 4, "09:00", "12:00", "Due diligence-sessie", "Due diligence session", 6, false},
		{"room.utr.dom", keyAssistant, "deboer", 1, "14:00", "15:30", "Cliëntoverleg Zorggroep Midden", "Zorggroep Midden client meeting", 6, false},
		{"room.utr.oudegracht", "deboer", "", 3, "11:00", "12:00", "Intake nieuwe cliënt", "New client intake", 2, false},
		{"room.utr.belcel", keyEmployee, "", 2, "15:00", "15:45", "Telefonische zitting", "Hearing by phone", 1, false},
		{"room.ams.rembrandt", keyOffice, "", 6, "10:00", "11:00", "Leveranciersoverleg schoonmaak", "Cleaning supplier meeting", 3, false},
		{"room.ams.board", keyAssistant, keyDirector, 7, "09:30", "12:00", "Aandeelhoudersvergadering voorbereiding", "Shareholders' meeting preparation", 8, false},
		{"room.utr.dom", keyManager, "", 8, "13:30", "15:00", "Kennissessie arbeidsrecht", "Employment law knowledge session", 12, false},
		{"room.ams.spreek1", keyEmployee, "", 9, "10:00", "11:00", "Cliëntgesprek", "Client interview", 2, false},
	}
}

// seedRooms adds the firm's rooms (by the Office Manager) and bookings this
// week and next through the rooms service, so the rules and approvals hold:
// the boardroom's bookings by others wait for approval, one is approved.
// Bookings that would start before the history clock are skipped.
func (s *seeder) seedRooms(ctx context.Context, now time.Time) error {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	svc := &rooms.Service{DB: s.db, Clock: s.clock, Jobs: &jobs.Queue{DB: s.db, Clock: s.clock}}
	office, err := s.resolver.Resolve(ctx, s.ids[keyOffice], authz.ViaSession)
	if err != nil {
		return err
	}
	for _, r := range firmRooms() {
		in := r.in
		in.Name, in.LocationID = s.text(r.nl, r.en), s.ids[r.loc]
		if in.Description != "" && s.lang == "en" {
			in.Description = "Representative room on the 12th floor, catering on request."
		}
		room, err := svc.Create(ctx, office, in)
		if err != nil {
			return fmt.Errorf("room %s: %w", in.Name, err)
		}
		s.ids[r.key] = room.ID
		s.clock.Advance(2 * time.Minute)
	}
	n := now.In(zone)
	monday := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, zone)
	monday = monday.AddDate(0, 0, -((int(monday.Weekday()) + 6) % 7))
	actors := map[string]*authz.Actor{keyOffice: office}
	for _, b := range firmBookings() {
		day := monday.AddDate(0, 0, b.day+2*(b.day/5)) // skip the weekend
		start, end := clockOn(day, b.from, zone), clockOn(day, b.to, zone)
		if !start.After(s.clock.Now().Add(time.Hour)) {
			continue
		}
		a := actors[b.by]
		if a == nil {
			if a, err = s.resolver.Resolve(ctx, s.ids[b.by], authz.ViaSession); err != nil {
				return err
			}
			actors[b.by] = a
		}
		bk, err := svc.Book(ctx, a, rooms.BookingInput{RoomID: s.ids[b.room], Start: start, End: end, Title: s.text(b.nl, b.en),
			ForPersonID: s.ids[b.forKey], Attendees: b.attendees, Confidential: b.confidential})
		if err != nil {
			return fmt.Errorf("booking %s: %w", b.nl, err)
		}
		s.clock.Advance(3 * time.Minute)
		if bk.Status == rooms.Pending && b.day < 5 {
			if err := svc.Approve(ctx, office, bk.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// clockOn is hh:mm on day in zone.
func clockOn(day time.Time, hhmm string, zone *time.Location) time.Time {
	t, _ := time.Parse("15:04", hhmm)
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, zone)
}
