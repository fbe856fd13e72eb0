package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	mins "spil/internal/minutes"
	"spil/internal/rooms"
)

// seedMinutes writes minutes through the minutes service, as Lotte (the
// assistant) would. Hendrik van Dijk's weekly office meeting — two held
// meetings of one series, planned after the fact, and the next one ahead —
// has approved minutes with decisions and action items for Daan, the
// manager, the office manager and Hendrik himself, some overdue by now, one
// already done; the next meeting shows the open ones carried over. The
// meetings module's held meetings get draft minutes. The approvals queue
// the minutes mail (without a relay it shows as retrying).
func (s *seeder) seedMinutes(ctx context.Context, now time.Time) error {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	q := &jobs.Queue{DB: s.db, Clock: s.clock}
	ms := &meetings.Service{DB: s.db, Clock: s.clock, Jobs: q, Mail: mail.NoRelay{},
		Agenda: &agenda.Service{DB: s.db, Clock: s.clock, Resolver: s.resolver},
		Rooms:  &rooms.Service{DB: s.db, Clock: s.clock, Jobs: q}}
	svc := &mins.Service{DB: s.db, Clock: s.clock, Jobs: q, Meetings: ms, Mail: mail.NoRelay{}}
	lotte, err := s.resolver.Resolve(ctx, s.ids[keyAssistant], authz.ViaSession)
	if err != nil {
		return err
	}
	if err := s.officeMeetings(ctx, zone, ms, svc, lotte); err != nil {
		return err
	}
	return s.draftMinutes(ctx, zone, ms, svc, lotte)
}

// officeMeetings plans Hendrik's weekly office meeting two and one weeks
// back (held) and one week ahead, and approves the minutes of the two held.
func (s *seeder) officeMeetings(ctx context.Context, zone *time.Location, ms *meetings.Service, svc *mins.Service, lotte *authz.Actor) error {
	today := s.clock.Now().In(zone)
	first := today.AddDate(0, 0, -14) // today is a working day, so is this
	in := meetings.Input{Title: s.text("Kantooroverleg", "Office meeting"), OrganizerID: s.ids[keyDirector],
		Start: clockOn(first, "08:30", zone), End: clockOn(first, "09:15", zone), LocationText: s.text("Directiekamer", "Board room")}
	for _, k := range []string{keyManager, keyOffice, keyEmployee} {
		in.Attendees = append(in.Attendees, meetings.AttendeeInput{PersonID: s.ids[k]})
	}
	topics := [][2]string{{"Huisvesting en facilitair", "Housing and facilities"}, {"IT en werkplekken", "IT and workplaces"}, {"Rondvraag", "Any other business"}}
	// plan creates a meeting with the topics and schedules it; held marks it held.
	plan := func(in meetings.Input, held bool) (meetings.Meeting, error) {
		m, err := ms.Create(ctx, lotte, in)
		if err != nil {
			return m, fmt.Errorf("meeting %s: %w", in.Title, err)
		}
		return s.prepare(ctx, ms, lotte, m, topics, held)
	}
	a, err := plan(in, true)
	if err != nil {
		return err
	}
	// The next office meeting, a week from today, carries A's open items.
	c, err := ms.PlanNext(ctx, lotte, a.ID, meetings.NextInput{Start: a.Start.AddDate(0, 0, 21), End: a.End.AddDate(0, 0, 21)})
	if err != nil {
		return fmt.Errorf("next office meeting: %w", err)
	}
	if _, err := s.prepare(ctx, ms, lotte, c, topics, false); err != nil {
		return err
	}
	week := today.AddDate(0, 0, -7)
	in.Title = s.text("Overleg werkplekken en schoonmaak", "Workplaces and cleaning")
	in.Start, in.End = clockOn(week, "14:00", zone), clockOn(week, "14:45", zone)
	b, err := plan(in, true)
	if err != nil {
		return err
	}
	held := []meetings.Meeting{a, b}
	day := today.Format(time.DateOnly)
	later := func(n int) string { return workingDaysAfter(today, n).Format(time.DateOnly) }
	records := []mins.Input{{
		Notes: []mins.Note{{AgendaItemID: held[0].Items[0].ID, Text: s.text("De airco in de projectkamer valt regelmatig uit; de onderhoudspartij komt te laat.",
			"The air conditioning in the project room keeps failing; the maintenance company comes late.")},
			{AgendaItemID: held[0].Items[1].ID, Text: s.text("Vijf laptops zijn aan vervanging toe.", "Five laptops are due for replacement.")}},
		Decisions: []mins.Decision{{AgendaItemID: held[0].Items[1].ID, Text: s.text("Vervanging van vijf laptops goedgekeurd (€ 6.500).", "Replacement of five laptops approved (€6,500).")}},
		Actions: []mins.ActionInput{
			{AgendaItemID: held[0].Items[0].ID, Title: s.text("Onderhoudscontract airco opzoeken en opzegtermijn nagaan", "Look up the air conditioning contract and its notice period"), OwnerID: s.ids[keyOffice], DueOn: day},
			{AgendaItemID: held[0].Items[1].ID, Title: s.text("Drie offertes voor laptops opvragen", "Ask three quotes for laptops"), OwnerID: s.ids[keyEmployee], DueOn: day},
		},
	}, {
		Notes: []mins.Note{{Text: s.text("Schoonmaak en laptops besproken.", "Cleaning and laptops discussed.")},
			{AgendaItemID: held[1].Items[0].ID, Text: s.text("Het nieuwe schoonmaakrooster gaat maandag in.", "The new cleaning schedule starts on Monday.")}},
		Decisions: []mins.Decision{{AgendaItemID: held[1].Items[0].ID, Text: s.text("Schoonmaak ook op vrijdagmiddag.", "Cleaning on Friday afternoons as well.")},
			{Text: s.text("Het kantooroverleg blijft wekelijks.", "The office meeting stays weekly.")}},
		Actions: []mins.ActionInput{
			{AgendaItemID: held[1].Items[0].ID, Title: s.text("Schoonmaakbedrijf over het nieuwe rooster informeren", "Tell the cleaning company about the new schedule"), OwnerID: s.ids[keyOffice], DueOn: later(1)},
			{AgendaItemID: held[1].Items[1].ID, Title: s.text("Nieuwe laptops uitleveren en oude wissen", "Hand out the new laptops and wipe the old ones"), OwnerID: s.ids[keyManager], DueOn: later(6)},
			{Title: s.text("Besluit over thuiswerkvergoeding voorbereiden", "Prepare the decision on the home-working allowance"), OwnerID: s.ids[keyDirector], DueOn: later(8)},
		},
	}}
	for i, h := range held {
		if _, err := svc.Record(ctx, lotte, h.ID, records[i]); err != nil {
			return fmt.Errorf("minutes of %s: %w", h.Title, err)
		}
		s.clock.Advance(10 * time.Minute)
		if i == 0 { // Daan did his part before the next meeting
			v, err := svc.Get(ctx, lotte, h.ID)
			if err != nil {
				return err
			}
			daan, err := s.resolver.Resolve(ctx, s.ids[keyEmployee], authz.ViaSession)
			if err != nil {
				return err
			}
			done := mins.Done
			if _, err := svc.UpdateAction(ctx, daan, v.Minutes.Actions[1].ID, mins.ActionUpdate{Status: &done}); err != nil {
				return err
			}
		}
		if _, err := svc.Approve(ctx, lotte, h.ID); err != nil {
			return fmt.Errorf("approve minutes of %s: %w", h.Title, err)
		}
		s.clock.Advance(5 * time.Minute)
	}
	return nil
}

