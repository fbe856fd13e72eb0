package web

// coverageRoutes are the task coverage map's pages.
func (s *Server) coverageRoutes() []Route { return nil }
