package web

// minutesRoutes are the pages of the minutes module.
func (s *Server) minutesRoutes() []Route { return nil }
