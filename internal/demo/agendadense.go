package demo

import (
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"spil/internal/agenda"
	"spil/internal/recur"
)

// agendaDays is how far ahead the demo fills agendas.
const agendaDays = 371 // the week of now and 52 more

// clientSites are where generated client meetings take place.
var clientSites = []site{
	siteRotterdam, siteZuidas, siteRaadVState, siteNoordster, sitePapendorp, siteVanRijn, siteNotaris,
	{"Meridiaan Verzekeringen, Gustav Mahlerplein 2, Amsterdam", 52.3368, 4.8731},
	{"Kroon Retail, Oostpoort 12, Amsterdam", 52.3590, 4.9290},
	{"Gemeente Den Haag, Spui 70, Den Haag", 52.0770, 4.3163},
	{"Delta Energie, Laan op Zuid 1, Rotterdam", 51.9000, 4.4930},
	{"Hofstede Groep, Stationsplein 1, Amersfoort", 52.1530, 5.3740},
	{"Bloem & Zaad, Spaarne 16, Haarlem", 52.3805, 4.6390},
	{"AeroCargo, Evert van de Beekstraat 1, Schiphol", 52.3080, 4.7630},
	{"Lumen Medisch, Heidelberglaan 100, Utrecht", 52.0860, 5.1770},
	{"Van Loon Techniek, Stationsweg 2, Eindhoven", 51.4430, 5.4810},
}

type pair struct{ nl, en string }

var (
	internalTitles = []pair{{"Dossierbespreking", "Case review"}, {"Werkoverleg", "Work meeting"}, {"Voorbereiding zitting", "Hearing preparation"},
		{"Overleg met stagiair", "Meeting with trainee"}, {"Strategieoverleg", "Strategy meeting"}, {"Budgetoverleg", "Budget meeting"},
		{"Bila", "One-to-one"}, {"Kennissessie", "Knowledge session"}}
	clientTitles = []pair{{"Cliëntbespreking", "Client meeting"}, {"Onderhandeling wederpartij", "Negotiation"}, {"Lunch met relatie", "Business lunch"},
		{"Bespreking concept-overeenkomst", "Draft agreement meeting"}}
	callTitles = []pair{{"Call met cliënt", "Client call"}, {"Teams-overleg wederpartij", "Video call opposing counsel"}, {"Conference call", "Conference call"}}
	deskTitles = []pair{{"Dossierwerk", "Desk work"}, {"Stukken lezen", "Reading documents"}, {"Concept reviewen", "Reviewing a draft"},
		{"Memo schrijven", "Writing a memo"}}
	privateTitles = []pair{{"Huisarts", "GP appointment"}, {"Tandarts", "Dentist"}, {"Privé-afspraak", "Personal appointment"},
		{"Sportschool", "Gym"}, {"Ouderavond", "Parents' evening"}}
	confidentialTitles = []pair{{"Vertrouwelijk: personeelszaak", "Confidential: staff matter"}, {"Vertrouwelijk: integriteitsmelding", "Confidential: integrity report"}}
)

// span is a stretch of minutes from local midnight.
type span struct{ from, to int }

// busyMap is, per person and day (days after the week's Monday), what is
// already taken by series, and the days they are away.
type busyMap struct {
	spans map[string]map[int][]span
	off   map[string]map[int]bool
}

func newBusyMap() busyMap {
	return busyMap{spans: map[string]map[int][]span{}, off: map[string]map[int]bool{}}
}

func (b busyMap) add(person string, day int, sp span) {
	m := b.spans[person]
	if m == nil {
		m = map[int][]span{}
		b.spans[person] = m
	}
	m[day] = append(m[day], sp)
}

func (b busyMap) free(person string, day int, sp span) bool {
	for _, o := range b.spans[person][day] {
		if sp.from < o.to && o.from < sp.to {
			return false
		}
	}
	return true
}

// series is a recurring appointment the generator writes and keeps free.
type series struct {
	owner      string
	attendees  []string
	title      pair
	start      time.Time
	minutes    int
	rrule      string
	locationID string
	prio       int
}

// block marks every instance of a recurrence within the demo's year as taken
// for the owner and the attendees.
func (b busyMap) block(c calendar, start time.Time, minutes int, rrule string, people []string) {
	set := recur.Set{Start: start, IncludeStart: true}
	if rrule != "" {
		r, err := recur.Parse(rrule)
		if err != nil {
			return
		}
		set.Rules = []recur.Rule{r}
	}
	for _, t := range set.Between(c.monday, c.monday.AddDate(0, 0, agendaDays), 0) {
		t = t.In(c.zone)
		day := c.dayIndex(t)
		sp := span{t.Hour()*60 + t.Minute(), t.Hour()*60 + t.Minute() + minutes}
		for _, p := range people {
			b.add(p, day, sp)
		}
	}
}

// blockDays marks the days [from, to) as days person is away.
func (b busyMap) blockDays(c calendar, person string, from, to time.Time) {
	m := b.off[person]
	if m == nil {
		m = map[int]bool{}
		b.off[person] = m
	}
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		m[c.dayIndex(d)] = true
	}
}

func (c calendar) dayIndex(t time.Time) int {
	t = t.In(c.zone)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.zone)
	return int(d.Sub(c.monday).Hours()+12) / 24
}

// denseOwner is a person whose agenda the generator fills day by day.
type denseOwner struct {
	id, officeID string
	colleagues   []string
	firstDay     int // days after the week's Monday
	perDay       int // about this many items per working day
}

// rows collects appointments and attendees and hands them to write in
// batches of flushAt appointments; the first error stops the writing and is
// returned by flush.
type rows struct {
	appointments, attendees [][]any
	now                     time.Time
	zone                    string
	write                   func(appointments, attendees [][]any) error
	written                 int
	err                     error
}

