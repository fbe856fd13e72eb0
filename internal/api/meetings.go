package api

// registerMeetings adds the meetings operations.
func (a *API) registerMeetings() {}
