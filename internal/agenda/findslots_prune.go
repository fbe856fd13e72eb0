package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spil/internal/db"
)

// busyCacheKeep is how long a watermark waits before PruneBusyCache raises
// the floor to it: cached months built since are kept.
const busyCacheKeep = 10 * time.Minute

// PruneBusyCache deletes the changes and cached months the busy cache no
// longer needs and returns how many rows it deleted. It raises the floor
// (agenda_cache_floor) to the watermark recorded by an earlier run at least
// busyCacheKeep ago, records a new one (the highest horizon a month built
// now could have), and deletes changes with an xid below the floor and
// months with a horizon below it. Months below the floor are never used or
// stored, and changes at or past it are never deleted, so every month in
// use keeps all the changes that would make it invalid, whatever the floor,
// the order of events or the number of processes running this. The floor
// never goes down. Meant to run every quarter of an hour; errors are the
// database's.
func (s *Service) PruneBusyCache(ctx context.Context) (int64, error) {
	raise := `MAX(floor, next_floor), next_floor = MAX(next_floor, ` + latestHorizon(s.DB.Dialect) + `)`
	if s.DB.Dialect == db.Postgres {
		raise = `GREATEST(floor, next_floor), next_floor = GREATEST(next_floor, ` + latestHorizon(s.DB.Dialect) + `)`
	}
	now := s.Clock.Now()
	var n int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_cache_floor SET floor = `+raise+`, next_at = $1
			WHERE id = 1 AND next_at <= $2`, now.Unix(), now.Add(-busyCacheKeep).Unix()); err != nil {
			return fmt.Errorf("raise busy cache floor: %w", err)
		}
		// The newest change stays: SQLite numbers the next one from it.
		res, err := tx.ExecContext(ctx, `DELETE FROM agenda_changes
			WHERE xid < (SELECT floor FROM agenda_cache_floor WHERE id = 1)
			AND xid < (SELECT MAX(xid) FROM agenda_changes)`)
		if err != nil {
			return fmt.Errorf("prune agenda changes: %w", err)
		}
		changes, _ := res.RowsAffected()
		res, err = tx.ExecContext(ctx, `DELETE FROM agenda_busy_cache
			WHERE horizon < (SELECT floor FROM agenda_cache_floor WHERE id = 1)`)
		if err != nil {
			return fmt.Errorf("prune busy cache: %w", err)
		}
		months, _ := res.RowsAffected()
		n = changes + months
		return nil
	})
	return n, err
}
