package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/ical"
)

// importPlan is the checked content of one file for one agenda.
type importPlan struct {
	owner    string
	acc      Access
	refs     *importRefs
	items    []*importItem // in file order, one per UID and RECURRENCE-ID
	warnings []string
	existing map[string]*Appointment // rows of the agenda by key
	deletes  []string                // changed occurrences no longer in their series
	dead     int                     // rules seen that give no dates
	work     int                     // occurrences expanded so far (see maxImportOccurrences)
}

func newImportPlan(owner string, acc Access, refs *importRefs) *importPlan {
	return &importPlan{owner: owner, acc: acc, refs: refs, existing: map[string]*Appointment{}}
}

func (p *importPlan) warn(it *importItem, msg string) {
	p.warnings = append(p.warnings, fmt.Sprintf("line %d (UID %s): %s", it.line, clipText(it.uid, 60), msg))
}

// reject marks it as not importable; the first reason counts.
func (p *importPlan) reject(it *importItem, field, reason string) {
	if it.skip == nil {
		it.skip = &SkippedEvent{Line: it.line, UID: it.uid, Summary: it.summary, Field: field, Reason: reason}
	}
}

// mapEvents maps every event; of the same event given twice (same UID and
// RECURRENCE-ID) the newest version counts: highest SEQUENCE, then latest
// LAST-MODIFIED, then the later one in the file.
func (p *importPlan) mapEvents(evs []ical.Event) {
	at := map[string]int{}
	for i := range evs {
		it := p.mapEvent(&evs[i])
		k := it.uid
		if it.rid != nil {
			k += "\x00" + it.rid.Time.UTC().Format(time.RFC3339)
		}
		j, dup := at[k]
		if !dup {
			at[k] = len(p.items)
			p.items = append(p.items, it)
			continue
		}
		prev := p.items[j]
		if prev.sequence > it.sequence || (prev.sequence == it.sequence && prev.modified.After(it.modified)) {
			p.warn(it, fmt.Sprintf("an older version of the event at line %d; that one is imported", prev.line))
			continue
		}
		p.warn(prev, fmt.Sprintf("an older version of the event at line %d; that one is imported", it.line))
		p.items[j] = it
	}
}

// resolve links changed occurrences to their series (in the file, else in
// the agenda; without one they become single items), validates every item
// as Create does and matches the items already in the agenda.
func (p *importPlan) resolve(ctx context.Context, tx *sql.Tx) error {
	if err := p.loadExisting(ctx, tx); err != nil {
		return err
	}
	masters := map[string]*importItem{}
	for _, it := range p.items {
		if it.rid == nil {
			masters[it.uid] = it
			if err := p.normalize(it); err != nil {
				return err
			}
		}
	}
	for _, it := range p.items {
		if it.rid == nil {
			continue
		}
		m := masters[it.uid]
		e := p.existing[it.uid]
		hasSeries := (m != nil && m.recurring()) || (m == nil && e != nil && e.Recurring() && e.SeriesID == "")
		if it.thisAndFuture && hasSeries {
			p.reject(it, "recurrence_id", "RANGE=THISANDFUTURE (a change to this and all later occurrences) cannot be imported; change the series itself in the program that made the file")
			continue
		}
		switch {
		case m != nil && m.recurring():
			rid := onSeries(*it.rid, m.in.Start, m.in.AllDay, m.loc)
			it.recurrenceID, it.master = &rid, m
			m.changed = append(m.changed, it)
			p.inherit(it, m.in)
		case m == nil && e != nil && e.Recurring() && e.SeriesID == "":
			loc, _ := loadZone(e.TimeZone)
			rid := onSeries(*it.rid, e.Start, e.AllDay, loc)
			it.recurrenceID, it.seriesID = &rid, e.ID
			if !p.acc.SeesItem(e.Visibility) {
				p.reject(it, "uid", "the series of this occurrence is in the agenda, and your mandate does not let you see it")
			}
			p.inherit(it, e.Input)
		default:
			it.uid = orphanUID(it.uid, it.rid.Time)
			it.in.UID = it.uid
			p.warn(it, "a changed occurrence (RECURRENCE-ID) whose series is neither in the file nor in the agenda; imported as a single appointment")
		}
		if err := p.normalize(it); err != nil {
			return err
		}
	}
	p.matchExisting()
	return nil
}

// orphanUID names a changed occurrence without its series, so that it is
// found again on the next import (and an export of it imports as itself).
func orphanUID(uid string, rid time.Time) string {
	return uid + "#" + rid.UTC().Format("20060102T150405Z")
}

