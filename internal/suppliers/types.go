package suppliers

import (
	"time"
)

// Categories of suppliers, in the order forms offer them.
var Categories = []string{"cleaning", "catering", "it_support", "facilities", "office_supplies", "other"}

// Contract statuses as stored. A contract is 'active' until notice is given
// ('terminated', it runs to the end of its term) or it is over ('ended').
const (
	StatusActive     = "active"
	StatusTerminated = "terminated"
	StatusEnded      = "ended"
)

// Sources of a bank account: typed in by a person, or taken from an invoice.
const (
	SourceManual  = "manual"
	SourceInvoice = "invoice"
)

// Supplier is an organization spil buys from.
type Supplier struct {
	ID        string
	Name      string
	KvKNumber string // 8 digits, "" when unknown or foreign
	VATNumber string // upper case, no spaces: "NL859730985B01"
	Category  string // one of Categories
	// Visiting address; PostalAddress is a free-text postal or invoice
	// address when it differs.
	Street, Postcode, City, Country string
	PostalAddress                   string
	Email, Phone, Website           string
	// ProcessesPersonalData: the supplier processes personal data on the
	// organization's behalf (a processor under the AVG/GDPR).
	ProcessesPersonalData bool
	Notes                 string
	Active                bool
	CreatedAt, UpdatedAt  time.Time

	// Filled by Get, not by List.
	Contacts []Contact
	Accounts []BankAccount
	// UntrustedAccounts counts accounts not yet confirmed (List fills it too).
	UntrustedAccounts int
}

// Contact is a person at a supplier.
type Contact struct {
	ID    string
	Name  string
	Role  string
	Email string
	Phone string
}

// BankAccount is an account a supplier may be paid on. It is trusted iff
// TrustedAt is set; spil never pays into an untrusted account.
type BankAccount struct {
	ID         string
	SupplierID string
	IBAN       string // electronic form, no spaces
	BIC        string
	Holder     string
	Source     string // SourceManual or SourceInvoice
	TrustedAt  *time.Time
	TrustedBy  string // person ID
	// TrustedByName is the name of whoever confirmed it.
	TrustedByName string
	// TrustMethod (one of TrustMethods) and TrustNote say how the account
	// was checked ("callback": "called Jan on the number in our contract").
	TrustMethod string
	TrustNote   string
	CreatedAt   time.Time
	CreatedBy   string
}

// Trusted reports whether the Office Manager confirmed the account.
func (b BankAccount) Trusted() bool { return b.TrustedAt != nil }

// TrustMethods are the ways an Office Manager can have checked a bank
// account before confirming it.
var TrustMethods = []string{"callback", "in_writing", "in_person", "name_check", "other"}

// SupplierInput is what a person fills in for a supplier.
type SupplierInput struct {
	Name                            string
	KvKNumber                       string
	VATNumber                       string
	Category                        string
	Street, Postcode, City, Country string
	PostalAddress                   string
	Email, Phone, Website           string
	ProcessesPersonalData           bool
	Notes                           string
	Active                          bool
	// Contacts replace the supplier's contacts on Update; rows with an
	// empty name are ignored.
	Contacts []Contact
	// Accounts are added on Create only (untrusted); use AddAccount later.
	Accounts []AccountInput
}

// AccountInput is a bank account as typed in.
type AccountInput struct {
	IBAN   string
	BIC    string
	Holder string
}

// Filter narrows List.
type Filter struct {
	Search   string // name, KvK, VAT, city (case-insensitive substring)
	Category string
	// Inactive includes suppliers that are no longer active.
	Inactive bool
}

// Contract is an agreement with a supplier.
type Contract struct {
	ID           string
	SupplierID   string
	SupplierName string
	Subject      string
	StartsOn     time.Time // a date (midnight UTC)
	// EndsOn is the last day of the first term (or, once terminated, the
	// last day of the contract); zero for a contract without an end.
	EndsOn       time.Time
	NoticeDays   int
	NoticeMonths int
	AutoRenew    bool
	RenewMonths  int
	// YearlyValueCents in Currency's minor units.
	YearlyValueCents int64
	Currency         string
	BudgetCategory   string
	Status           string
	// AlertDays are the days before the notice deadline at which Office
	// Managers are alerted, largest first (default 60, 14).
	AlertDays    []int
	Notes        string
	TerminatedOn time.Time // the day notice was given; zero when not
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Computed for "today" (see Terms) when loaded.
	Terms Terms
	// Documents (without content), filled by GetContract.
	Documents []Document
}

// ContractInput is what a person fills in for a contract. Dates are
// 'YYYY-MM-DD'; YearlyValue is typed in the person's language ("1.234,56").
type ContractInput struct {
	SupplierID     string
	Subject        string
	StartsOn       string
	EndsOn         string
	NoticeDays     int
	NoticeMonths   int
	AutoRenew      bool
	RenewMonths    int
	YearlyValue    string
	Currency       string // "" is EUR
	BudgetCategory string
	AlertDays      []int // nil is 60, 14
	Notes          string
	// Lang is the language YearlyValue is written in ("nl" or "en").
	Lang string
}

// ContractFilter narrows ListContracts.
type ContractFilter struct {
	SupplierID string
	// All includes terminated and ended contracts; by default only those
	// still running.
	All bool
}

// Document is a file kept with a contract (a signed PDF, a quotation).
type Document struct {
	ID          string
	ContractID  string
	Filename    string
	ContentType string
	Size        int64
	UploadedAt  time.Time
	UploadedBy  string
	Content     []byte // only from Document
}
