package org

import (
	"context"
	"time"

	"spil/internal/db"
)

// Zone returns the organization's time zone, the one dates and office hours
// are meant in. It falls back to DefaultTimeZone when spil is not set up
// yet or the zone cannot be read, and to UTC only when even that zone is
// unknown to the system.
func Zone(ctx context.Context, q db.Querier) *time.Location {
	name := DefaultTimeZone
	var z string
	if err := q.QueryRowContext(ctx, `SELECT time_zone FROM organization WHERE id = 1`).Scan(&z); err == nil && z != "" {
		name = z
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}
