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
)

// Limits of an absence.
const (
	MaxAbsence     = 366 * 24 * time.Hour
	MaxAbsenceNote = 2000
)

// AbsenceInput is what a person fills in for an absence.
type AbsenceInput struct {
	Kind  string    `json:"kind"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Note  string    `json:"note"`
}

func (in AbsenceInput) check() (AbsenceInput, error) {
	var f apperr.Fields
	switch in.Kind {
	case Leave, Sick, OutOfOffice:
	default:
		f.Add("kind", "choose leave, sick or out_of_office")
	}
	in.Start, in.End = in.Start.Truncate(time.Second).UTC(), in.End.Truncate(time.Second).UTC()
	switch {
	case in.Start.IsZero():
		f.Add("start", "give a start time")
	case in.End.IsZero():
		f.Add("end", "give an end time")
	case !in.End.After(in.Start):
		f.Add("end", "the end must be after the start")
	case in.End.Sub(in.Start) > MaxAbsence:
		f.Add("end", "an absence can last at most a year; enter a longer one in parts")
	}
	in.Note = strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Note) > MaxAbsenceNote {
		f.Add("note", fmt.Sprintf("use at most %d characters", MaxAbsenceNote))
	}
	return in, f.Err()
}

// absencesOf returns, unmasked and sorted by start, the absences of each of
// ids that overlap [from, to).
func absencesOf(ctx context.Context, q db.Querier, ids []string, from, to time.Time) (map[string][]Absence, error) {
	out := map[string][]Absence{}
	if len(ids) == 0 {
		return out, nil
	}
	ph, args := placeholders(ids, 3)
	rows, err := q.QueryContext(ctx, `SELECT id, person_id, kind, start_at, end_at, note FROM absences
		WHERE start_at < $2 AND end_at > $1 AND person_id IN (`+ph+`) ORDER BY start_at, end_at, id`,
		append([]any{from.UTC(), to.UTC()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list absences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ab Absence
		if err := rows.Scan(&ab.ID, &ab.PersonID, &ab.Kind, &ab.Start, &ab.End, &ab.Note); err != nil {
			return nil, fmt.Errorf("list absences: %w", err)
		}
		ab.Start, ab.End = ab.Start.UTC(), ab.End.UTC()
		out[ab.PersonID] = append(out[ab.PersonID], ab)
	}
	return out, rows.Err()
}

// ListAbsences returns personID's absences overlapping [from, to), sorted by
// start. Anyone logged in may list them; the kind and the note are only shown
// to the person and to those who see their private items — others see
// "absent" (the reason of an absence, such as sickness, is personal data).
//
// Errors: Forbidden when not logged in; Invalid for a bad period; NotFound
// when personID is no person.
func (s *Service) ListAbsences(ctx context.Context, actor *authz.Actor, personID string, from, to time.Time) ([]Absence, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.Forbiddenf("log in to see absences")
	}
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	if err := s.checkPeople(ctx, s.DB.R, []string{personID}); err != nil {
		return nil, err
	}
	m, err := absencesOf(ctx, s.DB.R, []string{personID}, from, to)
	if err != nil {
		return nil, err
	}
	acc := AccessTo(actor, personID)
	out := make([]Absence, 0, len(m[personID]))
	for _, ab := range m[personID] {
		out = append(out, maskAbsence(ab, acc))
	}
	return out, nil
}

// CreateAbsence records an absence for personID. Only the person and an
// assistant with agenda.edit may; a change on someone's behalf is audited as
// such (with the times, never the kind or note).
//
// Errors: Forbidden without the right; NotFound when personID is no person;
// Invalid naming each bad field (kind, start, end, note).
func (s *Service) CreateAbsence(ctx context.Context, actor *authz.Actor, personID string, in AbsenceInput) (Absence, error) {
	if err := s.mayEditAbsences(ctx, actor, personID); err != nil {
		return Absence{}, err
	}
	in, err := in.check()
	if err != nil {
		return Absence{}, err
	}
	ab := Absence{ID: newID(), PersonID: personID, Kind: in.Kind, Start: in.Start, End: in.End, Note: in.Note}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		now := s.Clock.Now().UTC()
		if _, err := tx.ExecContext(ctx, `INSERT INTO absences (id, person_id, kind, start_at, end_at, note, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, ab.ID, personID, ab.Kind, ab.Start, ab.End, ab.Note, actor.PersonID, now); err != nil {
			return fmt.Errorf("insert absence: %w", err)
		}
		return s.auditAbsence(ctx, tx, actor, "create", ab, nil, &ab)
	})
	return ab, err
}

