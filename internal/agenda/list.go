package agenda

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/recur"
	"spil/internal/travel"
)

// Limits of a listing.
const (
	// MaxRange is the longest stretch one listing may cover.
	MaxRange = 400 * 24 * time.Hour
	// MaxOccurrences bounds the instances one series yields in one listing,
	// so an hourly series over a year cannot flood a view.
	MaxOccurrences = 5000
	// MaxOwners bounds the agendas listed at once.
	MaxOwners = 100
)

func travelMode(s string) travel.Mode {
	if s == "" {
		return ""
	}
	return travel.Mode(s)
}

func notFoundIfNoRows(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf("%s not found", what)
	}
	return fmt.Errorf("load %s: %w", what, err)
}

// checkRange validates a listing window.
func checkRange(from, to time.Time) error {
	var f apperr.Fields
	switch {
	case from.IsZero():
		f.Add("from", "give the start of the period")
	case to.IsZero():
		f.Add("to", "give the end of the period")
	case !to.After(from):
		f.Add("to", "the end of the period must be after its start")
	case to.Sub(from) > MaxRange:
		f.Add("to", "a period can be at most 400 days")
	}
	return f.Err()
}

// List returns the occurrences in ownerID's agenda that overlap [from, to),
// sorted by start, as actor may see them: in full, or as busy blocks (see
// Access). It includes items owned by ownerID and items ownerID attends
// (unless declined); cancelled items are included with their status.
//
// Errors: Invalid for a bad period; NotFound when ownerID is no person.
func (s *Service) List(ctx context.Context, actor *authz.Actor, ownerID string, from, to time.Time) ([]Occurrence, error) {
	m, err := s.ListMany(ctx, actor, []string{ownerID}, from, to)
	if err != nil {
		return nil, err
	}
	return m[ownerID], nil
}

// ListMany is List for several agendas at once (a side-by-side view): the
// occurrences per agenda holder. Each agenda is masked by actor's access to
// it; an attendee sees items they attend in full.
//
// Errors: Invalid for a bad period or more than MaxOwners agendas; NotFound
// when one of ownerIDs is no person.
func (s *Service) ListMany(ctx context.Context, actor *authz.Actor, ownerIDs []string, from, to time.Time) (map[string][]Occurrence, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.Forbiddenf("log in to see agendas")
	}
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	if len(ownerIDs) > MaxOwners {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("at most %d agendas at once", MaxOwners))
	}
	if err := s.checkPeople(ctx, s.DB.R, ownerIDs); err != nil {
		return nil, err
	}
	all, err := occurrences(ctx, s.DB.R, ownerIDs, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Occurrence, len(ownerIDs))
	accessOf := map[string]Access{}
	access := func(person string) Access {
		a, ok := accessOf[person]
		if !ok {
			a = AccessTo(actor, person)
			accessOf[person] = a
		}
		return a
	}
	for _, holder := range ownerIDs {
		list := make([]Occurrence, 0, len(all[holder]))
		for _, o := range all[holder] {
			o.Appointment = maskFor(o.Appointment, actor, access(holder), access(o.OwnerID))
			list = append(list, o)
		}
		out[holder] = list
	}
	return out, nil
}

// maskFor returns ap as actor sees it in the agenda of a holder: in full
// when actor attends it, or when actor's access to the holder's agenda or to
// the owner's agenda shows items of its visibility (the owner and their
// assistant see their own meeting in an attendee's agenda too); else as a
// busy block.
func maskFor(ap Appointment, actor *authz.Actor, toHolder, toOwner Access) Appointment {
	if toOwner.SeesItem(ap.Visibility) {
		return ap
	}
	return mask(ap, toHolder, isAttendee(ap, actor.PersonID))
}

func isAttendee(ap Appointment, personID string) bool {
	return slices.ContainsFunc(ap.Attendees, func(at Attendee) bool { return at.PersonID == personID && personID != "" })
}

