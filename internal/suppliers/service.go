// Package suppliers keeps the organization's suppliers, their bank accounts
// (trusted only after the Office Manager confirms them) and their contracts,
// with alerts before a contract's notice deadline.
package suppliers

import (
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
)

// Service is the suppliers and contracts module.
type Service struct {
	DB      *db.DB
	Clock   clock.Clock
	Jobs    *jobs.Queue
	Mail    mail.Sender
	Texts   *i18n.Catalog
	BaseURL string
}
