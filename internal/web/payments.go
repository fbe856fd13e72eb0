package web

import (
	"net/http"
	"strings"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/payments"
	"spil/internal/sepa"
)

// paymentRoutes are the pages of the payments module (the Office Manager's).
func (s *Server) paymentRoutes() []Route {
	manage := authz.Need(authz.OfficeManage)
	return []Route{
		{http.MethodGet, "/payments", manage, s.paymentsPage},
		{http.MethodPost, "/payments/batches", manage, s.createPaymentBatch},
		{http.MethodGet, "/payments/batches/{id}", manage, s.paymentBatchPage},
		{http.MethodGet, "/payments/batches/{id}/file", manage, s.paymentBatchFile},
		{http.MethodPost, "/payments/batches/{id}/execute", manage, s.executePaymentBatch},
		{http.MethodPost, "/payments/batches/{id}/cancel", manage, s.cancelPaymentBatch},
		{http.MethodGet, "/payments/settings", manage, s.paymentSettingsPage},
		{http.MethodPost, "/payments/settings", manage, s.savePaymentSettings},
	}
}

// PaymentRow is an approved invoice in the lists, with why it cannot be
// chosen (when it cannot) and the message of a refused batch.
type PaymentRow struct {
	payments.Payable
	Checked bool
	Reason  string // translated: why it cannot go into a batch
	Error   string // translated: why the batch refused it
}

// PaymentList is one list of invoices (overdue, due soon, later).
type PaymentList struct {
	P    *i18n.Printer
	ID   string
	Rows []PaymentRow
}

// PaymentsPage is the payments overview: overdue, due soon and later
// invoices with checkboxes, the batch form, and the batches.
type PaymentsPage struct {
	Nav           SubNav
	Overdue       PaymentList
	DueSoon       PaymentList
	Later         PaymentList
	Batches       []payments.Batch
	Settings      payments.Settings
	ExecutionDate string
	Format        string
	Errors        FieldErrors
	Formats       []string
}

func (s *Server) paymentsPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderPayments(w, r, a, http.StatusOK, PaymentsPage{}, nil)
}

func (s *Server) renderPayments(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d PaymentsPage, chosen map[string]bool) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "costs")
	due, err := s.Payments.Due(ctx, a)
	if err != nil {
		return err
	}
	if d.Batches, err = s.Payments.Batches(ctx, a, 50); err != nil {
		return err
	}
	if d.Settings, err = s.Payments.Settings(ctx, a); err != nil {
		return err
	}
	rows := func(id string, list []payments.Payable) PaymentList {
		out := make([]PaymentRow, len(list))
		for i, pa := range list {
			row := PaymentRow{Payable: pa, Checked: chosen[pa.InvoiceID]}
			switch {
			case pa.BatchID != "":
				row.Reason = p.P.T("payments.in_batch")
			case !pa.Trusted:
				row.Reason = p.P.T("payments.untrusted")
			case !pa.Payable():
				row.Reason = p.P.T("payments.not_payable")
			}
			row.Error = translate(p.P, d.Errors["invoices."+pa.InvoiceID])
			out[i] = row
		}
		return PaymentList{P: p.P, ID: id, Rows: out}
	}
	d.Overdue, d.DueSoon, d.Later = rows("overdue", due.Overdue), rows("due-soon", due.DueSoon), rows("later", due.Later)
	d.Nav = costsSubNav(p.P, a, "payments")
	d.Formats = []string{string(sepa.V09), string(sepa.V03)}
	if d.Format == "" {
		d.Format = string(sepa.V09)
	}
	if d.ExecutionDate == "" {
		d.ExecutionDate = due.Today
	}
	if d.Errors == nil {
		d.Errors = FieldErrors{}
	}
	s.render(w, r, status, "payments", p, d)
	return nil
}

