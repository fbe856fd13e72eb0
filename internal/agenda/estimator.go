package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spil/internal/db"
	"spil/internal/travel"
)

// Estimator returns the travel-time estimator planning uses: s.Travel when
// set, else travel.Formula with the organization's known travel times
// (travel_overrides) in front of it. Overrides match places by location ID,
// so they apply to appointments at, and offices in, those locations.
//
// Errors: only database errors.
func (s *Service) Estimator(ctx context.Context) (travel.Estimator, error) {
	return s.estimator(ctx, s.DB.R)
}

func (s *Service) estimator(ctx context.Context, q db.Querier) (travel.Estimator, error) {
	if s.Travel != nil {
		return s.Travel, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT o.from_location_id, f.latitude, f.longitude, o.to_location_id, t.latitude, t.longitude,
		o.mode, o.minutes, o.one_way, o.note
		FROM travel_overrides o JOIN locations f ON f.id = o.from_location_id JOIN locations t ON t.id = o.to_location_id`)
	if err != nil {
		return nil, fmt.Errorf("load travel overrides: %w", err)
	}
	defer rows.Close()
	var list []travel.Override
	for rows.Next() {
		var o travel.Override
		var flat, flon, tlat, tlon sql.NullFloat64
		var mode string
		var minutes int
		if err := rows.Scan(&o.From.ID, &flat, &flon, &o.To.ID, &tlat, &tlon, &mode, &minutes, &o.OneWay, &o.Note); err != nil {
			return nil, fmt.Errorf("load travel overrides: %w", err)
		}
		// Matching is by location ID; the coordinates only keep the
		// override valid (a location without them sits at 0, 0).
		o.From.Lat, o.From.Lon, o.To.Lat, o.To.Lon = flat.Float64, flon.Float64, tlat.Float64, tlon.Float64
		o.Mode, o.Duration = travel.Mode(mode), time.Duration(minutes)*time.Minute
		if !o.Mode.Valid() || o.Duration <= 0 {
			continue
		}
		list = append(list, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load travel overrides: %w", err)
	}
	ov, err := travel.NewOverrides(list)
	if err != nil {
		return nil, fmt.Errorf("travel overrides: %w", err)
	}
	return travel.WithOverrides(travel.Formula{}, ov), nil
}