// UpdateAbsence changes an absence; the rules are those of CreateAbsence.
//
// Errors: NotFound when it does not exist; Forbidden without the right;
// Invalid naming each bad field.
func (s *Service) UpdateAbsence(ctx context.Context, actor *authz.Actor, id string, in AbsenceInput) (Absence, error) {
	in, err := in.check()
	if err != nil {
		return Absence{}, err
	}
	var out Absence
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.editableAbsence(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		out = Absence{ID: id, PersonID: cur.PersonID, Kind: in.Kind, Start: in.Start, End: in.End, Note: in.Note}
		if _, err := tx.ExecContext(ctx, `UPDATE absences SET kind = $2, start_at = $3, end_at = $4, note = $5, updated_at = $6 WHERE id = $1`,
			id, out.Kind, out.Start, out.End, out.Note, s.Clock.Now().UTC()); err != nil {
			return fmt.Errorf("update absence: %w", err)
		}
		return s.auditAbsence(ctx, tx, actor, "update", out, &cur, &out)
	})
	return out, err
}

// DeleteAbsence removes an absence; the rules are those of CreateAbsence.
//
// Errors: NotFound when it does not exist; Forbidden without the right.
func (s *Service) DeleteAbsence(ctx context.Context, actor *authz.Actor, id string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.editableAbsence(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM absences WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete absence: %w", err)
		}
		return s.auditAbsence(ctx, tx, actor, "delete", cur, &cur, nil)
	})
}

func (s *Service) mayEditAbsences(ctx context.Context, actor *authz.Actor, personID string) error {
	if actor == nil || actor.PersonID == "" {
		return apperr.Forbiddenf("log in to record absences")
	}
	if err := s.checkPeople(ctx, s.DB.R, []string{personID}); err != nil {
		return err
	}
	if !AccessTo(actor, personID).Edit {
		return apperr.Forbiddenf("your mandate does not let you change this agenda")
	}
	return nil
}

func (s *Service) editableAbsence(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id string) (Absence, error) {
	var ab Absence
	err := tx.QueryRowContext(ctx, `SELECT id, person_id, kind, start_at, end_at, note FROM absences WHERE id = $1`, id).
		Scan(&ab.ID, &ab.PersonID, &ab.Kind, &ab.Start, &ab.End, &ab.Note)
	if err != nil {
		return ab, notFoundIfNoRows(err, "absence")
	}
	if actor == nil || actor.PersonID == "" {
		return ab, apperr.NotFoundf("absence not found")
	}
	if !AccessTo(actor, ab.PersonID).Edit {
		return ab, apperr.Forbiddenf("your mandate does not let you change this agenda")
	}
	ab.Start, ab.End = ab.Start.UTC(), ab.End.UTC()
	return ab, nil
}

// auditAbsence records a change to an absence: its times only, so the log
// does not tell who was ill.
func (s *Service) auditAbsence(ctx context.Context, tx *sql.Tx, actor *authz.Actor, action string, ab Absence, before, after *Absence) error {
	label := "absence " + ab.Start.Format("2006-01-02 15:04") + " UTC"
	view := func(a *Absence) any {
		if a == nil {
			return nil
		}
		return map[string]any{"start": a.Start, "end": a.End}
	}
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: action, ObjectType: "absence", ObjectID: ab.ID,
		OnBehalfOf: actor.OnBehalfOf(ab.PersonID), Label: label,
		Summary: fmt.Sprintf("%s %s", action, label), Before: view(before), After: view(after),
	})
}
