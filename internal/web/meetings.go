package web

// meetingRoutes are the pages of the meetings module.
func (s *Server) meetingRoutes() []Route { return nil }
