package rooms

import (
	"spil/internal/authz"
)

// seesBooking reports whether actor sees b in full. Everyone logged in sees
// who booked what; a confidential booking's title only the booker (an
// assistant who booked for someone else: while their mandate with
// agenda.edit lasts), the person booked for, and assistants acting for that
// person with agenda.see and documents.see_confidential. The Office Manager
// sees bookings, not the content of confidential ones.
func seesBooking(actor *authz.Actor, b Booking) bool {
	if !b.Confidential || actor.IsSystem() {
		return true
	}
	if actor == nil || actor.PersonID == "" {
		return false
	}
	if actor.PersonID == b.Organizer() || (actor.PersonID == b.BookedBy && actor.ActsFor(b.BookedFor, authz.AgendaEdit)) {
		return true
	}
	o := b.Organizer()
	return actor.ActsFor(o, authz.AgendaSee) && actor.ActsFor(o, authz.DocumentsConfidential)
}

// mask returns b as actor may see it: a confidential booking of someone
// else keeps its times, status and booker but loses its title.
func mask(actor *authz.Actor, b Booking) Booking {
	if seesBooking(actor, b) {
		return b
	}
	b.Hidden = true
	b.Title = ""
	b.MeetingID = ""
	b.Reason = ""
	return b
}

// MayChange reports whether actor may cancel or move b: the person it is
// for (the booker, or the person booked for), an assistant acting for that
// person with agenda.edit — the assistant who booked it too only as long as
// that mandate lasts — or the Office Manager.
func MayChange(actor *authz.Actor, b Booking) bool {
	if actor == nil {
		return false
	}
	if actor.IsSystem() || actor.Can(authz.OfficeManage) {
		return true
	}
	if actor.PersonID == "" {
		return false
	}
	return actor.ActsFor(b.Organizer(), authz.AgendaEdit)
}

// MayManage reports whether actor manages rooms and decides on pending
// bookings (the Office Manager).
func MayManage(actor *authz.Actor) bool { return actor.Can(authz.OfficeManage) }
