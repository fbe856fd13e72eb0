package agenda

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"spil/internal/ical"
)

// maxUID is the longest UID kept as written; longer ones are replaced by a
// hash (the same one on every import of the file).
const maxUID = 255

// importRefs is what the events of a file are matched against, loaded once.
type importRefs struct {
	zone string // the organization's zone: all-day and floating events
	loc  *time.Location
	lang string
	// people by lower-cased e-mail address; locations by lower-cased name.
	people    map[string]Attendee
	locations map[string]Place
	zones     map[string]*time.Location // zone names that load (nil: does not)
}

func loadImportRefs(ctx context.Context, tx *sql.Tx, zone string, loc *time.Location, evs []ical.Event) (*importRefs, error) {
	refs := &importRefs{zone: zone, loc: loc, lang: "nl", people: map[string]Attendee{}, locations: map[string]Place{}, zones: map[string]*time.Location{}}
	var lang sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT language FROM organization WHERE id = 1`).Scan(&lang); err == nil && lang.String != "" {
		refs.lang = lang.String
	}
	emails := map[string]bool{}
	for i := range evs {
		if o := evs[i].Organizer; o != nil {
			emails[strings.ToLower(strings.TrimSpace(o.Email))] = true
		}
		for _, a := range evs[i].Attendees {
			emails[strings.ToLower(strings.TrimSpace(a.Email))] = true
		}
	}
	list := make([]string, 0, len(emails))
	for e := range emails {
		if strings.Contains(e, "@") {
			list = append(list, e)
		}
	}
	for len(list) > 0 {
		n := min(len(list), 500)
		ph, args := placeholders(list[:n], 1)
		list = list[n:]
		rows, err := tx.QueryContext(ctx, `SELECT id, name, email FROM people WHERE LOWER(email) IN (`+ph+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("load attendees for import: %w", err)
		}
		for rows.Next() {
			var a Attendee
			if err := rows.Scan(&a.PersonID, &a.Name, &a.Email); err != nil {
				rows.Close()
				return nil, fmt.Errorf("load attendees for import: %w", err)
			}
			refs.people[strings.ToLower(a.Email)] = a
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, latitude, longitude FROM locations`)
	if err != nil {
		return nil, fmt.Errorf("load locations for import: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Place
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.LocationID, &p.Name, &lat, &lon); err != nil {
			return nil, fmt.Errorf("load locations for import: %w", err)
		}
		if lat.Valid && lon.Valid {
			la, lo := lat.Float64, lon.Float64
			p.Lat, p.Lon = &la, &lo
		}
		refs.locations[strings.ToLower(strings.TrimSpace(p.Name))] = p
	}
	return refs, rows.Err()
}

// zoneOf returns the zone in which times in loc are stored, by its IANA
// name: the zone itself when its name loads, else UTC (a fixed offset made
// from a VTIMEZONE that matched no IANA zone; the instants stay right).
func (r *importRefs) zoneOf(loc *time.Location) (*time.Location, bool) {
	name := loc.String()
	if loc == time.UTC || name == "UTC" {
		return time.UTC, true
	}
	z, seen := r.zones[name]
	if !seen {
		z, _ = loadZone(name)
		r.zones[name] = z
	}
	if z == nil {
		return time.UTC, false
	}
	return z, true
}

// untitled is the title of an event without SUMMARY, in the organization's
// language (it is stored, like a title someone typed).
func (r *importRefs) untitled() string {
	if r.lang == "en" {
		return "(no title)"
	}
	return "(geen titel)"
}

// importItem is one event of a file on its way into the agenda.
type importItem struct {
	line     int
	uid      string
	summary  string
	sequence int
	modified time.Time
	// rawPriority is PRIORITY as written (0 when absent).
	rawPriority int
	in          Input
	loc         *time.Location // the zone of in (for recurrence dates)
	hasTitle    bool

	rid           *ical.DateValue // RECURRENCE-ID as read
	thisAndFuture bool

	// Set by resolve.
	recurrenceID *time.Time    // the original start, in the series' frame
	master       *importItem   // the series in the same file
	seriesID     string        // the series' row
	existing     *Appointment  // the row this event updates
	id           string        // the row written
	until        *time.Time    // for a finite series: the end of its last instance
	changed      []*importItem // for a series: its changed occurrences in the file

	skip    *SkippedEvent
	dropped bool // left out without loss: a series without instances
}

