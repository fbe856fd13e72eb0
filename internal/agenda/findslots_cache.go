package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"spil/internal/db"
)

// The busy cache keeps, per agenda holder and month (UTC), the busy items
// the slot finder and free/busy need, so a search over twenty people and
// three months reads a hundred small rows instead of expanding thousands of
// appointments. Triggers on appointments and attendees (migration 00004)
// record which people a write concerns in agenda_changes; a cached month is
// used only while no change for its person has an xid at or past the
// month's horizon (taken in the same snapshot as the data it was built
// from), so it is never stale, whichever process or code made the change.
// Months with a horizon below agenda_cache_floor are neither used nor
// stored, so that PruneBusyCache may delete the changes below it.

// maxCachedMonths bounds the months read through the cache; longer periods
// are read directly.
const maxCachedMonths = 15

type busyMonth struct {
	key        string // "2026-11"
	start, end time.Time
}

// busyMonths returns the months (UTC) that [from, to) touches.
func busyMonths(from, to time.Time) []busyMonth {
	var out []busyMonth
	f := from.UTC()
	for m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, time.UTC); m.Before(to); m = m.AddDate(0, 1, 0) {
		out = append(out, busyMonth{key: m.Format("2006-01"), start: m, end: m.AddDate(0, 1, 0)})
	}
	return out
}

