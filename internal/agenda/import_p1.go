package agenda

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// appointment returns it as the row it becomes.
func (it *importItem) appointment(owner string) Appointment {
	return Appointment{ID: it.id, OwnerID: owner, UID: it.uid, SeriesID: it.seriesID, RecurrenceID: it.recurrenceID, Input: it.in}
}

// instances returns the occurrences of it that the P1 rule looks at: as
// Create, the first p1Instances within p1Horizon, without those its
// changed occurrences replace.
func (it *importItem) instances(owner string) []Occurrence {
	ap := it.appointment(owner)
	var skip []time.Time
	for _, c := range it.changed {
		if c.skip == nil && c.recurrenceID != nil {
			skip = append(skip, *c.recurrenceID)
		}
	}
	out := expand(ap, ap.Start, ap.Start.Add(p1Horizon), skip)
	if len(out) > p1Instances {
		out = out[:p1Instances]
	}
	return out
}

// p1Block is one occurrence of a P1 item: existing, or imported (it set).
type p1Block struct {
	o  Occurrence
	it *importItem
}

// checkP1 skips every busy item of the file that overlaps a P1 item of the
// agenda (or one it attends), or another P1 item of the file: a P1 item is
// never overbooked. Existing P1 items are loaded once for the whole span of
// the file and searched by time, so the check costs no query per event.
func (p *importPlan) checkP1(ctx context.Context, tx *sql.Tx, actor *authz.Actor) error {
	type span struct {
		at, until time.Time
		it        *importItem
	}
	var mine []span
	var blocks []p1Block
	for _, it := range p.items {
		if it.skip != nil || !takesTime(it.appointment(p.owner)) {
			continue
		}
		inst := it.instances(p.owner)
		if err := p.spend(len(inst)); err != nil {
			return err
		}
		for _, o := range inst {
			mine = append(mine, span{o.At, o.Until, it})
			if it.in.Priority == P1 {
				blocks = append(blocks, p1Block{o, it})
			}
		}
	}
	if len(mine) == 0 {
		return nil
	}
	from, to := mine[0].at, mine[0].until
	for _, m := range mine {
		if m.at.Before(from) {
			from = m.at
		}
		if m.until.After(to) {
			to = m.until
		}
	}
	replaced := map[string]bool{}
	for _, it := range p.items {
		if it.existing != nil && it.skip == nil {
			replaced[it.existing.ID] = true
		}
	}
	for _, id := range p.deletes {
		replaced[id] = true
	}
	existing, err := loadP1(ctx, tx, p.owner, from, to, replaced)
	if err != nil {
		return err
	}
	blocks = append(blocks, existing...)
	slices.SortFunc(blocks, func(a, b p1Block) int { return a.o.At.Compare(b.o.At) })
	// reach[i] is the latest end among blocks[0..i].
	reach := make([]time.Time, len(blocks))
	for i, b := range blocks {
		reach[i] = b.o.Until
		if i > 0 && reach[i-1].After(b.o.Until) {
			reach[i] = reach[i-1]
		}
	}
	for _, m := range mine {
		if m.it.skip != nil {
			continue
		}
		i, _ := slices.BinarySearchFunc(blocks, m.until, func(b p1Block, t time.Time) int { return b.o.At.Compare(t) })
		for j := i - 1; j >= 0 && reach[j].After(m.at); j-- {
			b := blocks[j]
			if !b.o.Until.After(m.at) || !b.o.At.Before(m.until) || sameSeries(b.it, m.it) {
				continue
			}
			p.reject(m.it, "start", p.p1Reason(b, actor))
			break
		}
	}
	return nil
}

// sameSeries reports whether a and b are one item or belong to one series.
func sameSeries(a, b *importItem) bool {
	if a == nil || b == nil {
		return false
	}
	root := func(x *importItem) *importItem {
		if x.master != nil {
			return x.master
		}
		return x
	}
	return root(a) == root(b)
}

// p1Reason words the clash as Create does, with the P1 item's title only
// when the actor may see it.
func (p *importPlan) p1Reason(b p1Block, actor *authz.Actor) string {
	seen := maskFor(b.o.Appointment, actor, p.acc, AccessTo(actor, b.o.OwnerID))
	msg := apperr.MessageOf(p1Conflict(b.o, seen))
	if b.it != nil {
		msg += fmt.Sprintf(" (line %d of the file)", b.it.line)
	}
	return msg
}

// loadP1 returns the occurrences in [from, to) of the P1 items that take
// time in owner's agenda, owned or attended, except the rows in skip.
func loadP1(ctx context.Context, tx *sql.Tx, owner string, from, to time.Time, skip map[string]bool) ([]p1Block, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+appointmentCols+` FROM `+appointmentFrom+`
		WHERE a.priority = 1 AND a.status <> 'cancelled' AND a.all_day = FALSE
		AND (a.owner_id = $1 OR a.id IN (SELECT t.appointment_id FROM appointment_attendees t WHERE t.person_id = $1 AND t.response <> 'declined'))
		AND ((a.recurring = FALSE AND a.start_at < $3 AND a.end_at > $2)
		  OR (a.recurring = TRUE AND a.start_at < $3 AND (a.series_until IS NULL OR a.series_until > $2)))`,
		owner, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("load P1 items: %w", err)
	}
	byID := map[string]*Appointment{}
	for rows.Next() {
		ap, err := scanAppointment(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("load P1 items: %w", err)
		}
		if !skip[ap.ID] {
			byID[ap.ID] = &ap
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := loadAttendees(ctx, tx, byID); err != nil {
		return nil, err
	}
	changed, err := changedOccurrences(ctx, tx, byID)
	if err != nil {
		return nil, err
	}
	var out []p1Block
	for _, ap := range byID {
		for _, o := range expand(*ap, from, to, changed[ap.ID]) {
			out = append(out, p1Block{o: o})
		}
	}
	return out, nil
}
