// Package minutes records what a meeting decided: notes per agenda item,
// decisions and action items; approval sends the minutes to the attendees and
// closes them. Action items are followed up across meetings with reminders.
package minutes

import (
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
)

// Service is the minutes and action-items module.
type Service struct {
	DB       *db.DB
	Clock    clock.Clock
	Jobs     *jobs.Queue
	Meetings *meetings.Service
	Mail     mail.Sender
	Texts    *i18n.Catalog
	BaseURL  string // for links in mail, without trailing slash
}
