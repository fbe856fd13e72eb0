package web

// catalogRoutes are the role catalog's pages: the comparison of the roles.
func (s *Server) catalogRoutes() []Route { return nil }
