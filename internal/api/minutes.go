package api

// registerMinutes adds the minutes operations.
func (a *API) registerMinutes() {}
