package web

import (
	"net/http"
	"strconv"
	"strings"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/money"
	"spil/internal/suppliers"
)

// ContractRow is one contract in a list.
type ContractRow struct {
	suppliers.Contract
	Value      string // yearly value, formatted
	StatusText string
	Notice     string // the notice period in words
}

func contractRow(p *i18n.Printer, c suppliers.Contract) ContractRow {
	return ContractRow{Contract: c, Value: p.Money(c.YearlyValueCents, c.Currency),
		StatusText: p.T("contracts.status." + c.Terms.Status), Notice: noticeText(p, c)}
}

func noticeText(p *i18n.Printer, c suppliers.Contract) string {
	switch {
	case c.NoticeMonths > 0:
		return p.N("contracts.months", c.NoticeMonths)
	case c.NoticeDays > 0:
		return p.N("contracts.days", c.NoticeDays)
	}
	return p.T("contracts.no_notice")
}

// ContractsPage lists contracts, soonest notice deadline first.
type ContractsPage struct {
	Nav  SubNav
	Rows []ContractRow
	All  bool
}

func (s *Server) contractsList(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	d := ContractsPage{All: r.URL.Query().Get("all") == "1"}
	list, err := s.Suppliers.ListContracts(r.Context(), a, suppliers.ContractFilter{All: d.All})
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	p.Title = p.P.T("contracts.title")
	d.Nav = costsSubNav(p.P, a, "contracts")
	for _, c := range list {
		d.Rows = append(d.Rows, contractRow(p.P, c))
	}
	s.render(w, r, http.StatusOK, "contracts", p, d)
	return nil
}

// ContractForm is the contract form as typed.
type ContractForm struct {
	SupplierID, Subject, StartsOn, EndsOn string
	Notice, NoticeUnit                    string // "3", "months"
	AutoRenew                             bool
	RenewMonths                           string
	YearlyValue, BudgetCategory           string
	AlertDays                             string // "60, 14"
	Notes                                 string
}

func contractFormOf(p *i18n.Printer, c suppliers.Contract) ContractForm {
	f := ContractForm{SupplierID: c.SupplierID, Subject: c.Subject, StartsOn: c.StartsOn.Format("2006-01-02"),
		AutoRenew: c.AutoRenew, BudgetCategory: c.BudgetCategory, Notes: c.Notes, NoticeUnit: "months"}
	if !c.EndsOn.IsZero() {
		f.EndsOn = c.EndsOn.Format("2006-01-02")
	}
	switch {
	case c.NoticeDays > 0:
		f.Notice, f.NoticeUnit = strconv.Itoa(c.NoticeDays), "days"
	case c.NoticeMonths > 0:
		f.Notice = strconv.Itoa(c.NoticeMonths)
	}
	if c.RenewMonths > 0 {
		f.RenewMonths = strconv.Itoa(c.RenewMonths)
	}
	if c.YearlyValueCents != 0 {
		if a, err := money.FromMinor(c.YearlyValueCents, c.Currency); err == nil {
			f.YearlyValue = strings.TrimSpace(strings.TrimPrefix(a.Format(p.Lang), "€"))
		}
	}
	days := make([]string, len(c.AlertDays))
	for i, d := range c.AlertDays {
		days[i] = strconv.Itoa(d)
	}
	f.AlertDays = strings.Join(days, ", ")
	return f
}

func readContractForm(r *http.Request) ContractForm {
	v := r.PostFormValue
	return ContractForm{SupplierID: v("supplier_id"), Subject: v("subject"), StartsOn: v("starts_on"), EndsOn: v("ends_on"),
		Notice: v("notice"), NoticeUnit: v("notice_unit"), AutoRenew: v("auto_renew") == "1", RenewMonths: v("renew_months"),
		YearlyValue: v("yearly_value"), BudgetCategory: v("budget_category"), AlertDays: v("alert_days"), Notes: v("notes")}
}