func (s *Server) createPaymentBatch(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ids := r.PostForm["invoice"]
	in := payments.CreateInput{InvoiceIDs: ids, ExecutionDate: strings.TrimSpace(r.PostFormValue("execution_date")), Format: r.PostFormValue("format")}
	b, err := s.Payments.Create(r.Context(), a, in)
	if err != nil {
		if fe, ok := invalid(err); ok {
			chosen := map[string]bool{}
			for _, id := range ids {
				chosen[id] = true
			}
			for k := range fe {
				if strings.HasPrefix(k, "invoices.") && fe[""] == "" {
					fe[""] = "some invoices cannot be paid; see the marked rows"
				}
			}
			return s.renderPayments(w, r, a, statusFor(err), PaymentsPage{Errors: fe, ExecutionDate: in.ExecutionDate, Format: in.Format}, chosen)
		}
		return err
	}
	s.done(w, r, "/payments/batches/"+b.ID, "payment_batch_created")
	return nil
}

// PaymentBatchPage is one batch with its invoices.
type PaymentBatchPage struct {
	Nav    SubNav
	Batch  payments.Batch
	Alert  string
	Errors FieldErrors // of a refused cancel
}

func (s *Server) paymentBatchPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderPaymentBatch(w, r, a, http.StatusOK, nil)
}

func (s *Server) renderPaymentBatch(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, fe FieldErrors) error {
	b, err := s.Payments.Batch(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if fe == nil {
		fe = FieldErrors{}
	}
	p := s.pageFor(r, a, "costs")
	p.Title = p.P.T("payments.batch_title", b.ExecutionDate)
	s.render(w, r, status, "payment_batch", p, PaymentBatchPage{Nav: costsSubNav(p.P, a, "payments"), Batch: b, Errors: fe})
	return nil
}

func (s *Server) paymentBatchFile(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	f, err := s.Payments.Download(r.Context(), a, r.PathValue("id"), sepa.Version(r.URL.Query().Get("format")))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Disposition", `attachment; filename="`+f.Name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(f.Content)
	return err
}

func (s *Server) executePaymentBatch(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	b, err := s.Payments.Execute(r.Context(), a, r.PathValue("id"))
	if err != nil {
		if fe, ok := invalid(err); ok {
			return s.renderPaymentBatch(w, r, a, statusFor(err), fe)
		}
		return err
	}
	s.done(w, r, "/payments/batches/"+b.ID, "payment_batch_executed")
	return nil
}

func (s *Server) cancelPaymentBatch(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	b, err := s.Payments.Cancel(r.Context(), a, r.PathValue("id"), payments.CancelInput{BankDidNotExecute: r.PostFormValue("bank_did_not_execute") == "1"})
	if err != nil {
		if fe, ok := invalid(err); ok {
			return s.renderPaymentBatch(w, r, a, statusFor(err), fe)
		}
		return err
	}
	s.done(w, r, "/payments/batches/"+b.ID, "payment_batch_cancelled")
	return nil
}

// PaymentSettingsPage is the form of the organization's debit account.
type PaymentSettingsPage struct {
	Nav    SubNav
	Form   payments.Settings
	Errors FieldErrors
}

func (s *Server) paymentSettingsPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	st, err := s.Payments.Settings(r.Context(), a)
	if err != nil {
		return err
	}
	return s.renderPaymentSettings(w, r, a, http.StatusOK, PaymentSettingsPage{Form: st})
}

func (s *Server) renderPaymentSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d PaymentSettingsPage) error {
	p := s.pageFor(r, a, "costs")
	d.Nav = costsSubNav(p.P, a, "payments")
	if d.Errors == nil {
		d.Errors = FieldErrors{}
	}
	s.render(w, r, status, "payment_settings", p, d)
	return nil
}

func (s *Server) savePaymentSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in := payments.Settings{DebtorName: r.PostFormValue("debtor_name"), DebtorIBAN: r.PostFormValue("debtor_iban"), DebtorBIC: r.PostFormValue("debtor_bic")}
	if _, err := s.Payments.SetSettings(r.Context(), a, in); err != nil {
		if fe, ok := invalid(err); ok {
			return s.renderPaymentSettings(w, r, a, statusFor(err), PaymentSettingsPage{Form: in, Errors: fe})
		}
		return err
	}
	s.done(w, r, "/payments", "payment_settings_saved")
	return nil
}
