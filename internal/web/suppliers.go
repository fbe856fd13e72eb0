package web

import (
	"net/http"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/iban"
	"spil/internal/suppliers"
)

// supplierReaders may open the supplier pages: the Office Manager, and those
// who register or approve invoices.
var supplierReaders = []authz.Permission{authz.OfficeManage, authz.InvoicesPrepare, authz.InvoicesApprove, authz.InvoicesCountersign}

// supplierRoutes are the pages of the suppliers module: suppliers with their
// bank accounts, and contracts.
func (s *Server) supplierRoutes() []Route {
	read, manage := authz.Need(supplierReaders...), authz.Need(authz.OfficeManage)
	return []Route{
		{http.MethodGet, "/suppliers", read, s.suppliersList},
		{http.MethodGet, "/suppliers/new", manage, s.newSupplier},
		{http.MethodPost, "/suppliers", manage, s.createSupplier},
		{http.MethodGet, "/suppliers/{id}", read, s.supplierPage},
		{http.MethodGet, "/suppliers/{id}/edit", manage, s.editSupplier},
		{http.MethodPost, "/suppliers/{id}", manage, s.updateSupplier},
		{http.MethodPost, "/suppliers/{id}/accounts", manage, s.addSupplierAccount},
		{http.MethodGet, "/suppliers/{id}/accounts/{account}/confirm", manage, s.confirmAccountForm},
		{http.MethodPost, "/suppliers/{id}/accounts/{account}/confirm", manage, s.confirmAccount},
		{http.MethodPost, "/suppliers/{id}/accounts/{account}/withdraw", manage, s.withdrawAccountTrust},
		{http.MethodGet, "/contracts", manage, s.contractsList},
		{http.MethodGet, "/contracts/new", manage, s.newContract},
		{http.MethodPost, "/contracts", manage, s.createContract},
		{http.MethodGet, "/contracts/{id}", manage, s.contractPage},
		{http.MethodGet, "/contracts/{id}/edit", manage, s.editContract},
		{http.MethodPost, "/contracts/{id}", manage, s.updateContract},
		{http.MethodPost, "/contracts/{id}/terminate", manage, s.terminateContract},
		{http.MethodPost, "/contracts/{id}/documents", manage, s.uploadContractDocument},
		{http.MethodGet, "/contracts/{id}/documents/{doc}", manage, s.contractDocument},
	}
}

// SupplierRow is one supplier in the list.
type SupplierRow struct {
	suppliers.Supplier
	CategoryText string
}

// SuppliersPage is the list of suppliers with its filters.
type SuppliersPage struct {
	Nav        SubNav
	Rows       []SupplierRow
	Q          string
	Category   string
	Inactive   bool
	Categories []Option
	CanManage  bool
}

// supplierCategories are the categories as options in the printer's
// language.
func supplierCategories(p *i18n.Printer) []Option {
	out := make([]Option, len(suppliers.Categories))
	for i, c := range suppliers.Categories {
		out[i] = Option{Value: c, Label: p.T("suppliers.category." + c)}
	}
	return out
}

func (s *Server) suppliersList(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	q := r.URL.Query()
	d := SuppliersPage{Q: strings.TrimSpace(q.Get("q")), Category: q.Get("category"), Inactive: q.Get("inactive") == "1",
		CanManage: suppliers.CanManage(a)}
	list, err := s.Suppliers.List(r.Context(), a, suppliers.Filter{Search: d.Q, Category: d.Category, Inactive: d.Inactive})
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	p.Title = p.P.T("suppliers.title")
	d.Nav = costsSubNav(p.P, a, "suppliers")
	d.Categories = supplierCategories(p.P)
	for _, sp := range list {
		d.Rows = append(d.Rows, SupplierRow{Supplier: sp, CategoryText: p.P.T("suppliers.category." + sp.Category)})
	}
	s.render(w, r, http.StatusOK, "suppliers", p, d)
	return nil
}

// printIBAN is an IBAN in groups of four.
func printIBAN(s string) string {
	if ib, err := iban.Parse("iban", s); err == nil {
		return ib.Print()
	}
	return s
}

// fieldsOf returns the messages of an Invalid or Conflict error by field
// (a Conflict's own fields included), and whether err was one of those.
func fieldsOf(err error) (FieldErrors, bool) {
	fe, ok := invalid(err)
	if !ok {
		return nil, false
	}
	for k, v := range apperr.FieldsOf(err) {
		fe[k] = v
	}
	return fe, true
}
