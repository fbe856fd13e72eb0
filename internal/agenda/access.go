package agenda

import (
	"spil/internal/authz"
)

// Access is what an actor may do in one person's agenda.
type Access struct {
	// See: the actor sees normal items in full (the owner, or an assistant
	// with agenda.see). Without it the actor sees free/busy only.
	See bool
	// SeePrivate: private items in full (owner, or agenda.see_private).
	SeePrivate bool
	// SeeConfidential: confidential items in full (owner, or
	// agenda.see_private together with documents.see_confidential).
	SeeConfidential bool
	// Edit: create, change and delete items (owner, or agenda.edit).
	Edit bool
	// Respond: answer invitations (owner, or agenda.respond).
	Respond bool
	// OnBehalf: the actor is not the owner; changes are audited on the
	// owner's behalf.
	OnBehalf bool
}

// AccessTo returns what actor may do in ownerID's agenda. Anyone logged in
// may see free/busy; nobody else may do anything.
func AccessTo(actor *authz.Actor, ownerID string) Access {
	if actor == nil || actor.PersonID == "" || ownerID == "" {
		return Access{}
	}
	if actor.PersonID == ownerID {
		return Access{See: true, SeePrivate: true, SeeConfidential: true, Edit: true, Respond: true}
	}
	a := Access{OnBehalf: true}
	a.See = actor.ActsFor(ownerID, authz.AgendaSee)
	a.SeePrivate = a.See && actor.ActsFor(ownerID, authz.AgendaSeePrivate)
	a.SeeConfidential = a.SeePrivate && actor.ActsFor(ownerID, authz.DocumentsConfidential)
	a.Edit = a.See && actor.ActsFor(ownerID, authz.AgendaEdit)
	a.Respond = a.See && actor.ActsFor(ownerID, authz.AgendaRespond)
	return a
}

// SeesItem reports whether an item of the given visibility is shown in full.
func (a Access) SeesItem(visibility string) bool {
	switch visibility {
	case Normal:
		return a.See
	case Private:
		return a.SeePrivate
	case Confidential:
		return a.SeeConfidential
	}
	return false
}

// mask returns ap as a reader with access a sees it: in full, or as a busy
// block that keeps only the times, the all-day flag, the status and the
// recurrence (so free/busy stays right). attending readers are attendees of
// the item and see it in full.
func mask(ap Appointment, a Access, attending bool) Appointment {
	if attending || a.SeesItem(ap.Visibility) {
		return ap
	}
	out := Appointment{
		ID: ap.ID, OwnerID: ap.OwnerID, UID: ap.UID, SeriesID: ap.SeriesID, RecurrenceID: ap.RecurrenceID,
		Hidden: true, Sequence: ap.Sequence, CreatedAt: ap.CreatedAt, UpdatedAt: ap.UpdatedAt,
	}
	out.Start, out.End, out.AllDay, out.TimeZone = ap.Start, ap.End, ap.AllDay, ap.TimeZone
	out.Status, out.RRule, out.RDates, out.ExDates = ap.Status, ap.RRule, ap.RDates, ap.ExDates
	// Visibility stays: it says why the item is hidden, not what it is.
	out.Visibility = ap.Visibility
	if out.Visibility == Normal {
		out.Visibility = Private // a free/busy reader learns nothing about the kind
	}
	return out
}

// maskAbsence hides the kind and note of an absence from readers who do not
// see private items.
func maskAbsence(ab Absence, a Access) Absence {
	if a.SeePrivate {
		return ab
	}
	return Absence{ID: ab.ID, PersonID: ab.PersonID, Kind: Absent, Start: ab.Start, End: ab.End}
}
