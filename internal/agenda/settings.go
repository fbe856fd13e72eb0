package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/travel"
)

// Limits of Settings.
const (
	MaxBufferMinutes = 240
	MaxHomeAddress   = 300
)

// Settings are a person's agenda settings.
type Settings struct {
	PersonID      string      `json:"person_id"`
	TimeZone      string      `json:"time_zone"` // "" means the organization's
	TravelMode    travel.Mode `json:"travel_mode"`
	BufferMinutes int         `json:"buffer_minutes"`
	// Home is shown only to the person and to readers who see private items.
	Home Place `json:"home"`
	// Office is the person's location in the directory (read-only here).
	Office Place `json:"office"`
	// Hours are the working-hour spans; none stored means Monday to Friday
	// 09:00–17:00 from and to the office (DefaultHours), and HoursDefault
	// is then set.
	Hours        []DayHours `json:"hours"`
	HoursDefault bool       `json:"hours_default"`
}

// profile is what planning needs to know about a person, unmasked.
type profile struct {
	Settings
	Name  string
	loc   *time.Location // TimeZone, else the organization's zone
	org   *time.Location // the organization's zone
	hours weekHours
}

// loadProfiles returns the settings of each of ids, with defaults filled
// in, in one query.
//
// Errors: NotFound when one of ids is no person.
func loadProfiles(ctx context.Context, q db.Querier, ids []string) (map[string]*profile, error) {
	out := make(map[string]*profile, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ph, args := placeholders(ids, 1)
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(p.location_id, ''), COALESCE(l.name, ''), l.latitude, l.longitude,
		COALESCE(s.time_zone, ''), COALESCE(s.travel_mode, ''), COALESCE(s.buffer_minutes, 0), COALESCE(s.home_address, ''),
		s.home_latitude, s.home_longitude, COALESCE((SELECT time_zone FROM organization WHERE id = 1), ''),
		w.weekday, w.start_minute, w.end_minute, w.start_place, w.end_place
		FROM people p LEFT JOIN locations l ON l.id = p.location_id LEFT JOIN agenda_settings s ON s.person_id = p.id
		LEFT JOIN working_hours w ON w.person_id = p.id
		WHERE p.id IN (`+ph+`) ORDER BY p.id, w.weekday, w.start_minute`, args...)
	if err != nil {
		return nil, fmt.Errorf("load agenda settings: %w", err)
	}
	defer rows.Close()
	org := ""
	for rows.Next() {
		var p profile
		var olat, olon, hlat, hlon sql.NullFloat64
		var mode string
		var wd, start, end sql.NullInt64
		var sp, ep sql.NullString
		if err := rows.Scan(&p.PersonID, &p.Name, &p.Office.LocationID, &p.Office.Name, &olat, &olon,
			&p.TimeZone, &mode, &p.BufferMinutes, &p.Home.Name, &hlat, &hlon, &org,
			&wd, &start, &end, &sp, &ep); err != nil {
			return nil, fmt.Errorf("load agenda settings: %w", err)
		}
		cur := out[p.PersonID]
		if cur == nil {
			p.Office.Lat, p.Office.Lon = coords(olat, olon)
			p.Home.Lat, p.Home.Lon = coords(hlat, hlon)
			p.TravelMode = travel.Mode(mode)
			if !p.TravelMode.Valid() {
				p.TravelMode = travel.Car
			}
			cur = &p
			out[p.PersonID] = cur
		}
		if wd.Valid {
			cur.Hours = append(cur.Hours, DayHours{Weekday: time.Weekday(wd.Int64), Start: int(start.Int64), End: int(end.Int64),
				StartPlace: sp.String, EndPlace: ep.String})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load agenda settings: %w", err)
	}
	for _, id := range ids {
		if out[id] == nil {
			return nil, apperr.NotFoundf("person not found")
		}
	}
	if org == "" {
		org = "Europe/Amsterdam"
	}
	zones := map[string]*time.Location{}
	zone := func(name string) *time.Location {
		if zones[name] == nil {
			loc, err := loadZone(name)
			if err != nil {
				loc = time.UTC
			}
			zones[name] = loc
		}
		return zones[name]
	}
	for _, p := range out {
		if len(p.Hours) == 0 {
			p.Hours, p.HoursDefault = DefaultHours(), true
		}
		p.hours = indexHours(p.Hours)
		p.org = zone(org)
		p.loc = p.org
		if p.TimeZone != "" {
			p.loc = zone(p.TimeZone)
		}
	}
	return out, nil
}

func coords(lat, lon sql.NullFloat64) (*float64, *float64) {
	if !lat.Valid || !lon.Valid {
		return nil, nil
	}
	la, lo := lat.Float64, lon.Float64
	return &la, &lo
}

// Settings returns personID's agenda settings. Anyone logged in may read
// them (the slot finder needs working hours); the home address is empty for
// readers other than the person and those who see their private items.
//
// Errors: Forbidden when not logged in; NotFound when personID is no person.
func (s *Service) Settings(ctx context.Context, actor *authz.Actor, personID string) (Settings, error) {
	if actor == nil || actor.PersonID == "" {
		return Settings{}, apperr.Forbiddenf("log in to see agenda settings")
	}
	ps, err := loadProfiles(ctx, s.DB.R, []string{personID})
	if err != nil {
		return Settings{}, err
	}
	return maskSettings(ps[personID].Settings, AccessTo(actor, personID)), nil
}

func maskSettings(st Settings, acc Access) Settings {
	if !acc.SeePrivate {
		st.Home = Place{}
	}
	return st
}

// SaveSettings stores personID's agenda settings: time zone, travel mode,
// buffer, home and working hours (Office is the directory's and is ignored;
// empty Hours store the default hours). Only the person and an assistant with
// agenda.edit may; a change on someone's behalf is audited as such. An
// assistant who may not see private items cannot see the home address, so
// cannot change it either: it stays as it was.
//
// Errors: Forbidden without the right; NotFound when personID is no person;
// Invalid naming each bad field (time_zone, travel_mode, buffer_minutes,
// home.name, home.latitude, home.longitude, hours[i].…, hours).
func (s *Service) SaveSettings(ctx context.Context, actor *authz.Actor, personID string, in Settings) (Settings, error) {
	acc := AccessTo(actor, personID)
	if !acc.Edit {
		if actor == nil || actor.PersonID == "" {
			return Settings{}, apperr.Forbiddenf("log in to change agenda settings")
		}
		if err := s.checkPeople(ctx, s.DB.R, []string{personID}); err != nil {
			return Settings{}, err
		}
		return Settings{}, apperr.Forbiddenf("your mandate does not let you change this agenda")
	}
	in, err := checkSettings(in)
	if err != nil {
		return Settings{}, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := loadProfiles(ctx, tx, []string{personID})
		if err != nil {
			return err
		}
		before := cur[personID]
		if !acc.SeePrivate {
			in.Home = before.Home
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO agenda_settings (person_id, time_zone, travel_mode, buffer_minutes,
			home_address, home_latitude, home_longitude, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (person_id) DO UPDATE SET time_zone = excluded.time_zone, travel_mode = excluded.travel_mode,
			buffer_minutes = excluded.buffer_minutes, home_address = excluded.home_address,
			home_latitude = excluded.home_latitude, home_longitude = excluded.home_longitude, updated_at = excluded.updated_at`,
			personID, in.TimeZone, string(in.TravelMode), in.BufferMinutes, in.Home.Name,
			nullFloat(in.Home.Lat), nullFloat(in.Home.Lon), s.Clock.Now().UTC())
		if err != nil {
			return fmt.Errorf("save agenda settings: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM working_hours WHERE person_id = $1`, personID); err != nil {
			return fmt.Errorf("save working hours: %w", err)
		}
		for _, h := range in.Hours {
			if _, err := tx.ExecContext(ctx, `INSERT INTO working_hours (person_id, weekday, start_minute, end_minute, start_place, end_place)
				VALUES ($1, $2, $3, $4, $5, $6)`, personID, int(h.Weekday), h.Start, h.End, h.StartPlace, h.EndPlace); err != nil {
				return fmt.Errorf("save working hours: %w", err)
			}
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "agenda_settings", ObjectID: personID,
			OnBehalfOf: actor.OnBehalfOf(personID), Label: before.Name,
			Summary: fmt.Sprintf("update agenda settings of %s", before.Name),
			Before:  settingsAudit(before.Settings), After: settingsAudit(in),
		})
	})
	if err != nil {
		return Settings{}, err
	}
	return s.Settings(ctx, actor, personID)
}