const flushAt = 5000

// flush writes what is collected and returns the first error so far.
func (r *rows) flush() error {
	if r.err == nil && len(r.appointments) > 0 {
		r.err = r.write(r.appointments, r.attendees)
		r.written += len(r.appointments)
	}
	r.appointments, r.attendees = r.appointments[:0], r.attendees[:0]
	return r.err
}

func (r *rows) appointment(owner, title string, start, end time.Time, prio int, vis, status, rrule, locationID string, place *site, attendees []string, external []pair) {
	id := uuid.Must(uuid.NewV7()).String()
	var name string
	var lat, lon any
	if place != nil {
		name, lat, lon = place.name, place.lat, place.lon
	}
	var loc any
	if locationID != "" {
		loc = locationID
	}
	r.appointments = append(r.appointments, []any{id, owner, id + "@spil", title, "", loc, name, lat, lon, false,
		start.UTC(), end.UTC(), r.zone, prio, vis, status, rrule, rrule != "", owner, r.now, r.now})
	pos := 0
	for _, p := range attendees {
		r.attendees = append(r.attendees, []any{id, pos, p, "", "", agenda.Accepted})
		pos++
	}
	for _, e := range external {
		r.attendees = append(r.attendees, []any{id, pos, nil, e.nl, e.en, agenda.NeedsAction})
		pos++
	}
	if len(r.appointments) >= flushAt {
		r.flush()
	}
}

const appointmentInsert = `INSERT INTO appointments (id, owner_id, uid, title, notes, location_id, place, latitude, longitude, all_day,
	start_at, end_at, time_zone, priority, visibility, status, rrule, recurring, created_by, created_at, updated_at)`

const attendeeInsert = `INSERT INTO appointment_attendees (appointment_id, position, person_id, name, email, response)`

var externalContacts = []pair{{"Anne Smits", "a.smits@client.example"}, {"Rob de Graaf", "r.degraaf@client.example"},
	{"Laura Kok", "l.kok@wederpartij.example"}, {"Tim Bos", "t.bos@client.example"}}

// fill writes about o.perDay items on every working day of the year that is
// not taken: meetings at the office with colleagues, client meetings at
// client sites all over the Randstad, calls, desk work, and now and then a
// private or confidential item. Sequences are laid out one after the other
// with gaps, so some cannot be reached in time, as in real agendas.
func (s *seeder) fill(r *rows, c calendar, busy busyMap, o denseOwner, rng *rand.Rand) {
	durations := []int{30, 45, 60, 60, 60, 90, 120}
	gaps := []int{0, 0, 15, 15, 30, 45, 60}
	for day := o.firstDay; day < agendaDays; day++ {
		date := c.monday.AddDate(0, 0, day)
		if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if busy.off[o.id][day] {
			continue
		}
		t := 8*60 + 30 + rng.IntN(4)*15
		want := o.perDay - 1 + rng.IntN(3)
		for n := 0; n < want && t < 17*60+30; {
			dur := durations[rng.IntN(len(durations))]
			sp := span{t, t + dur}
			if !busy.free(o.id, day, sp) {
				t += 15
				continue
			}
			start := time.Date(date.Year(), date.Month(), date.Day(), t/60, t%60, 0, 0, c.zone)
			end := start.Add(time.Duration(dur) * time.Minute)
			status := agenda.Confirmed
			if rng.IntN(10) == 0 {
				status = agenda.Tentative
			}
			var title pair
			var attendees []string
			var external []pair
			var place *site
			locationID, prio, vis := "", agenda.P3, agenda.Normal
			switch k := rng.IntN(100); {
			case k < 38:
				title, locationID = internalTitles[rng.IntN(len(internalTitles))], o.officeID
				for i := rng.IntN(3) + 1; i > 0 && len(o.colleagues) > 0; i-- {
					if p := o.colleagues[rng.IntN(len(o.colleagues))]; p != o.id && !contains(attendees, p) {
						attendees = append(attendees, p)
					}
				}
			case k < 60:
				title, prio = clientTitles[rng.IntN(len(clientTitles))], agenda.P2
				place = &clientSites[rng.IntN(len(clientSites))]
				if rng.IntN(2) == 0 {
					external = []pair{externalContacts[rng.IntN(len(externalContacts))]}
				}
			case k < 72:
				title = callTitles[rng.IntN(len(callTitles))]
			case k < 90:
				title, prio, locationID = deskTitles[rng.IntN(len(deskTitles))], agenda.P4, o.officeID
			case k < 97:
				title, prio, vis = privateTitles[rng.IntN(len(privateTitles))], agenda.P2, agenda.Private
			default:
				title, prio, vis, locationID = confidentialTitles[rng.IntN(len(confidentialTitles))], agenda.P2, agenda.Confidential, o.officeID
			}
			r.appointment(o.id, s.text(title.nl, title.en), start, end, prio, vis, status, "", locationID, place, attendees, external)
			n++
			t += dur + gaps[rng.IntN(len(gaps))]
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeSeries adds a series to r and blocks its instances.
func (s *seeder) writeSeries(r *rows, c calendar, busy busyMap, sr series) {
	end := sr.start.Add(time.Duration(sr.minutes) * time.Minute)
	r.appointment(sr.owner, s.text(sr.title.nl, sr.title.en), sr.start, end, sr.prio, agenda.Normal, agenda.Confirmed, sr.rrule,
		sr.locationID, nil, sr.attendees, nil)
	busy.block(c, sr.start, sr.minutes, sr.rrule, append([]string{sr.owner}, sr.attendees...))
}
