package web

import (
	"mime"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/invoices"
	"spil/internal/money"
)

// invoiceDate prints a YYYY-MM-DD day in the reader's language; "" stays "".
func invoiceDate(p *i18n.Printer, day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return p.Date(time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, p.Loc))
}

// CheckRow is one check as the invoice page shows it.
type CheckRow struct {
	Level string // ok, info, warning, problem
	Icon  string
	Badge string // the badge class: badge-ok, warning or none
	Text  string
	Href  string // a link to act on it, when there is one
}

// InvoicePage is one invoice with its checks, the approval screen and the
// coding form.
type InvoicePage struct {
	Nav         SubNav
	D           invoices.Detail
	Inv         invoices.Invoice
	StatusText  string
	KindText    string
	ChannelText string
	Amounts     struct{ Excl, VAT, Incl, Payable, Limit string }
	IssueDate   string
	DueDate     string
	IBAN        string
	Checks      []CheckRow
	Problems    int
	Lines       []InvoiceLineRow
	Approvals   []string
	// Budget and contract positions, formatted; empty when unknown.
	Budget   *InvoiceBudgetRow
	Contract *InvoiceContractRow
	// What the reader may do.
	MyStep       string // approve, countersign or ""
	MyStepText   string
	CanReject    bool
	CanHold      bool
	CanRelease   bool
	CanCode      bool
	Categories   []Option
	Contracts    []Option
	Suppliers    []Option // for linking an unknown supplier
	Coding       invoices.Coding
	CategoryText string
	History      []string
	Errors       FieldErrors
	RejectReason string
	HoldReason   string
}

// InvoiceLineRow is a line, formatted.
type InvoiceLineRow struct {
	invoices.Line
	Net string
}

// InvoiceBudgetRow is the category's position, formatted.
type InvoiceBudgetRow struct {
	Year                                 int
	Budget, Actual, Committed, Remaining string
	Over                                 bool
}

// InvoiceContractRow is the contract's position, formatted.
type InvoiceContractRow struct {
	ID, Subject      string
	Year             int
	Yearly, Invoiced string
	Over             bool
}

func (s *Server) invoicePage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderInvoice(w, r, a, http.StatusOK, InvoicePage{})
}

