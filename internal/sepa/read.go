package sepa

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/holiday"
	"spil/internal/money"
)

// MaxFileSize is the largest pain.001 file Read accepts (64 MiB; a batch of
// 10,000 transfers as Write makes it is about 5.7 MB).
const MaxFileSize = 64 << 20

// Read reads a pain.001.001.03 or pain.001.001.09 document (a SEPA credit
// transfer initiation written by spil, a bank or other software) into a Batch
// and reports its version.
//
// Read checks what the model needs and what a file must agree with itself
// on: the root is a Document in one of the two namespaces; every group header
// and payment information's NbOfTxs and CtrlSum (when present) match the
// transfers; the payment method is TRF, the service level (when given) SEPA,
// the charge bearer (when given) SLEV, amounts are InstdAmt in EUR written as
// xs:decimal (read by spil/internal/money: no exponent, no separators);
// remittance holds at most one Ustrd and one Strd, the latter
// a creditor reference of type SCOR; BIC is used in .03 and BICFI in .09;
// dates and times are ISO 8601. An agent "NOTPROVIDED" reads as no BIC.
// Values are trimmed of surrounding white space; amounts with at most two
// decimals are kept with exactly two.
//
// Read does not apply the SEPA content rules (IBAN check digits, lengths,
// character set, execution date): call Validate on the result for those, as
// Write does. What the model has no place for (UETR, instruction IDs,
// ultimate parties, purpose codes, extra address parts such as Flr) is not
// kept. Times without an offset are read as UTC.
//
// Errors: apperr.Invalid with the element at fault by path, e.g.
// "PmtInf[1]/CdtTrfTxInf[2]/Amt/InstdAmt" (1-based), for content; with the
// line for XML that is not well-formed; and for input over MaxFileSize.
func Read(r io.Reader) (*Batch, Version, error) {
	lr := &io.LimitedReader{R: r, N: MaxFileSize + 1}
	d := xml.NewDecoder(lr)
	var doc xDocument
	err := d.Decode(&doc)
	if lr.N <= 0 {
		return nil, "", apperr.Errorf(apperr.Invalid, "the file is larger than %d MB", MaxFileSize>>20)
	}
	if err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, "", apperr.Errorf(apperr.Invalid, "not a well-formed XML file: line %d: %s", se.Line, se.Msg)
		}
		return nil, "", apperr.Errorf(apperr.Invalid, "not a readable XML file: %v", err)
	}
	var v Version
	switch doc.XMLName.Space {
	case V03.namespace():
		v = V03
	case V09.namespace():
		v = V09
	}
	if doc.XMLName.Local != "Document" || v == "" {
		return nil, "", apperr.Errorf(apperr.Invalid,
			"not a pain.001.001.03 or pain.001.001.09 document (root <%s> in namespace %q)",
			doc.XMLName.Local, doc.XMLName.Space)
	}
	rd := reader{v: v}
	b := rd.batch(doc.Initn)
	if err := rd.fields.Err(); err != nil {
		e := err.(*apperr.Error)
		e.Message = "invalid " + string(v) + " file"
		return nil, v, e
	}
	return b, v, nil
}

// reader turns the decoded elements into the model, collecting errors.
type reader struct {
	v         Version
	badAmount bool // an amount could not be read: sums are not compared
	checker
}

func (r *reader) batch(in *xInitiation) *Batch {
	if in == nil || in.GrpHdr == nil {
		r.add("CstmrCdtTrfInitn/GrpHdr", "missing")
		return nil
	}
	h := in.GrpHdr
	b := &Batch{
		MessageID:       strings.TrimSpace(h.MsgID),
		CreatedAt:       r.dateTime("GrpHdr/CreDtTm", h.CreDtTm),
		InitiatingParty: strings.TrimSpace(h.InitgPty.Nm),
	}
	if len(in.PmtInf) == 0 {
		r.add("PmtInf", "missing: a file holds at least one payment information")
	}
	b.Payments = make([]PaymentInfo, len(in.PmtInf))
	for i := range in.PmtInf {
		b.Payments[i] = r.payment(fmt.Sprintf("PmtInf[%d]", i+1), &in.PmtInf[i])
	}
	n, sum := b.Totals()
	r.totals("GrpHdr", &h.NbOfTxs, h.CtrlSum, n, sum)
	return b
}

