// Package meetings treats a meeting as one object from planning to
// follow-up: organizer and preparer, attendees, room or online link, agenda
// items with documents, invitations sent as calendar mail and the answers,
// and the preparation checklist.
package meetings

import (
	"spil/internal/agenda"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/rooms"
)

// Service is the meetings module.
type Service struct {
	DB      *db.DB
	Clock   clock.Clock
	Jobs    *jobs.Queue
	Rooms   *rooms.Service
	Agenda  *agenda.Service
	Mail    mail.Sender
	Texts   *i18n.Catalog
	BaseURL string // for answer links in invitations, without trailing slash
}