func (s *Server) renderInvoice(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d InvoicePage) error {
	ctx := r.Context()
	det, err := s.Invoices.Get(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	inv := det.Invoice
	p := s.pageFor(r, a, "costs")
	pr := p.P
	p.Title = pr.T("invoices.invoice_title", inv.Number, inv.SupplierName)
	d.Nav, d.D, d.Inv = costsSubNav(pr, a, "invoices"), det, inv
	d.StatusText = pr.T("invoices.status." + string(inv.Status))
	d.KindText = pr.T("invoices.kind." + string(inv.Kind))
	d.ChannelText = pr.T("invoices.channel." + string(inv.Channel))
	d.Amounts.Excl = pr.Money(inv.TotalExclCents, inv.Currency)
	d.Amounts.VAT = pr.Money(inv.VATCents, inv.Currency)
	d.Amounts.Incl = pr.Money(inv.TotalInclCents, inv.Currency)
	d.Amounts.Payable = pr.Money(inv.PayableCents, inv.Currency)
	d.Amounts.Limit = pr.Money(det.Settings.ApprovalLimitCents, det.Settings.Currency)
	d.IssueDate, d.DueDate, d.IBAN = invoiceDate(pr, inv.IssueDate), invoiceDate(pr, inv.DueDate), printIBAN(inv.IBAN)
	cats := map[string]string{}
	if s.Budget != nil {
		if list, err := s.Budget.Categories(ctx); err == nil {
			for _, c := range list {
				cats[c.Key] = c.Name(pr.Lang)
				if c.Active || c.Key == inv.BudgetCategory {
					d.Categories = append(d.Categories, Option{Value: c.Key, Label: c.Name(pr.Lang), Checked: c.Key == inv.BudgetCategory})
				}
			}
		}
	}
	catName := func(k string) string {
		if n, ok := cats[k]; ok {
			return n
		}
		return k
	}
	d.CategoryText = catName(inv.BudgetCategory)
	for _, c := range det.Checks.List {
		d.Checks = append(d.Checks, checkRow(pr, c, inv, catName))
	}
	d.Problems = det.Checks.Problems()
	for _, l := range inv.Lines {
		row := InvoiceLineRow{Line: l, Net: pr.Money(l.NetCents, inv.Currency)}
		if a, err := money.Parse("price", l.Price, inv.Currency); err == nil && a.InMinorUnits() {
			if c, err := a.Minor(); err == nil {
				row.Price = pr.Money(c, inv.Currency)
			}
		}
		d.Lines = append(d.Lines, row)
	}
	for _, ap := range inv.Approvals {
		d.Approvals = append(d.Approvals, pr.T("invoices.approval."+string(ap.Step), ap.Name, pr.DateTime(ap.At)))
	}
	if b := det.Budget; b != nil {
		d.Budget = &InvoiceBudgetRow{Year: b.Year, Budget: pr.Money(b.Budget, inv.Currency), Actual: pr.Money(b.Actual, inv.Currency),
			Committed: pr.Money(b.Committed, inv.Currency), Remaining: pr.Money(b.Remaining, inv.Currency), Over: b.Remaining < 0}
	}
	if c := det.Contract; c != nil {
		d.Contract = &InvoiceContractRow{ID: c.ID, Subject: c.Subject, Year: c.Year, Yearly: pr.Money(c.YearlyValueCents, inv.Currency),
			Invoiced: pr.Money(c.InvoicedCents, inv.Currency), Over: c.YearlyValueCents > 0 && c.InvoicedCents > c.YearlyValueCents}
	}
	open := inv.Status == invoices.StatusRegistered || inv.Status == invoices.StatusOnHold
	d.MyStep = string(det.MyStep)
	if d.MyStep != "" {
		d.MyStepText = pr.T("invoices.step." + d.MyStep)
	}
	d.CanReject = open && (a.Can(authz.InvoicesApprove) || a.Can(authz.InvoicesCountersign))
	d.CanHold = inv.Status == invoices.StatusRegistered
	d.CanRelease = inv.Status == invoices.StatusOnHold
	d.CanCode = open && invoices.CanPrepare(a)
	if d.Errors == nil {
		d.Coding = invoices.Coding{SupplierID: inv.SupplierID, BudgetCategory: inv.BudgetCategory, ContractID: inv.ContractID, Notes: inv.Notes}
	}
	for _, c := range det.Contracts {
		d.Contracts = append(d.Contracts, Option{Value: c.ID, Label: c.Subject, Checked: c.ID == d.Coding.ContractID})
	}
	if d.CanCode && inv.SupplierID == "" {
		d.Suppliers = s.invoiceSupplierOptions(ctx, a, d.Coding.SupplierID)
	}
	if hist, err := s.Invoices.History(ctx, a, inv.ID); err == nil {
		for _, h := range hist {
			d.History = append(d.History, pr.DateTime(h.At)+" — "+h.ActorName+": "+pr.T("invoices.history."+h.Action))
		}
	}
	s.render(w, r, status, "invoice", p, d)
	return nil
}

// checkRow puts a check in the reader's words with its icon.
func checkRow(p *i18n.Printer, c invoices.Check, inv invoices.Invoice, catName func(string) string) CheckRow {
	icons := map[invoices.Level]string{invoices.LevelOK: "✓", invoices.LevelInfo: "ℹ", invoices.LevelWarning: "⚠", invoices.LevelProblem: "✗"}
	args := make([]any, len(c.Args))
	for i, v := range c.Args {
		args[i] = v
	}
	switch c.Key {
	case "iban_trusted", "iban_untrusted", "iban_invalid":
		args = []any{printIBAN(inv.IBAN)}
	case "category_suggested", "category_as_suggested":
		args = []any{catName(c.Args[0]), p.T("invoices.source." + c.Args[1])}
	case "category_differs":
		args = []any{catName(c.Args[0]), catName(c.Args[1])}
	}
	badges := map[invoices.Level]string{invoices.LevelOK: "badge-ok", invoices.LevelWarning: "warning", invoices.LevelProblem: "warning"}
	row := CheckRow{Level: string(c.Level), Icon: icons[c.Level], Badge: badges[c.Level], Text: p.T("invoices.check."+c.Key, args...)}
	switch c.Key {
	case "supplier_unknown":
		row.Href = "/suppliers/new"
	case "iban_untrusted":
		if inv.SupplierID != "" {
			row.Href = "/suppliers/" + inv.SupplierID + "#accounts"
		}
	}
	return row
}

// invoiceAction runs one decision from the invoice page and redirects back,
// or re-renders the page with the error.
func (s *Server) invoiceAction(w http.ResponseWriter, r *http.Request, a *authz.Actor, flash string, act func(id string) error, keep func(*InvoicePage)) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := act(id); err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		d := InvoicePage{Errors: fe}
		if keep != nil {
			keep(&d)
		}
		return s.renderInvoice(w, r, a, statusFor(err), d)
	}
	s.done(w, r, "/invoices/"+id, flash)
	return nil
}

