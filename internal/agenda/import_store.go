package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"spil/internal/authz"
	"spil/internal/db"
)

// Rows per INSERT statement of an import: 100 appointments of 30 values,
// 500 attendees of 6, well within both engines' limits on parameters.
const (
	importRowsPerInsert      = 100
	importAttendeesPerInsert = 500
)

// loadExisting loads the agenda's rows whose UID occurs in the file (also
// as the UID of a changed occurrence without its series), in one query per
// 500 UIDs.
func (p *importPlan) loadExisting(ctx context.Context, tx *sql.Tx) error {
	seen := map[string]bool{}
	var uids []string
	add := func(u string) {
		if !seen[u] {
			seen[u] = true
			uids = append(uids, u)
		}
	}
	for _, it := range p.items {
		add(it.uid)
		if it.rid != nil {
			add(orphanUID(it.uid, it.rid.Time))
		}
	}
	for len(uids) > 0 {
		n := min(len(uids), 500)
		ph, args := placeholders(uids[:n], 2)
		uids = uids[n:]
		rows, err := tx.QueryContext(ctx, `SELECT `+appointmentCols+` FROM `+appointmentFrom+`
			WHERE a.owner_id = $1 AND a.uid IN (`+ph+`)`, append([]any{p.owner}, args...)...)
		if err != nil {
			return fmt.Errorf("load imported items: %w", err)
		}
		for rows.Next() {
			ap, err := scanAppointment(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("load imported items: %w", err)
			}
			p.existing[itemKey(ap.UID, ap.RecurrenceID)] = &ap
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// writeImport stores the plan's items that are not skipped: changed
// occurrences no longer in the file go, rows seen before are updated, new
// ones inserted in batches (series before their changed occurrences).
func (s *Service) writeImport(ctx context.Context, tx *sql.Tx, actor *authz.Actor, p *importPlan) (created, updated int, err error) {
	now := s.Clock.Now().UTC()
	for i := 0; i < len(p.deletes); i += 500 {
		ph, args := placeholders(p.deletes[i:min(i+500, len(p.deletes))], 1)
		if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE id IN (`+ph+`)`, args...); err != nil {
			return 0, 0, fmt.Errorf("import: drop changed occurrences: %w", err)
		}
	}
	var series, occurrences, updates []row
	var touched []string
	for _, it := range p.items {
		if it.skip != nil {
			continue
		}
		r := row{ID: it.id, OwnerID: p.owner, UID: it.uid, SeriesID: it.seriesID, RecurrenceID: it.recurrenceID, In: it.in,
			SeriesUntil: it.until, Sequence: it.sequence, CreatedBy: actor.PersonID, Now: now}
		switch {
		case it.existing != nil:
			r.Sequence = max(it.existing.Sequence+1, it.sequence)
			updates = append(updates, r)
			touched = append(touched, it.id)
		case it.seriesID != "":
			occurrences = append(occurrences, r)
		default:
			series = append(series, r)
		}
	}
	if err := updateImported(ctx, tx, updates); err != nil {
		return 0, 0, err
	}
	for i := 0; i < len(touched); i += 500 {
		ph, args := placeholders(touched[i:min(i+500, len(touched))], 1)
		if _, err := tx.ExecContext(ctx, `DELETE FROM appointment_attendees WHERE appointment_id IN (`+ph+`)`, args...); err != nil {
			return 0, 0, fmt.Errorf("import: replace attendees: %w", err)
		}
	}
	ins := batchInserter{positional: s.DB.Dialect == db.SQLite}
	for _, rs := range [][]row{series, occurrences} {
		if err := ins.appointments(ctx, tx, rs); err != nil {
			return 0, 0, err
		}
	}
	all := append(append(append([]row(nil), updates...), series...), occurrences...)
	if err := ins.attendees(ctx, tx, all); err != nil {
		return 0, 0, err
	}
	return len(series) + len(occurrences), len(updates), nil
}

// batchInserter writes many rows with multi-row INSERTs, one prepared
// statement per batch size. SQLite gets positional "?" parameters: it looks
// up numbered ones by name, which costs time quadratic in their number.
type batchInserter struct {
	positional bool
}

// insert runs "prefix VALUES (…), (…)" for n rows of cols values each,
// perRow at a time; args(i) returns the values of row i.
func (bi batchInserter) insert(ctx context.Context, tx *sql.Tx, prefix string, n, cols, perRow int, args func(i int) []any) error {
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	for done := 0; done < n; {
		k := min(n-done, perRow)
		st := stmts[k]
		if st == nil {
			var b strings.Builder
			b.WriteString(prefix + " VALUES ")
			for i := range k {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(bi.tuple(i*cols+1, cols))
			}
			var err error
			if st, err = tx.PrepareContext(ctx, b.String()); err != nil {
				return err
			}
			stmts[k] = st
		}
		vals := make([]any, 0, k*cols)
		for i := done; i < done+k; i++ {
			vals = append(vals, args(i)...)
		}
		if _, err := st.ExecContext(ctx, vals...); err != nil {
			return err
		}
		done += k
	}
	return nil
}

// tuple returns "($first, …, $first+n-1)", or "(?, …)" when positional.
func (bi batchInserter) tuple(first, n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		if bi.positional {
			b.WriteByte('?')
		} else {
			fmt.Fprintf(&b, "$%d", first+i)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// appointments writes rs as new appointments.
func (bi batchInserter) appointments(ctx context.Context, tx *sql.Tx, rs []row) error {
	err := bi.insert(ctx, tx, `INSERT INTO appointments (id, owner_id, uid, series_id, recurrence_id, title, notes,
		location_id, place, latitude, longitude, all_day, start_at, end_at, time_zone, priority, visibility, status,
		rrule, rdates, exdates, recurring, series_until, reminder_minutes, travel_mode, sequence, source,
		created_by, created_at, updated_at)`, len(rs), 30, importRowsPerInsert, func(i int) []any {
		r := rs[i]
		in := r.In
		return []any{r.ID, r.OwnerID, r.UID, nullStr(r.SeriesID), nullTime(r.RecurrenceID), in.Title, in.Notes,
			nullStr(in.Place.LocationID), in.Place.Name, nullFloat(in.Place.Lat), nullFloat(in.Place.Lon),
			in.AllDay, in.Start.UTC(), in.End.UTC(), in.TimeZone, in.Priority, in.Visibility, in.Status,
			in.RRule, formatTimes(in.RDates), formatTimes(in.ExDates), in.RRule != "" || len(in.RDates) > 0, nullTime(r.SeriesUntil),
			nullInt(in.ReminderMinutes), string(in.TravelMode), r.Sequence, in.Source,
			nullStr(r.CreatedBy), r.Now, r.Now}
	})
	if err != nil {
		return fmt.Errorf("import: insert appointments: %w", err)
	}
	return nil
}

// updateImported overwrites the rows in rs with one prepared statement;
// owner, UID, series, source and creation stay.
func updateImported(ctx context.Context, tx *sql.Tx, rs []row) error {
	if len(rs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE appointments SET title = $2, notes = $3, location_id = $4, place = $5,
		latitude = $6, longitude = $7, all_day = $8, start_at = $9, end_at = $10, time_zone = $11, priority = $12,
		visibility = $13, status = $14, rrule = $15, rdates = $16, exdates = $17, recurring = $18, series_until = $19,
		reminder_minutes = $20, travel_mode = $21, sequence = $22, updated_at = $23
		WHERE id = $1`)
	if err != nil {
		return fmt.Errorf("import: prepare update: %w", err)
	}
	defer stmt.Close()
	for _, r := range rs {
		in := r.In
		if _, err := stmt.ExecContext(ctx, r.ID, in.Title, in.Notes, nullStr(in.Place.LocationID), in.Place.Name, nullFloat(in.Place.Lat), nullFloat(in.Place.Lon),
			in.AllDay, in.Start.UTC(), in.End.UTC(), in.TimeZone, in.Priority, in.Visibility, in.Status,
			in.RRule, formatTimes(in.RDates), formatTimes(in.ExDates), in.RRule != "" || len(in.RDates) > 0, nullTime(r.SeriesUntil),
			nullInt(in.ReminderMinutes), string(in.TravelMode), r.Sequence, r.Now); err != nil {
			return fmt.Errorf("import: update appointment: %w", err)
		}
	}
	return nil
}

// attendees writes the attendees of rs.
func (bi batchInserter) attendees(ctx context.Context, tx *sql.Tx, rs []row) error {
	type att struct {
		id  string
		pos int
		at  Attendee
	}
	var all []att
	for _, r := range rs {
		for i, a := range r.In.Attendees {
			all = append(all, att{r.ID, i, a})
		}
	}
	err := bi.insert(ctx, tx, `INSERT INTO appointment_attendees (appointment_id, position, person_id, name, email, response)`,
		len(all), 6, importAttendeesPerInsert, func(i int) []any {
			a := all[i]
			return []any{a.id, a.pos, nullStr(a.at.PersonID), a.at.Name, a.at.Email, a.at.Response}
		})
	if err != nil {
		return fmt.Errorf("import: insert attendees: %w", err)
	}
	return nil
}
