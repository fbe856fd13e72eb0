// Package coverage answers the article's opening question for an
// organization: which of the role catalog's tasks are covered, by whom, and
// what is uncovered or rests on one person.
package coverage

import (
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/db"
)

// Service computes the task coverage map.
type Service struct {
	DB      *db.DB
	Clock   clock.Clock
	Catalog *catalog.Catalog
}
