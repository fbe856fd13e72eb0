package web

// budgetRoutes are the pages of the budget module.
func (s *Server) budgetRoutes() []Route { return nil }
