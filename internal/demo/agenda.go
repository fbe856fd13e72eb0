package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
)

// site is a place outside the firm: a client, a court, a school.
type site struct {
	name     string
	lat, lon float64
}

// Client sites and private places with real Dutch addresses (the companies
// are made up).
var (
	siteRotterdam   = site{"Bakker Logistiek, Wilhelminakade 909, Rotterdam", 51.9067, 4.4877}
	siteZuidas      = site{"Veldhuis Bouw, Atrium, Strawinskylaan 3051, Amsterdam", 52.3385, 4.8718}
	siteRaadVState  = site{"Raad van State, Kneuterdijk 22, Den Haag", 52.0820, 4.3069}
	siteNoordster   = site{"Noordster Holding, Lange Voorhout 9, Den Haag", 52.0826, 4.3133}
	sitePapendorp   = site{"Zorggroep Midden, Papendorpseweg 100, Utrecht", 52.0742, 5.0816}
	siteLeidscheRn  = site{"Berlijnplein 100, Utrecht (Leidsche Rijn)", 52.0931, 5.0644}
	siteVanRijn     = site{"Van Rijn Vastgoed, Stationsplein 45, Rotterdam", 51.9244, 4.4690}
	siteNotaris     = site{"Notariskantoor De Wit, Beethovenstraat 300, Amsterdam", 52.3418, 4.8770}
	siteDentist     = site{"Tandartspraktijk Stadshart, Stadsplein 1, Amstelveen", 52.3030, 4.8590}
	siteSchoolAmv   = site{"Basisschool De Kring, Amstelveen", 52.3105, 4.8680}
	siteSchoolUtr   = site{"Montessorischool Oog in Al, Utrecht", 52.0876, 5.0923}
	siteDirectorHom = site{"Keizer Karelweg, Amstelveen", 52.3070, 4.8600}
	siteDeBoerHome  = site{"Wittevrouwen, Utrecht", 52.0950, 5.1330}
)

// when places a showcase item: in the week of the demo's now on a weekday
// (wd), or on the n-th working day shown (day, from today on).
type when struct {
	wd   time.Weekday
	day  int
	from string // "10:45"
	to   string
}

// showItem is one hand-made appointment of the firm's agendas.
type showItem struct {
	owner, by string // person keys; by "" is the owner
	at        when
	nl, en    string
	loc       string // a firm location key
	site      *site
	prio      int
	vis       string
	rrule     string
	attendees []string // person keys
	external  []agenda.Attendee
	notes     string
}