func (it *importItem) recurring() bool { return it.in.RRule != "" || len(it.in.RDates) > 0 }

// key identifies an item in an agenda: its UID and, for a changed
// occurrence, its original start.
func (it *importItem) key() string { return itemKey(it.uid, it.recurrenceID) }

func itemKey(uid string, rid *time.Time) string {
	if rid == nil {
		return uid
	}
	return uid + "\x00" + rid.UTC().Format(time.RFC3339)
}

// mapEvent turns ev into an item: the mapping table of
// docs/agenda/ical-import.md. Recurrence IDs are placed later, when the
// series is known.
func (p *importPlan) mapEvent(ev *ical.Event) *importItem {
	refs := p.refs
	it := &importItem{line: ev.Line, summary: clipText(ev.Summary, MaxTitle), sequence: ev.Sequence, modified: ev.LastModified,
		rawPriority: ev.Priority, rid: ev.RecurrenceID, thisAndFuture: ev.ThisAndFuture}
	it.uid = strings.TrimSpace(ev.UID)
	switch {
	case it.uid == "":
		it.uid = syntheticUID(ev)
	case len(it.uid) > maxUID:
		sum := sha256.Sum256([]byte(it.uid))
		it.uid = "sha256-" + hex.EncodeToString(sum[:20]) + "@import.spil"
	}
	in := Input{Title: strings.TrimSpace(ev.Summary), Notes: ev.Description, Source: "ics", UID: it.uid}
	it.hasTitle = in.Title != ""
	in.Place = refs.place(ev.Location)
	if ev.AllDay {
		in.AllDay, in.TimeZone, it.loc = true, refs.zone, refs.loc
		in.Start = civil(ev.StartDate, refs.loc)
		in.End = civil(ev.EndDate, refs.loc)
	} else {
		z, ok := refs.zoneOf(ev.Start.Location())
		if !ok && (ev.RRule != "" || len(ev.RDates) > 0) {
			p.warn(it, fmt.Sprintf("time zone %q has no IANA name; the series repeats in UTC and may shift an hour at daylight-saving changes", ev.TZID))
		}
		in.TimeZone, it.loc = z.String(), z
		in.Start, in.End = ev.Start, ev.End
	}
	in.Visibility = string(ev.Visibility)
	in.Status = importStatus(ev.Status)
	in.Priority = importPriority(ev.Priority)
	if ev.Reminder != nil {
		m := min(int(*ev.Reminder/time.Minute), MaxReminder)
		in.ReminderMinutes = &m
	}
	in.Attendees = p.attendees(it, ev)
	in.RRule = strings.Join(strings.Fields(ev.RRule), "")
	for _, v := range ev.RDates {
		if !v.End.IsZero() && v.End.Sub(v.Time) != in.End.Sub(in.Start) {
			p.warn(it, "RDATE period "+clipText(v.Raw, 60)+": only its start is kept; it lasts as long as the series")
		}
		in.RDates = append(in.RDates, onSeries(v, in.Start, in.AllDay, it.loc))
	}
	for _, v := range ev.ExDates {
		in.ExDates = append(in.ExDates, onSeries(v, in.Start, in.AllDay, it.loc))
	}
	it.in = in
	return it
}

// syntheticUID names an event without UID after its content, so that
// importing the same file again finds it.
func syntheticUID(ev *ical.Event) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s|%s|%s", ev.Start.UTC().Format(time.RFC3339), ev.End.UTC().Format(time.RFC3339), ev.Summary, ev.RRule)
	if ev.RecurrenceID != nil {
		fmt.Fprintf(h, "|%s", ev.RecurrenceID.Time.UTC().Format(time.RFC3339))
	}
	return "import-" + hex.EncodeToString(h.Sum(nil)[:16]) + "@spil"
}

