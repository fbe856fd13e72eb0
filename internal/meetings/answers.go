package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/imip"
	"spil/internal/secret"
)

// Invitation is what the answer page shows to an attendee who opened the
// link in their invitation: enough to recognise the meeting, nothing more.
type Invitation struct {
	MeetingTitle  string    `json:"title"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	TimeZone      string    `json:"time_zone"`
	Place         string    `json:"place,omitempty"`
	OrganizerName string    `json:"organizer_name"`
	AttendeeName  string    `json:"attendee_name"`
	Response      string    `json:"response"`
	Cancelled     bool      `json:"cancelled"`
}

// byToken finds the attendee whose newest invitation carried token.
func byToken(ctx context.Context, q dbQuerier, token string) (meetingID, attendeeID string, err error) {
	if token == "" {
		return "", "", apperr.NotFoundf("this answer link is not valid (any more): use the link in the newest invitation")
	}
	err = q.QueryRowContext(ctx, `SELECT meeting_id, id FROM meeting_attendees WHERE answer_token_hash = $1`, secret.Hash(token)).Scan(&meetingID, &attendeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", apperr.NotFoundf("this answer link is not valid (any more): use the link in the newest invitation")
	}
	return meetingID, attendeeID, err
}

// InvitationByToken returns the invitation behind an answer link, for
// anyone holding the link (no login).
//
// Errors: NotFound for an unknown or replaced link.
func (s *Service) InvitationByToken(ctx context.Context, token string) (Invitation, error) {
	mid, aid, err := byToken(ctx, s.DB.R, token)
	if err != nil {
		return Invitation{}, err
	}
	m, err := loadMeeting(ctx, s.DB.R, mid)
	if err != nil {
		return Invitation{}, err
	}
	inv := Invitation{MeetingTitle: m.Title, Start: m.Start, End: m.End, TimeZone: m.TimeZone, Place: m.Place(),
		OrganizerName: m.OrganizerName, Cancelled: m.Status == Cancelled}
	for _, a := range m.Attendees {
		if a.ID == aid {
			inv.AttendeeName, inv.Response = a.Name, a.Response
		}
	}
	return inv, nil
}

// AnswerByToken records the answer (accepted, declined or tentative) of the
// attendee whose invitation carried token.
//
// Errors: NotFound for an unknown link; Invalid for another answer;
// Conflict when the meeting is cancelled or over.
//
// The answer is carried to the organizer's agenda item too (see
// answerInAgenda), as an answer on the meeting page is.
func (s *Service) AnswerByToken(ctx context.Context, token, response string) error {
	if err := checkResponse(response); err != nil {
		return err
	}
	var mid, aid string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if mid, aid, err = byToken(ctx, tx, token); err != nil {
			return err
		}
		return s.answer(ctx, tx, authz.System("answer link"), mid, aid, response)
	})
	if err != nil {
		return err
	}
	return s.answerInAgenda(ctx, "answer link", mid, aid, response)
}

// answerInAgenda carries attendee aid's answer, given through the answer
// link or a calendar reply, to the organizer's agenda item of meeting mid,
// which the attendee's agenda shows. spil acts as a system actor for the
// attendee (named by how the answer came, audited by the agenda): a
// colleague's answer is theirs to give; an external attendee's answer is
// written into the item as its organizer's. A meeting without an agenda
// item, an item removed from the agenda by hand, or an agenda refusing the
// change is no error: the answer stands on the meeting.
func (s *Service) answerInAgenda(ctx context.Context, how, mid, aid, response string) error {
	if s.Agenda == nil {
		return nil
	}
	m, err := loadMeeting(ctx, s.DB.R, mid)
	if err != nil || m.AppointmentID == "" {
		return err
	}
	var personID string
	for _, a := range m.Attendees {
		if a.ID == aid {
			personID = a.PersonID
		}
	}
	if personID != "" {
		err = s.Agenda.Respond(ctx, &authz.Actor{PersonID: personID, Name: how, Via: authz.ViaSystem}, m.AppointmentID, personID, response)
	} else {
		err = s.syncAgenda(ctx, &authz.Actor{PersonID: m.OrganizerID, Name: how, Via: authz.ViaSystem}, mid)
	}
	switch apperr.KindOf(err) {
	case apperr.NotFound, apperr.Conflict, apperr.Invalid, apperr.Forbidden:
		// The answer is on the meeting; an agenda that refuses the
		// carried-over item (a P1 clash since) does not undo it.
		return nil
	}
	if err != nil {
		return fmt.Errorf("answer in the agenda: %w", err)
	}
	return nil
}

// Answer records the answer of the logged-in actor, an internal attendee
// of meeting id.
//
// Errors: NotFound when the actor may not see the meeting or is not one of
// its attendees; Invalid; Conflict as AnswerByToken.
func (s *Service) Answer(ctx context.Context, actor *authz.Actor, id, response string) error {
	if err := checkResponse(response); err != nil {
		return err
	}
	var appointment string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var aid string
		err := tx.QueryRowContext(ctx, `SELECT a.id, COALESCE(m.appointment_id, '') FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
			WHERE a.meeting_id = $1 AND a.person_id = $2`, id, actor.PersonID).Scan(&aid, &appointment)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("you are not invited to this meeting")
		}
		if err != nil {
			return err
		}
		return s.answer(ctx, tx, actor, id, aid, response)
	})
	if err != nil || appointment == "" || s.Agenda == nil {
		return err
	}
	// The same answer in the organizer's agenda item, which the attendee's
	// agenda shows; an item removed from the agenda by hand is no error.
	if err := s.Agenda.Respond(ctx, actor, appointment, actor.PersonID, response); err != nil && apperr.KindOf(err) != apperr.NotFound {
		return fmt.Errorf("answer in the agenda: %w", err)
	}
	return nil
}

func checkResponse(r string) error {
	switch r {
	case Accepted, Declined, Tentative:
		return nil
	}
	return apperr.Fields{"response": "answer accepted, declined or tentative"}.Err()
}

// answer stores attendee aid's response to meeting mid.
func (s *Service) answer(ctx context.Context, tx *sql.Tx, actor *authz.Actor, mid, aid, response string) error {
	m, err := loadMeeting(ctx, tx, mid)
	if err != nil {
		return err
	}
	if m.Status == Cancelled {
		return apperr.Conflictf("this meeting is cancelled")
	}
	if !m.Open() || !m.End.After(s.Clock.Now()) {
		return apperr.Conflictf("this meeting is over")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meeting_attendees SET response = $1, responded_at = $2 WHERE id = $3`,
		response, s.Clock.Now().UTC(), aid); err != nil {
		return fmt.Errorf("store answer: %w", err)
	}
	var name, personID string
	for _, a := range m.Attendees {
		if a.ID == aid {
			name, personID = a.Name, a.PersonID
		}
	}
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: "answer", ObjectType: "meeting", ObjectID: m.ID,
		OnBehalfOf: actor.OnBehalfOf(personID), // spil answering for a colleague through their link
		Message:    "meeting.answer",
		Label:      label(m.Title, m.Confidential),
		Summary:    fmt.Sprintf("%s answered %s to meeting %q", name, response, label(m.Title, m.Confidential)),
		After:      map[string]any{"attendee": name, "response": response},
	})
}

