package api

// registerPayments adds the payments operations.
func (a *API) registerPayments() {}
