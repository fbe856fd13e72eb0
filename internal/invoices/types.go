package invoices

import (
	"time"
)

// Kind is what a document is: an invoice, or a credit note (amounts stored
// negative).
type Kind string

// Kinds.
const (
	KindInvoice    Kind = "invoice"
	KindCreditNote Kind = "credit_note"
)

// Status is where an invoice is in its life.
type Status string

// Statuses: registered (waiting for approval), on hold, rejected, approved
// (ready to pay), paid (set by the payments module).
const (
	StatusRegistered Status = "registered"
	StatusOnHold     Status = "on_hold"
	StatusRejected   Status = "rejected"
	StatusApproved   Status = "approved"
	StatusPaid       Status = "paid"
)

// Channel is how an invoice came in.
type Channel string

// Channels.
const (
	ChannelUpload Channel = "upload" // a UBL file uploaded on the web
	ChannelAPI    Channel = "api"    // a UBL document through the API
	ChannelPDF    Channel = "pdf"    // a PDF with the data entered by hand
)

// Step is one kind of approval.
type Step string

// Steps: the Office Manager approves; above the limit a director
// countersigns.
const (
	StepApprove     Step = "approve"
	StepCountersign Step = "countersign"
)

// Invoice is an incoming invoice or credit note. Amounts are in minor units
// (cents) of Currency; a credit note's are negative.
type Invoice struct {
	ID               string     `json:"id"`
	Kind             Kind       `json:"kind"`
	SupplierID       string     `json:"supplier_id,omitempty"`
	SupplierName     string     `json:"supplier_name"`
	SupplierVAT      string     `json:"supplier_vat,omitempty"`
	SupplierKvK      string     `json:"supplier_kvk,omitempty"`
	Number           string     `json:"number"`
	IssueDate        string     `json:"issue_date"` // YYYY-MM-DD
	DueDate          string     `json:"due_date,omitempty"`
	Currency         string     `json:"currency"`
	TotalExclCents   int64      `json:"total_excl_cents"`
	VATCents         int64      `json:"vat_cents"`
	TotalInclCents   int64      `json:"total_incl_cents"`
	PayableCents     int64      `json:"payable_cents"`
	IBAN             string     `json:"iban,omitempty"`
	BIC              string     `json:"bic,omitempty"`
	PaymentReference string     `json:"payment_reference,omitempty"`
	BuyerReference   string     `json:"buyer_reference,omitempty"`
	OrderReference   string     `json:"order_reference,omitempty"`
	BudgetCategory   string     `json:"budget_category,omitempty"`
	ContractID       string     `json:"contract_id,omitempty"`
	Status           Status     `json:"status"`
	Channel          Channel    `json:"channel"`
	Profile          string     `json:"profile,omitempty"`
	RegisteredBy     string     `json:"registered_by,omitempty"`
	RegisteredByName string     `json:"registered_by_name,omitempty"`
	RegisteredAt     time.Time  `json:"registered_at"`
	ApprovedAt       *time.Time `json:"approved_at,omitempty"`
	PaidAt           *time.Time `json:"paid_at,omitempty"`
	RejectReason     string     `json:"reject_reason,omitempty"`
	HoldReason       string     `json:"hold_reason,omitempty"`
	Notes            string     `json:"notes,omitempty"`
	HasSource        bool       `json:"has_source"`
	// Warnings are the validation findings kept at import (errors refuse
	// the import, so there are none of those).
	Warnings []Finding `json:"warnings"`

	// Filled by Get.
	Lines       []Line       `json:"lines,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`
	Approvals   []Approval   `json:"approvals,omitempty"`
}

// Finding is a validation finding of the UBL reader as kept on an invoice.
type Finding struct {
	Rule    string `json:"rule"`
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Line is an invoice line as invoiced.
type Line struct {
	Position    int    `json:"position"`
	LineID      string `json:"line_id"`
	Name        string `json:"name"`
	Quantity    string `json:"quantity"`
	Unit        string `json:"unit,omitempty"`
	Price       string `json:"price,omitempty"`
	NetCents    int64  `json:"net_cents"`
	VATCategory string `json:"vat_category,omitempty"`
	VATRate     string `json:"vat_rate,omitempty"`
}

// Attachment is a document kept with an invoice (its content is loaded
// by Attachment only).
type Attachment struct {
	ID          string `json:"id"`
	Position    int    `json:"position"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Description string `json:"description,omitempty"`
	Size        int64  `json:"size"`
	Content     []byte `json:"-"`
}

// Approval is one recorded approval step.
type Approval struct {
	PersonID string    `json:"person_id"`
	Name     string    `json:"name"`
	Step     Step      `json:"step"`
	At       time.Time `json:"at"`
}