// input turns the form into a ContractInput; numbers that are no number
// are reported by field.
func (f ContractForm) input(lang string) (suppliers.ContractInput, FieldErrors) {
	errs := FieldErrors{}
	num := func(field, s string) int {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			errs[field] = "enter a whole number"
		}
		return n
	}
	in := suppliers.ContractInput{SupplierID: f.SupplierID, Subject: f.Subject, StartsOn: f.StartsOn, EndsOn: f.EndsOn,
		AutoRenew: f.AutoRenew, YearlyValue: f.YearlyValue, BudgetCategory: f.BudgetCategory, Notes: f.Notes, Lang: lang}
	n := num("notice", f.Notice)
	if f.NoticeUnit == "days" {
		in.NoticeDays = n
	} else {
		in.NoticeMonths = n
	}
	in.RenewMonths = num("renew_months", f.RenewMonths)
	if strings.TrimSpace(f.AlertDays) != "" {
		in.AlertDays = []int{}
		for _, part := range strings.FieldsFunc(f.AlertDays, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
			in.AlertDays = append(in.AlertDays, num("alert_days", part))
		}
	}
	return in, errs
}

// ContractFormPage registers or changes a contract.
type ContractFormPage struct {
	Nav        SubNav
	ID         string
	Form       ContractForm
	Errors     FieldErrors
	Suppliers  []Option
	Categories []Option // nil: free text
}

// Action is where the form posts.
func (d ContractFormPage) Action() string {
	if d.ID == "" {
		return "/contracts"
	}
	return "/contracts/" + d.ID
}

func (s *Server) renderContractForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d ContractFormPage, name string) error {
	ctx := r.Context()
	p := s.page(r, a, "costs")
	p.Title = p.P.T("contracts.new")
	if d.ID != "" {
		p.Title = p.P.T("contracts.edit_title", name)
	}
	d.Nav = costsSubNav(p.P, a, "contracts")
	list, err := s.Suppliers.List(ctx, a, suppliers.Filter{Inactive: d.ID != ""})
	if err != nil {
		return err
	}
	for _, sp := range list {
		d.Suppliers = append(d.Suppliers, Option{Value: sp.ID, Label: sp.Name})
	}
	if cats, ok := s.Suppliers.BudgetCategories(ctx); ok {
		d.Categories = []Option{}
		for _, c := range cats {
			label := c.NameNL
			if p.P.Lang == "en" {
				label = c.NameEN
			}
			d.Categories = append(d.Categories, Option{Value: c.Key, Label: label})
		}
	}
	// The notice period is typed in one field with a unit.
	for _, k := range []string{"notice_days", "notice_months"} {
		if m, ok := d.Errors[k]; ok {
			d.Errors["notice"] = m
		}
	}
	s.render(w, r, status, "contract_form", p, d)
	return nil
}

func (s *Server) newContract(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	f := ContractForm{SupplierID: r.URL.Query().Get("supplier"), NoticeUnit: "months", AlertDays: "60, 14",
		StartsOn: s.Suppliers.Today(r.Context()).Format("2006-01-02")}
	return s.renderContractForm(w, r, a, http.StatusOK, ContractFormPage{Form: f}, "")
}

func (s *Server) createContract(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := readContractForm(r)
	p := s.page(r, a, "costs")
	in, errs := f.input(p.P.Lang)
	if len(errs) > 0 {
		return s.renderContractForm(w, r, a, http.StatusUnprocessableEntity, ContractFormPage{Form: f, Errors: errs}, "")
	}
	c, err := s.Suppliers.CreateContract(r.Context(), a, in)
	if err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderContractForm(w, r, a, statusFor(err), ContractFormPage{Form: f, Errors: fe}, "")
	}
	s.done(w, r, "/contracts/"+c.ID, "contract_created")
	return nil
}

func (s *Server) editContract(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	c, err := s.Suppliers.GetContract(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.page(r, a, "costs")
	return s.renderContractForm(w, r, a, http.StatusOK, ContractFormPage{ID: c.ID, Form: contractFormOf(p.P, c)}, c.Subject)
}

func (s *Server) updateContract(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	before, err := s.Suppliers.GetContract(r.Context(), a, id)
	if err != nil {
		return err
	}
	f := readContractForm(r)
	p := s.page(r, a, "costs")
	in, errs := f.input(p.P.Lang)
	if len(errs) == 0 {
		_, err = s.Suppliers.UpdateContract(r.Context(), a, id, in)
		if err == nil {
			s.done(w, r, "/contracts/"+id, "contract_saved")
			return nil
		}
		var ok bool
		if errs, ok = fieldsOf(err); !ok {
			return err
		}
	}
	return s.renderContractForm(w, r, a, statusFor(err), ContractFormPage{ID: id, Form: f, Errors: errs}, before.Subject)
}
