package api

// registerInvoices adds the invoices operations.
func (a *API) registerInvoices() {}
