package rooms

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
)

// Busy returns, per room ID, the intervals in [from, to) that pending or
// confirmed bookings occupy, sorted by start; rooms without bookings are
// absent from the map. It reveals no titles, so it takes no actor (the
// meetings' slot finder uses it). An empty roomIDs means every room.
func (s *Service) Busy(ctx context.Context, roomIDs []string, from, to time.Time) (map[string][]Interval, error) {
	return busy(ctx, s.DB, roomIDs, from, to)
}

// maxBooking bounds a booking's length (they end on the day they start),
// so busy can look for bookings starting at most this long before a period.
const maxBooking = 25 * time.Hour

// manyRooms is the number of rooms above which busy reads the period's
// bookings of all rooms (through the covering index on status and times)
// and keeps those asked for, instead of seeking room by room.
const manyRooms = 16

func busy(ctx context.Context, d *db.DB, roomIDs []string, from, to time.Time) (map[string][]Interval, error) {
	// SQLite: one row per room with its bookings as stored text, joined by
	// group_concat and parsed by parseStored — reading a row through the
	// driver costs more than the query itself. PostgreSQL: one row per
	// booking.
	query := `SELECT room_id, starts_at, ends_at FROM room_bookings`
	if d.Dialect == db.SQLite {
		query = `SELECT room_id, group_concat(starts_at || '|' || ends_at, ';'), '' FROM room_bookings`
	}
	query += ` WHERE status IN ('pending', 'confirmed') AND starts_at < $2 AND ends_at > $1 AND starts_at > $3`
	args := []any{from.UTC(), to.UTC(), from.UTC().Add(-maxBooking)}
	var keep map[string]bool
	if len(roomIDs) > manyRooms {
		keep = make(map[string]bool, len(roomIDs))
		for _, id := range roomIDs {
			keep[id] = true
		}
	} else if len(roomIDs) > 0 {
		ph := make([]string, len(roomIDs))
		for i, id := range roomIDs {
			ph[i] = fmt.Sprintf("$%d", i+4)
			args = append(args, id)
		}
		query += ` AND room_id IN (` + strings.Join(ph, ", ") + `)`
	}
	if d.Dialect == db.SQLite {
		query += ` GROUP BY room_id`
	}
	rows, err := d.R.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("busy rooms: %w", err)
	}
	defer rows.Close()
	out := map[string][]Interval{}
	for rows.Next() {
		var id string
		var ivs []Interval
		if d.Dialect == db.SQLite {
			var list, none string
			if err := rows.Scan(&id, &list, &none); err != nil {
				return nil, fmt.Errorf("busy rooms: %w", err)
			}
			if keep != nil && !keep[id] {
				continue
			}
			for _, pair := range strings.Split(list, ";") {
				s, e, _ := strings.Cut(pair, "|")
				st, err1 := parseStored(s)
				en, err2 := parseStored(e)
				if err1 != nil || err2 != nil {
					return nil, fmt.Errorf("busy rooms: stored time %q: %w", pair, errors.Join(err1, err2))
				}
				ivs = append(ivs, Interval{Start: st, End: en})
			}
		} else {
			var iv Interval
			if err := rows.Scan(&id, &iv.Start, &iv.End); err != nil {
				return nil, fmt.Errorf("busy rooms: %w", err)
			}
			if keep != nil && !keep[id] {
				continue
			}
			ivs = []Interval{{Start: iv.Start.UTC(), End: iv.End.UTC()}}
		}
		out[id] = append(out[id], ivs...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("busy rooms: %w", err)
	}
	for _, ivs := range out {
		slices.SortFunc(ivs, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	}
	return out, nil
}

// Bookings returns a room's bookings that overlap [from, to), as actor may
// see them, by start. With all set, cancelled, rejected and released
// bookings are included too. NotFound as for Get; Invalid when to is not
// after from or the period is longer than 31 days.
func (s *Service) Bookings(ctx context.Context, actor *authz.Actor, roomID string, from, to time.Time, all bool) ([]Booking, error) {
	if _, err := s.Get(ctx, actor, roomID); err != nil {
		return nil, err
	}
	if !to.After(from) {
		return nil, apperr.Fields{"to": "the end must be after the start"}.Err()
	}
	if to.Sub(from) > 31*24*time.Hour {
		return nil, apperr.Fields{"to": "choose a period of at most a month"}.Err()
	}
	q := bookingSelect + ` WHERE b.room_id = $1 AND b.starts_at < $3 AND b.ends_at > $2`
	if !all {
		q += ` AND b.status IN ('pending', 'confirmed')`
	}
	return s.bookings(ctx, actor, q+` ORDER BY b.starts_at, b.id`, roomID, from.UTC(), to.UTC())
}

func (s *Service) bookings(ctx context.Context, actor *authz.Actor, q string, args ...any) ([]Booking, error) {
	rows, err := s.DB.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list bookings: %w", err)
	}
	defer rows.Close()
	out := []Booking{}
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			return nil, fmt.Errorf("list bookings: %w", err)
		}
		out = append(out, mask(actor, b))
	}
	return out, rows.Err()
}

// PendingBookings lists the bookings waiting for the Office Manager's
// approval, by start. Forbidden for anyone else.
func (s *Service) PendingBookings(ctx context.Context, actor *authz.Actor) ([]Booking, error) {
	if !MayManage(actor) {
		return nil, apperr.Forbiddenf("only the Office Manager approves bookings")
	}
	return s.bookings(ctx, actor, bookingSelect+` WHERE b.status = 'pending' ORDER BY b.starts_at, b.id`)
}