func (r *reader) payment(at string, x *xPaymentInf) PaymentInfo {
	p := PaymentInfo{
		ID:            strings.TrimSpace(x.PmtInfID),
		DebtorName:    strings.TrimSpace(x.Dbtr.Nm),
		DebtorAddress: address(x.Dbtr.PstlAdr),
		DebtorIBAN:    r.account(at+"/DbtrAcct", &x.DbtrAcct),
		DebtorBIC:     r.agent(at+"/DbtrAgt", &x.DbtrAgt),
		ExecutionDate: r.execution(at+"/ReqdExctnDt", x.ReqdExctnDt),
	}
	if m := strings.TrimSpace(x.PmtMtd); m != "TRF" {
		r.add(at+"/PmtMtd", fmt.Sprintf("%q: only credit transfers (TRF) are read", m))
	}
	switch strings.TrimSpace(x.BtchBookg) {
	case "":
	case "true", "1":
		p.BatchBooking = BookingBatch
	case "false", "0":
		p.BatchBooking = BookingSingle
	default:
		r.add(at+"/BtchBookg", "must be true or false")
	}
	r.sepaOnly(at, x.SvcLvl, x.ChrgBr)
	if len(x.Tx) == 0 {
		r.add(at+"/CdtTrfTxInf", "missing: a payment information holds at least one transfer")
	}
	p.Transfers = make([]Transfer, len(x.Tx))
	for j := range x.Tx {
		p.Transfers[j] = r.transfer(fmt.Sprintf("%s/CdtTrfTxInf[%d]", at, j+1), &x.Tx[j])
	}
	n, sum := p.Totals()
	r.totals(at, x.NbOfTxs, x.CtrlSum, n, sum)
	return p
}

func (r *reader) transfer(at string, x *xTransferTx) Transfer {
	t := Transfer{EndToEndID: strings.TrimSpace(x.EndToEndID)}
	switch {
	case x.InstdAmt != nil:
		if c := strings.TrimSpace(x.InstdAmt.Ccy); c != "EUR" {
			r.add(at+"/Amt/InstdAmt", fmt.Sprintf("currency %q: SEPA transfers are in EUR", c))
		}
		t.Amount = r.amount(at+"/Amt/InstdAmt", x.InstdAmt.Value)
	case x.EqvtAmt != nil:
		r.add(at+"/Amt/EqvtAmt", "equivalent amounts are not SEPA: use InstdAmt in EUR")
	default:
		r.add(at+"/Amt/InstdAmt", "missing")
	}
	r.sepaOnly(at, x.SvcLvl, x.ChrgBr)
	if x.CdtrAgt != nil {
		t.CreditorBIC = r.agent(at+"/CdtrAgt", x.CdtrAgt)
	}
	if x.Cdtr != nil {
		t.CreditorName = strings.TrimSpace(x.Cdtr.Nm)
		t.CreditorAddress = address(x.Cdtr.PstlAdr)
	}
	if x.CdtrAcct != nil {
		t.CreditorIBAN = r.account(at+"/CdtrAcct", x.CdtrAcct)
	}
	if x.RmtInf != nil {
		t.Remittance = r.remittance(at+"/RmtInf", x.RmtInf)
	}
	return t
}

// sepaOnly checks the service level and charge bearer when given.
func (r *reader) sepaOnly(at string, svcLvl []string, chrgBr string) {
	for _, c := range svcLvl {
		if c = strings.TrimSpace(c); c != "SEPA" {
			r.add(at+"/PmtTpInf/SvcLvl/Cd", fmt.Sprintf("%q: only SEPA transfers are read", c))
		}
	}
	if c := strings.TrimSpace(chrgBr); c != "" && c != "SLEV" {
		r.add(at+"/ChrgBr", fmt.Sprintf("%q: SEPA transfers share charges (SLEV)", c))
	}
}

func (r *reader) remittance(at string, x *xRemit) Remittance {
	var out Remittance
	if len(x.Ustrd) > 1 {
		r.add(at+"/Ustrd", "SEPA allows one Ustrd")
	}
	if len(x.Ustrd) > 0 {
		out.Text = strings.TrimSpace(x.Ustrd[0])
	}
	if len(x.Strd) > 1 {
		r.add(at+"/Strd", "SEPA allows one Strd")
	}
	if len(x.Strd) == 0 {
		return out
	}
	ref := x.Strd[0].CdtrRefInf
	switch {
	case ref == nil || strings.TrimSpace(ref.Ref) == "":
		r.add(at+"/Strd/CdtrRefInf/Ref", "missing: only creditor references are read from Strd")
	case strings.TrimSpace(ref.Cd) != "SCOR":
		r.add(at+"/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd", "the creditor reference type must be SCOR")
	default:
		out.Reference = strings.TrimSpace(ref.Ref)
		out.Issuer = strings.TrimSpace(ref.Issr)
	}
	return out
}

