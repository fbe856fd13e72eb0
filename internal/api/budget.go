package api

// registerBudget adds the budget operations.
func (a *API) registerBudget() {}
