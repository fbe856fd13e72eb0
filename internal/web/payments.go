package web

// paymentRoutes are the pages of the payments module.
func (s *Server) paymentRoutes() []Route { return nil }
