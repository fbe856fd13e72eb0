package api

// registerSuppliers adds the suppliers operations.
func (a *API) registerSuppliers() {}
