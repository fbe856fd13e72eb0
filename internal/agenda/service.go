package agenda

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/travel"
)

// Service is the agenda module.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
	// Travel answers travel times; nil means travel.Formula with the
	// organization's overrides (see Estimator).
	Travel travel.Estimator
	// Resolver resolves the reader of a subscription feed with their
	// current roles and mandates.
	Resolver *authz.Resolver
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// orgZone returns the organization's time zone name.
func orgZone(ctx context.Context, q db.Querier) string {
	var z string
	if err := q.QueryRowContext(ctx, `SELECT time_zone FROM organization WHERE id = 1`).Scan(&z); err != nil || z == "" {
		return "Europe/Amsterdam"
	}
	return z
}

// lockAgenda serializes writes to one agenda, so two requests cannot both
// pass the P1 check and overbook. SQLite runs one write transaction at a time
// already; PostgreSQL locks the owner's row.
func (s *Service) lockAgenda(ctx context.Context, tx *sql.Tx, ownerID string) error {
	q := `SELECT id FROM people WHERE id = $1`
	if s.DB.Dialect == db.Postgres {
		q += ` FOR UPDATE`
	}
	var id string
	if err := tx.QueryRowContext(ctx, q, ownerID).Scan(&id); err != nil {
		return notFoundIfNoRows(err, "person")
	}
	return nil
}

// prepare validates in for ownerID's agenda inside tx: fields, the location,
// the attendees (colleagues must exist; their name and e-mail are taken from
// the directory).
func (s *Service) prepare(ctx context.Context, tx *sql.Tx, in Input) (Input, error) {
	in, _, err := normalize(in, orgZone(ctx, tx))
	f := apperr.Fields(apperr.FieldsOf(err))
	if err != nil && len(f) == 0 {
		return in, err
	}
	if in.Place.LocationID != "" {
		var name string
		var lat, lon sql.NullFloat64
		err := tx.QueryRowContext(ctx, `SELECT name, latitude, longitude FROM locations WHERE id = $1`, in.Place.LocationID).Scan(&name, &lat, &lon)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			f.Add("place.location_id", "choose one of the organization's locations")
		case err != nil:
			return in, fmt.Errorf("load location: %w", err)
		default:
			in.Place.Name = name
			in.Place.Lat, in.Place.Lon = nil, nil
			if lat.Valid && lon.Valid {
				la, lo := lat.Float64, lon.Float64
				in.Place.Lat, in.Place.Lon = &la, &lo
			}
		}
	}
	for i := range in.Attendees {
		at := &in.Attendees[i]
		if at.PersonID == "" {
			continue
		}
		err := tx.QueryRowContext(ctx, `SELECT name, email FROM people WHERE id = $1`, at.PersonID).Scan(&at.Name, &at.Email)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			f.Add(fmt.Sprintf("attendees[%d].person_id", i), "no such colleague")
		case err != nil:
			return in, fmt.Errorf("load attendee: %w", err)
		}
	}
	if len(f) > 0 {
		return in, apperr.Fields(f).Err()
	}
	return in, nil
}

// seriesUntil returns the end of the last instance of a finite series, nil
// for an endless one or a single item.
func seriesUntil(ap Appointment) *time.Time {
	if !ap.Recurring() {
		return nil
	}
	set, dur := recurrenceSet(ap)
	if len(set.Rules) > 0 {
		r := set.Rules[0]
		if r.Count == 0 && r.Until == nil {
			return nil
		}
	}
	// A finite series: its last instance, looking far enough ahead.
	starts := set.Between(ap.Start, ap.Start.AddDate(200, 0, 0), 0)
	if len(starts) == 0 {
		t := ap.End
		return &t
	}
	t := starts[len(starts)-1].Add(dur).UTC()
	if ap.AllDay {
		t = t.Add(2 * time.Hour) // covers a DST change inside the last day
	}
	return &t
}

// Create adds an appointment to ownerID's agenda.
//
// The actor must be the owner or hold agenda.edit for them. A busy item
// (not cancelled, not all-day) may not overlap a P1 item, and a P1 item may
// not overlap another: both give a Conflict error naming the time (and the
// title when the actor may see it). Overlaps with other priorities are
// allowed; Conflicts reports them with proposals.
//
// Errors: NotFound when the owner does not exist or the actor may not even
// see their agenda; Forbidden without the edit right; Invalid naming each bad
// field; Conflict for a P1 clash.
func (s *Service) Create(ctx context.Context, actor *authz.Actor, ownerID string, in Input) (Appointment, error) {
	acc := AccessTo(actor, ownerID)
	if !acc.Edit {
		return Appointment{}, denied(acc)
	}
	var out Appointment
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockAgenda(ctx, tx, ownerID); err != nil {
			return err
		}
		in, err := s.prepare(ctx, tx, in)
		if err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		ap := Appointment{ID: newID(), OwnerID: ownerID, UID: in.UID, Input: in, CreatedBy: actor.PersonID, CreatedAt: now, UpdatedAt: now}
		if ap.UID == "" {
			ap.UID = ap.ID + "@spil"
		}
		if err := s.checkP1(ctx, tx, actor, ap, nil); err != nil {
			return err
		}
		if err := insertAppointment(ctx, tx, row{ID: ap.ID, OwnerID: ownerID, UID: ap.UID, In: in, SeriesUntil: seriesUntil(ap), CreatedBy: actor.PersonID, Now: now}); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "create", ap, nil, &ap); err != nil {
			return err
		}
		out, err = getAppointment(ctx, tx, ap.ID)
		return err
	})
	return out, err
}

// denied is the error for an actor without the edit right: NotFound when
// they cannot see the agenda at all, else Forbidden.
func denied(acc Access) error {
	if !acc.See {
		return apperr.NotFoundf("agenda not found")
	}
	return apperr.Forbiddenf("your mandate does not let you change this agenda")
}

// audit records a change to ap, on the owner's behalf when the actor is
// someone else. Titles of private and confidential items stay out of the
// log's label and summary; the before/after only hold times and priority.
func (s *Service) audit(ctx context.Context, tx *sql.Tx, actor *authz.Actor, action string, ap Appointment, before, after *Appointment) error {
	label := ap.Title
	if ap.Visibility != Normal {
		label = ap.Start.Format("2006-01-02 15:04") + " UTC"
	}
	c := audit.Change{
		Action: action, ObjectType: "appointment", ObjectID: ap.ID,
		OnBehalfOf: actor.OnBehalfOf(ap.OwnerID),
		Label:      label,
		Summary:    fmt.Sprintf("%s appointment %q", action, label),
	}
	if before != nil {
		c.Before = auditView(*before)
	}
	if after != nil {
		c.After = auditView(*after)
	}
	return audit.Record(ctx, tx, s.Clock, actor, c)
}

func auditView(ap Appointment) map[string]any {
	m := map[string]any{"start": ap.Start.UTC(), "end": ap.End.UTC(), "priority": ap.Priority, "status": ap.Status, "visibility": ap.Visibility}
	if ap.Visibility == Normal {
		m["title"] = ap.Title
	}
	if ap.RRule != "" {
		m["rrule"] = ap.RRule
	}
	return m
}