// prepare gives meeting m the topics as agenda items, schedules it and,
// when held, marks it held; it returns the meeting as it now stands.
func (s *seeder) prepare(ctx context.Context, ms *meetings.Service, lotte *authz.Actor, m meetings.Meeting, topics [][2]string, held bool) (meetings.Meeting, error) {
	for _, t := range topics {
		if _, err := ms.AddItem(ctx, lotte, m.ID, meetings.ItemInput{Topic: s.text(t[0], t[1]), PlannedMinutes: 15}); err != nil {
			return m, err
		}
	}
	if _, err := ms.Schedule(ctx, lotte, m.ID); err != nil {
		return m, fmt.Errorf("schedule %s: %w", m.Title, err)
	}
	if held {
		if err := ms.MarkHeld(ctx, lotte, m.ID); err != nil {
			return m, fmt.Errorf("%s held: %w", m.Title, err)
		}
	}
	s.clock.Advance(time.Minute)
	return ms.Get(ctx, lotte, m.ID)
}

// draftMinutes writes draft minutes for the meetings module's held meetings.
func (s *seeder) draftMinutes(ctx context.Context, zone *time.Location, ms *meetings.Service, svc *mins.Service, lotte *authz.Actor) error {
	rows, err := s.db.R.QueryContext(ctx, `SELECT m.id FROM meetings m WHERE m.status = 'held'
		AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = m.id) ORDER BY m.starts_at, m.id`)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	today := s.clock.Now().In(zone)
	due := func(n int) string { return workingDaysAfter(today, n).Format(time.DateOnly) }
	for _, id := range ids {
		m, err := ms.Get(ctx, lotte, id)
		if err != nil {
			return err
		}
		item := func(i int) string {
			if i < len(m.Items) {
				return m.Items[i].ID
			}
			return ""
		}
		in := mins.Input{
			Notes: []mins.Note{
				{Text: s.text("Concept — nog aan te vullen door de voorzitter.", "Draft — the chair still adds to it.")},
				{AgendaItemID: item(0), Text: s.text("Eerste punten genoteerd tijdens het overleg.", "First points noted during the meeting.")},
			},
			Decisions: []mins.Decision{{AgendaItemID: item(0), Text: s.text("Voorstel wordt in het volgende overleg besproken.", "The proposal is discussed in the next meeting.")}},
			Actions: []mins.ActionInput{
				{AgendaItemID: item(0), Title: s.text("Cijfers uitwerken voor het volgende overleg", "Work out the figures for the next meeting"), OwnerID: s.ids[keyManager], DueOn: due(5)},
			},
		}
		if _, err := svc.Record(ctx, lotte, m.ID, in); err != nil {
			return fmt.Errorf("draft minutes of %s: %w", m.Title, err)
		}
		s.clock.Advance(3 * time.Minute)
	}
	return nil
}
