package minutes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/mail"
	"spil/internal/meetings"
)

// Limits on what the minutes hold.
const (
	maxNoteLen     = 20000
	maxDecisionLen = 2000
	maxTitleLen    = 300
	maxItems       = 200
)

// Record saves the draft minutes of meeting id (the API's record-minutes):
// in replaces the notes and decisions; its action items are added or
// changed, and open items of these minutes left out are cancelled. Every
// save raises the version and keeps it in the history. New items and
// changed due dates get reminders (see reminders.go); cancelled items lose
// theirs.
//
// Errors: NotFound when actor may not see the meeting; Forbidden when they
// may see but not edit it (meetings.CanEdit); Conflict when the meeting is a
// draft or cancelled, when the minutes are approved (read-only), or when
// in.Version is set and someone saved a newer version meanwhile; Invalid
// with field messages ("notes[1].agenda_item_id", "decisions[0].text",
// "action_items[2].owner_email", "action_items[2].due_on", …).
func (s *Service) Record(ctx context.Context, actor *authz.Actor, meetingID string, in Input) (Minutes, error) {
	m, err := s.meetingFor(ctx, actor, meetingID)
	if err != nil {
		return Minutes{}, err
	}
	if !s.Meetings.CanEdit(actor, m) {
		return Minutes{}, apperr.Forbiddenf("you may not write the minutes of this meeting")
	}
	if err := writable(m); err != nil {
		return Minutes{}, err
	}
	today := s.today(ctx)
	var out Minutes
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		in, err := s.clean(ctx, tx, m, in, today)
		if err != nil {
			return err
		}
		cur, err := s.lockMinutes(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if in.Version != 0 && in.Version != cur.Version {
			return apperr.Conflictf("someone else saved these minutes meanwhile; reload them and make your change again")
		}
		now := s.now()
		if err := s.replaceText(ctx, tx, m.ID, in); err != nil {
			return err
		}
		if err := s.saveActions(ctx, tx, actor, m, cur, in.Actions, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE minutes SET version = version + 1, updated_by = $1, updated_at = $2 WHERE meeting_id = $3`,
			nullStr(actor.PersonID), now, m.ID); err != nil {
			return fmt.Errorf("save minutes: %w", err)
		}
		out, err = loadMinutes(ctx, tx, m.ID, today)
		if err != nil {
			return err
		}
		if err := keepVersion(ctx, tx, out, "save", actor.PersonID, actor.Name, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{Action: "update", ObjectType: "minutes", ObjectID: m.ID,
			OnBehalfOf: actor.OnBehalfOf(m.OrganizerID), Label: auditLabel(m, m.Title),
			Summary: fmt.Sprintf("Minutes of %q saved (version %d)", auditLabel(m, m.Title), out.Version), After: auditSnapshot(m, out)})
	})
	return out, err
}

// lockMinutes makes sure meeting id has a minutes row, locks it (PostgreSQL;
// SQLite has one writer) and returns it. Errors: Conflict when approved.
func (s *Service) lockMinutes(ctx context.Context, tx *sql.Tx, meetingID string) (Minutes, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO minutes (meeting_id, status, version, updated_at) VALUES ($1, 'draft', 0, $2)
		ON CONFLICT (meeting_id) DO NOTHING`, meetingID, s.now()); err != nil {
		return Minutes{}, fmt.Errorf("create minutes: %w", err)
	}
	q := `SELECT status, version FROM minutes WHERE meeting_id = $1`
	if s.DB.Dialect == db.Postgres {
		q += ` FOR UPDATE`
	}
	cur := Minutes{MeetingID: meetingID}
	if err := tx.QueryRowContext(ctx, q, meetingID).Scan(&cur.Status, &cur.Version); err != nil {
		return cur, notFoundIfNoRows(err, "minutes")
	}
	if cur.Status == Approved {
		return cur, apperr.Conflictf("these minutes are approved and can no longer be changed")
	}
	return cur, nil
}

// clean validates in against meeting m: agenda items must be the meeting's,
// texts within bounds, action items with a title, an owner (a colleague, or
// a name and a valid e-mail address) and a due date (not in the past for a
// new item or a changed date). Colleagues' names and addresses come from the
// directory. Titles and outsiders' names are made one line (oneLine).
// Blank notes and decisions are dropped.
func (s *Service) clean(ctx context.Context, tx *sql.Tx, m meetings.Meeting, in Input, today string) (Input, error) {
	var f apperr.Fields
	items := agendaItemIDs(m)
	out := Input{Version: in.Version}
	seen := map[string]bool{}
	for i, n := range in.Notes {
		n.Text = strings.TrimSpace(n.Text)
		switch {
		case n.AgendaItemID != "" && !items[n.AgendaItemID]:
			f.Add(fmt.Sprintf("notes[%d].agenda_item_id", i), "choose one of the meeting's agenda items")
		case seen[n.AgendaItemID]:
			f.Add(fmt.Sprintf("notes[%d].agenda_item_id", i), "this agenda item has notes already")
		case utf8.RuneCountInString(n.Text) > maxNoteLen:
			f.Add(fmt.Sprintf("notes[%d].text", i), "notes are limited to 20,000 characters")
		case n.Text != "":
			seen[n.AgendaItemID] = true
			out.Notes = append(out.Notes, n)
		}
	}
	for i, d := range in.Decisions {
		d.Text = strings.TrimSpace(d.Text)
		switch {
		case d.Text == "":
		case d.AgendaItemID != "" && !items[d.AgendaItemID]:
			f.Add(fmt.Sprintf("decisions[%d].agenda_item_id", i), "choose one of the meeting's agenda items")
		case utf8.RuneCountInString(d.Text) > maxDecisionLen:
			f.Add(fmt.Sprintf("decisions[%d].text", i), "a decision is limited to 2,000 characters")
		default:
			out.Decisions = append(out.Decisions, d)
		}
	}
	if len(out.Decisions) > maxItems || len(in.Actions) > maxItems {
		f.Add("action_items", "the minutes hold at most 200 decisions and 200 action items")
	}
	for i, a := range in.Actions {
		field := func(name string) string { return fmt.Sprintf("action_items[%d].%s", i, name) }
		a.Title = oneLine(a.Title)
		a.OwnerName, a.OwnerEmail = oneLine(a.OwnerName), strings.TrimSpace(a.OwnerEmail)
		a.DueOn = strings.TrimSpace(a.DueOn)
		if a.ID == "" && a.Title == "" && a.OwnerID == "" && a.OwnerName == "" && a.OwnerEmail == "" && a.DueOn == "" {
			continue // an empty row of the form
		}
		if a.Title == "" {
			f.Add(field("title"), "say what has to be done")
		} else if utf8.RuneCountInString(a.Title) > maxTitleLen {
			f.Add(field("title"), "an action item is limited to 300 characters")
		}
		if a.AgendaItemID != "" && !items[a.AgendaItemID] {
			f.Add(field("agenda_item_id"), "choose one of the meeting's agenda items")
		}
		if msg := s.checkOwner(ctx, tx, &a); msg != "" {
			if a.OwnerID != "" {
				f.Add(field("owner_id"), msg)
			} else if a.OwnerName == "" {
				f.Add(field("owner_name"), msg)
			} else {
				f.Add(field("owner_email"), msg)
			}
		}
		if msg := checkDue(a.DueOn); msg != "" {
			f.Add(field("due_on"), msg)
		} else if a.DueOn < today && s.dueChanged(ctx, tx, a) {
			f.Add(field("due_on"), "the due date has passed; choose today or later")
		}
		out.Actions = append(out.Actions, a)
	}
	return out, f.Err()
}

// checkOwner fills a colleague's name and e-mail from the directory, or
// checks an outsider's; it returns a field message or "".
func (s *Service) checkOwner(ctx context.Context, q db.Querier, a *ActionInput) string {
	if a.OwnerID != "" {
		var active bool
		err := q.QueryRowContext(ctx, `SELECT name, email, active FROM people WHERE id = $1`, a.OwnerID).Scan(&a.OwnerName, &a.OwnerEmail, &active)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
			return "choose a colleague who works here"
		}
		if err != nil {
			return "choose a colleague who works here"
		}
		return ""
	}
	if a.OwnerName == "" {
		return "say who does it: a colleague, or a name and e-mail address"
	}
	if err := mail.CheckAddress(a.OwnerEmail); err != nil {
		return "give the e-mail address of someone outside the organization, e.g. name@example.org"
	}
	return ""
}