func civil(d ical.Date, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// onSeries places an RDATE, EXDATE or RECURRENCE-ID value in the frame of a
// series that starts at start in loc: for an all-day series, midnight of
// the value's date; for a date given to a timed series, the series' time of
// day on that date (RFC 5545 3.8.5.1); else the instant as written.
func onSeries(v ical.DateValue, start time.Time, allDay bool, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := v.Time.Date()
	if allDay {
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	if v.AllDay {
		s := start.In(loc)
		return time.Date(y, m, d, s.Hour(), s.Minute(), s.Second(), 0, loc)
	}
	return v.Time
}

// place matches LOCATION against the organization's locations by name;
// anything else is kept as an address.
func (r *importRefs) place(loc string) Place {
	name := strings.TrimSpace(loc)
	if name == "" {
		return Place{}
	}
	if p, ok := r.locations[strings.ToLower(name)]; ok {
		return p
	}
	return Place{Name: clipText(name, 500)}
}

func importStatus(s string) string {
	switch s {
	case "TENTATIVE":
		return Tentative
	case "CANCELLED":
		return Cancelled
	}
	return Confirmed
}

// importPriority maps PRIORITY (RFC 5545 3.8.1.9: 1–4 high, 5 medium, 6–9
// low, 0 undefined) to P2, P3, P4 and P3. Nothing becomes P1: P1 means
// "never overbook, never move" in spil, a promise only a person in spil
// makes; a re-imported item keeps the priority it has in spil.
func importPriority(n int) int {
	switch {
	case n >= 1 && n <= 4:
		return P2
	case n >= 6 && n <= 9:
		return P4
	}
	return P3
}

func importResponse(partstat string) string {
	switch partstat {
	case "ACCEPTED":
		return Accepted
	case "DECLINED":
		return Declined
	case "TENTATIVE":
		return TentativeR
	}
	return NeedsAction
}

// attendees maps ORGANIZER and ATTENDEE: colleagues by e-mail address,
// others as external contacts. The organizer comes first (as accepted)
// unless they are also listed as attendee.
func (p *importPlan) attendees(it *importItem, ev *ical.Event) []Attendee {
	var out []Attendee
	seen := map[string]bool{}
	dropped := 0
	add := func(person ical.Person, response string) {
		email := strings.TrimSpace(person.Email)
		key := strings.ToLower(email)
		if key != "" && seen[key] {
			return
		}
		if len(out) >= MaxAttendees {
			dropped++
			return
		}
		seen[key] = true
		if colleague, ok := p.refs.people[key]; ok {
			colleague.Response = response
			out = append(out, colleague)
			return
		}
		at := Attendee{Name: clipText(strings.TrimSpace(person.Name), 200), Email: email, Response: response}
		if !validEmail(email) {
			at.Email = ""
		}
		if at.Name == "" && at.Email == "" {
			p.warn(it, "attendee "+clipText(email, 60)+" has neither a name nor an e-mail address; left out")
			return
		}
		out = append(out, at)
	}
	if o := ev.Organizer; o != nil && !listed(ev.Attendees, o.Email) {
		add(*o, Accepted)
	}
	for _, a := range ev.Attendees {
		add(a, importResponse(a.PartStat))
	}
	if dropped > 0 {
		p.warn(it, fmt.Sprintf("%d attendees beyond the first %d are left out", dropped, MaxAttendees))
	}
	return out
}

func listed(ps []ical.Person, email string) bool {
	for _, a := range ps {
		if strings.EqualFold(strings.TrimSpace(a.Email), strings.TrimSpace(email)) {
			return true
		}
	}
	return false
}

// validEmail is the check normalize makes of an attendee's address.
func validEmail(s string) bool {
	return s != "" && len(s) <= 254 && strings.Contains(s, "@") && !strings.ContainsAny(s, " <>\r\n")
}
