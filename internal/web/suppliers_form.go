package web

import (
	"fmt"
	"net/http"
	"strings"

	"spil/internal/authz"
	"spil/internal/suppliers"
)

// SupplierForm is the supplier form as typed.
type SupplierForm struct {
	Name, KvKNumber, VATNumber, Category string
	Street, Postcode, City, Country      string
	PostalAddress, Email, Phone, Website string
	ProcessesPersonalData, Active        bool
	Notes                                string
	Contacts                             []suppliers.Contact
	IBAN, BIC, Holder                    string // the first bank account, on create
}

func supplierFormOf(sp suppliers.Supplier) SupplierForm {
	return SupplierForm{Name: sp.Name, KvKNumber: sp.KvKNumber, VATNumber: sp.VATNumber, Category: sp.Category,
		Street: sp.Street, Postcode: sp.Postcode, City: sp.City, Country: sp.Country, PostalAddress: sp.PostalAddress,
		Email: sp.Email, Phone: sp.Phone, Website: sp.Website, ProcessesPersonalData: sp.ProcessesPersonalData,
		Active: sp.Active, Notes: sp.Notes, Contacts: sp.Contacts}
}

func readSupplierForm(r *http.Request) SupplierForm {
	v := r.PostFormValue
	f := SupplierForm{Name: v("name"), KvKNumber: v("kvk_number"), VATNumber: v("vat_number"), Category: v("category"),
		Street: v("street"), Postcode: v("postcode"), City: v("city"), Country: v("country"), PostalAddress: v("postal_address"),
		Email: v("email"), Phone: v("phone"), Website: v("website"), ProcessesPersonalData: v("processes_personal_data") == "1",
		Active: v("active") == "1", Notes: v("notes"), IBAN: v("iban"), BIC: v("bic"), Holder: v("holder")}
	names, roles, emails, phones := r.PostForm["contact_name"], r.PostForm["contact_role"], r.PostForm["contact_email"], r.PostForm["contact_phone"]
	at := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return ""
	}
	for i := range names {
		f.Contacts = append(f.Contacts, suppliers.Contact{Name: names[i], Role: at(roles, i), Email: at(emails, i), Phone: at(phones, i)})
	}
	return f
}

func (f SupplierForm) input() suppliers.SupplierInput {
	in := suppliers.SupplierInput{Name: f.Name, KvKNumber: f.KvKNumber, VATNumber: f.VATNumber, Category: f.Category,
		Street: f.Street, Postcode: f.Postcode, City: f.City, Country: f.Country, PostalAddress: f.PostalAddress,
		Email: f.Email, Phone: f.Phone, Website: f.Website, ProcessesPersonalData: f.ProcessesPersonalData,
		Active: f.Active, Notes: f.Notes, Contacts: f.Contacts}
	if strings.TrimSpace(f.IBAN) != "" || strings.TrimSpace(f.BIC) != "" {
		in.Accounts = []suppliers.AccountInput{{IBAN: f.IBAN, BIC: f.BIC, Holder: f.Holder}}
	}
	return in
}

// ContactRow is one row of the contacts in the form, with its errors'
// keys.
type ContactRow struct {
	suppliers.Contact
	I int
}

// SupplierFormPage is the page that registers or changes a supplier.
type SupplierFormPage struct {
	Nav        SubNav
	ID         string // "" when new
	Form       SupplierForm
	Errors     FieldErrors
	Categories []Option
}

// ContactRows are the contacts and two empty rows to add more.
func (d SupplierFormPage) ContactRows() []ContactRow {
	var out []ContactRow
	for i, c := range d.Form.Contacts {
		out = append(out, ContactRow{Contact: c, I: i})
	}
	n := len(out)
	for i := n; i < n+2; i++ {
		out = append(out, ContactRow{I: i})
	}
	return out
}

// Action is where the form posts.
func (d SupplierFormPage) Action() string {
	if d.ID == "" {
		return "/suppliers"
	}
	return "/suppliers/" + d.ID
}

// ContactKey is the error key of a contact's field.
func (d SupplierFormPage) ContactKey(i int, field string) string {
	return fmt.Sprintf("contacts[%d].%s", i, field)
}

// ContactID is the input id of a contact's field.
func (d SupplierFormPage) ContactID(i int, field string) string {
	return fmt.Sprintf("contact-%d-%s", i, field)
}

func (s *Server) renderSupplierForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d SupplierFormPage, name string) error {
	p := s.page(r, a, "costs")
	p.Title = p.P.T("suppliers.new")
	if d.ID != "" {
		p.Title = p.P.T("suppliers.edit_title", name)
	}
	d.Nav = costsSubNav(p.P, a, "suppliers")
	d.Categories = supplierCategories(p.P)
	// Errors of the first account on create are shown at its fields.
	for _, k := range []string{"iban", "bic"} {
		if m, ok := d.Errors["bank_accounts[0]."+k]; ok {
			d.Errors[k] = m
		}
	}
	s.render(w, r, status, "supplier_form", p, d)
	return nil
}

func (s *Server) newSupplier(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderSupplierForm(w, r, a, http.StatusOK, SupplierFormPage{Form: SupplierForm{Country: "NL", Active: true, Category: "other"}}, "")
}

func (s *Server) createSupplier(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := readSupplierForm(r)
	sp, err := s.Suppliers.Create(r.Context(), a, f.input())
	if err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderSupplierForm(w, r, a, statusFor(err), SupplierFormPage{Form: f, Errors: fe}, "")
	}
	s.done(w, r, "/suppliers/"+sp.ID, "supplier_created")
	return nil
}

func (s *Server) editSupplier(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	sp, err := s.Suppliers.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderSupplierForm(w, r, a, http.StatusOK, SupplierFormPage{ID: sp.ID, Form: supplierFormOf(sp)}, sp.Name)
}

func (s *Server) updateSupplier(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	before, err := s.Suppliers.Get(r.Context(), a, id)
	if err != nil {
		return err
	}
	f := readSupplierForm(r)
	f.IBAN, f.BIC, f.Holder = "", "", ""
	if _, err := s.Suppliers.Update(r.Context(), a, id, f.input()); err != nil {
		fe, ok := fieldsOf(err)
		if !ok {
			return err
		}
		return s.renderSupplierForm(w, r, a, statusFor(err), SupplierFormPage{ID: id, Form: f, Errors: fe}, before.Name)
	}
	s.done(w, r, "/suppliers/"+id, "supplier_saved")
	return nil
}
