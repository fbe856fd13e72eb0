package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/suppliers"
)

// supplierReaders may read suppliers: the Office Manager and those who
// register or approve invoices.
var supplierReaders = authz.Need(authz.OfficeManage, authz.InvoicesPrepare, authz.InvoicesApprove, authz.InvoicesCountersign)

// SupplierContact is a person at a supplier.
type SupplierContact struct {
	Name  string `json:"name" example:"Jan Schoon"`
	Role  string `json:"role,omitempty" example:"Account manager"`
	Email string `json:"email,omitempty" example:"jan@schoon.example"`
	Phone string `json:"phone,omitempty" example:"020 123 4567"`
}

// SupplierBankAccount is an account a supplier may be paid on; spil pays
// only into trusted ones.
type SupplierBankAccount struct {
	ID          string     `json:"id"`
	IBAN        string     `json:"iban" doc:"Electronic form, no spaces." example:"NL91ABNA0417164300"`
	BIC         string     `json:"bic,omitempty" example:"ABNANL2A"`
	Holder      string     `json:"holder,omitempty"`
	Source      string     `json:"source" enum:"manual,invoice" doc:"Typed in, or taken from an invoice."`
	Trusted     bool       `json:"trusted" doc:"Confirmed by the Office Manager after checking it outside spil."`
	TrustedAt   *time.Time `json:"trusted_at,omitempty"`
	TrustedBy   string     `json:"trusted_by,omitempty" doc:"Person ID of whoever confirmed it."`
	TrustMethod string     `json:"trust_method,omitempty" enum:"callback,in_writing,in_person,name_check,other"`
	TrustNote   string     `json:"trust_note,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// Supplier is an organization the office buys from.
type Supplier struct {
	ID                    string                `json:"id"`
	Name                  string                `json:"name" example:"Schoon & Snel B.V."`
	KvKNumber             string                `json:"kvk_number,omitempty" example:"12345678"`
	VATNumber             string                `json:"vat_number,omitempty" example:"NL004495445B01"`
	Category              string                `json:"category" enum:"cleaning,catering,it_support,facilities,office_supplies,other"`
	Street                string                `json:"street,omitempty"`
	Postcode              string                `json:"postcode,omitempty"`
	City                  string                `json:"city,omitempty"`
	Country               string                `json:"country"`
	PostalAddress         string                `json:"postal_address,omitempty"`
	Email                 string                `json:"email,omitempty"`
	Phone                 string                `json:"phone,omitempty"`
	Website               string                `json:"website,omitempty"`
	ProcessesPersonalData bool                  `json:"processes_personal_data" doc:"The supplier processes personal data for the organization (a processor under the GDPR)."`
	Notes                 string                `json:"notes,omitempty"`
	Active                bool                  `json:"active"`
	UntrustedAccounts     int                   `json:"untrusted_accounts" doc:"Bank accounts not yet confirmed."`
	Contacts              []SupplierContact     `json:"contacts,omitempty" doc:"Only in get-supplier and the answers of changes."`
	Accounts              []SupplierBankAccount `json:"bank_accounts,omitempty" doc:"Only in get-supplier and the answers of changes."`
	CreatedAt             time.Time             `json:"created_at"`
	UpdatedAt             time.Time             `json:"updated_at"`
}

func supplierOut(s suppliers.Supplier) Supplier {
	out := Supplier{ID: s.ID, Name: s.Name, KvKNumber: s.KvKNumber, VATNumber: s.VATNumber, Category: s.Category,
		Street: s.Street, Postcode: s.Postcode, City: s.City, Country: s.Country, PostalAddress: s.PostalAddress,
		Email: s.Email, Phone: s.Phone, Website: s.Website, ProcessesPersonalData: s.ProcessesPersonalData, Notes: s.Notes,
		Active: s.Active, UntrustedAccounts: s.UntrustedAccounts, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
	for _, c := range s.Contacts {
		out.Contacts = append(out.Contacts, SupplierContact{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone})
	}
	for _, b := range s.Accounts {
		out.Accounts = append(out.Accounts, accountOut(b))
	}
	return out
}

func accountOut(b suppliers.BankAccount) SupplierBankAccount {
	return SupplierBankAccount{ID: b.ID, IBAN: b.IBAN, BIC: b.BIC, Holder: b.Holder, Source: b.Source, Trusted: b.Trusted(),
		TrustedAt: b.TrustedAt, TrustedBy: b.TrustedBy, TrustMethod: b.TrustMethod, TrustNote: b.TrustNote, CreatedAt: b.CreatedAt}
}

// BankAccountInput is a bank account as typed in.
type BankAccountInput struct {
	IBAN   string `json:"iban" minLength:"1" doc:"Any spacing; checked for the country's format and the mod 97 checksum." example:"NL91 ABNA 0417 1643 00"`
	BIC    string `json:"bic,omitempty" doc:"Optional; for a Dutch IBAN the bank's BIC is filled in." example:"ABNANL2A"`
	Holder string `json:"holder,omitempty"`
}

// SupplierInput is the editable part of a supplier.
type SupplierInput struct {
	Name                  string             `json:"name" minLength:"1" maxLength:"200"`
	KvKNumber             string             `json:"kvk_number,omitempty" doc:"8 digits; spaces and points are removed."`
	VATNumber             string             `json:"vat_number,omitempty" doc:"With its country prefix; Dutch numbers are checked (mod 97 or 11-proof)."`
	Category              string             `json:"category,omitempty" enum:"cleaning,catering,it_support,facilities,office_supplies,other" doc:"Default other."`
	Street                string             `json:"street,omitempty"`
	Postcode              string             `json:"postcode,omitempty"`
	City                  string             `json:"city,omitempty"`
	Country               string             `json:"country,omitempty" doc:"ISO 3166-1 alpha-2; default NL."`
	PostalAddress         string             `json:"postal_address,omitempty"`
	Email                 string             `json:"email,omitempty"`
	Phone                 string             `json:"phone,omitempty"`
	Website               string             `json:"website,omitempty"`
	ProcessesPersonalData bool               `json:"processes_personal_data,omitempty"`
	Notes                 string             `json:"notes,omitempty"`
	Active                *bool              `json:"active,omitempty" doc:"Default true."`
	Contacts              []SupplierContact  `json:"contacts,omitempty" doc:"Replace the supplier's contacts."`
	Accounts              []BankAccountInput `json:"bank_accounts,omitempty" doc:"On create only; added untrusted."`
}

func (in SupplierInput) toService() suppliers.SupplierInput {
	out := suppliers.SupplierInput{Name: in.Name, KvKNumber: in.KvKNumber, VATNumber: in.VATNumber, Category: in.Category,
		Street: in.Street, Postcode: in.Postcode, City: in.City, Country: in.Country, PostalAddress: in.PostalAddress,
		Email: in.Email, Phone: in.Phone, Website: in.Website, ProcessesPersonalData: in.ProcessesPersonalData,
		Notes: in.Notes, Active: in.Active == nil || *in.Active}
	for _, c := range in.Contacts {
		out.Contacts = append(out.Contacts, suppliers.Contact{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone})
	}
	for _, b := range in.Accounts {
		out.Accounts = append(out.Accounts, suppliers.AccountInput{IBAN: b.IBAN, BIC: b.BIC, Holder: b.Holder})
	}
	return out
}

// SupplierFilter narrows list-suppliers.
type SupplierFilter struct {
	Q        string `query:"q" doc:"Part of the name or city, or a complete KvK or VAT number."`
	Category string `query:"category" enum:"cleaning,catering,it_support,facilities,office_supplies,other"`
	Inactive bool   `query:"inactive" doc:"Include suppliers that are no longer active."`
}

// TrustInput says how the Office Manager checked an account.
type TrustInput struct {
	Method string `json:"method" enum:"callback,in_writing,in_person,name_check,other" doc:"How the account was checked outside spil."`
	Note   string `json:"note,omitempty" maxLength:"1000" doc:"With whom, when, which number; required for other."`
}

// registerSuppliers adds the suppliers and contracts operations.
func (a *API) registerSuppliers() {
	const tag = "Suppliers"
	register(a, op{
		ID: "list-suppliers", Method: http.MethodGet, Path: "/suppliers", Tag: tag,
		Summary:     "List suppliers",
		Description: "Lists the active suppliers by name (with inactive=true all), with how many of their bank accounts are not yet confirmed.",
		Access:      supplierReaders,
	}, func(ctx context.Context, in *SupplierFilter) (*body[List[Supplier]], error) {
		list, err := a.Suppliers.List(ctx, actorFrom(ctx), suppliers.Filter{Search: in.Q, Category: in.Category, Inactive: in.Inactive})
		if err != nil {
			return nil, err
		}
		out := make([]Supplier, len(list))
		for i, s := range list {
			out[i] = supplierOut(s)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "create-supplier", Method: http.MethodPost, Path: "/suppliers", Tag: tag,
		Summary: "Register a supplier",
		Description: "Registers a supplier with contacts and bank accounts (untrusted until confirmed). A KvK or VAT number " +
			"another supplier has already is refused (409, naming the field); invalid numbers and IBANs are named by field (422) and nothing is stored.",
		Access: authz.Need(authz.OfficeManage),
		Status: http.StatusCreated,
		Errors: []int{http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body SupplierInput }) (*body[Supplier], error) {
		s, err := a.Suppliers.Create(ctx, actorFrom(ctx), in.Body.toService())
		if err != nil {
			return nil, err
		}
		return bodyOf(supplierOut(s)), nil
	})

	register(a, op{
		ID: "get-supplier", Method: http.MethodGet, Path: "/suppliers/{id}", Tag: tag,
		Summary:     "Get a supplier",
		Description: "Returns a supplier with its contacts and bank accounts and their trust.",
		Access:      supplierReaders,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[Supplier], error) {
		s, err := a.Suppliers.Get(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(supplierOut(s)), nil
	})

	register(a, op{
		ID: "update-supplier", Method: http.MethodPut, Path: "/suppliers/{id}", Tag: tag,
		Summary:     "Change a supplier",
		Description: "Replaces a supplier's details and contacts; bank accounts are not changed here (add-supplier-bank-account).",
		Access:      authz.Need(authz.OfficeManage),
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body SupplierInput
	}) (*body[Supplier], error) {
		s, err := a.Suppliers.Update(ctx, actorFrom(ctx), in.ID, in.Body.toService())
		if err != nil {
			return nil, err
		}
		return bodyOf(supplierOut(s)), nil
	})

	register(a, op{
		ID: "add-supplier-bank-account", Method: http.MethodPost, Path: "/suppliers/{id}/bank-accounts", Tag: tag,
		Summary:     "Add a bank account",
		Description: "Adds a bank account to a supplier, untrusted: nothing is paid into it until the Office Manager confirms it.",
		Access:      authz.Need(authz.OfficeManage),
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body BankAccountInput
	}) (*body[SupplierBankAccount], error) {
		b, err := a.Suppliers.AddAccount(ctx, actorFrom(ctx), in.ID, suppliers.AccountInput{IBAN: in.Body.IBAN, BIC: in.Body.BIC, Holder: in.Body.Holder})
		if err != nil {
			return nil, err
		}
		return bodyOf(accountOut(b)), nil
	})

	register(a, op{
		ID: "trust-supplier-bank-account", Method: http.MethodPost, Path: "/suppliers/{id}/bank-accounts/{account}/trust", Tag: tag,
		Summary: "Confirm a bank account",
		Description: "The Office Manager confirms, after checking it outside spil, that a bank account is the supplier's. " +
			"Says how it was checked; audited. Confirming a trusted account changes nothing.",
		Access: authz.Need(authz.OfficeManage),
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Account string `path:"account" minLength:"1" doc:"The bank account's ID."`
		Body    TrustInput
	}) (*body[SupplierBankAccount], error) {
		b, err := a.Suppliers.TrustAccount(ctx, actorFrom(ctx), in.ID, in.Account, suppliers.TrustInput{Method: in.Body.Method, Note: in.Body.Note})
		if err != nil {
			return nil, err
		}
		return bodyOf(accountOut(b)), nil
	})

	a.registerTrustWithdrawal()
	a.registerContracts()
	a.registerContractActions()
}
