package ubl

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Kind says whether a document is an invoice or a credit note.
type Kind int

// The two UBL documents spil reads.
const (
	KindInvoice    Kind = iota + 1 // root Invoice
	KindCreditNote                 // root CreditNote
)

// String returns "invoice" or "credit note".
func (k Kind) String() string {
	switch k {
	case KindInvoice:
		return "invoice"
	case KindCreditNote:
		return "credit note"
	}
	return "unknown"
}

// Date is a calendar date without a zone (xsd:date). The zero Date means
// absent or unreadable; the structure check reports the latter.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether d is absent.
func (d Date) IsZero() bool { return d == Date{} }

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight of d in UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Amount is a monetary amount as written: the value, its currencyID and
// how many decimals the value was written with. Present is false when the
// element is absent or its value is not a decimal (the structure check
// names the latter); Value is then zero.
type Amount struct {
	Value    decimal.Decimal
	Currency string
	Present  bool
	// Decimals is the number of digits written after the decimal point
	// ("100.50" has 2, "100" has 0); BR-DEC rules limit it to 2.
	Decimals int
}

// String returns the value and currency, e.g. "1656.25 EUR", or "" when
// absent.
func (a Amount) String() string {
	if !a.Present {
		return ""
	}
	return strings.TrimSpace(a.Value.String() + " " + a.Currency)
}

// Quantity is a quantity with its UN/ECE Recommendation 20/21 unit code.
type Quantity struct {
	Value    decimal.Decimal
	UnitCode string
	Present  bool
}

// Identifier is an identifier with its scheme (ISO 6523 ICD or EAS code,
// e.g. "0106" for a KvK number, "0190" for an OIN, "0088" for a GLN).
type Identifier struct {
	Value  string
	Scheme string // the schemeID attribute; "" when absent
}

// Address is a postal address.
type Address struct {
	Street, AdditionalStreet, Line string // cbc:StreetName, cbc:AdditionalStreetName, cac:AddressLine/cbc:Line
	City, PostalCode, Subdivision  string // cbc:CityName, cbc:PostalZone, cbc:CountrySubentity
	Country                        string // ISO 3166-1 alpha-2 code, upper case
}

// Contact is a party's contact point.
type Contact struct {
	Name, Telephone, Email string
}

// Scheme IDs of the Dutch legal identifiers in PartyLegalEntity/CompanyID.
const (
	SchemeKvK = "0106" // Kamer van Koophandel number
	SchemeOIN = "0190" // Organisatie-identificatienummer (Dutch government)
)

// Party is a supplier, customer, payee or tax representative.
type Party struct {
	// Name is the trading name (cac:PartyName/cbc:Name), RegistrationName
	// the legal name (cac:PartyLegalEntity/cbc:RegistrationName).
	Name, RegistrationName string
	// Endpoint is the electronic address (cbc:EndpointID), e.g. a Peppol ID.
	Endpoint Identifier
	// IDs are the party identifiers (cac:PartyIdentification/cbc:ID).
	IDs []Identifier
	// LegalIDs are the legal registration identifiers
	// (cac:PartyLegalEntity/cbc:CompanyID), e.g. a KvK number with scheme
	// 0106; empty values are kept so rules can report them.
	LegalIDs []Identifier
	// VATNumber is the VAT identifier (cac:PartyTaxScheme/cbc:CompanyID
	// where the tax scheme is VAT); TaxNumber a non-VAT tax registration.
	VATNumber, TaxNumber string
	Address              Address
	Contact              Contact
}

// KvK returns the party's KvK number (a legal or party identifier with
// scheme 0106), or "".
func (p Party) KvK() string { return p.legalOrPartyID(SchemeKvK) }

// OIN returns the party's OIN (scheme 0190), or "".
func (p Party) OIN() string { return p.legalOrPartyID(SchemeOIN) }

func (p Party) legalOrPartyID(scheme string) string {
	for _, ids := range [][]Identifier{p.LegalIDs, p.IDs} {
		for _, id := range ids {
			if id.Scheme == scheme && id.Value != "" {
				return id.Value
			}
		}
	}
	return ""
}

// DisplayName is the legal name, else the trading name.
func (p Party) DisplayName() string {
	if p.RegistrationName != "" {
		return p.RegistrationName
	}
	return p.Name
}

// PaymentMeans is one way the supplier asks to be paid.
type PaymentMeans struct {
	// Code is the UNCL 4461 payment means code: 30 credit transfer, 58 SEPA
	// credit transfer, 49/59 direct debit, 48 card, …; CodeName its
	// optional name attribute.
	Code, CodeName string
	// PaymentID is the remittance information the supplier asks for
	// (cbc:PaymentID).
	PaymentID string
	DueDate   Date // cbc:PaymentDueDate (used by credit notes)
	// Account is the payee's account (cac:PayeeFinancialAccount/cbc:ID),
	// usually an IBAN, written as the supplier wrote it; AccountName its
	// name and BIC the bank (cac:FinancialInstitutionBranch/cbc:ID).
	Account, AccountName, BIC string
	// MandateID and DebitedAccount describe a direct debit.
	MandateID, DebitedAccount string
	// CardNumber is the last digits of the card (cbc:PrimaryAccountNumberID).
	CardNumber string
}

// TaxCategory is a VAT category: UNCL 5305 code (S standard, Z zero rated,
// E exempt, AE reverse charge, K intra-community, G export, O outside
// scope, L, M) with its rate and, for exemptions, the reason.
type TaxCategory struct {
	ID      string
	Percent decimal.Decimal
	// HasPercent is false when cbc:Percent is absent (category O).
	HasPercent          bool
	ExemptionReason     string
	ExemptionReasonCode string
	Scheme              string // cac:TaxScheme/cbc:ID, "VAT" in EN 16931
}

