// Package sepa writes and reads SEPA credit transfer initiations: the
// pain.001 files an organization uploads to its bank to pay its suppliers.
//
// The model is one Batch (one file, one message) holding one or more
// PaymentInfo blocks (one debit account and execution date each) holding the
// Transfers (one creditor each). Write turns a Batch into pain.001.001.09 or,
// for banks that still ask for it, pain.001.001.03; Read turns a file of either
// version back into the same model.
//
// Write validates the whole batch before it writes a byte; Validate runs the
// same checks alone. The checks are the SEPA rules a bank applies on upload:
//   - identifiers (message, payment information, end-to-end) are 1–35
//     characters of the SEPA character set, do not start or end with '/' and
//     hold no '//'; end-to-end and payment information IDs are unique in the
//     batch;
//   - names are 1–70 characters, unstructured remittance at most 140, after
//     conversion to the SEPA character set (see Latin: letters with accents
//     lose them, typographic punctuation becomes its plain counterpart, other
//     ASCII symbols become '.', other scripts are refused);
//   - IBANs pass spil/internal/iban (the country's length and BBAN format,
//     mod-97 check digits) and belong to a country in the SEPA scheme; BICs
//     pass its ISO 9362 check; both are written upper case without spaces;
//   - amounts are in euro, greater than zero, at most 999999999.99 and have at
//     most two decimals;
//   - the requested execution date is not before the "today" the caller passes;
//   - remittance is either unstructured text or a structured creditor
//     reference: an ISO 11649 RF reference (issuer empty or "ISO"), a Dutch
//     betalingskenmerk (issuer "CUR", check digit verified), or a reference of
//     another named issuer (only its length and characters are checked).
//
// Errors are apperr.Invalid with a message per field path, e.g.
// "payments[0].transfers[3].creditor_iban" for Validate and Write, and the
// element path, e.g. "PmtInf[1]/CdtTrfTxInf[2]/Amt/InstdAmt", for Read.
//
// Uniqueness of the message ID across files (banks refuse a message ID they
// have seen before) needs the stored history and is the caller's to keep.
package sepa

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"spil/internal/holiday"
)

// Version names a pain.001 message version.
type Version string

// The versions this package writes and reads.
const (
	V09 Version = "pain.001.001.09" // current; ISO 20022 2019, the EPC rulebooks since 2023
	V03 Version = "pain.001.001.03" // the 2009 version many Dutch banks still take
)

// namespace returns the XML namespace of a pain.001 document of version v.
func (v Version) namespace() string { return "urn:iso:std:iso:20022:tech:xsd:" + string(v) }

// Batch is one credit transfer initiation: one file for the bank.
type Batch struct {
	MessageID       string        // GrpHdr/MsgId: unique per sender, 1–35 characters
	CreatedAt       time.Time     // GrpHdr/CreDtTm: written to the second with its offset
	InitiatingParty string        // GrpHdr/InitgPty/Nm: the organization sending the file
	Payments        []PaymentInfo // PmtInf: at least one
}

// PaymentInfo is one block of transfers debited from one account on one date.
type PaymentInfo struct {
	ID            string       // PmtInfId: unique in the batch, 1–35 characters
	DebtorName    string       // Dbtr/Nm
	DebtorAddress Address      // Dbtr/PstlAdr, optional
	DebtorIBAN    string       // DbtrAcct/Id/IBAN
	DebtorBIC     string       // DbtrAgt BIC (BICFI in .09); empty: "NOTPROVIDED" is written
	ExecutionDate holiday.Date // ReqdExctnDt: the day the account is debited
	BatchBooking  Booking      // BtchBookg
	Transfers     []Transfer   // CdtTrfTxInf: at least one
}

// Booking says how the bank books a PaymentInfo on the debtor's statement.
type Booking uint8

