package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// Edit says which part of a recurring series a change applies to. For a
// single item it is ignored.
type Edit struct {
	// Range is ThisOccurrence, ThisAndFollowing or AllOccurrences; ""
	// means AllOccurrences.
	Range string `json:"range,omitempty"`
	// OccurrenceStart is the original start of the occurrence changed
	// (Occurrence.OccurrenceStart); required for ThisOccurrence and
	// ThisAndFollowing on a series master.
	OccurrenceStart *time.Time `json:"occurrence_start,omitempty"`
}

func (e Edit) check() error {
	switch e.Range {
	case "", AllOccurrences, ThisOccurrence, ThisAndFollowing:
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Message: "invalid edit range",
		Fields: map[string]string{"range": "choose this, following or all"}}
}

// editable loads the appointment id for a change by actor, inside tx.
//
// Errors: NotFound when it does not exist or actor cannot see the agenda;
// Forbidden without the edit right or when the item is hidden from actor.
func (s *Service) editable(ctx context.Context, tx *sql.Tx, actor *authz.Actor, id string) (Appointment, error) {
	cur, err := getAppointment(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	acc := AccessTo(actor, cur.OwnerID)
	if !acc.Edit {
		if !acc.See {
			return cur, apperr.NotFoundf("appointment not found")
		}
		return cur, apperr.Forbiddenf("your mandate does not let you change this agenda")
	}
	if !acc.SeesItem(cur.Visibility) {
		return cur, apperr.Forbiddenf("your mandate does not let you see this item")
	}
	return cur, s.lockAgenda(ctx, tx, cur.OwnerID)
}

// Update changes the appointment id. On a series master, e says whether the
// change applies to one occurrence (stored as a changed occurrence), to it
// and all later ones (the series is split in two at that occurrence) or to
// the whole series. Changing the whole series from one of its occurrences
// moves every instance by the same wall-clock shift; when the series' time
// changes, changed occurrences are dropped and excluded dates move along.
// in replaces every field; nil ExDates on a series keep the current ones.
//
// Errors as Create; besides, Invalid "occurrence_start" when it is missing
// or no instance of the series.
func (s *Service) Update(ctx context.Context, actor *authz.Actor, id string, e Edit, in Input) (Appointment, error) {
	if err := e.check(); err != nil {
		return Appointment{}, err
	}
	var out Appointment
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.editable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		in.UID, in.Source = cur.UID, cur.Source
		in, err = s.prepare(ctx, tx, in)
		if err != nil {
			return err
		}
		var resultID string
		switch {
		case cur.SeriesID != "" && (e.Range == ThisOccurrence || e.Range == ""):
			in.RRule, in.RDates, in.ExDates = "", nil, nil
			resultID, err = s.replace(ctx, tx, actor, cur, in)
		case cur.SeriesID != "":
			master, err2 := getAppointment(ctx, tx, cur.SeriesID)
			if err2 != nil {
				return err2
			}
			occ := *cur.RecurrenceID
			resultID, err = s.updateSeries(ctx, tx, actor, master, Edit{Range: e.Range, OccurrenceStart: &occ}, in)
		case cur.Recurring():
			resultID, err = s.updateSeries(ctx, tx, actor, cur, e, in)
		default:
			resultID, err = s.replace(ctx, tx, actor, cur, in)
		}
		if err != nil {
			return err
		}
		out, err = getAppointment(ctx, tx, resultID)
		return err
	})
	return out, err
}

// Move gives one occurrence (or, with e, part of a series) new times and
// keeps everything else: the drag-and-drop and keyboard move of the views.
// Errors as Update.
func (s *Service) Move(ctx context.Context, actor *authz.Actor, id string, e Edit, start, end time.Time) (Appointment, error) {
	cur, err := getAppointment(ctx, s.DB.R, id)
	if err != nil {
		return Appointment{}, err
	}
	in := cur.Input
	in.ExDates = nil
	in.Start, in.End = start, end
	if e.Range == "" && cur.Recurring() {
		e.Range = ThisOccurrence
	}
	return s.Update(ctx, actor, id, e, in)
}