// checkPeople returns NotFound when one of ids is not a person.
func (s *Service) checkPeople(ctx context.Context, q db.Querier, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	uniq := slices.Clone(ids)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	ph, args := placeholders(uniq, 1)
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM people WHERE id IN (`+ph+`)`, args...).Scan(&n); err != nil {
		return fmt.Errorf("check people: %w", err)
	}
	if n != len(uniq) {
		return apperr.NotFoundf("person not found")
	}
	return nil
}

// occurrences returns, unmasked, the occurrences overlapping [from, to) per
// agenda holder in holders: owned items and attended ones (not declined).
func occurrences(ctx context.Context, q db.Querier, holders []string, from, to time.Time) (map[string][]Occurrence, error) {
	out := map[string][]Occurrence{}
	if len(holders) == 0 {
		return out, nil
	}
	from, to = from.UTC(), to.UTC()
	ph, args := placeholders(holders, 3)
	args = append([]any{from, to}, args...)
	window := `((a.recurring = FALSE AND a.start_at < $2 AND a.end_at > $1)
		OR (a.recurring = TRUE AND a.start_at < $2 AND (a.series_until IS NULL OR a.series_until > $1)))`
	query := `SELECT a.owner_id, ` + appointmentCols + ` FROM ` + appointmentFrom + `
		WHERE a.owner_id IN (` + ph + `) AND ` + window + `
		UNION ALL
		SELECT t.person_id, ` + appointmentCols + ` FROM ` + appointmentFrom + `
		JOIN appointment_attendees t ON t.appointment_id = a.id
		WHERE t.person_id IN (` + ph + `) AND t.person_id <> a.owner_id AND t.response <> 'declined' AND ` + window
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list appointments: %w", err)
	}
	type held struct {
		holder string
		ap     *Appointment
	}
	var found []held
	byID := map[string]*Appointment{}
	for rows.Next() {
		var holder string
		ap, err := scanAppointment(scanPrefix{rows, &holder})
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list appointments: %w", err)
		}
		p := byID[ap.ID]
		if p == nil {
			p = &ap
			byID[ap.ID] = p
		}
		found = append(found, held{holder, p})
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list appointments: %w", err)
	}
	if err := loadAttendees(ctx, q, byID); err != nil {
		return nil, err
	}
	changed, err := changedOccurrences(ctx, q, byID)
	if err != nil {
		return nil, err
	}
	for _, h := range found {
		for _, o := range expand(*h.ap, from, to, changed[h.ap.ID]) {
			o.Attending = h.holder != h.ap.OwnerID
			out[h.holder] = append(out[h.holder], o)
		}
	}
	for k := range out {
		sortOccurrences(out[k])
	}
	return out, nil
}

func sortOccurrences(list []Occurrence) {
	slices.SortFunc(list, func(x, y Occurrence) int {
		if c := x.At.Compare(y.At); c != 0 {
			return c
		}
		if c := x.Until.Compare(y.Until); c != 0 {
			return c
		}
		if x.ID != y.ID {
			if x.ID < y.ID {
				return -1
			}
			return 1
		}
		return 0
	})
}

// scanPrefix scans one leading column into dst before the appointment.
type scanPrefix struct {
	rows *sql.Rows
	dst  *string
}

func (s scanPrefix) Scan(dest ...any) error {
	return s.rows.Scan(append([]any{s.dst}, dest...)...)
}

// changedOccurrences returns, per series master among aps, the original
// starts that have a changed occurrence (wherever it moved to).
func changedOccurrences(ctx context.Context, q db.Querier, aps map[string]*Appointment) (map[string][]time.Time, error) {
	var masters []string
	for id, ap := range aps {
		if ap.Recurring() {
			masters = append(masters, id)
		}
	}
	out := map[string][]time.Time{}
	for len(masters) > 0 {
		n := min(len(masters), 500)
		ph, args := placeholders(masters[:n], 1)
		masters = masters[n:]
		rows, err := q.QueryContext(ctx, `SELECT series_id, recurrence_id FROM appointments WHERE series_id IN (`+ph+`) AND recurrence_id IS NOT NULL`, args...)
		if err != nil {
			return nil, fmt.Errorf("list changed occurrences: %w", err)
		}
		for rows.Next() {
			var sid string
			var rid time.Time
			if err := rows.Scan(&sid, &rid); err != nil {
				rows.Close()
				return nil, fmt.Errorf("list changed occurrences: %w", err)
			}
			out[sid] = append(out[sid], rid.UTC())
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// recurrenceSet builds the recurrence set of a series master, evaluated on
// the wall clock of its zone. As in Outlook, Google and the iCalendar
// libraries, a start that does not match the rule is not an instance of its
// own: "weekly on Wednesday" planned from a Tuesday starts on Wednesday.
func recurrenceSet(ap Appointment) (recur.Set, time.Duration) {
	loc, err := loadZone(ap.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	set := recur.Set{Start: ap.Start.In(loc), RDates: ap.RDates, ExDates: ap.ExDates, AllDay: ap.AllDay}
	if ap.RRule != "" {
		if r, err := recur.Parse(ap.RRule); err == nil {
			set.Rules = []recur.Rule{r}
		}
	}
	return set, ap.End.Sub(ap.Start)
}

// expand returns the instances of ap overlapping [from, to): ap itself for a
// single item or changed occurrence, else the series' instances minus those
// replaced by changed occurrences (skip).
func expand(ap Appointment, from, to time.Time, skip []time.Time) []Occurrence {
	if !ap.Recurring() {
		start := ap.Start
		if ap.RecurrenceID != nil {
			start = *ap.RecurrenceID
		}
		return []Occurrence{{Appointment: ap, OccurrenceStart: start, At: ap.Start, Until: ap.End}}
	}
	set, dur := recurrenceSet(ap)
	starts := set.Between(from.Add(-dur+time.Second), to, MaxOccurrences)
	out := make([]Occurrence, 0, len(starts))
	for _, st := range starts {
		if slices.ContainsFunc(skip, func(t time.Time) bool { return t.Equal(st) }) {
			continue
		}
		end := st.Add(dur)
		if ap.AllDay { // whole days on the wall clock, across DST
			end = st.AddDate(0, 0, int((dur+12*time.Hour)/(24*time.Hour)))
		}
		if !end.After(from) {
			continue
		}
		out = append(out, Occurrence{Appointment: ap, OccurrenceStart: st.UTC(), At: st.UTC(), Until: end.UTC()})
	}
	return out
}

// Get returns one stored appointment as actor may see it.
//
// Errors: NotFound when it does not exist.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (Appointment, error) {
	if actor == nil || actor.PersonID == "" {
		return Appointment{}, apperr.NotFoundf("appointment not found")
	}
	ap, err := getAppointment(ctx, s.DB.R, id)
	if err != nil {
		return Appointment{}, err
	}
	return mask(ap, AccessTo(actor, ap.OwnerID), isAttendee(ap, actor.PersonID)), nil
}
