package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"spil/internal/db"
)

// appointmentCols are the columns scanned by scanAppointment, on alias a with
// the appointment's location on alias l.
const appointmentCols = `a.id, a.owner_id, a.uid, a.series_id, a.recurrence_id, a.title, a.notes,
	a.location_id, COALESCE(l.name, a.place), COALESCE(l.latitude, a.latitude), COALESCE(l.longitude, a.longitude),
	a.all_day, a.start_at, a.end_at, a.time_zone, a.priority, a.visibility, a.status,
	a.rrule, a.rdates, a.exdates, a.reminder_minutes, a.travel_mode, a.sequence, a.source,
	a.created_by, a.created_at, a.updated_at`

const appointmentFrom = `appointments a LEFT JOIN locations l ON l.id = a.location_id`

func scanAppointment(sc interface{ Scan(...any) error }) (Appointment, error) {
	var ap Appointment
	var seriesID, locID, createdBy sql.NullString
	var recID sql.NullTime
	var lat, lon sql.NullFloat64
	var reminder sql.NullInt64
	var rdates, exdates, mode string
	err := sc.Scan(&ap.ID, &ap.OwnerID, &ap.UID, &seriesID, &recID, &ap.Title, &ap.Notes,
		&locID, &ap.Place.Name, &lat, &lon,
		&ap.AllDay, &ap.Start, &ap.End, &ap.TimeZone, &ap.Priority, &ap.Visibility, &ap.Status,
		&ap.RRule, &rdates, &exdates, &reminder, &mode, &ap.Sequence, &ap.Source,
		&createdBy, &ap.CreatedAt, &ap.UpdatedAt)
	if err != nil {
		return ap, err
	}
	ap.SeriesID, ap.Place.LocationID, ap.CreatedBy = seriesID.String, locID.String, createdBy.String
	if recID.Valid {
		t := recID.Time.UTC()
		ap.RecurrenceID = &t
	}
	if lat.Valid && lon.Valid {
		la, lo := lat.Float64, lon.Float64
		ap.Place.Lat, ap.Place.Lon = &la, &lo
	}
	if reminder.Valid {
		m := int(reminder.Int64)
		ap.ReminderMinutes = &m
	}
	ap.TravelMode = travelMode(mode)
	ap.RDates, ap.ExDates = parseTimes(rdates), parseTimes(exdates)
	ap.Start, ap.End = ap.Start.UTC(), ap.End.UTC()
	return ap, nil
}

// formatTimes stores instants as a comma-separated list of RFC 3339 UTC times.
func formatTimes(ts []time.Time) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.UTC().Format(time.RFC3339)
	}
	return strings.Join(parts, ",")
}

func parseTimes(s string) []time.Time {
	if s == "" {
		return nil
	}
	var out []time.Time
	for p := range strings.SplitSeq(s, ",") {
		if t, err := time.Parse(time.RFC3339, p); err == nil {
			out = append(out, t.UTC())
		}
	}
	return out
}

