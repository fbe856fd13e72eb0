package web

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// ItemView is one occurrence as the views draw it; every text is in the
// reader's language. A hidden item carries no title, place or priority:
// the template says "Busy".
type ItemView struct {
	P         *i18n.Printer
	ID        string
	Key       string // unique on the page, for element ids
	Occ       string // occurrence start, for edits of a series
	Href      string
	Title     string
	Hidden    bool
	When      string // "09:00–10:00", or the days of an all-day item
	Start     time.Time
	End       time.Time
	AllDay    bool
	Priority  int
	Vis       string // normal, private, confidential
	Status    string
	Place     string
	Series    bool
	Attending bool
	Flags     []FlagView
	Travel    *TravelView
	Pos       string // grid classes
	CanMove   bool
	Back      string // the view to return to after a move
	StartMin  int    // minutes from the day's midnight, for drag and drop
	Minutes   int    // duration
	Wide      bool   // a wide column (the day view): explanations in full
	// Texts worked out once, so drawing a busy week stays fast.
	X         *ItemTexts
	Name      string // the title, or "Busy"
	Class     string // see Classes
	Aria      string // see Label
	PrioHelp  string
	MvEarlier string
	MvLater   string
	MvPrev    string
	MvNext    string
	Moves     template.HTML // the move controls, see movesHTML
}

// ItemTexts are the texts every item of a page shares.
type ItemTexts struct {
	Busy, Private, Confidential, Tentative, Cancelled, Recurring, Attending string
	EarlierShort, LaterShort, PrevShort, NextShort                          string
	PrioHelp                                                                [5]string
}

func itemTexts(p *i18n.Printer) *ItemTexts {
	x := &ItemTexts{Busy: p.T("agenda.busy"), Private: p.T("agenda.visibility.private"), Confidential: p.T("agenda.visibility.confidential"),
		Tentative: p.T("agenda.status.tentative"), Cancelled: p.T("agenda.status.cancelled"), Recurring: p.T("agenda.recurring"),
		Attending: p.T("agenda.attending"), EarlierShort: p.T("agenda.move_earlier_short"), LaterShort: p.T("agenda.move_later_short"),
		PrevShort: p.T("agenda.move_prev_day_short"), NextShort: p.T("agenda.move_next_day_short")}
	for i := 1; i <= 4; i++ {
		x.PrioHelp[i] = p.T(fmt.Sprintf("agenda.priority_help.%d", i))
	}
	return x
}

// FlagView is one problem of an item: a short label for the grid and the
// explanation.
type FlagView struct {
	Code  string
	Short string
	Text  string
}

// TravelView is the travel block before an item.
type TravelView struct {
	Pos     string
	Minutes int
	Text    string
}

// Classes are the item's style classes: status and visibility.
func (it ItemView) Classes() string {
	c := "ev st-" + it.Status
	if it.Hidden {
		c += " hidden-item"
	} else if it.Vis != agenda.Normal {
		c += " vis-" + it.Vis
	}
	if it.Priority > 0 {
		c += fmt.Sprintf(" p%d", it.Priority)
	}
	if len(it.Flags) > 0 {
		c += " flagged"
	}
	return c
}

// Label is what a screen reader hears for the item and its controls.
func (it ItemView) Label() string {
	if it.Hidden {
		return it.P.T("agenda.busy") + " " + it.When
	}
	return it.Title + " " + it.When
}

// DayView is one column of a grid, or one day of the list.
type DayView struct {
	Date     time.Time
	ISO      string
	Label    string
	Short    string // "ma 9 mrt", for narrow column heads
	Today    bool
	Holiday  string
	DayOff   bool
	AllDay   []ItemView
	Items    []ItemView
	Work     []Band
	Away     []Band
	AwayText []string
	Href     string // the day view of this day
}

// Empty reports whether the day has nothing at all.
func (d DayView) Empty() bool { return len(d.AllDay) == 0 && len(d.Items) == 0 }

// viewer is what building views needs to know about the reader.
type viewer struct {
	p     *i18n.Printer
	a     *authz.Actor
	today time.Time
	back  string
	// prefix keeps element ids unique when one item shows in several
	// people's columns.
	prefix string
	wide   bool
	texts  *ItemTexts
}

