package web

// selfAssessRoutes are the self-assessment's pages.
func (s *Server) selfAssessRoutes() []Route { return nil }
