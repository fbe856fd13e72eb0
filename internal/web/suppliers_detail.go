package web

import (
	"net/http"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/suppliers"
)

// AccountRow is one bank account on the supplier page.
type AccountRow struct {
	suppliers.BankAccount
	Print      string // "NL91 ABNA 0417 1643 00"
	MethodText string // how it was checked, in words
}

// SupplierPage is one supplier with contacts, bank accounts and contracts.
type SupplierPage struct {
	Nav          SubNav
	Supplier     suppliers.Supplier
	CategoryText string
	Accounts     []AccountRow
	Untrusted    int
	CanManage    bool
	// Contracts is nil for those who may not see contracts.
	Contracts     []suppliers.Contract
	SeesContracts bool
	// The add-account form.
	Account AccountForm
	Errors  FieldErrors
}

// AccountForm is the add-account form as typed.
type AccountForm struct{ IBAN, BIC, Holder string }

func (s *Server) supplierPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderSupplier(w, r, a, http.StatusOK, SupplierPage{})
}

func (s *Server) renderSupplier(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d SupplierPage) error {
	ctx := r.Context()
	sp, err := s.Suppliers.Get(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	p.Title = sp.Name
	d.Nav = costsSubNav(p.P, a, "suppliers")
	d.Supplier, d.CategoryText = sp, p.P.T("suppliers.category."+sp.Category)
	d.CanManage = suppliers.CanManage(a)
	for _, acc := range sp.Accounts {
		row := AccountRow{BankAccount: acc, Print: printIBAN(acc.IBAN)}
		if acc.TrustMethod != "" {
			row.MethodText = p.P.T("suppliers.trust." + acc.TrustMethod)
		}
		if !acc.Trusted() {
			d.Untrusted++
		}
		d.Accounts = append(d.Accounts, row)
	}
	if suppliers.CanSeeContracts(a) {
		d.SeesContracts = true
		if d.Contracts, err = s.Suppliers.ListContracts(ctx, a, suppliers.ContractFilter{SupplierID: sp.ID, All: true}); err != nil {
			return err
		}
	}
	s.render(w, r, status, "supplier", p, d)
	return nil
}

func (s *Server) addSupplierAccount(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	f := AccountForm{IBAN: r.PostFormValue("iban"), BIC: r.PostFormValue("bic"), Holder: r.PostFormValue("holder")}
	if _, err := s.Suppliers.AddAccount(r.Context(), a, id, suppliers.AccountInput{IBAN: f.IBAN, BIC: f.BIC, Holder: f.Holder}); err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderSupplier(w, r, a, statusFor(err), SupplierPage{Account: f, Errors: fe})
	}
	s.done(w, r, "/suppliers/"+id+"#accounts", "account_added")
	return nil
}

// ConfirmAccountPage asks how the Office Manager checked a bank account.
type ConfirmAccountPage struct {
	Nav      SubNav
	Supplier suppliers.Supplier
	Account  AccountRow
	Methods  []Option
	Method   string
	Note     string
	Errors   FieldErrors
}

func (s *Server) confirmAccountForm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderConfirmAccount(w, r, a, http.StatusOK, ConfirmAccountPage{})
}

func (s *Server) renderConfirmAccount(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d ConfirmAccountPage) error {
	sp, err := s.Suppliers.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	found := false
	for _, acc := range sp.Accounts {
		if acc.ID == r.PathValue("account") {
			d.Account, found = AccountRow{BankAccount: acc, Print: printIBAN(acc.IBAN)}, true
		}
	}
	if !found {
		return apperr.NotFoundf("bank account not found")
	}
	p := s.page(r, a, "costs")
	p.Title = p.P.T("suppliers.confirm_title", d.Account.Print)
	d.Nav, d.Supplier = costsSubNav(p.P, a, "suppliers"), sp
	for _, m := range suppliers.TrustMethods {
		d.Methods = append(d.Methods, Option{Value: m, Label: p.P.T("suppliers.trust." + m)})
	}
	s.render(w, r, status, "supplier_confirm", p, d)
	return nil
}

func (s *Server) confirmAccount(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, acc := r.PathValue("id"), r.PathValue("account")
	in := suppliers.TrustInput{Method: r.PostFormValue("method"), Note: r.PostFormValue("note")}
	if _, err := s.Suppliers.TrustAccount(r.Context(), a, id, acc, in); err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderConfirmAccount(w, r, a, statusFor(err), ConfirmAccountPage{Method: in.Method, Note: in.Note, Errors: fe})
	}
	s.done(w, r, "/suppliers/"+id+"#accounts", "account_trusted")
	return nil
}

// withdrawAccountTrust takes the Office Manager's confirmation of an
// account back: nothing is paid into it until she confirms it again.
func (s *Server) withdrawAccountTrust(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if _, err := s.Suppliers.WithdrawTrust(r.Context(), a, id, r.PathValue("account"), r.PostFormValue("reason")); err != nil {
		return err
	}
	s.done(w, r, "/suppliers/"+id+"#accounts", "account_distrusted")
	return nil
}
