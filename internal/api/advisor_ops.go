package api

// registerAdvisor registers the operations of this capability.
func (a *API) registerAdvisor() {}