// replace overwrites a single item or a changed occurrence.
func (s *Service) replace(ctx context.Context, tx *sql.Tx, actor *authz.Actor, cur Appointment, in Input) (string, error) {
	next := cur
	next.Input = in
	next.Sequence = cur.Sequence + 1
	skip := func(o Occurrence) bool { // the occurrence this one replaces
		return cur.SeriesID != "" && o.ID == cur.SeriesID && cur.RecurrenceID != nil && o.OccurrenceStart.Equal(*cur.RecurrenceID)
	}
	if err := s.checkP1(ctx, tx, actor, next, skip); err != nil {
		return "", err
	}
	if err := updateAppointment(ctx, tx, row{ID: cur.ID, UID: cur.UID, In: in, SeriesUntil: seriesUntil(next), Sequence: next.Sequence, Now: s.Clock.Now()}); err != nil {
		return "", err
	}
	if cur.Recurring() && !next.Recurring() { // no longer a series
		if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE series_id = $1`, cur.ID); err != nil {
			return "", fmt.Errorf("drop changed occurrences: %w", err)
		}
	}
	return cur.ID, s.audit(ctx, tx, actor, "update", next, &cur, &next)
}

// isInstance reports whether t is an instance of the series master.
func isInstance(master Appointment, t time.Time) bool {
	set, _ := recurrenceSet(master)
	got := set.Between(t, t.Add(time.Second), 1)
	return len(got) == 1 && got[0].Equal(t)
}

func needOccurrence(msg string) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: msg, Fields: map[string]string{"occurrence_start": msg}}
}

// updateSeries applies in to a series master cur as e says.
func (s *Service) updateSeries(ctx context.Context, tx *sql.Tx, actor *authz.Actor, cur Appointment, e Edit, in Input) (string, error) {
	if e.Range != "" && e.Range != AllOccurrences {
		if e.OccurrenceStart == nil {
			return "", needOccurrence("say which occurrence of the series to change")
		}
		occ := e.OccurrenceStart.UTC()
		if !isInstance(cur, occ) && !s.hasChanged(ctx, tx, cur.ID, occ) {
			return "", needOccurrence("no occurrence of this series starts then")
		}
		if e.Range == ThisOccurrence {
			return s.changeOccurrence(ctx, tx, actor, cur, occ, in)
		}
		set, _ := recurrenceSet(cur)
		if first := set.First(1); len(first) == 0 || !first[0].Equal(occ) {
			return s.splitSeries(ctx, tx, actor, cur, occ, in)
		}
	}
	loc, _ := loadZone(cur.TimeZone)
	if e.OccurrenceStart != nil && loc != nil { // shift the series as the occurrence moved
		dur := in.End.Sub(in.Start)
		in.Start = shiftWall(cur.Start, *e.OccurrenceStart, in.Start, loc)
		in.End = in.Start.Add(dur)
	}
	moved := !in.Start.Equal(cur.Start)
	if moved && loc != nil && strings.EqualFold(in.RRule, cur.RRule) {
		in.RRule = shiftUntil(in.RRule, cur.Start, in.Start, loc)
	}
	in.ExDates = mergeExDates(cur.ExDates, in.ExDates, cur.Start, in.Start, loc)
	if moved {
		if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE series_id = $1`, cur.ID); err != nil {
			return "", fmt.Errorf("drop changed occurrences: %w", err)
		}
	}
	return s.replace(ctx, tx, actor, cur, in)
}

