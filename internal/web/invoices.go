package web

// invoiceRoutes are the pages of the invoices module.
func (s *Server) invoiceRoutes() []Route { return nil }
