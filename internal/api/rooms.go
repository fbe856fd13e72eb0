package api

// registerRooms adds the rooms operations.
func (a *API) registerRooms() {}
