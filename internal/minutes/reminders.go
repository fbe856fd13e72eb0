package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spil/internal/holiday"
	"spil/internal/jobs"
)

// ReminderKind is the jobs kind of an action item's reminder mail.
const ReminderKind = "minutes.action_reminder"

// Reminder stages.
const (
	StageBefore  = "before"  // two working days before the due date
	StageOverdue = "overdue" // the working day after it, then weekly
)

// Reminder timing: the hour (organization's zone) reminders go out, how
// many working days before the due date the first comes, and how many
// overdue reminders follow at most (the day after, then weekly).
const (
	reminderHour     = 8
	daysBefore       = 2
	overdueReminders = 4
)

// reminderTime is one planned reminder.
type reminderTime struct {
	At    time.Time
	Stage string
}

// reminderTimes plans the reminders of an item due on due (YYYY-MM-DD) in
// loc: at 08:00 two working days before, and at 08:00 on the first working
// day after the due date and then every 7 days, 4 in all — a weekly one
// that falls on a public holiday waits for the next working day. Working
// days are Monday to Friday except Dutch public holidays (see workday). An
// invalid date plans nothing.
func reminderTimes(due string, loc *time.Location) []reminderTime {
	d, err := time.ParseInLocation(time.DateOnly, due, loc)
	if err != nil {
		return nil
	}
	at := func(day time.Time) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), reminderHour, 0, 0, 0, loc).UTC()
	}
	var out []reminderTime
	b := d
	for n := 0; n < daysBefore; {
		b = b.AddDate(0, 0, -1)
		if workday(b) {
			n++
		}
	}
	out = append(out, reminderTime{At: at(b), Stage: StageBefore})
	a := d.AddDate(0, 0, 1)
	for !workday(a) {
		a = a.AddDate(0, 0, 1)
	}
	for i := 0; i < overdueReminders; i++ {
		w := a.AddDate(0, 0, 7*i)
		for !workday(w) {
			w = w.AddDate(0, 0, 1)
		}
		out = append(out, reminderTime{At: at(w), Stage: StageOverdue})
	}
	return out
}

// workday reports whether the civil date of t (in t's location) is a
// working day: Monday to Friday and not a Dutch public holiday
// (holiday.IsHoliday: New Year, Easter and Whit Monday, King's Day,
// Ascension, Christmas and Boxing Day; Good Friday and Liberation Day are
// not days off by default). Years the holiday package does not know count
// weekends only.
func workday(t time.Time) bool {
	if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		return false
	}
	_, off, err := holiday.IsHoliday(holiday.DateOf(t))
	return err != nil || !off
}

// reminderPrefix is the unique-key prefix of all of an item's reminders.
func reminderPrefix(itemID string) string { return "action-item/" + itemID + "/" }

// reminderKey names one reminder: the item, its due date, the stage and the
// time, so moving the due date plans new reminders while saving the same
// item twice does not.
func reminderKey(itemID, due, stage string, at time.Time) string {
	return reminderPrefix(itemID) + due + "/" + stage + "/" + at.UTC().Format(time.RFC3339)
}

// reminderPayload is what a reminder job carries.
type reminderPayload struct {
	ActionItem string    `json:"action_item"`
	DueOn      string    `json:"due_on"`
	Stage      string    `json:"stage"`
	At         time.Time `json:"at"`
}

// scheduleReminders replaces the pending reminders of item id with those
// for due date due, inside tx. Reminders whose time has passed are not
// planned (an item made overdue gets the overdue reminders still ahead).
func (s *Service) scheduleReminders(ctx context.Context, tx *sql.Tx, id, due string) error {
	if err := s.cancelReminders(ctx, tx, id); err != nil {
		return err
	}
	_, loc := s.org(ctx, tx)
	now := s.Clock.Now()
	for _, r := range reminderTimes(due, loc) {
		if !r.At.After(now) {
			continue
		}
		if _, _, err := s.Jobs.Enqueue(ctx, tx, jobs.Job{
			Kind:      ReminderKind,
			Payload:   reminderPayload{ActionItem: id, DueOn: due, Stage: r.Stage, At: r.At},
			RunAt:     r.At,
			UniqueKey: reminderKey(id, due, r.Stage, r.At),
		}); err != nil {
			return fmt.Errorf("plan reminder: %w", err)
		}
	}
	return nil
}

// cancelReminders deletes item id's pending reminders inside tx.
func (s *Service) cancelReminders(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := s.Jobs.CancelPrefix(ctx, tx, reminderPrefix(id)); err != nil {
		return fmt.Errorf("cancel reminders: %w", err)
	}
	return nil
}