// showcase is what the demo's principals find in their agendas in the week
// they first log in: the weekly partners' meeting, the monthly P1 board
// meeting in Utrecht, a daily stand-up, client meetings in Amsterdam,
// Rotterdam, Den Haag and Utrecht, private items, a confidential one, an
// overlap of a P4 and a P3 item with P2 items, and two sequences that
// cannot be reached in time (Amsterdam → Rotterdam in half an hour).
func showcase() []showItem {
	partners := []string{"deboer", keyManager, "smit", "mulder"}
	jansen := agenda.Attendee{Name: "Peter Jansen", Email: "p.jansen@jansenbeheer.example"}
	bakker := agenda.Attendee{Name: "Sandra Bakker", Email: "s.bakker@bakkerlogistiek.example"}
	return []showItem{
		// Series from the week of now on.
		{owner: keyDirector, by: keyAssistant, at: when{wd: time.Monday, from: "09:00", to: "10:30"}, nl: "Partneroverleg", en: "Partners' meeting",
			loc: "amsterdam", prio: agenda.P2, rrule: "FREQ=WEEKLY;BYDAY=MO", attendees: partners},
		{owner: keyDirector, by: keyAssistant, at: when{wd: time.Thursday, from: "14:00", to: "17:00"}, nl: "Bestuursvergadering", en: "Board meeting",
			loc: "utrecht", prio: agenda.P1, rrule: "monthly", attendees: partners,
			notes: "Agenda en stukken volgen een week vooraf via het secretariaat."},
		{owner: keyManager, at: when{wd: time.Monday, from: "08:45", to: "09:00"}, nl: "Dagstart Ondernemingsrecht", en: "Corporate law stand-up",
			loc: "amsterdam", prio: agenda.P4, rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", attendees: []string{keyEmployee, "vandenberg", "whitfield"}},
		{owner: "smit", at: when{wd: time.Tuesday, from: "10:00", to: "11:00"}, nl: "Sectieoverleg Arbeidsrecht", en: "Employment law team meeting",
			loc: "utrecht", prio: agenda.P3, rrule: "FREQ=WEEKLY;BYDAY=TU", attendees: []string{"vermeulen", "yilmaz"}},
		{owner: keyDirector, at: when{wd: time.Friday, from: "08:30", to: "09:00"}, nl: "Jour fixe met Lotte", en: "Weekly catch-up with Lotte",
			loc: "amsterdam", prio: agenda.P3, rrule: "FREQ=WEEKLY;BYDAY=FR", attendees: []string{keyAssistant}},
		{owner: keyAssistant, at: when{wd: time.Wednesday, from: "13:00", to: "13:45"}, nl: "Overleg secretariaat", en: "Secretariat meeting",
			loc: "amsterdam", prio: agenda.P3, rrule: "FREQ=WEEKLY;BYDAY=WE", attendees: []string{"devries", "elamrani"}},
		{owner: "deboer", at: when{wd: time.Wednesday, from: "15:00", to: "15:30"}, nl: "Kinderen ophalen van school", en: "Pick up the children from school",
			site: &siteSchoolUtr, prio: agenda.P2, vis: agenda.Private, rrule: "FREQ=WEEKLY;BYDAY=WE"},
		{owner: "mulder", at: when{wd: time.Tuesday, from: "13:00", to: "14:00"}, nl: "Overleg vastgoedportefeuille", en: "Real estate portfolio review",
			loc: "utrecht", prio: agenda.P3, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", attendees: []string{"deboer"}},

		// The board meeting's morning: confidential merger talks in Den Haag.
		{owner: keyDirector, by: keyAssistant, at: when{wd: time.Thursday, from: "10:00", to: "12:00"}, nl: "Project Noordster: gesprek met beoogd fusiepartner",
			en: "Project Noordster: talks with the intended merger partner", site: &siteNoordster, prio: agenda.P2, vis: agenda.Confidential,
			attendees: []string{"deboer"}, notes: "Strikt vertrouwelijk; stukken alleen via de datakamer."},

		// Today: Amsterdam → Rotterdam in half an hour cannot be done.
		{owner: keyDirector, by: keyAssistant, at: when{day: 0, from: "10:45", to: "11:45"}, nl: "Cliëntoverleg Jansen Beheer", en: "Client meeting Jansen Beheer",
			loc: "amsterdam", prio: agenda.P3, attendees: []string{"vandenberg"}, external: []agenda.Attendee{jansen}},
		{owner: keyDirector, by: keyAssistant, at: when{day: 0, from: "12:15", to: "13:30"}, nl: "Lunchbespreking Bakker Logistiek: overname", en: "Lunch meeting Bakker Logistiek: acquisition",
			site: &siteRotterdam, prio: agenda.P2, external: []agenda.Attendee{bakker}},
		{owner: keyDirector, by: keyAssistant, at: when{day: 0, from: "15:00", to: "16:00"}, nl: "Huisvesting Kantoor Utrecht", en: "Utrecht office accommodation",
			loc: "utrecht", prio: agenda.P3, attendees: []string{keyOffice, "hendriks"}},
		// The next day: a P4 and a P3 item overlap P2 items.
		{owner: keyDirector, at: when{day: 1, from: "08:00", to: "08:45"}, nl: "Tandarts", en: "Dentist",
			site: &siteDentist, prio: agenda.P2, vis: agenda.Private},
		{owner: keyDirector, by: keyAssistant, at: when{day: 1, from: "10:00", to: "11:00"}, nl: "Cliëntgesprek Veldhuis Bouw", en: "Client meeting Veldhuis Bouw",
			site: &siteZuidas, prio: agenda.P2},
		{owner: keyDirector, at: when{day: 1, from: "10:30", to: "12:00"}, nl: "Dossierstudie Noordster", en: "File study Noordster",
			loc: "amsterdam", prio: agenda.P4},
		{owner: keyDirector, by: keyAssistant, at: when{day: 1, from: "14:00", to: "15:00"}, nl: "Sollicitatiegesprek senior advocaat", en: "Job interview senior lawyer",
			loc: "amsterdam", prio: agenda.P3, attendees: []string{keyManager}},
		{owner: keyDirector, by: keyAssistant, at: when{day: 1, from: "14:30", to: "15:15"}, nl: "Call met Londen (Whitfield & Co)", en: "Call with London (Whitfield & Co)",
			prio: agenda.P2, external: []agenda.Attendee{{Name: "Oliver Whitfield", Email: "o.whitfield@whitfield.example"}}},
		{owner: keyDirector, by: keyAssistant, at: when{day: 2, from: "10:00", to: "12:00"}, nl: "Zitting Raad van State", en: "Hearing Council of State",
			site: &siteRaadVState, prio: agenda.P2, attendees: []string{"vandenberg"}},
		{owner: keyDirector, at: when{day: 2, from: "18:30", to: "20:00"}, nl: "Schoolvoorstelling dochter", en: "Daughter's school play",
			site: &siteSchoolAmv, prio: agenda.P2, vis: agenda.Private},
		{owner: keyDirector, by: keyAssistant, at: when{day: 3, from: "09:30", to: "11:00"}, nl: "Mondelinge behandeling rechtbank", en: "Court hearing",
			loc: "court", prio: agenda.P2, attendees: []string{keyEmployee}},

		{owner: "deboer", at: when{day: 0, from: "09:30", to: "10:30"}, nl: "Bezichtiging kantoorruimte Leidsche Rijn", en: "Viewing office space Leidsche Rijn",
			site: &siteLeidscheRn, prio: agenda.P3},
		{owner: "deboer", at: when{day: 0, from: "11:00", to: "12:30"}, nl: "Zorggroep Midden: reorganisatie", en: "Zorggroep Midden: reorganisation",
			site: &sitePapendorp, prio: agenda.P2, attendees: []string{"smit"}},
		{owner: "deboer", at: when{day: 1, from: "19:30", to: "21:00"}, nl: "Ouderavond school", en: "Parents' evening",
			site: &siteSchoolUtr, prio: agenda.P3, vis: agenda.Private},

		{owner: keyManager, at: when{day: 0, from: "10:00", to: "12:00"}, nl: "Due diligence Van Rijn Vastgoed", en: "Due diligence Van Rijn Vastgoed",
			site: &siteVanRijn, prio: agenda.P2, attendees: []string{keyEmployee, "whitfield"}},
		{owner: keyManager, at: when{day: 0, from: "12:45", to: "13:45"}, nl: "Lunch met cliënt (Zuidas)", en: "Client lunch (Zuidas)",
			site: &siteZuidas, prio: agenda.P3},
		{owner: keyManager, at: when{day: 1, from: "16:00", to: "17:00"}, nl: "Kennissessie Ondernemingsrecht", en: "Corporate law knowledge session",
			loc: "amsterdam", prio: agenda.P4, attendees: []string{keyEmployee, "vandenberg", "whitfield"}},
		{owner: "smit", at: when{day: 1, from: "14:00", to: "15:00"}, nl: "Mediationgesprek", en: "Mediation meeting", loc: "utrecht", prio: agenda.P2},
		{owner: "mulder", at: when{day: 0, from: "14:00", to: "15:30"}, nl: "Oplevering Stationsplein 45", en: "Handover Stationsplein 45",
			site: &siteVanRijn, prio: agenda.P2, attendees: []string{"kramer"}},
		{owner: "mulder", at: when{day: 1, from: "10:00", to: "10:30"}, nl: "Passeren akte", en: "Signing the deed", site: &siteNotaris, prio: agenda.P2},
		{owner: keyEmployee, at: when{day: 1, from: "17:30", to: "18:30"}, nl: "Fysiotherapie", en: "Physiotherapy", prio: agenda.P3, vis: agenda.Private},
	}
}

// calendar fixes the dates of the demo's agendas.
type calendar struct {
	zone     *time.Location
	monday   time.Time   // midnight starting the week of now
	shown    []time.Time // midnights of the working days shown, from today (the board meeting's Thursday left out)
	boardDay time.Time
}

func newCalendar(now time.Time, zone *time.Location) calendar {
	local := now.In(zone)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, zone)
	c := calendar{zone: zone, monday: today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))}
	c.boardDay = c.monday.AddDate(0, 0, 3)
	for d := today; len(c.shown) < 6; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !d.Equal(c.boardDay) {
			c.shown = append(c.shown, d)
		}
	}
	return c
}