func (s *Service) hasChanged(ctx context.Context, tx *sql.Tx, seriesID string, occ time.Time) bool {
	var n int
	_ = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM appointments WHERE series_id = $1 AND recurrence_id = $2`, seriesID, occ).Scan(&n)
	return n > 0
}

// changeOccurrence stores in as the changed occurrence occ of series cur.
func (s *Service) changeOccurrence(ctx context.Context, tx *sql.Tx, actor *authz.Actor, cur Appointment, occ time.Time, in Input) (string, error) {
	in.RRule, in.RDates, in.ExDates = "", nil, nil
	var existing string
	err := tx.QueryRowContext(ctx, `SELECT id FROM appointments WHERE series_id = $1 AND recurrence_id = $2`, cur.ID, occ).Scan(&existing)
	if err == nil {
		prev, err := getAppointment(ctx, tx, existing)
		if err != nil {
			return "", err
		}
		return s.replace(ctx, tx, actor, prev, in)
	}
	now := s.Clock.Now().UTC()
	ap := Appointment{ID: newID(), OwnerID: cur.OwnerID, UID: cur.UID, SeriesID: cur.ID, RecurrenceID: &occ, Input: in, Sequence: cur.Sequence + 1, CreatedAt: now, UpdatedAt: now}
	skip := func(o Occurrence) bool { return o.ID == cur.ID && o.OccurrenceStart.Equal(occ) }
	if err := s.checkP1(ctx, tx, actor, ap, skip); err != nil {
		return "", err
	}
	if err := insertAppointment(ctx, tx, row{ID: ap.ID, OwnerID: ap.OwnerID, UID: ap.UID, SeriesID: cur.ID, RecurrenceID: &occ, In: in, Sequence: ap.Sequence, CreatedBy: actor.PersonID, Now: now}); err != nil {
		return "", err
	}
	before := cur
	before.Start, before.End = occ, occ.Add(cur.End.Sub(cur.Start))
	return ap.ID, s.audit(ctx, tx, actor, "update", ap, &before, &ap)
}

// splitSeries ends series cur before occ and starts a new series at occ
// with in ("this and following").
func (s *Service) splitSeries(ctx context.Context, tx *sql.Tx, actor *authz.Actor, cur Appointment, occ time.Time, in Input) (string, error) {
	set, _ := recurrenceSet(cur)
	set.ExDates, set.RDates = nil, nil // COUNT counts the rule's instances before exclusions
	before := set.Between(cur.Start, occ, 0)
	// The new series keeps the remaining count when its rule is unchanged.
	if strings.EqualFold(in.RRule, cur.RRule) {
		in.RRule = withRemainingCount(cur.RRule, len(before))
	}
	loc, _ := loadZone(cur.TimeZone)
	var laterEx []time.Time
	for _, x := range cur.ExDates {
		if !x.Before(occ) {
			laterEx = append(laterEx, x)
		}
	}
	in.ExDates = mergeExDates(laterEx, in.ExDates, occ, in.Start, loc)
	if err := s.endSeries(ctx, tx, actor, cur, occ); err != nil {
		return "", err
	}
	now := s.Clock.Now().UTC()
	ap := Appointment{ID: newID(), OwnerID: cur.OwnerID, Input: in, CreatedBy: actor.PersonID, CreatedAt: now, UpdatedAt: now}
	ap.UID = ap.ID + "@spil"
	if err := s.checkP1(ctx, tx, actor, ap, func(o Occurrence) bool { return o.ID == cur.ID }); err != nil {
		return "", err
	}
	if err := insertAppointment(ctx, tx, row{ID: ap.ID, OwnerID: ap.OwnerID, UID: ap.UID, In: in, SeriesUntil: seriesUntil(ap), CreatedBy: actor.PersonID, Now: now}); err != nil {
		return "", err
	}
	if in.Start.Equal(occ) { // same times: changed occurrences move to the new series
		if _, err := tx.ExecContext(ctx, `UPDATE appointments SET series_id = $1, uid = $2 WHERE series_id = $3 AND recurrence_id >= $4`, ap.ID, ap.UID, cur.ID, occ); err != nil {
			return "", fmt.Errorf("move changed occurrences: %w", err)
		}
	}
	return ap.ID, s.audit(ctx, tx, actor, "create", ap, nil, &ap)
}

// endSeries makes series cur stop before occ: its rule gets an UNTIL, later
// RDATEs, EXDATEs and changed occurrences go.
func (s *Service) endSeries(ctx context.Context, tx *sql.Tx, actor *authz.Actor, cur Appointment, occ time.Time) error {
	next := cur
	next.Input.RDates = slices.DeleteFunc(slices.Clone(cur.RDates), func(t time.Time) bool { return !t.Before(occ) })
	next.Input.ExDates = slices.DeleteFunc(slices.Clone(cur.ExDates), func(t time.Time) bool { return !t.Before(occ) })
	if cur.RRule != "" {
		next.Input.RRule = withUntil(cur.RRule, occ.Add(-time.Second))
	}
	next.Sequence = cur.Sequence + 1
	if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE series_id = $1 AND recurrence_id >= $2`, cur.ID, occ); err != nil {
		return fmt.Errorf("end series: %w", err)
	}
	if err := updateAppointment(ctx, tx, row{ID: cur.ID, UID: cur.UID, In: next.Input, SeriesUntil: seriesUntil(next), Sequence: next.Sequence, Now: s.Clock.Now()}); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "update", next, &cur, &next)
}

