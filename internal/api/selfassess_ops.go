package api

// registerSelfAssessment registers the operations of this capability.
func (a *API) registerSelfAssessment() {}
