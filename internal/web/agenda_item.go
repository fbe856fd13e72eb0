package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/slots"
)

// ItemPage shows one appointment (one occurrence of a series) with its
// flags, the conflicts it has and the slots proposed to solve them.
type ItemPage struct {
	Nav       SubNav
	Item      ItemView
	Ap        agenda.Appointment
	OwnerName string
	Mine      bool
	CanEdit   bool
	EditURL   string
	Day       string // the day view of the occurrence
	Week      string
	Repeat    string
	Reminder  string
	Zone      string
	Conflicts []ConflictView
	Planned   bool // flags and conflicts could be worked out
	Delete    RangeChoice
	MoveDate  string
	Self      string // this page's address
	Attendees []AttendeeView
	Source    string
	Answers   []AnswerView // invitations the actor may answer here
}

// AnswerView is an invitation the reader may answer, for themself or for a
// principal.
type AnswerView struct {
	PersonID string
	Label    string
	Current  string
	Options  []Option
}

// AttendeeView is one attendee with their answer in words.
type AttendeeView struct {
	Name     string
	Email    string
	Response string
}

// ConflictView is one collision of the item, and the proposed slots for
// whichever of the two should move.
type ConflictView struct {
	Text      string
	MoveWhat  string
	Proposals []ProposalView
}

func (s *Server) agendaItem(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	pr, loc := p.P, p.P.Loc
	id := r.PathValue("id")
	ap, err := s.Agenda.Get(ctx, a, id)
	if err != nil {
		return err
	}
	occ := parseOcc(r.URL.Query().Get("occ"))
	from, until := occurrenceTimes(ap, occ)
	occS := occParam(from)
	if occ != nil {
		occS = occParam(*occ)
	}
	acc := agenda.AccessTo(a, ap.OwnerID)
	self := "/agenda/items/" + url.PathEscape(id) + "?occ=" + url.QueryEscape(occS)
	v := viewer{p: pr, a: a, today: midnight(s.Clock.Now(), loc), back: self}
	o := agenda.Occurrence{Appointment: ap, At: from, Until: until, OccurrenceStart: from}
	if occ != nil {
		o.OccurrenceStart = *occ
	}
	d := ItemPage{Nav: agendaSubNav(pr, "view", ap.OwnerID), Ap: ap, OwnerName: s.personName(ctx, a, ap.OwnerID),
		Mine: ap.OwnerID == a.PersonID, Self: self, Day: agendaURL(ap.OwnerID, viewDay, midnight(from, loc)),
		Week: agendaURL(ap.OwnerID, viewWeek, midnight(from, loc)), MoveDate: from.In(loc).Format("2006-01-02")}
	item := agenda.PlanItem{Occurrence: o}
	// The day's plan gives the flags and the travel before the item.
	if days, planned, err := s.loadDays(ctx, a, []string{ap.OwnerID}, midnight(from, loc), 1); err == nil {
		d.Planned = planned
		for _, pd := range days[ap.OwnerID] {
			for _, it := range pd.Items {
				if it.ID == ap.ID && it.OccurrenceStart.Equal(o.OccurrenceStart) {
					item = it
				}
			}
		}
	}
	d.Item = v.item(ap.OwnerID, item, acc, time.Time{})
	d.CanEdit = d.Item.CanMove
	d.EditURL = "/agenda/items/" + url.PathEscape(id) + "/edit?occ=" + url.QueryEscape(occS)
	if !ap.Hidden {
		d.Repeat = describeRule(pr, ap.RRule, loc)
		if ap.ReminderMinutes != nil {
			d.Reminder = minutesText(pr, *ap.ReminderMinutes)
		}
		d.Zone = ap.TimeZone
		for _, at := range ap.Attendees {
			d.Attendees = append(d.Attendees, AttendeeView{Name: at.Name, Email: at.Email, Response: pr.T("agenda.response." + responseKey(at.Response))})
		}
		for _, at := range ap.Attendees {
			if at.PersonID == "" || !(at.PersonID == a.PersonID || a.ActsFor(at.PersonID, authz.AgendaRespond)) {
				continue
			}
			av := AnswerView{PersonID: at.PersonID, Label: pr.T("agenda.answer_for", at.Name), Current: pr.T("agenda.response." + responseKey(at.Response))}
			if at.PersonID == a.PersonID {
				av.Label = pr.T("agenda.answer_mine")
			}
			av.Options = keyedOptions(pr, "agenda.answer.", []string{agenda.Accepted, agenda.TentativeR, agenda.Declined}, at.Response)
			d.Answers = append(d.Answers, av)
		}
		if ap.Source == "ics" {
			d.Source = pr.T("agenda.source_ics")
		}
	}
	d.Delete = rangeChoice(pr, pr.T("agenda.range_delete"), agenda.ThisOccurrence)
	if !ap.Hidden && acc.See {
		d.Conflicts, d.Planned = s.conflictViews(r, a, pr, ap, o, self)
	}
	s.render(w, r, http.StatusOK, "agenda_item", p, d)
	return nil
}

func responseKey(r string) string {
	switch r {
	case agenda.Accepted, agenda.Declined, agenda.TentativeR:
		return r
	}
	return agenda.NeedsAction
}

// conflictViews asks the service what collides with the occurrence o and
// draws the proposals; ok is false while conflicts cannot be worked out.
func (s *Server) conflictViews(r *http.Request, a *authz.Actor, pr *i18n.Printer, ap agenda.Appointment, o agenda.Occurrence, self string) ([]ConflictView, bool) {
	var at *time.Time
	if ap.Recurring() {
		t := o.OccurrenceStart
		at = &t
	}
	list, err := s.Agenda.Conflicts(r.Context(), a, ap.ID, at)
	if err != nil {
		return nil, false
	}
	names := map[string]string{ap.OwnerID: s.personName(r.Context(), a, ap.OwnerID)}
	var out []ConflictView
	for _, c := range list {
		other := c.Other
		title := other.Title
		if other.Hidden || title == "" {
			title = pr.T("agenda.busy_item")
		}
		prio := ""
		if other.Priority > 0 && !other.Hidden {
			prio = "P" + strconv.Itoa(other.Priority)
		}
		cv := ConflictView{}
		when := slotWhen(pr, other.At, other.Until)
		if c.Code == agenda.FlagUnreachable {
			cv.Text = pr.T("agenda.conflict.unreachable", title, prio, when)
		} else {
			cv.Text = pr.T("agenda.conflict.overlap", title, prio, when)
		}
		moveID, moveOcc, what := ap.ID, occParam(o.OccurrenceStart), ap.Title
		if c.MoveOther {
			moveID, moveOcc, what = other.ID, occParam(other.OccurrenceStart), title
		}
		cv.MoveWhat = pr.T("agenda.conflict.proposals_for", what)
		cv.Proposals = proposals(pr, c.Proposals, names, func(cand slots.Candidate) string {
			return moveHref(moveID, moveOcc, cand, pr.Loc, self)
		})
		out = append(out, cv)
	}
	return out, true
}

// agendaRespond answers an invitation for the actor or a principal.
func (s *Server) agendaRespond(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	person := r.PostFormValue("person")
	if person == "" {
		person = a.PersonID
	}
	if err := s.Agenda.Respond(r.Context(), a, id, person, r.PostFormValue("response")); err != nil {
		return err
	}
	s.done(w, r, "/agenda/items/"+url.PathEscape(id)+"?occ="+url.QueryEscape(r.PostFormValue("occ")), "invitation_answered")
	return nil
}
