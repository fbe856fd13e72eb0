package web

import (
	"context"
	"net/http"
	"strings"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/invoices"
	"spil/internal/suppliers"
)

// invoiceRoutes are the pages of the invoices module. Everyone who
// prepares, approves or countersigns invoices reads them; the service
// decides which actions each may take.
func (s *Server) invoiceRoutes() []Route {
	read := authz.Need(authz.InvoicesPrepare, authz.InvoicesApprove, authz.InvoicesCountersign)
	prepare := authz.Need(authz.InvoicesPrepare, authz.InvoicesApprove)
	decide := authz.Need(authz.InvoicesApprove, authz.InvoicesCountersign)
	return []Route{
		{http.MethodGet, "/invoices", read, s.invoicesList},
		{http.MethodGet, "/invoices/import", prepare, s.invoiceImportForm},
		{http.MethodPost, "/invoices/import", prepare, s.invoiceImportUBL},
		{http.MethodPost, "/invoices/import/pdf", prepare, s.invoiceImportPDF},
		{http.MethodGet, "/invoices/settings", read, s.invoiceSettings},
		{http.MethodPost, "/invoices/settings", authz.Need(authz.InvoicesApprove), s.saveInvoiceSettings},
		{http.MethodGet, "/invoices/{id}", read, s.invoicePage},
		{http.MethodPost, "/invoices/{id}/coding", prepare, s.codeInvoice},
		{http.MethodPost, "/invoices/{id}/approve", decide, s.approveInvoice},
		{http.MethodPost, "/invoices/{id}/reject", decide, s.rejectInvoice},
		{http.MethodPost, "/invoices/{id}/hold", read, s.holdInvoice},
		{http.MethodPost, "/invoices/{id}/release", read, s.releaseInvoice},
		{http.MethodGet, "/invoices/{id}/attachments/{att}", read, s.invoiceAttachment},
		{http.MethodGet, "/invoices/{id}/source", read, s.invoiceSource},
	}
}

// InvoiceRow is one invoice in the list.
type InvoiceRow struct {
	invoices.ListItem
	Supplier   string
	Amount     string
	IssueDate  string
	DueDate    string
	StatusText string
	StepText   string // the step the reader can give, in words
}

// InvoicesPage is the invoice list with its tabs and filters.
type InvoicesPage struct {
	Nav        SubNav
	TabNav     SubNav
	Tab        string
	Rows       []InvoiceRow
	Q          string
	SupplierID string
	Overdue    bool
	Suppliers  []Option
	CanImport  bool
	Limit      string // the approval limit, formatted
}

// invoiceTabs are the list's tabs: key → status filter.
var invoiceTabs = []struct {
	key    string
	status invoices.Status
	mine   bool
}{
	{"mine", "", true},
	{"registered", invoices.StatusRegistered, false},
	{"on_hold", invoices.StatusOnHold, false},
	{"approved", invoices.StatusApproved, false},
	{"paid", invoices.StatusPaid, false},
	{"rejected", invoices.StatusRejected, false},
	{"all", "", false},
}

func (s *Server) invoicesList(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := InvoicesPage{Tab: q.Get("tab"), Q: strings.TrimSpace(q.Get("q")), SupplierID: q.Get("supplier"), Overdue: q.Get("overdue") == "1",
		CanImport: invoices.CanPrepare(a)}
	canDecide := a.Can(authz.InvoicesApprove) || a.Can(authz.InvoicesCountersign)
	if d.Tab == "" {
		d.Tab = "registered"
		if canDecide {
			d.Tab = "mine"
		}
	}
	f := invoices.Filter{Query: d.Q, SupplierID: d.SupplierID, Overdue: d.Overdue, Flags: true}
	known := false
	for _, t := range invoiceTabs {
		if t.key == d.Tab {
			f.Status, f.WaitingForMe, known = t.status, t.mine, true
		}
	}
	if !known {
		d.Tab, f.Status = "all", ""
	}
	list, err := s.Invoices.List(ctx, a, f)
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	p.Title = p.P.T("invoices.title")
	d.Nav = costsSubNav(p.P, a, "invoices")
	d.TabNav.Label, d.TabNav.Active = p.P.T("invoices.tabs"), d.Tab
	for _, t := range invoiceTabs {
		if t.mine && !canDecide {
			continue
		}
		d.TabNav.Items = append(d.TabNav.Items, NavItem{t.key, p.P.T("invoices.tab." + t.key), "/invoices?tab=" + t.key})
	}
	for _, it := range list {
		d.Rows = append(d.Rows, invoiceRow(p.P, it))
	}
	d.Suppliers = s.invoiceSupplierOptions(ctx, a, d.SupplierID)
	if st, err := s.Invoices.Settings(ctx, a); err == nil {
		d.Limit = p.P.Money(st.ApprovalLimitCents, st.Currency)
	}
	s.render(w, r, http.StatusOK, "invoices", p, d)
	return nil
}

func invoiceRow(p *i18n.Printer, it invoices.ListItem) InvoiceRow {
	row := InvoiceRow{ListItem: it, Supplier: it.SupplierName, Amount: p.Money(it.PayableCents, it.Currency),
		IssueDate: invoiceDate(p, it.IssueDate), DueDate: invoiceDate(p, it.DueDate), StatusText: p.T("invoices.status." + string(it.Status))}
	if it.MyStep != "" {
		row.StepText = p.T("invoices.step." + string(it.MyStep))
	}
	return row
}

// invoiceSupplierOptions lists the suppliers for the filter and for
// linking an invoice from an unknown supplier; none when the reader may
// not list suppliers.
func (s *Server) invoiceSupplierOptions(ctx context.Context, a *authz.Actor, selected string) []Option {
	if s.Suppliers == nil {
		return nil
	}
	list, err := s.Suppliers.List(ctx, a, suppliers.Filter{Inactive: true})
	if err != nil {
		return nil
	}
	out := make([]Option, 0, len(list))
	for _, sp := range list {
		out = append(out, Option{Value: sp.ID, Label: sp.Name, Checked: sp.ID == selected})
	}
	return out
}
