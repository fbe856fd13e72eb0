package web

import (
	"errors"
	"io"
	"net/http"
	"sort"
	"strconv"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/invoices"
	"spil/internal/money"
)

// InvoiceImportPage is the import page: a UBL upload, and a PDF with the
// invoice's data entered by hand.
type InvoiceImportPage struct {
	Nav       SubNav
	Suppliers []Option
	Manual    ManualForm
	// UBLErrors are the validation errors of a refused e-invoice, element
	// path → message (in the validator's English, with the rule).
	UBLErrors []UBLError
	UBLForm   string // a message for the upload form as a whole
	Errors    FieldErrors
}

// UBLError is one validation error of a refused e-invoice.
type UBLError struct{ Path, Message string }

// ManualForm is the PDF form as typed.
type ManualForm struct {
	SupplierID, SupplierName, Number, IssueDate, DueDate, TotalExcl, VAT, IBAN, BIC, Reference, Notes string
	CreditNote                                                                                        bool
}

func (s *Server) invoiceImportForm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderInvoiceImport(w, r, a, http.StatusOK, InvoiceImportPage{})
}

func (s *Server) renderInvoiceImport(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d InvoiceImportPage) error {
	p := s.page(r, a, "costs")
	p.Title = p.P.T("invoices.import_title")
	d.Nav = costsSubNav(p.P, a, "invoices")
	d.Suppliers = s.invoiceSupplierOptions(r.Context(), a, d.Manual.SupplierID)
	s.render(w, r, status, "invoice_import", p, d)
	return nil
}

// maxUBLUpload caps the upload request: the 20 MiB document plus the form.
const maxUBLUpload = invoices.MaxDocumentBytes + 64<<10

// invoiceUpload reads the file part "file" of a multipart form whose body is
// capped at limit; the message says what is wrong in the service's English.
func invoiceUpload(w http.ResponseWriter, r *http.Request, limit int64, tooBig string) ([]byte, string, string) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, "", tooBig
		}
		return nil, "", "choose a file"
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, "", "choose a file"
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, "", "choose a file"
	}
	return data, hdr.Filename, ""
}

func (s *Server) invoiceImportUBL(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	data, _, msg := invoiceUpload(w, r, maxUBLUpload, "the file is larger than 20 MiB")
	if msg != "" {
		return s.renderInvoiceImport(w, r, a, http.StatusUnprocessableEntity, InvoiceImportPage{UBLForm: msg})
	}
	out, err := s.Invoices.ImportUBL(r.Context(), a, data, invoices.ChannelUpload)
	if err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		d := InvoiceImportPage{UBLForm: "the e-invoice was not imported: correct these errors or ask the supplier for a corrected invoice"}
		for _, k := range invoiceErrorKeys(fe) {
			d.UBLErrors = append(d.UBLErrors, UBLError{Path: k, Message: fe[k]})
		}
		return s.renderInvoiceImport(w, r, a, statusFor(err), d)
	}
	s.done(w, r, "/invoices/"+out.Invoice.ID, "invoice_imported")
	return nil
}

func (s *Server) invoiceImportPDF(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	data, name, msg := invoiceUpload(w, r, invoices.MaxPDFBytes+64<<10, "the PDF is larger than 10 MiB")
	f := ManualForm{SupplierID: r.FormValue("supplier_id"), SupplierName: r.FormValue("supplier_name"), Number: r.FormValue("number"),
		IssueDate: r.FormValue("issue_date"), DueDate: r.FormValue("due_date"), TotalExcl: r.FormValue("total_excl"), VAT: r.FormValue("vat"),
		IBAN: r.FormValue("iban"), BIC: r.FormValue("bic"), Reference: r.FormValue("reference"), Notes: r.FormValue("notes"),
		CreditNote: r.FormValue("kind") == "credit_note"}
	if msg != "" && data == nil && msg != "choose a file" {
		return s.renderInvoiceImport(w, r, a, http.StatusUnprocessableEntity, InvoiceImportPage{Manual: f, Errors: FieldErrors{"pdf": msg}})
	}
	kind := invoices.KindInvoice
	if f.CreditNote {
		kind = invoices.KindCreditNote
	}
	p := s.page(r, a, "costs")
	out, err := s.Invoices.RegisterPDF(r.Context(), a, invoices.ManualInput{Lang: p.P.Lang, Kind: kind, SupplierID: f.SupplierID,
		SupplierName: f.SupplierName, Number: f.Number, IssueDate: f.IssueDate, DueDate: f.DueDate, TotalExcl: f.TotalExcl, VAT: f.VAT,
		IBAN: f.IBAN, BIC: f.BIC, Reference: f.Reference, Notes: f.Notes, Filename: name, PDF: data})
	if err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderInvoiceImport(w, r, a, statusFor(err), InvoiceImportPage{Manual: f, Errors: fe})
	}
	s.done(w, r, "/invoices/"+out.Invoice.ID, "invoice_imported")
	return nil
}

// InvoiceSettingsPage is the approval limit.
type InvoiceSettingsPage struct {
	Nav     SubNav
	Limit   string // as shown
	Input   string // as typed
	CanEdit bool
	Errors  FieldErrors
}

func (s *Server) invoiceSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderInvoiceSettings(w, r, a, http.StatusOK, InvoiceSettingsPage{})
}

func (s *Server) renderInvoiceSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d InvoiceSettingsPage) error {
	st, err := s.Invoices.Settings(r.Context(), a)
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	p.Title = p.P.T("invoices.settings_title")
	d.Nav = costsSubNav(p.P, a, "invoices")
	d.Limit = p.P.Money(st.ApprovalLimitCents, st.Currency)
	if d.Errors == nil {
		d.Input = invoiceMoneyInput(p.P.Lang, st.ApprovalLimitCents)
	}
	d.CanEdit = a.Can(authz.InvoicesApprove)
	s.render(w, r, status, "invoice_settings", p, d)
	return nil
}

// invoiceMoneyInput writes cents as people type them: "2500,00" (nl), "2500.00" (en).
func invoiceMoneyInput(lang string, cents int64) string {
	sep := ","
	if lang == "en" {
		sep = "."
	}
	neg := ""
	if cents < 0 {
		neg, cents = "-", -cents
	}
	frac := strconv.FormatInt(cents%100, 10)
	if len(frac) < 2 {
		frac = "0" + frac
	}
	return neg + strconv.FormatInt(cents/100, 10) + sep + frac
}

func (s *Server) saveInvoiceSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	p := s.page(r, a, "costs")
	in := r.PostFormValue("approval_limit")
	cents, err := invoiceParseCents(p.P.Lang, "approval_limit", in)
	if err == nil {
		_, err = s.Invoices.SetApprovalLimit(r.Context(), a, cents)
	}
	if err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderInvoiceSettings(w, r, a, statusFor(err), InvoiceSettingsPage{Input: in, Errors: fe})
	}
	s.done(w, r, "/invoices/settings", "invoice_settings_saved")
	return nil
}

// invoiceParseCents reads an amount in EUR as typed in lang into cents.
func invoiceParseCents(lang, field, s string) (int64, error) {
	amt, err := money.ParseInput(lang, field, s, money.EUR)
	if err != nil {
		return 0, apperr.Fields{field: "enter the amount in euros and cents"}.Err()
	}
	c, err := amt.Round().Minor()
	if err != nil {
		return 0, apperr.Fields{field: "enter the amount in euros and cents"}.Err()
	}
	return c, nil
}

// invoiceErrorKeys returns the keys of m in order.
func invoiceErrorKeys(m FieldErrors) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
