package web

// advisorRoutes are the staffing advisor's pages.
func (s *Server) advisorRoutes() []Route { return nil }
