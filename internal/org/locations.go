package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

const locationSelect = `SELECT id, name, address, postcode, city, country, latitude, longitude, created_at, updated_at FROM locations`

func scanLocation(sc interface{ Scan(...any) error }) (Location, error) {
	var l Location
	var lat, lon sql.NullFloat64
	err := sc.Scan(&l.ID, &l.Name, &l.Address, &l.Postcode, &l.City, &l.Country, &lat, &lon, &l.CreatedAt, &l.UpdatedAt)
	if lat.Valid {
		l.Latitude = &lat.Float64
	}
	if lon.Valid {
		l.Longitude = &lon.Float64
	}
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return l, err
}

var errLocationNotFound = apperr.NotFoundf("location not found")

func getLocation(ctx context.Context, q db.Querier, id string) (Location, error) {
	l, err := scanLocation(q.QueryRowContext(ctx, locationSelect+" WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Location{}, errLocationNotFound
	}
	if err != nil {
		return Location{}, fmt.Errorf("read location: %w", err)
	}
	return l, nil
}

// Locations returns every location ordered by name. It returns a Forbidden
// error unless the actor holds authz.PeopleRead.
func (s *Service) Locations(ctx context.Context, actor *authz.Actor) ([]Location, error) {
	if !actor.Can(authz.PeopleRead) {
		return nil, apperr.Forbiddenf("you may not see the locations")
	}
	rows, err := s.DB.R.QueryContext(ctx, locationSelect+" ORDER BY lower(name), name, id")
	if err != nil {
		return nil, fmt.Errorf("list locations: %w", err)
	}
	defer rows.Close()
	out := []Location{}
	for rows.Next() {
		l, err := scanLocation(rows)
		if err != nil {
			return nil, fmt.Errorf("list locations: %w", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list locations: %w", err)
	}
	return out, nil
}

// Location returns one location. It returns a Forbidden error unless the
// actor holds authz.PeopleRead, and a NotFound error for an unknown id.
func (s *Service) Location(ctx context.Context, actor *authz.Actor, id string) (Location, error) {
	if !actor.Can(authz.PeopleRead) {
		return Location{}, apperr.Forbiddenf("you may not see the locations")
	}
	return getLocation(ctx, s.DB.R, id)
}

var (
	countryRe     = regexp.MustCompile(`^[A-Z]{2}$`)
	dutchPostcode = regexp.MustCompile(`^([1-9][0-9]{3})\s*([A-Z]{2})$`)
)

// cleanLocation trims and normalizes in: country upper-cased ("NL" when
// empty), a Dutch postcode written "1234 AB". It collects messages for name,
// address, postcode, city, country, latitude and longitude (each between its
// bounds, and both or neither).
func cleanLocation(in LocationInput) (LocationInput, apperr.Fields) {
	var f apperr.Fields
	in.Name = strings.TrimSpace(in.Name)
	if m := checkText(in.Name, true, maxNameLen); m != "" {
		f.Add("name", m)
	}
	in.Address = strings.TrimSpace(in.Address)
	if m := checkText(in.Address, false, maxTextLen); m != "" {
		f.Add("address", m)
	}
	in.City = strings.TrimSpace(in.City)
	if m := checkText(in.City, false, maxTextLen); m != "" {
		f.Add("city", m)
	}
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	if in.Country == "" {
		in.Country = "NL"
	}
	if !countryRe.MatchString(in.Country) {
		f.Add("country", "use a two-letter country code such as NL")
	}
	in.Postcode = strings.ToUpper(strings.TrimSpace(in.Postcode))
	if in.Country == "NL" && in.Postcode != "" {
		if m := dutchPostcode.FindStringSubmatch(in.Postcode); m != nil {
			in.Postcode = m[1] + " " + m[2]
		} else {
			f.Add("postcode", "use the form 1234 AB")
		}
	} else if m := checkText(in.Postcode, false, 20); m != "" {
		f.Add("postcode", m)
	}
	checkCoord := func(field string, v *float64, limit float64) {
		if v != nil && (math.IsNaN(*v) || *v < -limit || *v > limit) {
			f.Add(field, fmt.Sprintf("must be between -%g and %g", limit, limit))
		}
	}
	checkCoord("latitude", in.Latitude, 90)
	checkCoord("longitude", in.Longitude, 180)
	switch {
	case in.Latitude != nil && in.Longitude == nil:
		f.Add("longitude", "give both latitude and longitude, or neither")
	case in.Latitude == nil && in.Longitude != nil:
		f.Add("latitude", "give both latitude and longitude, or neither")
	}
	return in, f
}

// checkLocationName adds "already in use" when another location (regardless
// of case) has in's name.
func checkLocationName(ctx context.Context, q db.Querier, name, selfID string, f *apperr.Fields) error {
	if name == "" {
		return nil
	}
	var other string
	err := q.QueryRowContext(ctx, `SELECT id FROM locations WHERE lower(name) = lower($1)`, name).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("check location name: %w", err)
	case other != selfID:
		f.Add("name", msgInUse)
	}
	return nil
}

func coord(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// CreateLocation adds a location.
//
// It returns a Forbidden error unless the actor holds authz.LocationsManage,
// and an Invalid error with messages as described at cleanLocation, and
// "already in use" for name.
func (s *Service) CreateLocation(ctx context.Context, actor *authz.Actor, in LocationInput) (Location, error) {
	if !actor.Can(authz.LocationsManage) {
		return Location{}, apperr.Forbiddenf("you may not change locations")
	}
	in, f := cleanLocation(in)
	now := s.Clock.Now().UTC()
	id := uuid.Must(uuid.NewV7()).String()
	var l Location
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkLocationName(ctx, tx, in.Name, "", &f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO locations (id, name, address, postcode, city, country, latitude, longitude, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
			id, in.Name, in.Address, in.Postcode, in.City, in.Country, coord(in.Latitude), coord(in.Longitude), now)
		if err != nil {
			return nameTaken(fmt.Errorf("insert location: %w", err))
		}
		if l, err = getLocation(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "create", ObjectType: "location", ObjectID: id, Label: l.Name,
			Summary: "created location " + l.Name, After: l})
	})
	if err != nil {
		return Location{}, err
	}
	return l, nil
}

// UpdateLocation replaces location id's fields with in.
//
// It returns a Forbidden error unless the actor holds authz.LocationsManage,
// a NotFound error for an unknown id, and an Invalid error as CreateLocation.
func (s *Service) UpdateLocation(ctx context.Context, actor *authz.Actor, id string, in LocationInput) (Location, error) {
	if !actor.Can(authz.LocationsManage) {
		return Location{}, apperr.Forbiddenf("you may not change locations")
	}
	in, f := cleanLocation(in)
	now := s.Clock.Now().UTC()
	var after Location
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getLocation(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkLocationName(ctx, tx, in.Name, id, &f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE locations SET name = $1, address = $2, postcode = $3, city = $4, country = $5,
				latitude = $6, longitude = $7, updated_at = $8 WHERE id = $9`,
			in.Name, in.Address, in.Postcode, in.City, in.Country, coord(in.Latitude), coord(in.Longitude), now, id)
		if err != nil {
			return nameTaken(fmt.Errorf("update location: %w", err))
		}
		if after, err = getLocation(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "location", ObjectID: id, Label: after.Name,
			Summary: "changed location " + after.Name, Before: before, After: after})
	})
	if err != nil {
		return Location{}, err
	}
	return after, nil
}

// DeleteLocation removes location id; people who worked there keep working
// without a location.
//
// It returns a Forbidden error unless the actor holds authz.LocationsManage,
// and a NotFound error for an unknown id.
func (s *Service) DeleteLocation(ctx context.Context, actor *authz.Actor, id string) error {
	if !actor.Can(authz.LocationsManage) {
		return apperr.Forbiddenf("you may not change locations")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getLocation(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM locations WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete location: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "delete", ObjectType: "location", ObjectID: id, Label: before.Name,
			Summary: "deleted location " + before.Name, Before: before})
	})
}
