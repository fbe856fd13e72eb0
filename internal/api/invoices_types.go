package api

import (
	"time"

	"spil/internal/invoices"
)

// API shapes of the invoices module: named Invoice… so they never clash
// with other modules' schema names.

// InvoiceFinding is a validation warning kept with an imported invoice.
type InvoiceFinding struct {
	Rule    string `json:"rule" example:"BR-CO-15"`
	Path    string `json:"path" doc:"The element below the document element." example:"cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// InvoiceLine is a line as invoiced.
type InvoiceLine struct {
	Position    int    `json:"position"`
	LineID      string `json:"line_id"`
	Name        string `json:"name"`
	Quantity    string `json:"quantity" doc:"Decimal as written."`
	Unit        string `json:"unit,omitempty" doc:"UN/ECE Rec 20 unit code."`
	Price       string `json:"price,omitempty" doc:"Net price, decimal as written."`
	NetCents    int64  `json:"net_cents"`
	VATCategory string `json:"vat_category,omitempty"`
	VATRate     string `json:"vat_rate,omitempty"`
}

// InvoiceAttachment is a document kept with an invoice; download it with
// get-invoice-attachment.
type InvoiceAttachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Description string `json:"description,omitempty"`
	Size        int64  `json:"size"`
}

// InvoiceApproval is one approval step given.
type InvoiceApproval struct {
	PersonID string    `json:"person_id"`
	Name     string    `json:"name"`
	Step     string    `json:"step" enum:"approve,countersign"`
	At       time.Time `json:"at"`
}

// Invoice is an incoming invoice or credit note. Amounts are integer
// minor units (cents) of currency; a credit note's are negative.
type Invoice struct {
	ID               string              `json:"id"`
	Kind             string              `json:"kind" enum:"invoice,credit_note"`
	SupplierID       string              `json:"supplier_id,omitempty" doc:"The matched supplier; empty when unknown."`
	SupplierName     string              `json:"supplier_name"`
	SupplierVAT      string              `json:"supplier_vat,omitempty"`
	SupplierKvK      string              `json:"supplier_kvk,omitempty"`
	Number           string              `json:"number"`
	IssueDate        string              `json:"issue_date" format:"date"`
	DueDate          string              `json:"due_date,omitempty" format:"date"`
	Currency         string              `json:"currency" example:"EUR"`
	TotalExclCents   int64               `json:"total_excl_cents"`
	VATCents         int64               `json:"vat_cents"`
	TotalInclCents   int64               `json:"total_incl_cents"`
	PayableCents     int64               `json:"payable_cents"`
	IBAN             string              `json:"iban,omitempty"`
	BIC              string              `json:"bic,omitempty"`
	PaymentReference string              `json:"payment_reference,omitempty"`
	BudgetCategory   string              `json:"budget_category,omitempty"`
	ContractID       string              `json:"contract_id,omitempty"`
	Status           string              `json:"status" enum:"registered,on_hold,rejected,approved,paid" doc:"registered means waiting for approval."`
	Channel          string              `json:"channel" enum:"upload,api,pdf"`
	Profile          string              `json:"profile,omitempty" doc:"The specification the e-invoice declared."`
	RegisteredBy     string              `json:"registered_by,omitempty"`
	RegisteredByName string              `json:"registered_by_name,omitempty"`
	RegisteredAt     time.Time           `json:"registered_at"`
	ApprovedAt       *time.Time          `json:"approved_at,omitempty"`
	PaidAt           *time.Time          `json:"paid_at,omitempty"`
	RejectReason     string              `json:"reject_reason,omitempty"`
	HoldReason       string              `json:"hold_reason,omitempty"`
	Notes            string              `json:"notes,omitempty"`
	Warnings         []InvoiceFinding    `json:"warnings" nullable:"false"`
	Lines            []InvoiceLine       `json:"lines,omitempty"`
	Attachments      []InvoiceAttachment `json:"attachments,omitempty"`
	Approvals        []InvoiceApproval   `json:"approvals,omitempty"`
	MyStep           string              `json:"my_step,omitempty" enum:"approve,countersign" doc:"The approval step the caller can give now."`
	NeedsCountersign bool                `json:"needs_countersign" doc:"Above the approval limit: a director countersigns too."`
}

// InvoiceCheck is one check shown on an invoice.
type InvoiceCheck struct {
	Key     string   `json:"key" doc:"The check and its outcome, e.g. duplicate, likely_duplicate, supplier_unknown, iban_untrusted, contract, totals_differ, category_suggested."`
	Level   string   `json:"level" enum:"ok,info,warning,problem"`
	Message string   `json:"message"`
	Args    []string `json:"args,omitempty"`
}

// InvoiceChecks are the checks of an invoice with what they found.
type InvoiceChecks struct {
	List              []InvoiceCheck `json:"list" nullable:"false"`
	DuplicateOf       []string       `json:"duplicate_of" nullable:"false" doc:"Invoices of the same supplier with the same number (rejected ones left out)."`
	LikelyDuplicateOf []string       `json:"likely_duplicate_of" nullable:"false" doc:"Same supplier, amount and issue date, another number."`
	SupplierKnown     bool           `json:"supplier_known"`
	IBANTrusted       bool           `json:"iban_trusted" doc:"Only then can the invoice be paid."`
	ContractID        string         `json:"contract_id,omitempty"`
	ContractSubject   string         `json:"contract_subject,omitempty"`
	TotalsAgree       bool           `json:"totals_agree"`
	SuggestedCategory string         `json:"suggested_category,omitempty"`
	CategorySource    string         `json:"category_source,omitempty" enum:"contract,supplier,history"`
}

// InvoiceImported is the answer of import-invoice.
type InvoiceImported struct {
	Invoice Invoice       `json:"invoice"`
	Checks  InvoiceChecks `json:"checks"`
}

// InvoiceBudgetPosition is the budget category's position in the invoice's
// year, this invoice counted.
type InvoiceBudgetPosition struct {
	Year           int   `json:"year"`
	BudgetCents    int64 `json:"budget_cents"`
	ActualCents    int64 `json:"actual_cents"`
	CommittedCents int64 `json:"committed_cents"`
	RemainingCents int64 `json:"remaining_cents" doc:"Budget − actual − committed − this invoice (excl. VAT) while it is not approved."`
}

// InvoiceContractPosition is the contract's yearly value against what was
// invoiced on it in the invoice's year (approved, paid and this one).
type InvoiceContractPosition struct {
	ID               string `json:"id"`
	Subject          string `json:"subject"`
	Year             int    `json:"year"`
	YearlyValueCents int64  `json:"yearly_value_cents"`
	InvoicedCents    int64  `json:"invoiced_cents"`
}

// InvoiceDetail is an invoice with its checks and the approval screen's
// positions.
type InvoiceDetail struct {
	Invoice            Invoice                  `json:"invoice"`
	Checks             InvoiceChecks            `json:"checks"`
	ApprovalLimitCents int64                    `json:"approval_limit_cents"`
	Budget             *InvoiceBudgetPosition   `json:"budget,omitempty"`
	Contract           *InvoiceContractPosition `json:"contract,omitempty"`
}

// InvoiceSettings are the organization's invoice settings.
type InvoiceSettings struct {
	ApprovalLimitCents int64  `json:"approval_limit_cents" minimum:"0" maximum:"1000000000" doc:"Up to this amount incl. VAT the Office Manager approves alone; default 250000 (€ 2,500.00)."`
	Currency           string `json:"currency,omitempty" readOnly:"true" example:"EUR"`
}

func invoiceOf(inv invoices.Invoice) Invoice {
	out := Invoice{ID: inv.ID, Kind: string(inv.Kind), SupplierID: inv.SupplierID, SupplierName: inv.SupplierName, SupplierVAT: inv.SupplierVAT,
		SupplierKvK: inv.SupplierKvK, Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate, Currency: inv.Currency,
		TotalExclCents: inv.TotalExclCents, VATCents: inv.VATCents, TotalInclCents: inv.TotalInclCents, PayableCents: inv.PayableCents,
		IBAN: inv.IBAN, BIC: inv.BIC, PaymentReference: inv.PaymentReference, BudgetCategory: inv.BudgetCategory, ContractID: inv.ContractID,
		Status: string(inv.Status), Channel: string(inv.Channel), Profile: inv.Profile, RegisteredBy: inv.RegisteredBy,
		RegisteredByName: inv.RegisteredByName, RegisteredAt: inv.RegisteredAt, ApprovedAt: inv.ApprovedAt, PaidAt: inv.PaidAt,
		RejectReason: inv.RejectReason, HoldReason: inv.HoldReason, Notes: inv.Notes, Warnings: []InvoiceFinding{}}
	for _, w := range inv.Warnings {
		out.Warnings = append(out.Warnings, InvoiceFinding(w))
	}
	for _, l := range inv.Lines {
		out.Lines = append(out.Lines, InvoiceLine(l))
	}
	for _, a := range inv.Attachments {
		out.Attachments = append(out.Attachments, InvoiceAttachment{ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, Description: a.Description, Size: a.Size})
	}
	for _, a := range inv.Approvals {
		out.Approvals = append(out.Approvals, InvoiceApproval{PersonID: a.PersonID, Name: a.Name, Step: string(a.Step), At: a.At})
	}
	return out
}

func invoiceChecksOf(c invoices.Checks) InvoiceChecks {
	out := InvoiceChecks{List: []InvoiceCheck{}, DuplicateOf: c.DuplicateOf, LikelyDuplicateOf: c.LikelyDuplicateOf, SupplierKnown: c.SupplierKnown,
		IBANTrusted: c.IBANTrusted, ContractID: c.ContractID, ContractSubject: c.ContractSubject, TotalsAgree: c.TotalsAgree,
		SuggestedCategory: c.SuggestedCategory, CategorySource: c.CategorySource}
	for _, x := range c.List {
		out.List = append(out.List, InvoiceCheck{Key: x.Key, Level: string(x.Level), Message: x.Message, Args: x.Args})
	}
	if out.DuplicateOf == nil {
		out.DuplicateOf = []string{}
	}
	if out.LikelyDuplicateOf == nil {
		out.LikelyDuplicateOf = []string{}
	}
	return out
}

func invoiceDetailOf(d invoices.Detail) InvoiceDetail {
	inv := invoiceOf(d.Invoice)
	inv.MyStep, inv.NeedsCountersign = string(d.MyStep), d.NeedsCountersign
	out := InvoiceDetail{Invoice: inv, Checks: invoiceChecksOf(d.Checks), ApprovalLimitCents: d.Settings.ApprovalLimitCents}
	if d.Budget != nil {
		out.Budget = &InvoiceBudgetPosition{Year: d.Budget.Year, BudgetCents: d.Budget.Budget, ActualCents: d.Budget.Actual,
			CommittedCents: d.Budget.Committed, RemainingCents: d.Budget.Remaining}
	}
	if d.Contract != nil {
		out.Contract = &InvoiceContractPosition{ID: d.Contract.ID, Subject: d.Contract.Subject, Year: d.Contract.Year,
			YearlyValueCents: d.Contract.YearlyValueCents, InvoicedCents: d.Contract.InvoicedCents}
	}
	return out
}
