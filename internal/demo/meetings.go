package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	"spil/internal/rooms"
)

// demoMeeting is one meeting of the demo: organized by a principal,
// prepared by Lotte (the assistant), with a room when the rooms exist.
type demoMeeting struct {
	organizer       string // person key
	day             int    // working days after the history clock's day (0: that day)
	from, to        string
	nl, en          string
	room, place     string // room key; place text when there is no room
	online          string
	attendees       []string // person keys
	external        []meetings.AttendeeInput
	items           []demoItem
	docs            bool // attach a document to the first item
	invite          bool // send the invitations (as whoever may)
	accept, maybe   []string
	held            bool // it took place (must end before now)
	next            bool // plan the next meeting of its series
	byPrincipalSend bool // the principal sends personally (Lotte's mandate lacks mail.send_on_behalf)
	confidential    bool // only the organizer, attendees and assistants with the confidential scope see it
}

type demoItem struct {
	nl, en    string
	presenter string // person key
	minutes   int
}

func firmMeetings() []demoMeeting {
	veldhuis := meetings.AttendeeInput{Name: "Peter Veldhuis", Email: "p.veldhuis@veldhuisbouw.example"}
	zorg := meetings.AttendeeInput{Name: "Anouk Claassen", Email: "a.claassen@zorggroepmidden.example"}
	vanrijn := meetings.AttendeeInput{Name: "Gerard van Rijn", Email: "g.vanrijn@vanrijnvastgoed.example"}
	return []demoMeeting{
		// Past meetings, between the demo's set-up and now: held, answered.
		{organizer: keyDirector, day: 0, from: "15:00", to: "16:00", nl: "Kwartaalbespreking partners", en: "Partners' quarterly review",
			room: "room.ams.rembrandt", attendees: []string{"deboer", keyManager, "smit", "mulder"},
			items: []demoItem{{"Kwartaalcijfers", "Quarterly figures", keyDirector, 20}, {"Bezetting secties", "Staffing of the sections", keyManager, 20},
				{"Rondvraag", "Any other business", "", 10}},
			accept: []string{"deboer", keyManager, "smit"}, maybe: []string{"mulder"}, held: true, next: true},
		{organizer: "deboer", day: 1, from: "10:00", to: "11:00", nl: "Intake Van Rijn Vastgoed", en: "Van Rijn Vastgoed intake",
			room: "room.utr.oudegracht", attendees: []string{"mulder"}, external: []meetings.AttendeeInput{vanrijn},
			items:  []demoItem{{"Kennismaking en vraagstelling", "Introductions and the question", "deboer", 30}, {"Aanpak en offerte", "Approach and quote", "mulder", 30}},
			accept: []string{"mulder"}, held: true},
		// Coming meetings, in every state of preparation.
		{organizer: keyDirector, day: 4, from: "10:00", to: "11:00", nl: "Cliëntoverleg Veldhuis Bouw", en: "Veldhuis Bouw client meeting",
			room: "room.ams.rembrandt", attendees: []string{keyManager, keyEmployee}, external: []meetings.AttendeeInput{veldhuis},
			items: []demoItem{{"Stand van het dossier", "State of the file", keyEmployee, 20}, {"Onderhandelingsstrategie", "Negotiation strategy", keyManager, 30},
				{"Vervolgafspraken", "Next steps", keyDirector, 10}},
			docs: true, invite: true, accept: []string{keyEmployee}, maybe: []string{keyManager}},
		{organizer: keyDirector, day: 6, from: "13:00", to: "14:30", nl: "Voorbereiding aandeelhoudersvergadering", en: "Shareholders' meeting preparation",
			room: "room.ams.project", attendees: []string{"deboer", keyManager},
			items: []demoItem{{"Jaarrekening", "Annual accounts", keyDirector, 45}, {"Dividendvoorstel", "Dividend proposal", "deboer", 30},
				{"Benoemingen", "Appointments", keyDirector, 30}}},
		{organizer: "deboer", day: 5, from: "10:00", to: "11:00", nl: "Vervolgoverleg Zorggroep Midden", en: "Zorggroep Midden follow-up",
			room: "room.utr.dom", attendees: []string{"smit"}, external: []meetings.AttendeeInput{zorg},
			items: []demoItem{{"Reorganisatieplan", "Reorganisation plan", "smit", 40}}, invite: true, byPrincipalSend: true},
		{organizer: keyDirector, day: 8, from: "16:00", to: "17:00", nl: "Opvolging managing partner", en: "Managing partner succession",
			room: "room.ams.spreek1", attendees: []string{"deboer"},
			items:        []demoItem{{"Kandidaten", "Candidates", keyDirector, 30}, {"Tijdpad en aankondiging", "Timeline and announcement", "deboer", 20}},
			confidential: true, invite: true},
		{organizer: "deboer", day: 7, from: "15:00", to: "15:45", nl: "Kennisoverleg vastgoed", en: "Real estate knowledge session",
			online: "https://meet.example.com/kennisoverleg-vastgoed", attendees: []string{"mulder"}},
	}
}