// MyBookings lists the upcoming bookings (ending after now) actor made or
// that were made for them, by start, including pending ones.
func (s *Service) MyBookings(ctx context.Context, actor *authz.Actor) ([]Booking, error) {
	if actor == nil || actor.PersonID == "" {
		return []Booking{}, nil
	}
	return s.bookings(ctx, actor, bookingSelect+` WHERE (b.booked_by = $1 OR b.booked_for = $1)
		AND b.status IN ('pending', 'confirmed') AND b.ends_at > $2 ORDER BY b.starts_at, b.id`, actor.PersonID, s.now())
}

// RoomAvailability is a room with its occupied and free time in a period.
type RoomAvailability struct {
	Room Room       `json:"room"`
	Busy []Interval `json:"busy"`
	Free []Interval `json:"free"`
	// FreeAll reports whether the whole period is free.
	FreeAll bool `json:"free_all"`
}

// Availability returns the rooms f selects with their busy and free
// intervals in [from, to): free time is the period minus bookings, within
// each day's bookable hours and days in the organization's time zone. One
// query for the rooms and one for the bookings, whatever the number of
// rooms. Errors: Invalid when to is not after from or the period is longer
// than 31 days.
func (s *Service) Availability(ctx context.Context, actor *authz.Actor, from, to time.Time, f Filter) ([]RoomAvailability, error) {
	if !to.After(from) {
		return nil, apperr.Fields{"to": "the end must be after the start"}.Err()
	}
	if to.Sub(from) > 31*24*time.Hour {
		return nil, apperr.Fields{"to": "choose a period of at most a month"}.Err()
	}
	rooms, err := s.List(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rooms))
	for i, r := range rooms {
		ids[i] = r.ID
	}
	var bs map[string][]Interval
	if len(ids) > 0 {
		if bs, err = busy(ctx, s.DB, ids, from, to); err != nil {
			return nil, err
		}
	}
	loc := s.Zone(ctx)
	out := make([]RoomAvailability, len(rooms))
	for i, r := range rooms {
		out[i] = RoomAvailability{Room: r, Busy: bs[r.ID]}
		if out[i].Busy == nil {
			out[i].Busy = []Interval{}
		}
		out[i].Free = []Interval{}
		if r.Active { // an archived room takes no bookings: never free
			out[i].Free = freeTime(r, from.UTC(), to.UTC(), out[i].Busy, loc)
		}
		out[i].FreeAll = len(out[i].Free) == 1 && out[i].Free[0].Start.Equal(from.UTC()) && out[i].Free[0].End.Equal(to.UTC())
	}
	return out, nil
}

// Available lists the rooms f selects that are free for the whole of
// [from, to) and bookable then (day and hours); see Availability.
func (s *Service) Available(ctx context.Context, actor *authz.Actor, from, to time.Time, f Filter) ([]Room, error) {
	av, err := s.Availability(ctx, actor, from, to, f)
	if err != nil {
		return nil, err
	}
	out := []Room{}
	for _, a := range av {
		if a.FreeAll {
			out = append(out, a.Room)
		}
	}
	return out, nil
}

// freeTime returns the parts of [from, to) inside r's bookable hours and
// not in busy (sorted by start).
func freeTime(r Room, from, to time.Time, busy []Interval, loc *time.Location) []Interval {
	out := []Interval{}
	lf := from.In(loc)
	for day := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc); day.Before(to); day = day.AddDate(0, 0, 1) {
		if !r.BookableOn(day.Weekday()) {
			continue
		}
		ws := day.Add(time.Duration(r.BookableFrom) * time.Minute)
		we := day.Add(time.Duration(r.BookableUntil) * time.Minute)
		if r.BookableUntil >= 24*60 {
			we = day.AddDate(0, 0, 1)
		}
		ws, we = later(ws, from), earlier(we, to)
		for _, b := range busy {
			if !we.After(ws) {
				break
			}
			if !b.End.After(ws) || !b.Start.Before(we) {
				continue
			}
			if b.Start.After(ws) {
				out = append(out, Interval{Start: ws.UTC(), End: b.Start.UTC()})
			}
			ws = later(ws, b.End)
		}
		if we.After(ws) {
			out = append(out, Interval{Start: ws.UTC(), End: we.UTC()})
		}
	}
	return out
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// parseStored reads a timestamp as the SQLite driver stores it
// ("2026-11-09 08:00:00+00:00"); UTC times in whole seconds, as bookings
// are, take a fast path.
func parseStored(s string) (time.Time, error) {
	if len(s) == 25 && s[19:] == "+00:00" && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' && s[16] == ':' {
		n := func(i, j int) (int, bool) {
			v := 0
			for _, c := range s[i:j] {
				if c < '0' || c > '9' {
					return 0, false
				}
				v = v*10 + int(c-'0')
			}
			return v, true
		}
		y, ok1 := n(0, 4)
		mo, ok2 := n(5, 7)
		d, ok3 := n(8, 10)
		h, ok4 := n(11, 13)
		mi, ok5 := n(14, 16)
		se, ok6 := n(17, 19)
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 {
			return time.Date(y, time.Month(mo), d, h, mi, se, 0, time.UTC), nil
		}
	}
	return time.Parse("2006-01-02 15:04:05.999999999-07:00", s)
}