// ApplyReply reads an attendee's answer mail from a calendar app (iMIP
// METHOD:REPLY, see imip.ParseReply) and records it on the meeting with
// that UID. An answer to an older revision than the newest invitation is
// ignored (ok false).
//
// Errors: Invalid for a mail that is not a readable reply; NotFound when no
// meeting has the UID or the answering address is not one of its attendees.
func (s *Service) ApplyReply(ctx context.Context, r io.Reader) (ok bool, err error) {
	rep, err := imip.ParseReply(r)
	if err != nil {
		return false, err
	}
	var mid, aid string
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var seq int
		err := tx.QueryRowContext(ctx, `SELECT id, sequence FROM meetings WHERE uid = $1`, rep.UID).Scan(&mid, &seq)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("no meeting has this invitation's UID")
		}
		if err != nil {
			return err
		}
		if rep.Sequence < seq {
			return nil
		}
		err = tx.QueryRowContext(ctx, `SELECT id FROM meeting_attendees WHERE meeting_id = $1 AND lower(email) = $2`, mid, strings.ToLower(rep.Attendee)).Scan(&aid)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("the answering address is not an attendee of this meeting")
		}
		if err != nil {
			return err
		}
		ok = true
		return s.answer(ctx, tx, authz.System("calendar reply"), mid, aid, strings.ToLower(rep.PartStat))
	})
	if err != nil || !ok {
		return ok, err
	}
	return ok, s.answerInAgenda(ctx, "calendar reply", mid, aid, strings.ToLower(rep.PartStat))
}