// dayView draws one person's day on grid g.
func (v viewer) dayView(who string, d planDay, g gridRange) DayView {
	p := v.p
	dv := DayView{Date: d.Date, ISO: d.Date.Format("2006-01-02"), Today: d.Date.Equal(v.today),
		Label: p.Weekday(d.Date) + " " + p.ShortDate(d.Date), Short: shortDay(p, d.Date), Href: agendaURL(who, "day", d.Date)}
	if d.Holiday != nil {
		dv.Holiday = d.Holiday.Name.EN
		if p.Lang == "nl" {
			dv.Holiday = d.Holiday.Name.NL
		}
		dv.DayOff = d.Holiday.DayOff
	}
	for _, w := range d.Working {
		if c, ok := g.pos(minutesIn(w.Start, d.Date), minutesIn(w.End, d.Date)); ok {
			dv.Work = append(dv.Work, Band{Pos: c})
		}
	}
	for _, ab := range d.Absences {
		label := p.T("agenda.absence." + absenceKind(ab.Kind))
		if c, ok := g.pos(minutesIn(ab.Start, d.Date), minutesIn(ab.End, d.Date)); ok {
			dv.Away = append(dv.Away, Band{Pos: c, Label: label})
		}
		dv.AwayText = append(dv.AwayText, label)
	}
	acc := agenda.AccessTo(v.a, who)
	var timed []agenda.PlanItem
	for _, it := range d.Items {
		if it.AllDay {
			dv.AllDay = append(dv.AllDay, v.item(who, it, acc, d.Date))
		} else {
			timed = append(timed, it)
		}
	}
	spans := make([]span, len(timed))
	for i, it := range timed {
		spans[i] = span{minutesIn(it.At, d.Date), minutesIn(it.Until, d.Date)}
	}
	lane, of := lanes(spans)
	for i, it := range timed {
		iv := v.item(who, it, acc, d.Date)
		cols := laneClasses(lane[i], of[i])
		if c, ok := g.pos(spans[i].start, max(spans[i].end, spans[i].start+quarter)); ok {
			iv.Pos = c + " " + cols
		}
		if iv.Travel != nil && it.TravelBefore != nil {
			if c, ok := g.pos(minutesIn(it.TravelBefore.Start, d.Date), minutesIn(it.TravelBefore.End, d.Date)); ok {
				iv.Travel.Pos = c + " " + cols
			}
		}
		dv.Items = append(dv.Items, iv)
	}
	return dv
}

func absenceKind(k string) string {
	switch k {
	case agenda.Leave, agenda.Sick, agenda.OutOfOffice:
		return k
	}
	return agenda.Absent
}

// item draws one occurrence for the reader on the day starting at day.
func (v viewer) item(who string, it agenda.PlanItem, acc agenda.Access, day time.Time) ItemView {
	p := v.p
	o := it.Occurrence
	iv := ItemView{P: p, ID: o.ID, Key: fmt.Sprintf("%s-%d", o.ID, o.OccurrenceStart.Unix()), Occ: occParam(o.OccurrenceStart),
		Title: o.Title, Hidden: o.Hidden, Start: o.At, End: o.Until, AllDay: o.AllDay, Priority: o.Priority,
		Vis: o.Visibility, Status: o.Status, Place: o.Place.Name, Series: o.Recurring() || o.SeriesID != "",
		Attending: o.Attending, Back: v.back, Wide: v.wide, Minutes: int(o.Until.Sub(o.At) / time.Minute)}
	if o.Hidden {
		iv.Title, iv.Place, iv.Priority = "", "", 0
	}
	if !iv.Series { // a single item keeps its key when it moves
		iv.Key = o.ID
	}
	if !day.IsZero() && o.At.Before(day) { // continued from an earlier day
		iv.Key += "-" + day.Format("20060102")
	}
	iv.Key = v.prefix + iv.Key
	iv.When = whenText(p, o.At, o.Until, o.AllDay)
	iv.Href = "/agenda/items/" + url.PathEscape(o.ID) + "?occ=" + url.QueryEscape(iv.Occ)
	iv.CanMove = acc.Edit && !o.Hidden && !o.Attending && acc.SeesItem(o.Visibility)
	if !day.IsZero() {
		iv.StartMin = minutesIn(o.At, day)
	}
	for _, f := range it.Flags {
		iv.Flags = append(iv.Flags, flagView(p, f))
	}
	if v.texts == nil {
		v.texts = itemTexts(p)
	}
	iv.X, iv.Name = v.texts, iv.Title
	if iv.Hidden {
		iv.Name = v.texts.Busy
	}
	if iv.Priority >= 1 && iv.Priority <= 4 {
		iv.PrioHelp = v.texts.PrioHelp[iv.Priority]
	}
	iv.Class, iv.Aria = iv.Classes(), iv.Name+" "+iv.When
	if iv.CanMove {
		iv.MvEarlier, iv.MvLater = p.T("agenda.move_earlier", iv.Aria), p.T("agenda.move_later", iv.Aria)
		iv.MvPrev, iv.MvNext = p.T("agenda.move_prev_day", iv.Aria), p.T("agenda.move_next_day", iv.Aria)
		iv.Moves = iv.movesHTML()
	}
	if tb := it.TravelBefore; tb != nil && tb.Minutes > 0 {
		iv.Travel = &TravelView{Minutes: tb.Minutes, Text: travelText(p, *tb)}
	}
	return iv
}

