package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/slots"
	"spil/internal/travel"
)

// SlotForm is the slot finder's question as entered.
type SlotForm struct {
	People      []string
	Duration    string // minutes
	From        string // 2006-01-02
	To          string
	LocationID  string
	Mode        string
	Buffer      string // minutes
	MayOverbook string // "", "4", "3", "2"
	Find        string // a search for colleagues to add to the choices
}

// SlotsPage is the slot finder: the question and, once asked, the ranked
// candidates with their reasons.
type SlotsPage struct {
	Nav        SubNav
	Form       SlotForm
	Errors     FieldErrors
	Asked      bool
	Results    []ProposalView
	Colleagues ColleaguePicker
	Durations  []Option
	Locations  []Option
	Modes      []Option
	Overbook   []Option
}

// slotDurations are the meeting lengths offered, in minutes.
var slotDurations = []int{15, 30, 45, 60, 90, 120, 180, 240, 480}

func (s *Server) agendaSlots(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	pr, loc := p.P, p.P.Loc
	q := r.URL.Query()
	today := midnight(s.Clock.Now(), loc)
	f := SlotForm{People: q["p"], Duration: q.Get("duration"), From: q.Get("from"), To: q.Get("to"),
		LocationID: q.Get("location"), Mode: q.Get("mode"), Buffer: q.Get("buffer"), MayOverbook: q.Get("overbook"),
		Find: strings.TrimSpace(q.Get("colleague_q"))}
	searching := q.Get("colleague_search") != "" // re-show the question with the matches, ask nothing yet
	if len(f.People) == 0 {
		f.People = []string{agendaWho(r, a, p)}
	}
	if f.Duration == "" {
		f.Duration = "60"
	}
	if f.From == "" {
		f.From = today.Format("2006-01-02")
	}
	if f.To == "" {
		f.To = today.AddDate(0, 0, 13).Format("2006-01-02")
	}
	who := f.People[0]
	d := SlotsPage{Nav: agendaSubNav(pr, "slots", who), Form: f, Errors: FieldErrors{}, Asked: q.Get("find") == "1" && !searching,
		Locations: s.locationOptions(ctx, a, f.LocationID),
		Modes:     modeOptions(pr, f.Mode, true)}
	for _, m := range slotDurations {
		v := strconv.Itoa(m)
		d.Durations = append(d.Durations, Option{Value: v, Label: durationText(pr, m), Checked: v == f.Duration})
	}
	d.Colleagues = s.picker(ctx, pr, a, ColleaguePicker{ID: "people", Name: "p", Label: pr.T("agenda.slots_people"),
		Hint: pr.T("agenda.slots_people_hint"), Query: f.Find, QueryName: "colleague_q", Button: "colleague_search",
		Action: "/agenda/slots#people-picker"}, f.People, nil, searching)
	d.Overbook = keyedOptions(pr, "agenda.overbook.", []string{"", "4", "3", "2"}, f.MayOverbook)
	status := http.StatusOK
	if d.Asked {
		sq, errs := f.query(loc)
		if len(errs) == 0 {
			cands, err := s.Agenda.FindSlots(ctx, a, sq)
			switch {
			case err != nil:
				e, ok := invalid(err)
				if !ok {
					return err
				}
				errs = slotErrors(e)
			default:
				names := map[string]string{}
				for _, id := range f.People {
					names[id] = s.personName(ctx, a, id)
				}
				owner := bookOwner(a, f.People)
				d.Results = proposals(pr, cands, names, func(c slots.Candidate) string { return bookHref(f, owner, c, loc) })
			}
		}
		if len(errs) > 0 {
			d.Errors, status = agendaErrors(pr, errs), http.StatusUnprocessableEntity
		}
	}
	d.Colleagues.Error = d.Errors.For(pr, "people")
	s.render(w, r, status, "agenda_slots", p, d)
	return nil
}

// query turns the form into the service's question.
func (f SlotForm) query(loc *time.Location) (agenda.SlotQuery, FieldErrors) {
	errs := FieldErrors{}
	q := agenda.SlotQuery{PersonIDs: f.People, Mode: travel.Mode(f.Mode)}
	if n, err := strconv.Atoi(f.Duration); err != nil || n <= 0 {
		errs["duration"] = "choose how long the meeting lasts"
	} else {
		q.Duration = time.Duration(n) * time.Minute
	}
	from, ok1 := dayOf(f.From, loc)
	to, ok2 := dayOf(f.To, loc)
	if !ok1 {
		errs["from"] = "give the first day"
	}
	if !ok2 {
		errs["to"] = "give the last day"
	}
	q.From, q.To = from, to.AddDate(0, 0, 1)
	if f.LocationID != "" {
		q.Place = agenda.Place{LocationID: f.LocationID}
	}
	if f.Buffer != "" {
		n, err := strconv.Atoi(f.Buffer)
		if err != nil || n < 0 {
			errs["buffer"] = "give a number of minutes"
		}
		q.BufferMinutes = n
	}
	if f.MayOverbook != "" {
		q.MayOverbook, _ = strconv.Atoi(f.MayOverbook)
	}
	return q, errs
}

// slotErrors places the service's messages at the form's fields; others
// go to the form as a whole.
func slotErrors(e FieldErrors) FieldErrors {
	out := FieldErrors{}
	var rest []string
	for k, v := range e {
		switch {
		case k == "duration" || k == "from" || k == "to" || k == "mode":
			out[k] = v
		case strings.HasPrefix(k, "person") || strings.HasPrefix(k, "people"):
			out["people"] = v
		case k == "buffer_minutes" || k == "buffer":
			out["buffer"] = v
		case k == "may_overbook":
			out["overbook"] = v
		case strings.HasPrefix(k, "place") || k == "location":
			out["location"] = v
		default:
			rest = append(rest, v)
		}
	}
	if len(rest) > 0 {
		out[""] = strings.Join(rest, "; ")
	}
	return out
}

// bookOwner is the agenda a found slot is booked in: the first person
// asked for whose agenda the actor may change, else the actor's own (the
// others are invited).
func bookOwner(a *authz.Actor, people []string) string {
	for _, id := range people {
		if agenda.AccessTo(a, id).Edit {
			return id
		}
	}
	return a.PersonID
}

// bookHref opens the appointment form for candidate c in owner's agenda
// with the other people and the place of the question.
func bookHref(f SlotForm, owner string, c slots.Candidate, loc *time.Location) string {
	v := url.Values{}
	v.Set("who", owner)
	v.Set("start", localParam(c.Start, loc))
	v.Set("end", localParam(c.End, loc))
	for _, id := range f.People {
		if id != owner {
			v.Add("p", id)
		}
	}
	if f.LocationID != "" {
		v.Set("location", f.LocationID)
	}
	return "/agenda/new?" + v.Encode()
}
