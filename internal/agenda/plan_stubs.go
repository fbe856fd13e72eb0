package agenda

import "spil/internal/apperr"

// errNotBuilt answers the parts of the agenda that are declared but not yet
// built (see ics_stubs.go). The planning side it once stood for is built:
// hours.go, settings.go, absences.go, overrides.go, estimator.go, plan.go,
// conflicts.go, findslots.go and freebusy.go.
var errNotBuilt = apperr.New(apperr.Internal, "not built yet")