func (s *Server) approveInvoice(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.invoiceAction(w, r, a, "invoice_approved", func(id string) error {
		_, err := s.Invoices.Approve(r.Context(), a, id, invoices.Step(r.PostFormValue("step")))
		return err
	}, nil)
}

func (s *Server) rejectInvoice(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	reason := r.PostFormValue("reason")
	return s.invoiceAction(w, r, a, "invoice_rejected", func(id string) error {
		_, err := s.Invoices.Reject(r.Context(), a, id, r.PostFormValue("reason"))
		return err
	}, func(d *InvoicePage) { d.RejectReason = reason })
}

func (s *Server) holdInvoice(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.invoiceAction(w, r, a, "invoice_held", func(id string) error {
		_, err := s.Invoices.Hold(r.Context(), a, id, r.PostFormValue("hold_reason"))
		return err
	}, func(d *InvoicePage) { d.HoldReason = r.PostFormValue("hold_reason") })
}

func (s *Server) releaseInvoice(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.invoiceAction(w, r, a, "invoice_released", func(id string) error {
		_, err := s.Invoices.Release(r.Context(), a, id)
		return err
	}, nil)
}

func (s *Server) codeInvoice(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	var c invoices.Coding
	return s.invoiceAction(w, r, a, "invoice_coded", func(id string) error {
		c = invoices.Coding{SupplierID: r.PostFormValue("supplier_id"), BudgetCategory: r.PostFormValue("budget_category"),
			ContractID: r.PostFormValue("contract_id"), Notes: r.PostFormValue("notes")}
		_, err := s.Invoices.Code(r.Context(), a, id, c)
		return err
	}, func(d *InvoicePage) { d.Coding = c })
}

// inlineTypes are shown in the browser; anything else is downloaded.
var inlineTypes = map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true}

func (s *Server) invoiceAttachment(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	att, err := s.Invoices.AttachmentFile(r.Context(), a, r.PathValue("id"), r.PathValue("att"))
	if err != nil {
		return err
	}
	disp, ct := "attachment", att.ContentType
	if inlineTypes[ct] && r.URL.Query().Get("download") == "" {
		disp = "inline"
	} else if !inlineTypes[ct] {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": att.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(att.Content)
	return err
}

func (s *Server) invoiceSource(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	src, err := s.Invoices.Source(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "invoice-" + r.PathValue("id") + ".xml"}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(src)
	return err
}
