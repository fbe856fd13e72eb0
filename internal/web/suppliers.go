package web

// supplierRoutes are the pages of the suppliers module.
func (s *Server) supplierRoutes() []Route { return nil }
