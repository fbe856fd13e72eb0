package meetings

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
)

// Schedule moves a draft meeting to scheduled and puts it in the
// organizer's agenda (with its attendees, so it shows in theirs too). A
// meeting that is already scheduled is left as it is.
//
// Errors: NotFound, Forbidden as Get and CanEdit; Conflict when the meeting
// is held or cancelled, or when the agenda refuses the time (a P1 clash).
func (s *Service) Schedule(ctx context.Context, actor *authz.Actor, id string) (Meeting, error) {
	m, err := s.Get(ctx, actor, id)
	if err != nil {
		return Meeting{}, err
	}
	if !s.CanEdit(actor, m) {
		return Meeting{}, apperr.Forbiddenf("your mandate does not let you change this meeting")
	}
	switch m.Status {
	case Scheduled:
		return m, nil
	case Draft:
	default:
		return Meeting{}, closedErr(m.Status)
	}
	apID := m.AppointmentID
	if apID == "" && s.Agenda != nil {
		ap, err := s.Agenda.Create(ctx, actor, m.OrganizerID, s.appointmentInput(m))
		if err != nil {
			return Meeting{}, err
		}
		apID = ap.ID
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if cur.Status != Draft {
			return apperr.Conflictf("this meeting was scheduled meanwhile")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET status = 'scheduled', appointment_id = $1, updated_at = $2 WHERE id = $3`,
			nullStr(apID), s.Clock.Now().UTC(), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "schedule", cur, nil)
	})
	if err != nil {
		if apID != "" && apID != m.AppointmentID {
			_ = s.Agenda.Delete(ctx, actor, apID, agenda.Edit{}) // undo; the meeting stays a draft
		}
		return Meeting{}, err
	}
	return s.Get(ctx, actor, id)
}

// appointmentInput is the organizer's agenda item for m.
func (s *Service) appointmentInput(m Meeting) agenda.Input {
	in := agenda.Input{
		Title: m.Title, Start: m.Start, End: m.End, TimeZone: m.TimeZone,
		Place:  agenda.Place{Name: m.Place()},
		Status: agenda.Confirmed, Priority: agenda.P2,
	}
	notes := strings.TrimSpace(m.Description)
	if s.BaseURL != "" {
		if notes != "" {
			notes += "\n\n"
		}
		notes += s.BaseURL + "/meetings/" + m.ID
	}
	in.Notes = notes
	if m.Confidential {
		in.Visibility = agenda.Confidential
	}
	if m.Status == Cancelled {
		in.Status = agenda.Cancelled
	}
	for _, a := range m.Attendees {
		at := agenda.Attendee{PersonID: a.PersonID, Name: a.Name, Email: a.Email, Response: a.Response}
		if a.PersonID != "" {
			at.Name, at.Email = "", ""
		}
		in.Attendees = append(in.Attendees, at)
	}
	return in
}

// syncAgenda brings the organizer's agenda item in step with meeting id
// after a change (new time, place, attendees, cancellation).
func (s *Service) syncAgenda(ctx context.Context, actor *authz.Actor, id string) error {
	if s.Agenda == nil {
		return nil
	}
	m, err := loadMeeting(ctx, s.DB.R, id)
	if err != nil || m.AppointmentID == "" {
		return err
	}
	if _, err := s.Agenda.Update(ctx, actor, m.AppointmentID, agenda.Edit{}, s.appointmentInput(m)); err != nil {
		if apperr.KindOf(err) == apperr.NotFound {
			return nil // removed from the agenda by hand
		}
		return fmt.Errorf("agenda: %w", err)
	}
	return nil
}

// audit records a change to m, on the organizer's behalf when the actor is
// someone else. Confidential titles stay out of the log.
func (s *Service) audit(ctx context.Context, tx *sql.Tx, actor *authz.Actor, action string, m Meeting, after any) error {
	l := label(m.Title, m.Confidential)
	verb := auditVerbs[action]
	if verb == "" {
		verb = action + " meeting"
	}
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: action, ObjectType: "meeting", ObjectID: m.ID,
		OnBehalfOf: actor.OnBehalfOf(m.OrganizerID),
		Message:    "meeting." + action,
		Label:      l,
		Summary:    fmt.Sprintf("%s %q", verb, l),
		After:      after,
	})
}

// auditVerbs say in English what each audited action did; the interfaces
// translate through the catalog keys "audit.meeting.<action>".
var auditVerbs = map[string]string{
	"schedule": "put in the agenda: meeting", "hold": "held meeting", "cancel": "cancelled meeting",
	"invite": "sent invitations for meeting", "update": "changed meeting",
	"item_add": "added an agenda item to meeting", "item_change": "changed an agenda item of meeting",
	"item_remove": "removed an agenda item from meeting", "item_move": "moved an agenda item of meeting", "item_to_next": "moved an agenda item to the next meeting from meeting",
	"document_add": "attached a document to meeting", "document_remove": "removed a document from meeting",
}

// MarkHeld records that a scheduled meeting took place (minutes can then be
// taken). Errors: NotFound, Forbidden as CanEdit; Conflict when the meeting
// is not scheduled.
func (s *Service) MarkHeld(ctx context.Context, actor *authz.Actor, id string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, err := s.editable(ctx, tx, actor, id, false)
		if err != nil {
			return err
		}
		if m.Status != Scheduled {
			return apperr.Conflictf("only a scheduled meeting can be marked as held")
		}
		if err := s.SetStatusTx(ctx, tx, id, Held); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "hold", m, nil)
	})
}

// Cancel cancels an open meeting: its room booking is cancelled, its agenda
// item is marked cancelled, and attendees who were invited receive a
// cancellation (METHOD:CANCEL, sequence raised).
//
// Errors: NotFound, Forbidden as CanEdit; Forbidden when invitations were
// sent and the actor may not send mail on the organizer's behalf (the
// cancellation could not reach the attendees); Conflict when the meeting is
// no longer open.
func (s *Service) Cancel(ctx context.Context, actor *authz.Actor, id string) error {
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		m, err := s.editable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		invited := m.InvitedSequence != nil
		if invited && !s.CanSend(actor, m) {
			return sendDenied(m)
		}
		if m.RoomBookingID != "" && s.Rooms != nil {
			if err := s.Rooms.CancelBookingTx(ctx, tx, actor, m.RoomBookingID); err != nil && apperr.KindOf(err) != apperr.NotFound && apperr.KindOf(err) != apperr.Conflict {
				return err
			}
		}
		m.Sequence++
		m.Status = Cancelled
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET status = 'cancelled', sequence = $1, updated_at = $2 WHERE id = $3`,
			m.Sequence, s.Clock.Now().UTC(), id); err != nil {
			return err
		}
		if invited {
			if _, err := s.enqueue(ctx, tx, actor, m, MethodCancel, m.Attendees); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "cancel", m, nil)
	})
	if err != nil {
		return err
	}
	return s.syncAgenda(ctx, actor, id)
}

// sendDenied is the error for an assistant whose mandate lacks
// mail.send_on_behalf.
func sendDenied(m Meeting) error {
	return apperr.Forbiddenf("your mandate does not allow sending mail on the organizer's behalf, so invitations cannot be sent for this meeting")
}