// checkDue returns a message when due is not a date YYYY-MM-DD.
func checkDue(due string) string {
	if due == "" {
		return "give a due date"
	}
	if _, err := time.Parse(time.DateOnly, due); err != nil {
		return "give a date such as 2026-12-31"
	}
	return ""
}

// dueChanged reports whether a is new or its due date differs from the
// stored one (an unchanged past date of an existing item is fine).
func (s *Service) dueChanged(ctx context.Context, q db.Querier, a ActionInput) bool {
	if a.ID == "" {
		return true
	}
	var due string
	if err := q.QueryRowContext(ctx, `SELECT due_on FROM action_items WHERE id = $1`, a.ID).Scan(&due); err != nil {
		return true
	}
	return due != a.DueOn
}

// replaceText replaces the notes and decisions of meetingID with in's.
func (s *Service) replaceText(ctx context.Context, tx *sql.Tx, meetingID string, in Input) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM minutes_notes WHERE meeting_id = $1`, meetingID); err != nil {
		return fmt.Errorf("replace notes: %w", err)
	}
	for _, n := range in.Notes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO minutes_notes (id, meeting_id, agenda_item_id, notes) VALUES ($1, $2, $3, $4)`,
			newID(), meetingID, nullStr(n.AgendaItemID), n.Text); err != nil {
			return fmt.Errorf("save notes: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM minutes_decisions WHERE meeting_id = $1`, meetingID); err != nil {
		return fmt.Errorf("replace decisions: %w", err)
	}
	for i, d := range in.Decisions {
		if _, err := tx.ExecContext(ctx, `INSERT INTO minutes_decisions (id, meeting_id, agenda_item_id, position, text) VALUES ($1, $2, $3, $4, $5)`,
			newID(), meetingID, nullStr(d.AgendaItemID), i, d.Text); err != nil {
			return fmt.Errorf("save decisions: %w", err)
		}
	}
	return nil
}

// oneLine makes s one line: line breaks, tabs and other control
// characters become spaces and runs of white space one space, trimmed. An
// action item's title and an outsider's name go into mail subjects and
// texts, where a line break would start a line of its own.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// auditLabel is what the audit log may say about meeting m: label, or
// nothing for a confidential meeting (its title and content stay out of
// the log, as in the meetings module).
func auditLabel(m meetings.Meeting, label string) string {
	if m.Confidential {
		return ""
	}
	return label
}

// auditSnapshot is the minutes' content for the audit log; nil for a
// confidential meeting (the history on the minutes page keeps it).
func auditSnapshot(m meetings.Meeting, min Minutes) any {
	if m.Confidential {
		return nil
	}
	return snapshotOf(min)
}