// whenText is the time of an item: "09:00–10:00", or for an all-day item
// its day(s).
func whenText(p *i18n.Printer, from, until time.Time, allDay bool) string {
	if allDay {
		last := until.Add(-time.Second)
		if p.ShortDate(from) == p.ShortDate(last) {
			return p.T("agenda.all_day")
		}
		return p.T("agenda.all_day_until", p.ShortDate(last))
	}
	f, u := from.In(p.Loc), until.In(p.Loc)
	if p.ShortDate(f) != p.ShortDate(u) {
		return f.Format("15:04") + " – " + p.ShortDate(u) + " " + u.Format("15:04")
	}
	return f.Format("15:04") + "–" + u.Format("15:04")
}

// flagView puts a planning flag in words.
func flagView(p *i18n.Printer, f agenda.Flag) FlagView {
	fv := FlagView{Code: f.Code, Short: p.T("agenda.flag_short." + flagCode(f.Code))}
	switch f.Code {
	case agenda.FlagOverlap:
		with := f.WithTitle
		if with == "" {
			with = p.T("agenda.busy_item")
		}
		fv.Text = p.T("agenda.flag.overlap", with)
	case agenda.FlagUnreachable:
		fv.Text = p.N("agenda.flag.unreachable", f.LateMinutes)
	case agenda.FlagOutsideHours, agenda.FlagAbsent, agenda.FlagHoliday:
		fv.Text = p.T("agenda.flag." + f.Code)
	default:
		fv.Text = f.Text
	}
	return fv
}

func flagCode(c string) string {
	switch c {
	case agenda.FlagOverlap, agenda.FlagUnreachable, agenda.FlagOutsideHours, agenda.FlagAbsent, agenda.FlagHoliday:
		return c
	}
	return "other"
}

// travelText describes a travel block: "25 min by car from Utrecht".
func travelText(p *i18n.Printer, tb agenda.TravelBlock) string {
	mode := p.T("agenda.mode." + modeKey(string(tb.Mode)))
	switch {
	case tb.From != "" && tb.To != "":
		return p.T("agenda.travel_from_to", tb.Minutes, mode, tb.From, tb.To)
	case tb.From != "":
		return p.T("agenda.travel_from", tb.Minutes, mode, tb.From)
	}
	return p.T("agenda.travel", tb.Minutes, mode)
}

func modeKey(m string) string {
	switch m {
	case "car", "public_transport", "bike", "walking":
		return m
	}
	return "unknown"
}

var monthsShortNL = []string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// shortDay is a day in a few letters: "ma 9 mrt", "Mon 9 Mar".
func shortDay(p *i18n.Printer, t time.Time) string {
	t = t.In(p.Loc)
	wd := []rune(p.Weekday(t))
	if p.Lang == "nl" {
		return fmt.Sprintf("%s %d %s", string(wd[:2]), t.Day(), monthsShortNL[t.Month()-1])
	}
	return string(wd[:3]) + " " + t.Format("2 Jan")
}

// movesHTML writes the move controls of the item. They are the same for
// every item but for a few values, and a busy week has hundreds of items:
// written here they cost a fraction of what the template engine needs.
// Every value is escaped.
func (it ItemView) movesHTML() template.HTML {
	e := html.EscapeString
	id := e(it.ID)
	var b strings.Builder
	b.Grow(1200)
	b.WriteString(`<form class="moves" method="post" action="/agenda/items/` + id + `/move" hx-post="/agenda/items/` + id +
		`/move" hx-target="#agenda-view" hx-select="#agenda-view" hx-swap="outerHTML">`)
	b.WriteString(`<input type="hidden" name="occ" value="` + e(it.Occ) + `"><input type="hidden" name="back" value="` + e(it.Back) + `">`)
	button := func(name, value, suffix, label, title, sign string) {
		b.WriteString(`<button type="submit" class="mv" name="` + name + `" value="` + value + `" id="mv-` + e(it.Key) + `-` + suffix +
			`" aria-label="` + e(label) + `" title="` + e(title) + `">` + sign + `</button>`)
	}
	if !it.AllDay {
		button("shift", "-15", "earlier", it.MvEarlier, it.X.EarlierShort, "▲")
		button("shift", "15", "later", it.MvLater, it.X.LaterShort, "▼")
	}
	button("days", "-1", "prevday", it.MvPrev, it.X.PrevShort, "◀")
	button("days", "1", "nextday", it.MvNext, it.X.NextShort, "▶")
	b.WriteString(`</form>`)
	return template.HTML(b.String())
}