// AllowanceCharge is a discount (Charge false) or surcharge (Charge true)
// on the document or on a line.
type AllowanceCharge struct {
	Charge             bool
	ReasonCode, Reason string
	Amount, BaseAmount Amount
	Percent            decimal.Decimal // cbc:MultiplierFactorNumeric, zero when absent
	Tax                TaxCategory     // document level only
}

// Line is an invoice or credit note line.
type Line struct {
	ID        string
	Note      string
	Quantity  Quantity // InvoicedQuantity or CreditedQuantity
	NetAmount Amount   // cbc:LineExtensionAmount
	// AccountingCost is the buyer's booking reference for the line.
	AccountingCost   string
	OrderLineRef     string // cac:OrderLineReference/cbc:LineID
	PeriodStart      Date
	PeriodEnd        Date
	AllowanceCharges []AllowanceCharge
	// Item.
	Name, Description string
	SellerItemID      string
	StandardItemID    Identifier
	Tax               TaxCategory // cac:Item/cac:ClassifiedTaxCategory
	// Price is the net price (cac:Price/cbc:PriceAmount) for BaseQuantity
	// units (absent means 1).
	Price        Amount
	BaseQuantity Quantity
}

// TaxSubtotal is one row of the VAT breakdown.
type TaxSubtotal struct {
	Taxable  Amount // cbc:TaxableAmount
	Tax      Amount // cbc:TaxAmount
	Category TaxCategory
}

// TaxTotal is a cac:TaxTotal: the VAT total in one currency with its
// breakdown (the breakdown is only given in the document currency).
type TaxTotal struct {
	Amount    Amount
	Subtotals []TaxSubtotal
}

// Totals are the document totals (cac:LegalMonetaryTotal).
type Totals struct {
	LineExtension  Amount // sum of line net amounts
	TaxExclusive   Amount // total without VAT
	TaxInclusive   Amount // total with VAT
	AllowanceTotal Amount // sum of document level allowances
	ChargeTotal    Amount // sum of document level charges
	Prepaid        Amount // amount paid in advance
	Rounding       Amount // rounding of the payable amount
	Payable        Amount // amount due for payment
}

// Attachment is a supporting document (cac:AdditionalDocumentReference):
// embedded (Data holds the decoded bytes) or referenced by URI.
type Attachment struct {
	ID               string
	DocumentTypeCode string
	Description      string
	MimeCode         string
	Filename         string
	URI              string // cac:ExternalReference/cbc:URI
	// Size is the decoded size of an embedded object in bytes; Data is
	// nil when it was larger than Limits.MaxAttachmentBytes (a finding
	// says so) or not valid base64.
	Size int
	Data []byte
	// Embedded reports whether the document carried the object itself.
	Embedded bool
}

// Reference is a reference to another document with its issue date.
type Reference struct {
	ID        string
	IssueDate Date
}

// Document is a UBL 2.1 Invoice or CreditNote as an accounts-payable
// system needs it. Read fills it; Validate checks it.
type Document struct {
	Kind            Kind
	CustomizationID string // normalized (surrounding and repeated space removed)
	ProfileID       string
	UBLVersionID    string
	ID              string
	IssueDate       Date
	// DueDate is cbc:DueDate, or for a credit note the first
	// cac:PaymentMeans/cbc:PaymentDueDate.
	DueDate Date
	// TypeCode is the UNCL 1001 code: 380 commercial invoice, 381 credit
	// note, 384 corrected invoice, 389 self-billed invoice, …
	TypeCode       string
	Notes          []string
	TaxPointDate   Date
	Currency       string // cbc:DocumentCurrencyCode
	TaxCurrency    string // cbc:TaxCurrencyCode, when VAT is also given in another currency
	AccountingCost string
	BuyerReference string
	PeriodStart    Date
	PeriodEnd      Date
	// OrderReference is the buyer's purchase order (cac:OrderReference/cbc:ID),
	// SalesOrderID the supplier's.
	OrderReference    string
	SalesOrderID      string
	BillingReferences []Reference // preceding invoices (cac:BillingReference)
	ContractReference string
	ProjectReference  string
	Attachments       []Attachment

	Supplier          Party
	Customer          Party
	Payee             *Party
	TaxRepresentative *Party

	DeliveryDate    Date
	DeliveryAddress *Address

	PaymentMeans     []PaymentMeans
	PaymentTerms     []string // cac:PaymentTerms/cbc:Note
	AllowanceCharges []AllowanceCharge
	TaxTotals        []TaxTotal
	Totals           Totals
	Lines            []Line

	root *node  // the parsed tree, for the structure check and line numbers
	lim  Limits // the limits it was read with
}

// VAT returns the VAT total in the document currency (the cac:TaxTotal
// whose TaxAmount has the document's currency, else the first), or nil.
func (d *Document) VAT() *TaxTotal {
	for i := range d.TaxTotals {
		if d.TaxTotals[i].Amount.Currency == d.Currency {
			return &d.TaxTotals[i]
		}
	}
	if len(d.TaxTotals) > 0 {
		return &d.TaxTotals[0]
	}
	return nil
}

// Breakdown returns the VAT breakdown: the subtotals of all TaxTotals.
func (d *Document) Breakdown() []TaxSubtotal {
	var out []TaxSubtotal
	for _, t := range d.TaxTotals {
		out = append(out, t.Subtotals...)
	}
	return out
}
