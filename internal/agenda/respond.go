package agenda

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
)

// Respond answers the invitation of attendee personID to the appointment id
// (for a series: to the whole series): accepted, tentative or declined. The
// attendee answers for themself; a Management Assistant answers for a
// principal whose mandate grants agenda.respond, and it is audited on the
// principal's behalf. A declined item leaves the attendee's agenda.
//
// Errors: NotFound when the appointment does not exist or personID is not
// among its attendees as far as the actor can tell; Forbidden without the
// respond right; Invalid "response" for an unknown answer.
func (s *Service) Respond(ctx context.Context, actor *authz.Actor, id, personID, response string) error {
	switch response {
	case Accepted, TentativeR, Declined:
	default:
		return &apperr.Error{Kind: apperr.Invalid, Message: "invalid response",
			Fields: map[string]string{"response": "choose accepted, tentative or declined"}}
	}
	acc := AccessTo(actor, personID)
	if !acc.Respond {
		if !acc.See {
			return apperr.NotFoundf("invitation not found")
		}
		return apperr.Forbiddenf("your mandate does not let you answer invitations for this person")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		ap, err := getAppointment(ctx, tx, id)
		if err != nil {
			return err
		}
		var before string
		err = tx.QueryRowContext(ctx, `SELECT response FROM appointment_attendees WHERE appointment_id = $1 AND person_id = $2`, id, personID).Scan(&before)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("invitation not found")
		}
		if err != nil {
			return fmt.Errorf("respond: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE appointment_attendees SET response = $1 WHERE appointment_id = $2 AND person_id = $3`, response, id, personID); err != nil {
			return fmt.Errorf("respond: %w", err)
		}
		label := ap.Title
		if ap.Visibility != Normal {
			label = ap.Start.Format("2006-01-02 15:04") + " UTC"
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "respond", ObjectType: "appointment", ObjectID: id,
			OnBehalfOf: actor.OnBehalfOf(personID), Label: label,
			Summary: fmt.Sprintf("answered %s to %q", response, label),
			Before:  map[string]any{"response": before}, After: map[string]any{"response": response},
		})
	})
}
