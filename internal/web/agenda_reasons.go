package web

import (
	"net/url"
	"strconv"
	"time"

	"spil/internal/i18n"
	"spil/internal/slots"
)

// reasonText puts a slot finder reason in the reader's words from its code
// and arguments (never from the English text, except for codes spil does
// not know). names maps person IDs to names.
func reasonText(p *i18n.Printer, r slots.Reason, names map[string]string) string {
	who := names[r.PersonID]
	if who == "" {
		who = r.Args["person"]
	}
	if who == "" {
		who = p.T("agenda.someone")
	}
	minutes, _ := strconv.Atoi(r.Args["minutes"])
	place := r.Args["place"]
	mode := p.T("agenda.mode." + modeKey(r.Args["mode"]))
	switch r.Code {
	case slots.CodeOverbooks:
		prio := r.Args["priority"]
		when := ""
		if s, err := time.Parse(time.RFC3339, r.Args["start"]); err == nil {
			when = s.In(p.Loc).Format("15:04")
			if e, err := time.Parse(time.RFC3339, r.Args["end"]); err == nil {
				when += "–" + e.In(p.Loc).Format("15:04")
			}
		}
		if t := r.Args["title"]; t != "" {
			return p.T("agenda.reason.overbooks", who, prio, t, when)
		}
		return p.T("agenda.reason.overbooks_busy", who, prio, when)
	case slots.CodeTravelFrom:
		if place == "" {
			return p.T("agenda.reason.travel_from_unnamed", who, minutes, mode)
		}
		return p.T("agenda.reason.travel_from", who, minutes, mode, placeName(p, place))
	case slots.CodeTravelTo:
		if place == "" {
			return p.T("agenda.reason.travel_to_unnamed", who, minutes, mode)
		}
		return p.T("agenda.reason.travel_to", who, minutes, mode, placeName(p, place))
	case slots.CodeStartOfDay:
		return p.T("agenda.reason.start_of_day", who)
	case slots.CodeEndOfDay:
		return p.T("agenda.reason.end_of_day", who)
	}
	return r.Text
}

// placeName translates the slot finder's names for unnamed places.
func placeName(p *i18n.Printer, name string) string {
	switch name {
	case "home":
		return p.T("agenda.place_home")
	case "the office":
		return p.T("agenda.place_office")
	}
	return name
}

// ProposalView is one proposed slot, with its reasons and where to go to
// take it.
type ProposalView struct {
	When    string
	Reasons []string
	Href    string
}

// slotWhen is a slot in words: "di 10-03-2026 10:00–11:00".
func slotWhen(p *i18n.Printer, start, end time.Time) string {
	return p.Weekday(start) + " " + p.ShortDate(start) + " " + whenText(p, start, end, false)
}

// localParam formats an instant for a form: "2006-01-02T15:04" in loc.
func localParam(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02T15:04") }

// proposals draws candidates; href makes the address that takes one.
func proposals(p *i18n.Printer, cands []slots.Candidate, names map[string]string, href func(slots.Candidate) string) []ProposalView {
	out := make([]ProposalView, 0, len(cands))
	for _, c := range cands {
		pv := ProposalView{When: slotWhen(p, c.Start, c.End), Href: href(c)}
		for _, r := range c.Reasons {
			pv.Reasons = append(pv.Reasons, reasonText(p, r, names))
		}
		out = append(out, pv)
	}
	return out
}

// moveHref is the confirmation page for moving item id (occurrence occ) to
// candidate c, returning to back.
func moveHref(id, occ string, c slots.Candidate, loc *time.Location, back string) string {
	v := url.Values{}
	if occ != "" {
		v.Set("occ", occ)
	}
	v.Set("start", localParam(c.Start, loc))
	v.Set("end", localParam(c.End, loc))
	if back != "" {
		v.Set("back", back)
	}
	return "/agenda/items/" + url.PathEscape(id) + "/move?" + v.Encode()
}
