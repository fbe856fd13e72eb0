// Package minutes records what a meeting decided: notes per agenda item,
// decisions and action items; approval sends the minutes to the attendees and
// closes them. Action items are followed up across meetings with reminders.
//
// Every method takes the acting person (authz.Actor) and enforces the rules
// itself: who may read or write minutes follows the meeting (meetings.Get,
// meetings.CanEdit); approving is for the organizer or an assistant acting
// for them with agenda.edit. Every change is audited in its transaction.
package minutes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	"spil/internal/org"
)

// Service is the minutes and action-items module.
type Service struct {
	DB       *db.DB
	Clock    clock.Clock
	Jobs     *jobs.Queue
	Meetings *meetings.Service
	Mail     mail.Sender
	Texts    *i18n.Catalog
	BaseURL  string // for links in mail, without trailing slash

	zones sync.Map // time zone name → *time.Location, loaded once
	stmts sync.Map // stmtKey → *sql.Stmt: the reminder's hot statements, prepared once
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

// prepared returns query prepared on pool, once per Service: reminders run
// by the thousand, and parsing their statements each time is most of their
// cost on SQLite.
func (s *Service) prepared(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	k := stmtKey{pool, query}
	if st, ok := s.stmts.Load(k); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(k, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func (s *Service) now() time.Time { return s.Clock.Now().UTC().Truncate(time.Microsecond) }

// org returns the organization's language and time zone.
func (s *Service) org(ctx context.Context, q db.Querier) (lang string, loc *time.Location) {
	var l, z string
	_ = q.QueryRowContext(ctx, `SELECT language, time_zone FROM organization WHERE id = 1`).Scan(&l, &z)
	return s.langZone(l, z)
}

// langZone returns the organization's language ("nl" when unset) and the
// location of zone z (Europe/Amsterdam when unset or unknown); locations
// are loaded once.
func (s *Service) langZone(l, z string) (string, *time.Location) {
	if l == "" {
		l = "nl"
	}
	if z == "" {
		z = org.DefaultTimeZone
	}
	if loc, ok := s.zones.Load(z); ok {
		return l, loc.(*time.Location)
	}
	loc, err := time.LoadLocation(z)
	if err != nil {
		loc, err = time.LoadLocation(org.DefaultTimeZone)
		if err != nil {
			loc = time.UTC
		}
	}
	s.zones.Store(z, loc)
	return l, loc
}

// today is the current date in the organization's zone.
func (s *Service) today(ctx context.Context) string {
	_, loc := s.org(ctx, s.DB.R)
	return s.Clock.Now().In(loc).Format(time.DateOnly)
}

func notFoundIfNoRows(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf("%s not found", what)
	}
	return fmt.Errorf("load %s: %w", what, err)
}

// MinutesURL is the link to a meeting's minutes, for mail.
func (s *Service) MinutesURL(meetingID string) string {
	return s.BaseURL + "/meetings/" + meetingID + "/minutes"
}
