// Package rooms is spil's room and resource booking: rooms with their rules
// (capacity, equipment, who may book, approval, maximum duration), bookings
// that can never overlap, the room calendar, and check-in with release of
// bookings nobody shows up for.
package rooms

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/org"
)

// Service is the rooms module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
	Jobs  *jobs.Queue
	// Mail tells organizers that a booking was released; nil sends nothing.
	Mail mail.Sender
	// Texts words the mail in the organizer's language; nil means English
	// texts built in.
	Texts *i18n.Catalog
	// BaseURL is where spil is reached, for links in mail ("https://spil.example.org").
	BaseURL string
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func (s *Service) now() time.Time { return s.Clock.Now().UTC() }

// Zone returns the organization's time zone, in which bookable hours and
// the week calendar are read.
func (s *Service) Zone(ctx context.Context) *time.Location { return org.Zone(ctx, s.DB.R) }

// lockRoom serializes bookings of one room inside tx, so two requests can
// never both find a slot free and both book it. SQLite runs one write
// transaction at a time already (one writer connection, BEGIN IMMEDIATE);
// PostgreSQL locks the room's row until tx ends, which holds across
// processes sharing the database. It returns the room; NotFound when there
// is no such room.
func (s *Service) lockRoom(ctx context.Context, tx *sql.Tx, roomID string) (Room, error) {
	q := roomSelect + ` WHERE r.id = $1`
	if s.DB.Dialect == db.Postgres {
		q += ` FOR UPDATE OF r`
	}
	r, err := scanRoom(tx.QueryRowContext(ctx, q, roomID))
	if errors.Is(err, sql.ErrNoRows) {
		return Room{}, apperr.NotFoundf("room not found")
	}
	if err != nil {
		return Room{}, fmt.Errorf("lock room: %w", err)
	}
	return r, nil
}

// defaultCheckIn returns the organization's check-in window in minutes.
func defaultCheckIn(ctx context.Context, q db.Querier) int {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT checkin_minutes FROM room_settings WHERE id = 1`).Scan(&n); err != nil || n <= 0 {
		return 15
	}
	return n
}