// settingsAudit is what the audit log keeps of settings: never the home
// address itself, only whether there is one.
func settingsAudit(st Settings) map[string]any {
	return map[string]any{"time_zone": st.TimeZone, "travel_mode": st.TravelMode, "buffer_minutes": st.BufferMinutes,
		"has_home": st.Home.Name != "" || st.Home.HasCoordinates(), "hours": st.Hours}
}

// checkSettings validates in and fills defaults.
func checkSettings(in Settings) (Settings, error) {
	var f apperr.Fields
	in.TimeZone = strings.TrimSpace(in.TimeZone)
	if in.TimeZone != "" {
		if _, err := loadZone(in.TimeZone); err != nil {
			f.Add("time_zone", fmt.Sprintf("unknown time zone %q: use a name such as Europe/Amsterdam", in.TimeZone))
		}
	}
	if in.TravelMode == "" {
		in.TravelMode = travel.Car
	} else if !in.TravelMode.Valid() {
		f.Add("travel_mode", "choose car, public_transport, bike or walking")
	}
	if in.BufferMinutes < 0 || in.BufferMinutes > MaxBufferMinutes {
		f.Add("buffer_minutes", fmt.Sprintf("a buffer is 0 to %d minutes", MaxBufferMinutes))
	}
	in.Home.LocationID = ""
	in.Home.Name = strings.TrimSpace(in.Home.Name)
	if utf8.RuneCountInString(in.Home.Name) > MaxHomeAddress {
		f.Add("home.name", fmt.Sprintf("use at most %d characters", MaxHomeAddress))
	}
	if (in.Home.Lat == nil) != (in.Home.Lon == nil) {
		f.Add("home.latitude", "give both latitude and longitude, or neither")
	}
	if in.Home.Lat != nil && !(*in.Home.Lat >= -90 && *in.Home.Lat <= 90) {
		f.Add("home.latitude", "a latitude lies between -90 and 90")
	}
	if in.Home.Lon != nil && !(*in.Home.Lon >= -180 && *in.Home.Lon <= 180) {
		f.Add("home.longitude", "a longitude lies between -180 and 180")
	}
	in.Hours = checkHours(in.Hours, &f)
	return in, f.Err()
}
