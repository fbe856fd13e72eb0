// Package rooms is spil's room and resource booking: rooms with their rules
// (capacity, equipment, who may book, approval, maximum duration), bookings
// that can never overlap, the room calendar, and check-in with release of
// bookings nobody shows up for.
package rooms

import (
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/jobs"
)

// Service is the rooms module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
	Jobs  *jobs.Queue
}