// busyOf calls visit once per holder with the holder's items that take
// time (not cancelled, not all-day; owned, or attended and not declined)
// overlapping [from, to), unmasked, in order of start. The items are only
// valid during the call. locs are the organization's locations (nil:
// loaded here).
func (s *Service) busyOf(ctx context.Context, holders []string, from, to time.Time, locs map[string]*Place, visit func(holder string, items []busyItem)) error {
	months := busyMonths(from, to)
	if len(holders) == 0 || len(months) == 0 {
		return nil
	}
	if len(months) > maxCachedMonths {
		occs, err := occurrences(ctx, s.DB.R, holders, from, to)
		if err != nil {
			return err
		}
		for _, h := range holders {
			var items []busyItem
			for _, o := range occs[h] {
				if takesTime(o.Appointment) {
					items = append(items, newBusyItem(o))
				}
			}
			visit(h, items)
		}
		return nil
	}
	data, err := readBusyCache(ctx, s.DB.R, s.DB.Dialect, holders, months)
	if err != nil {
		return err
	}
	var missing []string
	for _, h := range holders {
		if data[h] == nil || slices.ContainsFunc(data[h], func(d []byte) bool { return d == nil }) {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		fresh, err := s.refreshBusy(ctx, missing, months)
		if err != nil {
			return err
		}
		maps.Copy(data, fresh)
	}
	if locs == nil {
		if locs, err = loadLocations(ctx, s.DB.R); err != nil {
			return err
		}
	}
	var scratch []busyItem
	var damaged []string
	for _, h := range holders {
		if scratch, err = decodeMonths(data[h], months, from, to, locs, scratch[:0]); err != nil {
			damaged = append(damaged, h)
			continue
		}
		visit(h, scratch)
	}
	if len(damaged) > 0 { // written by another version of spil, or damaged: build again
		fresh, err := s.refreshBusy(ctx, damaged, months)
		if err != nil {
			return err
		}
		for _, h := range damaged {
			if scratch, err = decodeMonths(fresh[h], months, from, to, locs, scratch[:0]); err != nil {
				return fmt.Errorf("busy cache of %s: %w", h, err)
			}
			visit(h, scratch)
		}
	}
	return nil
}

// decodeMonths decodes one holder's months (data in the order of months)
// into the items overlapping [from, to), sorted by start, appended to into.
func decodeMonths(data [][]byte, months []busyMonth, from, to time.Time, locs map[string]*Place, into []busyItem) ([]busyItem, error) {
	size := 0
	for _, d := range data {
		size += busyCount(d)
	}
	into = slices.Grow(into, size)
	var err error
	for i, m := range months {
		skip := int64(math.MinInt64) // an item in two months is taken from the first
		if i > 0 {
			skip = m.start.Unix()
		}
		if into, err = decodeBusy(data[i], into, skip, from.Unix(), to.Unix(), locs); err != nil {
			return into, err
		}
	}
	return into, nil
}

// readBusyCache returns the valid cached months per holder, in the order of
// months (nil where there is none). A month below the floor is not valid
// (see PruneBusyCache). A month whose horizon lies beyond the
// changes this database has seen (a PostgreSQL dump restored on another
// server, whose transaction IDs start lower) is not valid either.
func readBusyCache(ctx context.Context, q db.Querier, dialect db.Dialect, holders []string, months []busyMonth) (map[string][][]byte, error) {
	keys := make([]string, len(months))
	pos := make(map[string]int, len(months))
	for i, m := range months {
		keys[i], pos[m.key] = m.key, i
	}
	hph, args := placeholders(holders, 1)
	mph, margs := placeholders(keys, len(holders)+1)
	rows, err := q.QueryContext(ctx, `SELECT c.person_id, c.month, c.data FROM agenda_busy_cache c
		WHERE c.person_id IN (`+hph+`) AND c.month IN (`+mph+`)
		AND NOT EXISTS (SELECT 1 FROM agenda_changes x WHERE x.person_id = c.person_id AND x.xid >= c.horizon)
		AND c.horizon >= (SELECT floor FROM agenda_cache_floor WHERE id = 1)
		AND c.horizon <= `+latestHorizon(dialect), append(args, margs...)...)
	if err != nil {
		return nil, fmt.Errorf("read busy cache: %w", err)
	}
	defer rows.Close()
	out := make(map[string][][]byte, len(holders))
	for rows.Next() {
		var h, month string
		var data []byte
		if err := rows.Scan(&h, &month, &data); err != nil {
			return nil, fmt.Errorf("read busy cache: %w", err)
		}
		if out[h] == nil {
			out[h] = make([][]byte, len(months))
		}
		out[h][pos[month]] = data
	}
	return out, rows.Err()
}

// refreshBusy builds the months of holders from the agendas, in one
// snapshot with the horizon, and stores them in the cache. Storing is best
// effort: a failure there only means the next search builds them again.
func (s *Service) refreshBusy(ctx context.Context, holders []string, months []busyMonth) (map[string][][]byte, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	horizonQuery := `SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes`
	if s.DB.Dialect == db.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
		// Transactions still running may commit changes this snapshot
		// does not see; their IDs are all at or past its xmin.
		horizonQuery = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint`
	}
	// The horizon is read in the same snapshot as the agendas below.
	tx, err := s.DB.R.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("busy cache: %w", err)
	}
	defer tx.Rollback()
	var horizon int64
	if err := tx.QueryRowContext(ctx, horizonQuery).Scan(&horizon); err != nil {
		return nil, fmt.Errorf("busy cache horizon: %w", err)
	}
	occs, err := occurrences(ctx, tx, holders, months[0].start, months[len(months)-1].end)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("busy cache: %w", err)
	}
	out := make(map[string][][]byte, len(holders))
	for _, h := range holders {
		per := make([][]byte, len(months))
		for i, m := range months {
			var items []busyItem
			for _, o := range occs[h] {
				if takesTime(o.Appointment) && o.At.Before(m.end) && o.Until.After(m.start) {
					items = append(items, newBusyItem(o))
				}
			}
			per[i] = encodeBusy(items)
		}
		out[h] = per
	}
	_ = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for h, per := range out {
			for i, m := range months {
				// Not below the floor: the changes that would make
				// such a month invalid may be deleted already.
				if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_busy_cache (person_id, month, horizon, data)
					SELECT $1, $2, $3, $4 FROM agenda_cache_floor WHERE id = 1 AND floor <= $3
					ON CONFLICT (person_id, month) DO UPDATE SET horizon = excluded.horizon, data = excluded.data
					WHERE excluded.horizon >= agenda_busy_cache.horizon OR agenda_busy_cache.horizon > `+latestHorizon(s.DB.Dialect),
					h, m.key, horizon, per[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, nil
}

// latestHorizon is SQL for the highest horizon a month built now could
// have.
func latestHorizon(dialect db.Dialect) string {
	if dialect == db.Postgres {
		return `pg_snapshot_xmax(pg_current_snapshot())::text::bigint`
	}
	return `(SELECT COALESCE(MAX(xid), 0) + 1 FROM agenda_changes)`
}

// loadLocations returns the organization's locations as places.
func loadLocations(ctx context.Context, q db.Querier) (map[string]*Place, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, latitude, longitude FROM locations`)
	if err != nil {
		return nil, fmt.Errorf("load locations: %w", err)
	}
	defer rows.Close()
	out := map[string]*Place{}
	for rows.Next() {
		p := &Place{}
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.LocationID, &p.Name, &lat, &lon); err != nil {
			return nil, fmt.Errorf("load locations: %w", err)
		}
		p.Lat, p.Lon = coords(lat, lon)
		out[p.LocationID] = p
	}
	return out, rows.Err()
}
