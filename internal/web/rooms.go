package web

// roomRoutes are the pages of the rooms module.
func (s *Server) roomRoutes() []Route { return nil }