// inherit fills what a changed occurrence leaves out from its series, as
// Apple iCal and others write only what changed. Its visibility is the
// stricter of the two, so a private series never shows an occurrence.
func (p *importPlan) inherit(it *importItem, m Input) {
	if !it.hasTitle {
		it.in.Title, it.hasTitle = m.Title, m.Title != ""
	}
	if it.in.Notes == "" {
		it.in.Notes = m.Notes
	}
	if it.in.Place.Name == "" && it.in.Place.LocationID == "" {
		it.in.Place = m.Place
	}
	if len(it.in.Attendees) == 0 {
		it.in.Attendees = slices.Clone(m.Attendees)
	}
	if it.rawPriority == 0 && m.Priority != 0 {
		it.in.Priority = m.Priority
	}
	if visibilityRank(m.Visibility) > visibilityRank(it.in.Visibility) {
		it.in.Visibility = m.Visibility
	}
	if it.in.RRule != "" || len(it.in.RDates) > 0 || len(it.in.ExDates) > 0 {
		p.warn(it, "the recurrence of a changed occurrence is left out")
	}
	it.in.RRule, it.in.RDates, it.in.ExDates = "", nil, nil
}

func visibilityRank(v string) int {
	switch v {
	case Private:
		return 1
	case Confidential:
		return 2
	}
	return 0
}

// normalize checks it as Create would; a missing title is filled in. It
// returns an error only for a file that is too costly to check.
func (p *importPlan) normalize(it *importItem) error {
	if !it.hasTitle && strings.TrimSpace(it.in.Title) == "" {
		it.in.Title = p.refs.untitled()
		p.warn(it, "no SUMMARY; titled "+it.in.Title)
	}
	if !it.in.AllDay && it.in.End.Equal(it.in.Start) {
		p.reject(it, "end", "the event takes no time (it has no end, or ends when it starts); an appointment needs an end after its start")
		return nil
	}
	if err := p.checkRule(it); err != nil || it.skip != nil {
		return err
	}
	in, _, err := normalize(it.in, p.refs.zone)
	if err != nil {
		field, reason := describeInvalid(err)
		p.reject(it, field, reason)
		return nil
	}
	it.in = in
	return nil
}

// describeInvalid returns the first field of an Invalid error and every
// field's message ("end: the end must be after the start").
func describeInvalid(err error) (string, string) {
	fs := apperr.FieldsOf(err)
	if len(fs) == 0 {
		return "", apperr.MessageOf(err)
	}
	keys := make([]string, 0, len(fs))
	for k := range fs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) == 1 {
		return keys[0], fs[keys[0]]
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + fs[k]
	}
	return keys[0], strings.Join(parts, "; ")
}

// matchExisting gives each item its row: the agenda's item with the same
// UID (and original start), or a new one. A series that is imported again
// keeps only the changed occurrences the file has.
func (p *importPlan) matchExisting() {
	byKey := map[string]*importItem{}
	for _, it := range p.items {
		if it.skip != nil {
			continue
		}
		k := it.key()
		if prev := byKey[k]; prev != nil {
			p.reject(prev, "recurrence_id", fmt.Sprintf("the same occurrence is changed again at line %d", it.line))
		}
		byKey[k] = it
	}
	matched := map[string]bool{}
	updatedSeries := map[string]bool{}
	for _, it := range p.items {
		if it.skip != nil {
			continue
		}
		e := p.existing[it.key()]
		if e == nil {
			it.id = newID()
			continue
		}
		if !p.acc.SeesItem(e.Visibility) {
			p.reject(it, "uid", "the agenda holds this appointment already, and your mandate does not let you see it")
			continue
		}
		it.existing, it.id = e, e.ID
		matched[e.ID] = true
		if it.rid == nil {
			updatedSeries[e.ID] = true
		}
		it.in.Priority, it.in.ReminderMinutes, it.in.TravelMode = e.Priority, e.ReminderMinutes, e.TravelMode
		if it.in.Place.LocationID == "" && e.Place.LocationID != "" && strings.EqualFold(it.in.Place.Name, e.Place.Name) {
			it.in.Place = e.Place
		}
	}
	for _, e := range p.existing {
		if e.SeriesID != "" && updatedSeries[e.SeriesID] && !matched[e.ID] {
			p.deletes = append(p.deletes, e.ID)
		}
	}
	slices.Sort(p.deletes)
}

// cascadeSkips leaves out the changed occurrences of a series that is not
// imported, and links the others to their series' row.
func (p *importPlan) cascadeSkips() {
	for _, it := range p.items {
		if it.master == nil {
			continue
		}
		if it.master.dropped && it.skip == nil {
			// The series has no instances of its own: what it changed
			// stands alone.
			it.uid = orphanUID(it.uid, it.rid.Time)
			it.in.UID, it.master, it.recurrenceID = it.uid, nil, nil
			continue
		}
		if it.master.skip != nil {
			p.reject(it, "recurrence_id", fmt.Sprintf("its series (line %d) is not imported", it.master.line))
			continue
		}
		it.seriesID = it.master.id
	}
}

// skipped lists the items that are not imported, in file order.
func (p *importPlan) skipped() []SkippedEvent {
	var out []SkippedEvent
	for _, it := range p.items {
		if it.skip != nil && !it.dropped {
			out = append(out, *it.skip)
		}
	}
	return out
}

func sortSkipped(s []SkippedEvent) {
	slices.SortStableFunc(s, func(a, b SkippedEvent) int { return a.Line - b.Line })
}
