package agenda

import (
	"context"
	"fmt"
	"io"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/holiday"
	"spil/internal/icalexport"
)

// ExportICS writes ownerID's agenda as actor may see it as iCalendar: every
// series (with its rule, extra and excluded dates), changed occurrence
// (with RECURRENCE-ID) and single item the owner has, and the items of
// others the owner takes part in (not declined). What actor may not see in
// full is written as a busy block with the times only (see Access): anyone
// logged in may export a colleague's free/busy this way. Items actor takes
// part in are written in full. lang chooses the title of busy blocks ("nl"
// or "en").
//
// Errors: NotFound when the owner does not exist or actor is nobody;
// errors of w as they are.
func (s *Service) ExportICS(ctx context.Context, actor *authz.Actor, ownerID string, w io.Writer, lang string) error {
	if actor == nil || actor.PersonID == "" {
		return apperr.NotFoundf("agenda not found")
	}
	var owner string
	if err := s.DB.R.QueryRowContext(ctx, `SELECT name FROM people WHERE id = $1`, ownerID).Scan(&owner); err != nil {
		return notFoundIfNoRows(err, "agenda")
	}
	aps, err := agendaRows(ctx, s.DB.R, ownerID)
	if err != nil {
		return err
	}
	acc := AccessTo(actor, ownerID)
	items := exportItems(aps, acc, actor)
	return icalexport.Write(w, items, icalexport.Options{
		CalendarName: owner, Lang: lang, Now: s.Clock.Now(),
		SeePrivate: acc.SeePrivate, SeeConfidential: acc.SeeConfidential,
	})
}

// agendaRows loads, unmasked and with attendees, every row of holder's
// agenda: owned, and attended by holder (not declined), ordered by start.
func agendaRows(ctx context.Context, q db.Querier, holder string) ([]*Appointment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+appointmentCols+` FROM `+appointmentFrom+` WHERE a.owner_id = $1
		UNION ALL
		SELECT `+appointmentCols+` FROM `+appointmentFrom+`
		JOIN appointment_attendees t ON t.appointment_id = a.id
		WHERE t.person_id = $1 AND a.owner_id <> $1 AND t.response <> 'declined'`, holder)
	if err != nil {
		return nil, fmt.Errorf("export agenda: %w", err)
	}
	var out []*Appointment
	byID := map[string]*Appointment{}
	for rows.Next() {
		ap, err := scanAppointment(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("export agenda: %w", err)
		}
		if byID[ap.ID] == nil {
			byID[ap.ID] = &ap
			out = append(out, &ap)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export agenda: %w", err)
	}
	if err := loadAttendees(ctx, q, byID); err != nil {
		return nil, err
	}
	// A changed occurrence that is not exported (the holder attends the
	// series but not that occurrence) is left out of its series too.
	changed, err := changedOccurrences(ctx, q, byID)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, ap := range out {
		if ap.RecurrenceID != nil {
			have[itemKey(ap.SeriesID, ap.RecurrenceID)] = true
		}
	}
	for _, ap := range out {
		for _, rid := range changed[ap.ID] {
			if !have[itemKey(ap.ID, &rid)] {
				ap.ExDates = cleanTimes(append(ap.ExDates, rid))
			}
		}
	}
	return out, nil
}

// exportItems turns rows into items as reader (with access acc to the
// agenda) may see them: busy blocks carry no title, notes, place,
// attendees or priority.
func exportItems(aps []*Appointment, acc Access, actor *authz.Actor) []icalexport.Item {
	exported := map[string]bool{}
	for _, ap := range aps {
		exported[ap.ID] = true
	}
	items := make([]icalexport.Item, 0, len(aps))
	for _, raw := range aps {
		ap := maskFor(*raw, actor, acc, AccessTo(actor, raw.OwnerID))
		loc, err := loadZone(ap.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		it := icalexport.Item{
			UID: ap.UID, Title: ap.Title, Description: ap.Notes, Location: ap.Place.Name,
			Start: ap.Start.In(loc), End: ap.End.In(loc), Loc: loc, AllDay: ap.AllDay,
			Visibility: ap.Visibility, Status: ap.Status, Priority: ap.Priority,
			RRule: ap.RRule, RDates: inZone(ap.RDates, loc), ExDates: inZone(ap.ExDates, loc),
			Sequence: ap.Sequence, Updated: ap.UpdatedAt, ReaderAttends: !ap.Hidden, // shown in full: masked above
		}
		if ap.ReminderMinutes != nil {
			d := time.Duration(*ap.ReminderMinutes) * time.Minute
			it.Reminder = &d
		}
		if ap.AllDay {
			it.StartDate, it.EndDate = dateOf(ap.Start.In(loc)), dateOf(ap.End.In(loc))
			if !it.EndDate.After(it.StartDate) {
				it.EndDate = dateOf(ap.Start.In(loc).AddDate(0, 0, 1))
			}
		}
		if ap.RecurrenceID != nil {
			if exported[ap.SeriesID] {
				rid := ap.RecurrenceID.In(loc)
				it.RecurrenceID = &rid
			} else { // its series is not in the export: a single item
				it.UID = orphanUID(ap.UID, *ap.RecurrenceID)
			}
		}
		for _, at := range ap.Attendees {
			if validEmail(at.Email) {
				it.Attendees = append(it.Attendees, icalexport.Person{Name: at.Name, Email: at.Email})
			}
		}
		items = append(items, it)
	}
	return items
}

func inZone(ts []time.Time, loc *time.Location) []time.Time {
	if len(ts) == 0 {
		return nil
	}
	out := make([]time.Time, len(ts))
	for i, t := range ts {
		out[i] = t.In(loc)
	}
	return out
}

func dateOf(t time.Time) holiday.Date {
	y, m, d := t.Date()
	return holiday.Date{Year: y, Month: m, Day: d}
}
