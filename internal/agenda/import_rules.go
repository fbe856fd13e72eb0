package agenda

import (
	"fmt"
	"slices"
	"time"

	"spil/internal/apperr"
	"spil/internal/recur"
)

// Bounds on the recurrence work of one import, so that a hostile file
// answers in seconds. Real agendas stay far below them.
const (
	// maxDeadRules bounds the rules of one file that give no date at all:
	// the rule engine walks to the year 9999 to find that out (up to a
	// fifth of a second each).
	maxDeadRules = 10
	// maxImportOccurrences bounds the occurrences expanded for the P1
	// check and the end of finite series, over the whole file.
	maxImportOccurrences = 2_000_000
)

// checkRule settles what the rule of it means, as the program that wrote
// the file shows it:
//   - a rule that gives no date at all is dropped: the event is a single
//     appointment at its start (Apple iCal writes such rules for one-off
//     holidays);
//   - a start that the rule does not produce stays as an extra date (RFC
//     5545 leaves it undefined; Apple iCal and others show it);
//   - a series whose every date is excluded is left out (nothing is lost).
//
// Invalid rules are left to normalize, which names the fault. It returns an
// Invalid error for a file with more than maxDeadRules rules without dates.
func (p *importPlan) checkRule(it *importItem) error {
	in := &it.in
	if in.RRule == "" {
		return nil
	}
	r, err := recur.Parse(in.RRule)
	if err != nil || r.Freq > recur.Hourly {
		return nil
	}
	excluded := slices.ContainsFunc(in.ExDates, in.Start.Equal)
	bare, _ := recurrenceSet(Appointment{Input: Input{Start: in.Start, TimeZone: in.TimeZone, AllDay: in.AllDay, RRule: in.RRule}})
	first := bare.First(1)
	switch {
	case len(first) == 0:
		if p.dead++; p.dead > maxDeadRules {
			return fileInvalid(fmt.Sprintf("more than %d events have a recurrence rule that gives no dates at all; correct the file", maxDeadRules))
		}
		in.RRule = ""
		if excluded && len(in.RDates) == 0 {
			p.drop(it, "the event's only date is excluded; nothing to import")
			return nil
		}
		p.warn(it, "the rule gives no dates; imported as a single appointment at its start")
		return nil
	case !first[0].Equal(in.Start) && !excluded:
		in.RDates = append(in.RDates, in.Start)
		p.warn(it, "the start is not a date of the rule; kept as an extra date")
	}
	set, _ := recurrenceSet(Appointment{Input: *in})
	if len(set.First(1)) == 0 {
		p.drop(it, "the series has no occurrences (all are excluded); nothing to import")
	}
	return nil
}

func fileInvalid(msg string) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
}

// drop leaves it out without loss, with a warning (not a skip).
func (p *importPlan) drop(it *importItem, msg string) {
	p.warn(it, msg)
	it.skip, it.dropped = &SkippedEvent{}, true
}

// spend counts n expanded occurrences against maxImportOccurrences.
func (p *importPlan) spend(n int) error {
	p.work += n
	if p.work <= maxImportOccurrences {
		return nil
	}
	return fileInvalid(fmt.Sprintf("the series in this file have more than %d occurrences together; split the file or shorten the series", maxImportOccurrences))
}

// seriesEnd is seriesUntil for an import: the end of the last instance of
// a finite series (nil for an endless one or a single item), and how many
// instances it took to find out.
func seriesEnd(ap Appointment) (*time.Time, int) {
	if !ap.Recurring() {
		return nil, 0
	}
	set, dur := recurrenceSet(ap)
	if len(set.Rules) > 0 && set.Rules[0].Count == 0 && set.Rules[0].Until == nil {
		return nil, 0
	}
	starts := set.Between(ap.Start, ap.Start.AddDate(200, 0, 0), 0)
	if len(starts) == 0 {
		t := ap.End
		return &t, 0
	}
	t := starts[len(starts)-1].Add(dur).UTC()
	if ap.AllDay {
		t = t.Add(2 * time.Hour) // as seriesUntil: a DST change inside the last day
	}
	return &t, len(starts)
}

// seriesEnds works out the end of every finite series of the plan, within
// the plan's budget.
func (p *importPlan) seriesEnds() error {
	for _, it := range p.items {
		if it.skip != nil || !it.recurring() {
			continue
		}
		until, n := seriesEnd(it.appointment(p.owner))
		if err := p.spend(n); err != nil {
			return err
		}
		it.until = until
	}
	return nil
}