// The booking choices. BookingDefault leaves BtchBookg out, so the agreement
// with the bank decides (most Dutch banks then book the block as one line).
const (
	BookingDefault Booking = iota
	BookingBatch           // BtchBookg true: one debit line for the whole block
	BookingSingle          // BtchBookg false: one debit line per transfer
)

// Transfer is one payment to one creditor.
type Transfer struct {
	EndToEndID      string          // PmtId/EndToEndId: unique in the batch, returned on statements
	Amount          decimal.Decimal // InstdAmt in EUR
	CreditorName    string          // Cdtr/Nm
	CreditorAddress Address         // Cdtr/PstlAdr, optional
	CreditorIBAN    string          // CdtrAcct/Id/IBAN
	CreditorBIC     string          // CdtrAgt BIC, optional (not needed inside the EEA)
	Remittance      Remittance      // RmtInf, optional
}

// Address is a postal address, structured (street, number, post code, town,
// country), as free lines, or both ("hybrid": town and country structured
// plus lines). The zero Address is "no address" and is not written.
type Address struct {
	Street   string   // StrtNm, ≤ 70
	Building string   // BldgNb, ≤ 16
	PostCode string   // PstCd, ≤ 16
	Town     string   // TwnNm, ≤ 35
	Country  string   // Ctry: ISO 3166 alpha-2, required when any other part is set
	Lines    []string // AdrLine: at most 2 (the SEPA limit), ≤ 70 each
}

// IsZero reports whether a holds no part of an address.
func (a Address) IsZero() bool {
	return a.Street == "" && a.Building == "" && a.PostCode == "" && a.Town == "" &&
		a.Country == "" && len(a.Lines) == 0
}

// Remittance is what the creditor sees to match the payment: either free
// text (Text) or a structured creditor reference (Reference with Issuer),
// never both. The zero Remittance sends none.
type Remittance struct {
	Text      string // Ustrd: free text, ≤ 140 after conversion to the SEPA set
	Reference string // Strd/CdtrRefInf/Ref, type SCOR: ≤ 35, no spaces
	Issuer    string // Strd/CdtrRefInf/Tp/Issr: "ISO" or "" for RF, "CUR" for a Dutch betalingskenmerk
}

// Issuers of structured creditor references.
const (
	IssuerISO   = "ISO" // ISO 11649 "RF" creditor reference
	IssuerDutch = "CUR" // Dutch betalingskenmerk (formerly Currence)
)

// Unstructured returns a remittance with free text.
func Unstructured(text string) Remittance { return Remittance{Text: text} }

// RFReference returns a remittance with an ISO 11649 creditor reference,
// taking the printed form ("RF18 5390 0754 7034"): spaces are dropped and
// letters upper-cased. Validate checks the check digits.
func RFReference(ref string) Remittance {
	return Remittance{Reference: strings.ToUpper(compact(ref)), Issuer: IssuerISO}
}

// DutchReference returns a remittance with a Dutch betalingskenmerk, taking
// the printed form ("5000 0567 8901 2345"): spaces are dropped. Validate
// checks its length and check digit.
func DutchReference(ref string) Remittance {
	return Remittance{Reference: compact(ref), Issuer: IssuerDutch}
}

// Totals returns the number of transfers in p and the sum of their amounts.
func (p *PaymentInfo) Totals() (n int, sum decimal.Decimal) {
	for i := range p.Transfers {
		sum = sum.Add(p.Transfers[i].Amount)
	}
	return len(p.Transfers), sum
}

// Totals returns the number of transfers in b and the sum of their amounts:
// the NbOfTxs and CtrlSum of the group header.
func (b *Batch) Totals() (n int, sum decimal.Decimal) {
	for i := range b.Payments {
		pn, ps := b.Payments[i].Totals()
		n += pn
		sum = sum.Add(ps)
	}
	return n, sum
}

// compact drops spaces (and tabs) from s.
func compact(s string) string {
	if !strings.ContainsAny(s, " \t") {
		return s
	}
	return strings.NewReplacer(" ", "", "\t", "").Replace(s)
}
