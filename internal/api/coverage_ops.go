package api

// registerCoverage registers the operations of this capability.
func (a *API) registerCoverage() {}