// seedMeetings adds meetings of Hendrik van Dijk and Marieke de Boer,
// planned and prepared by Lotte through the meetings service: rooms booked
// (when the rooms module made the firm's rooms), agenda items, documents,
// invitations (sent by Lotte for Hendrik, whose mandate allows it, and by
// Marieke herself), answers, and two meetings that were held.
func (s *seeder) seedMeetings(ctx context.Context, now time.Time) error {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	q := &jobs.Queue{DB: s.db, Clock: s.clock}
	svc := &meetings.Service{DB: s.db, Clock: s.clock, Jobs: q, Mail: mail.NoRelay{},
		Agenda: &agenda.Service{DB: s.db, Clock: s.clock, Resolver: s.resolver},
		Rooms:  &rooms.Service{DB: s.db, Clock: s.clock, Jobs: q}}
	actors := map[string]*authz.Actor{}
	actor := func(key string) (*authz.Actor, error) {
		if a := actors[key]; a != nil {
			return a, nil
		}
		a, err := s.resolver.Resolve(ctx, s.ids[key], authz.ViaSession)
		actors[key] = a
		return a, err
	}
	lotte, err := actor(keyAssistant)
	if err != nil {
		return err
	}
	start := s.clock.Now().In(zone)
	for _, dm := range firmMeetings() {
		day := workingDaysAfter(start, dm.day)
		from, to := clockOn(day, dm.from, zone), clockOn(day, dm.to, zone)
		if dm.held && !to.Before(now) {
			continue // not over yet in this demo
		}
		in := meetings.Input{Title: s.text(dm.nl, dm.en), OrganizerID: s.ids[dm.organizer], Start: from, End: to,
			RoomID: s.ids[dm.room], LocationText: dm.place, OnlineURL: dm.online, Confidential: dm.confidential,
			Attendees: append([]meetings.AttendeeInput(nil), dm.external...)}
		for _, k := range dm.attendees {
			in.Attendees = append(in.Attendees, meetings.AttendeeInput{PersonID: s.ids[k]})
		}
		m, err := svc.Create(ctx, lotte, in)
		if apperr.KindOf(err) == apperr.Conflict && in.RoomID != "" { // the room is taken: meet elsewhere
			in.RoomID, in.LocationText = "", s.text("Kantoor", "Office")
			m, err = svc.Create(ctx, lotte, in)
		}
		if err != nil {
			return fmt.Errorf("meeting %s: %w", dm.nl, err)
		}
		s.clock.Advance(2 * time.Minute)
		for _, it := range dm.items {
			if _, err := svc.AddItem(ctx, lotte, m.ID, meetings.ItemInput{Topic: s.text(it.nl, it.en), PresenterID: s.ids[it.presenter], PlannedMinutes: it.minutes}); err != nil {
				return fmt.Errorf("agenda item %s: %w", it.nl, err)
			}
		}
		if dm.docs {
			if _, err := svc.AddDocument(ctx, lotte, m.ID, "", s.text("dossieroverzicht.txt", "file-overview.txt"),
				[]byte(s.text("Dossieroverzicht Veldhuis Bouw\n\n1. Stand van zaken\n2. Open punten\n", "Veldhuis Bouw file overview\n\n1. State of affairs\n2. Open points\n"))); err != nil {
				return err
			}
		}
		if _, err := svc.Schedule(ctx, lotte, m.ID); err != nil && apperr.KindOf(err) != apperr.Conflict {
			return fmt.Errorf("schedule %s: %w", dm.nl, err)
		}
		if dm.invite {
			sender := lotte
			if dm.byPrincipalSend {
				if sender, err = actor(dm.organizer); err != nil {
					return err
				}
			}
			if _, err := svc.SendInvitations(ctx, sender, m.ID); err != nil {
				return fmt.Errorf("invitations %s: %w", dm.nl, err)
			}
		}
		s.clock.Advance(time.Minute)
		for resp, keys := range map[string][]string{meetings.Accepted: dm.accept, meetings.Tentative: dm.maybe} {
			for _, k := range keys {
				a, err := actor(k)
				if err != nil {
					return err
				}
				if err := svc.Answer(ctx, a, m.ID, resp); err != nil {
					return fmt.Errorf("answer %s: %w", dm.nl, err)
				}
			}
		}
		if dm.held {
			if err := svc.MarkHeld(ctx, lotte, m.ID); err != nil {
				return err
			}
		}
		if dm.next {
			if _, err := svc.PlanNext(ctx, lotte, m.ID, meetings.NextInput{Start: from.AddDate(0, 0, 14), End: to.AddDate(0, 0, 14)}); err != nil {
				return fmt.Errorf("next %s: %w", dm.nl, err)
			}
		}
		s.clock.Advance(3 * time.Minute)
	}
	return nil
}

// workingDaysAfter is the n-th working day after t's day (0: t's day).
func workingDaysAfter(t time.Time, n int) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n--
		}
	}
	return d
}
