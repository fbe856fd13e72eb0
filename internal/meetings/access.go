package meetings

import (
	"spil/internal/authz"
)

// canSee reports whether actor may see m: the organizer, the preparer while
// their mandate lasts (see prepares), an internal attendee, or an assistant acting for the organizer with
// agenda.see (documents.see_confidential besides for a confidential
// meeting). The system actor sees everything.
func canSee(actor *authz.Actor, m Meeting) bool {
	if actor == nil {
		return false
	}
	if actor.IsSystem() {
		return true
	}
	me := actor.PersonID
	if me == "" {
		return false
	}
	if m.OrganizerID == me || (m.PreparerID == me && prepares(actor, m)) {
		return true
	}
	for _, a := range m.Attendees {
		if a.PersonID == me {
			return true
		}
	}
	return actsFor(actor, m, authz.AgendaSee)
}

// prepares reports whether actor, m's preparer, still holds a mandate from
// the organizer that lets them prepare it: agenda.see or agenda.edit, and
// documents.see_confidential for a confidential meeting. A preparer whose
// mandate was withdrawn no longer sees the meeting.
func prepares(actor *authz.Actor, m Meeting) bool {
	md, ok := actor.Mandate(m.OrganizerID)
	if !ok || !(md.Scopes.Has(authz.AgendaSee) || md.Scopes.Has(authz.AgendaEdit)) {
		return false
	}
	return !m.Confidential || md.Scopes.Has(authz.DocumentsConfidential)
}

// actsFor reports whether actor, acting for m's organizer, holds scope s —
// and, for a confidential meeting, documents.see_confidential as well.
func actsFor(actor *authz.Actor, m Meeting, s authz.Scope) bool {
	if !actor.ActsFor(m.OrganizerID, s) {
		return false
	}
	return !m.Confidential || actor.ActsFor(m.OrganizerID, authz.DocumentsConfidential)
}

// CanEdit reports whether actor may change m (its details, attendees, agenda
// items and documents, its status): the organizer, or an assistant — the
// preparer or another — acting for the organizer under a mandate with
// agenda.edit (and documents.see_confidential for a confidential meeting).
// The system actor may. It does not look at the meeting's status; changes
// to a held or cancelled meeting are refused by the methods themselves.
func (s *Service) CanEdit(actor *authz.Actor, m Meeting) bool {
	if actor == nil {
		return false
	}
	if actor.IsSystem() {
		return true
	}
	if actor.PersonID == "" {
		return false
	}
	return m.OrganizerID == actor.PersonID || actsFor(actor, m, authz.AgendaEdit)
}

// CanSend reports whether actor may send m's invitations: the organizer
// personally, or an assistant whose mandate from the organizer holds
// mail.send_on_behalf (and agenda.edit). Mail then goes out From the
// organizer with the assistant as Sender.
func (s *Service) CanSend(actor *authz.Actor, m Meeting) bool {
	if !s.CanEdit(actor, m) {
		return false
	}
	if actor.IsSystem() || m.OrganizerID == actor.PersonID {
		return true
	}
	return actor.ActsFor(m.OrganizerID, authz.MailSendOnBehalf)
}

// visibleSQL is the condition on alias m that keeps the meetings actor may
// see, with its arguments numbered from n. Assistants see their principals'
// meetings (agenda.see), confidential ones only with
// documents.see_confidential.
func visibleSQL(actor *authz.Actor, n int) (string, []any) {
	if actor.IsSystem() {
		return "TRUE", nil
	}
	var see, conf, prep, prepConf []any
	for _, md := range actor.Principals() {
		if md.Scopes.Has(authz.AgendaSee) {
			see = append(see, md.PrincipalID)
			if md.Scopes.Has(authz.DocumentsConfidential) {
				conf = append(conf, md.PrincipalID)
			}
		}
		if md.Scopes.Has(authz.AgendaSee) || md.Scopes.Has(authz.AgendaEdit) {
			prep = append(prep, md.PrincipalID)
			if md.Scopes.Has(authz.DocumentsConfidential) {
				prepConf = append(prepConf, md.PrincipalID)
			}
		}
	}
	args := []any{actor.PersonID}
	me := ph(n)
	cond := "(m.organizer_id = " + me +
		" OR EXISTS (SELECT 1 FROM meeting_attendees ma WHERE ma.meeting_id = m.id AND ma.person_id = " + me + ")"
	n++
	if len(prep) > 0 { // the preparer, within the mandate (see prepares)
		cond += " OR (m.preparer_id = " + me + " AND m.organizer_id IN (" + placeholders(&n, len(prep)) + ") AND (NOT m.confidential"
		args = append(args, prep...)
		if len(prepConf) > 0 {
			cond += " OR m.organizer_id IN (" + placeholders(&n, len(prepConf)) + ")"
			args = append(args, prepConf...)
		}
		cond += "))"
	}
	if len(see) > 0 {
		cond += " OR (m.organizer_id IN (" + placeholders(&n, len(see)) + ") AND (NOT m.confidential"
		args = append(args, see...)
		if len(conf) > 0 {
			cond += " OR m.organizer_id IN (" + placeholders(&n, len(conf)) + ")"
			args = append(args, conf...)
		}
		cond += "))"
	}
	return cond + ")", args
}