// row is an appointment as written: Input plus the stored-only fields.
type row struct {
	ID, OwnerID, UID, SeriesID string
	RecurrenceID               *time.Time
	In                         Input
	SeriesUntil                *time.Time
	Sequence                   int
	CreatedBy                  string
	Now                        time.Time
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func nullInt(i *int) any {
	if i == nil {
		return nil
	}
	return *i
}

// insertAppointment writes r and its attendees.
func insertAppointment(ctx context.Context, tx db.Querier, r row) error {
	in := r.In
	recurring := in.RRule != "" || len(in.RDates) > 0
	_, err := tx.ExecContext(ctx, `INSERT INTO appointments (id, owner_id, uid, series_id, recurrence_id, title, notes,
		location_id, place, latitude, longitude, all_day, start_at, end_at, time_zone, priority, visibility, status,
		rrule, rdates, exdates, recurring, series_until, reminder_minutes, travel_mode, sequence, source,
		created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
		$19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $29)`,
		r.ID, r.OwnerID, r.UID, nullStr(r.SeriesID), nullTime(r.RecurrenceID), in.Title, in.Notes,
		nullStr(in.Place.LocationID), in.Place.Name, nullFloat(in.Place.Lat), nullFloat(in.Place.Lon),
		in.AllDay, in.Start.UTC(), in.End.UTC(), in.TimeZone, in.Priority, in.Visibility, in.Status,
		in.RRule, formatTimes(in.RDates), formatTimes(in.ExDates), recurring, nullTime(r.SeriesUntil),
		nullInt(in.ReminderMinutes), string(in.TravelMode), r.Sequence, in.Source,
		nullStr(r.CreatedBy), r.Now.UTC())
	if err != nil {
		return fmt.Errorf("insert appointment: %w", err)
	}
	return writeAttendees(ctx, tx, r.ID, in.Attendees)
}

// updateAppointment overwrites the fields of r.ID from r.In (owner, uid,
// series and creation stay) and replaces its attendees.
func updateAppointment(ctx context.Context, tx db.Querier, r row) error {
	in := r.In
	recurring := in.RRule != "" || len(in.RDates) > 0
	res, err := tx.ExecContext(ctx, `UPDATE appointments SET title = $2, notes = $3, location_id = $4, place = $5,
		latitude = $6, longitude = $7, all_day = $8, start_at = $9, end_at = $10, time_zone = $11, priority = $12,
		visibility = $13, status = $14, rrule = $15, rdates = $16, exdates = $17, recurring = $18, series_until = $19,
		reminder_minutes = $20, travel_mode = $21, sequence = $22, updated_at = $23, uid = $24
		WHERE id = $1`,
		r.ID, in.Title, in.Notes, nullStr(in.Place.LocationID), in.Place.Name, nullFloat(in.Place.Lat), nullFloat(in.Place.Lon),
		in.AllDay, in.Start.UTC(), in.End.UTC(), in.TimeZone, in.Priority, in.Visibility, in.Status,
		in.RRule, formatTimes(in.RDates), formatTimes(in.ExDates), recurring, nullTime(r.SeriesUntil),
		nullInt(in.ReminderMinutes), string(in.TravelMode), r.Sequence, r.Now.UTC(), r.UID)
	if err != nil {
		return fmt.Errorf("update appointment: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("update appointment %s: %d rows", r.ID, n)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM appointment_attendees WHERE appointment_id = $1`, r.ID); err != nil {
		return fmt.Errorf("update attendees: %w", err)
	}
	return writeAttendees(ctx, tx, r.ID, in.Attendees)
}

func writeAttendees(ctx context.Context, tx db.Querier, id string, as []Attendee) error {
	for i, at := range as {
		if _, err := tx.ExecContext(ctx, `INSERT INTO appointment_attendees (appointment_id, position, person_id, name, email, response)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, i, nullStr(at.PersonID), at.Name, at.Email, at.Response); err != nil {
			return fmt.Errorf("insert attendee: %w", err)
		}
	}
	return nil
}

// loadAttendees fills the attendees of aps (by ID) in one query per 500.
func loadAttendees(ctx context.Context, q db.Querier, aps map[string]*Appointment) error {
	ids := make([]string, 0, len(aps))
	for id := range aps {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		chunk := ids[:n]
		ids = ids[n:]
		ph, args := placeholders(chunk, 1)
		rows, err := q.QueryContext(ctx, `SELECT t.appointment_id, t.person_id, COALESCE(p.name, t.name), COALESCE(p.email, t.email), t.response
			FROM appointment_attendees t LEFT JOIN people p ON p.id = t.person_id
			WHERE t.appointment_id IN (`+ph+`) ORDER BY t.appointment_id, t.position`, args...)
		if err != nil {
			return fmt.Errorf("load attendees: %w", err)
		}
		for rows.Next() {
			var id string
			var pid sql.NullString
			var at Attendee
			if err := rows.Scan(&id, &pid, &at.Name, &at.Email, &at.Response); err != nil {
				rows.Close()
				return fmt.Errorf("load attendees: %w", err)
			}
			at.PersonID = pid.String
			aps[id].Attendees = append(aps[id].Attendees, at)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("load attendees: %w", err)
		}
	}
	return nil
}

// placeholders returns "$n, $n+1, …" for vals and the values as args.
func placeholders(vals []string, first int) (string, []any) {
	var b strings.Builder
	args := make([]any, len(vals))
	for i, v := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", first+i)
		args[i] = v
	}
	return b.String(), args
}

// getAppointment loads one appointment with its attendees, unmasked.
//
// Errors: NotFound when it does not exist.
func getAppointment(ctx context.Context, q db.Querier, id string) (Appointment, error) {
	ap, err := scanAppointment(q.QueryRowContext(ctx, `SELECT `+appointmentCols+` FROM `+appointmentFrom+` WHERE a.id = $1`, id))
	if err != nil {
		return Appointment{}, notFoundIfNoRows(err, "appointment")
	}
	m := map[string]*Appointment{ap.ID: &ap}
	if err := loadAttendees(ctx, q, m); err != nil {
		return Appointment{}, err
	}
	return ap, nil
}