// Delete removes the appointment id; on a series, e says which part (one
// occurrence becomes an excluded date, "this and following" ends the series).
//
// Errors: NotFound, Forbidden as Update; Invalid "occurrence_start".
func (s *Service) Delete(ctx context.Context, actor *authz.Actor, id string, e Edit) error {
	if err := e.check(); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.editable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if cur.SeriesID != "" { // a changed occurrence
			master, err := getAppointment(ctx, tx, cur.SeriesID)
			if err != nil {
				return err
			}
			occ := *cur.RecurrenceID
			if e.Range == "" || e.Range == ThisOccurrence {
				if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE id = $1`, cur.ID); err != nil {
					return fmt.Errorf("delete appointment: %w", err)
				}
				return s.exclude(ctx, tx, actor, master, occ)
			}
			cur, e = master, Edit{Range: e.Range, OccurrenceStart: &occ}
		}
		if cur.Recurring() && e.Range != "" && e.Range != AllOccurrences {
			if e.OccurrenceStart == nil {
				return needOccurrence("say which occurrence of the series to delete")
			}
			occ := e.OccurrenceStart.UTC()
			if !isInstance(cur, occ) && !s.hasChanged(ctx, tx, cur.ID, occ) {
				return needOccurrence("no occurrence of this series starts then")
			}
			set, _ := recurrenceSet(cur)
			first := set.First(1)
			isFirst := len(first) == 1 && first[0].Equal(occ)
			switch {
			case e.Range == ThisOccurrence:
				if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE series_id = $1 AND recurrence_id = $2`, cur.ID, occ); err != nil {
					return fmt.Errorf("delete occurrence: %w", err)
				}
				return s.exclude(ctx, tx, actor, cur, occ)
			case !isFirst:
				return s.endSeries(ctx, tx, actor, cur, occ)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM appointments WHERE id = $1`, cur.ID); err != nil {
			return fmt.Errorf("delete appointment: %w", err)
		}
		return s.audit(ctx, tx, actor, "delete", cur, &cur, nil)
	})
}

// exclude adds occ to the excluded dates of series master.
func (s *Service) exclude(ctx context.Context, tx *sql.Tx, actor *authz.Actor, master Appointment, occ time.Time) error {
	next := master
	next.Input.ExDates = cleanTimes(append(slices.Clone(master.ExDates), occ))
	next.Sequence = master.Sequence + 1
	if err := updateAppointment(ctx, tx, row{ID: master.ID, UID: master.UID, In: next.Input, SeriesUntil: seriesUntil(next), Sequence: next.Sequence, Now: s.Clock.Now()}); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "update", next, &master, &next)
}