// account returns the IBAN of an account.
func (r *reader) account(at string, x *xAccount) string {
	if c := strings.TrimSpace(x.Ccy); c != "" && c != "EUR" {
		r.add(at+"/Ccy", fmt.Sprintf("currency %q: SEPA accounts are debited in EUR", c))
	}
	if x.IBAN == "" && x.Othr != "" {
		r.add(at+"/Id/Othr", "SEPA accounts are identified by IBAN")
	}
	return strings.TrimSpace(x.IBAN)
}

// agent returns the BIC of a financial institution, "" for NOTPROVIDED.
func (r *reader) agent(at string, x *xAgent) string {
	bic, other, otherTag := x.BICFI, x.BIC, "BIC"
	if r.v == V03 {
		bic, other, otherTag = x.BIC, x.BICFI, "BICFI"
	}
	if other != "" {
		r.add(at+"/FinInstnId/"+otherTag, fmt.Sprintf("not part of %s", r.v))
	}
	bic = strings.TrimSpace(bic)
	if bic == "" {
		if o := strings.TrimSpace(x.Othr); o != "" && o != notProvided {
			r.add(at+"/FinInstnId/Othr/Id", fmt.Sprintf("%q: only a BIC or NOTPROVIDED identifies the bank", o))
		}
	}
	return bic
}

func address(x *xAddress) Address {
	if x == nil {
		return Address{}
	}
	a := Address{
		Street:   strings.TrimSpace(x.StrtNm),
		Building: strings.TrimSpace(x.BldgNb),
		PostCode: strings.TrimSpace(x.PstCd),
		Town:     strings.TrimSpace(x.TwnNm),
		Country:  strings.TrimSpace(x.Ctry),
	}
	for _, l := range x.AdrLine {
		if l = strings.TrimSpace(l); l != "" {
			a.Lines = append(a.Lines, l)
		}
	}
	return a
}

// totals compares a stated NbOfTxs and CtrlSum with the transfers read.
func (r *reader) totals(at string, nb, ctrl *string, n int, sum decimal.Decimal) {
	if nb != nil {
		s := strings.TrimSpace(*nb)
		if got, err := strconv.Atoi(s); err != nil || got != n {
			r.add(at+"/NbOfTxs", fmt.Sprintf("says %q, the file holds %d transfer(s)", s, n))
		}
	}
	if ctrl != nil && !r.badAmount {
		s := strings.TrimSpace(*ctrl)
		d, err := money.ParseDecimal(at+"/CtrlSum", s)
		if err != nil || !d.Equal(sum) {
			r.add(at+"/CtrlSum", fmt.Sprintf("says %q, the amounts add up to %s", s, sum.StringFixed(2)))
		}
	}
}

// amount reads an amount as spil's money package reads xs:decimal.
func (r *reader) amount(at, s string) decimal.Decimal {
	d, err := money.ParseDecimal(at, s)
	if err != nil {
		r.add(at, apperr.FieldsOf(err)[at])
		r.badAmount = true
		return decimal.Decimal{}
	}
	if d.Equal(d.Round(2)) {
		d = d.Round(2)
	}
	return d
}

// execution reads ReqdExctnDt: an ISODate in .03, Dt (or DtTm) in .09.
func (r *reader) execution(at string, x xDateChoice) holiday.Date {
	s := strings.TrimSpace(x.Text)
	if r.v == V09 {
		switch {
		case x.Dt != "":
			s, at = x.Dt, at+"/Dt"
		case x.DtTm != "":
			t := r.dateTime(at+"/DtTm", x.DtTm)
			if t.IsZero() {
				return holiday.Date{}
			}
			return holiday.DateOf(t)
		default:
			r.add(at, "missing Dt")
			return holiday.Date{}
		}
	}
	return r.date(at, s)
}

// date reads an xs:date, ignoring a time-zone suffix.
func (r *reader) date(at, s string) holiday.Date {
	s = strings.TrimSpace(s)
	if len(s) > 10 && strings.ContainsAny(s[10:11], "Z+-") {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		r.add(at, fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s))
		return holiday.Date{}
	}
	return holiday.DateOf(t)
}

// dateTime reads an xs:dateTime; without an offset it is taken as UTC.
func (r *reader) dateTime(at, s string) time.Time {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", s)
	if err != nil {
		r.add(at, fmt.Sprintf("%q is not a date and time (YYYY-MM-DDThh:mm:ss)", s))
		return time.Time{}
	}
	return t
}
