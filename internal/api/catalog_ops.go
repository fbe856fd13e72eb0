package api

// registerCatalog registers the operations of this capability.
func (a *API) registerCatalog() {}