// at returns the wall-clock time hh:mm on day.
func (c calendar) at(day time.Time, hhmm string) time.Time {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, c.zone)
}

func (c calendar) day(w when) time.Time {
	if w.wd != 0 {
		return c.monday.AddDate(0, 0, (int(w.wd)+6)%7)
	}
	return c.shown[w.day]
}

// monthlyRule is "the same weekday of the month" as day: the n-th, or the
// last when day is a fifth one.
func monthlyRule(day time.Time) string {
	n := (day.Day()-1)/7 + 1
	if n == 5 {
		n = -1
	}
	return fmt.Sprintf("FREQ=MONTHLY;BYDAY=%d%s", n, day.Weekday().String()[:2])
}

// input turns a showcase item into the agenda service's input.
func (s *seeder) input(c calendar, it showItem) agenda.Input {
	day := c.day(it.at)
	in := agenda.Input{Title: s.text(it.nl, it.en), Notes: it.notes, Start: c.at(day, it.at.from), End: c.at(day, it.at.to),
		TimeZone: c.zone.String(), Priority: it.prio, Visibility: it.vis, RRule: it.rrule}
	if in.RRule == "monthly" {
		in.RRule = monthlyRule(day)
	}
	switch {
	case it.loc != "":
		in.Place.LocationID = s.ids[it.loc]
	case it.site != nil:
		lat, lon := it.site.lat, it.site.lon
		in.Place = agenda.Place{Name: it.site.name, Lat: &lat, Lon: &lon}
	}
	for _, k := range it.attendees {
		in.Attendees = append(in.Attendees, agenda.Attendee{PersonID: s.ids[k], Response: agenda.Accepted})
	}
	in.Attendees = append(in.Attendees, it.external...)
	return in
}

// showcaseAgendas writes the showcase through the agenda service, as the
// owners and, for the managing partner, mostly his assistant on his behalf,
// so the rules hold (no P1 overbooked) and the audit log tells who did it.
func (s *seeder) showcaseAgendas(ctx context.Context, svc *agenda.Service, c calendar) error {
	actors := map[string]*authz.Actor{}
	for _, it := range showcase() {
		by := it.by
		if by == "" {
			by = it.owner
		}
		actor := actors[by]
		if actor == nil {
			var err error
			if actor, err = s.resolver.Resolve(ctx, s.ids[by], authz.ViaSession); err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			actors[by] = actor
		}
		if _, err := svc.Create(ctx, actor, s.ids[it.owner], s.input(c, it)); err != nil {
			return fmt.Errorf("demo: appointment %q: %w", it.nl, err)
		}
		s.clock.Advance(90 * time.Second)
	}
	return nil
}
