package sepa

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/holiday"
)

// Write validates b (see Validate, with today as the earliest execution date)
// and writes it to w as a pain.001 document of version v, UTF-8, indented.
// Text is converted to the SEPA character set (see Latin), IBANs and BICs are
// written upper case without spaces, amounts with two decimals; NbOfTxs and
// CtrlSum are computed for the group header and for every payment
// information. Every block gets service level SEPA and charge bearer SLEV; a
// debtor without a BIC gets the agent "NOTPROVIDED", a creditor without a
// BIC no agent. In version .09 the BIC is written as BICFI and the execution
// date as ReqdExctnDt/Dt.
//
// Errors: apperr.Invalid with field paths when b breaks a rule or v is not a
// known version (field "version") — nothing is written then; otherwise only
// the error of w.
func Write(w io.Writer, b *Batch, v Version, today holiday.Date) error {
	if v != V03 && v != V09 {
		return (apperr.Fields{"version": fmt.Sprintf("unknown version %q: use %s or %s", v, V09, V03)}).Err()
	}
	p, err := prepare(b, today)
	if err != nil {
		return err
	}
	x := &xw{w: bufio.NewWriterSize(w, 64<<10), v: v}
	x.document(p)
	return x.w.Flush()
}

// Marshal is Write into a byte slice.
func Marshal(b *Batch, v Version, today holiday.Date) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, b, v, today); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xw writes indented XML; write errors stay in the bufio.Writer until Flush.
type xw struct {
	w     *bufio.Writer
	v     Version
	depth int
}

func (x *xw) indent() {
	x.w.WriteByte('\n')
	for i := 0; i < x.depth; i++ {
		x.w.WriteString("  ")
	}
}

func (x *xw) open(name string) {
	x.indent()
	x.w.WriteByte('<')
	x.w.WriteString(name)
	x.w.WriteByte('>')
	x.depth++
}

func (x *xw) close(name string) {
	x.depth--
	x.indent()
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

// leaf writes <name>value</name>; an empty value writes nothing.
func (x *xw) leaf(name, value string) {
	if value == "" {
		return
	}
	x.indent()
	x.w.WriteByte('<')
	x.w.WriteString(name)
	x.w.WriteByte('>')
	escape(x.w, value)
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

// escape writes s as XML character data. Prepared text is in the SEPA set,
// which needs no escaping; the check keeps the output well-formed anyway.
func escape(w *bufio.Writer, s string) {
	if !strings.ContainsAny(s, "&<>") {
		w.WriteString(s)
		return
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	r.WriteString(w, s)
}

func (x *xw) document(b *Batch) {
	x.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	x.w.WriteString("\n<Document xmlns=\"" + x.v.namespace() + "\">")
	x.depth = 1
	x.open("CstmrCdtTrfInitn")
	x.open("GrpHdr")
	x.leaf("MsgId", b.MessageID)
	x.leaf("CreDtTm", b.CreatedAt.Truncate(time.Second).Format("2006-01-02T15:04:05Z07:00"))
	n, sum := b.Totals()
	x.leaf("NbOfTxs", strconv.Itoa(n))
	x.leaf("CtrlSum", sum.StringFixed(2))
	x.open("InitgPty")
	x.leaf("Nm", b.InitiatingParty)
	x.close("InitgPty")
	x.close("GrpHdr")
	for i := range b.Payments {
		x.payment(&b.Payments[i])
	}
	x.close("CstmrCdtTrfInitn")
	x.w.WriteString("\n</Document>\n")
}

func (x *xw) payment(p *PaymentInfo) {
	x.open("PmtInf")
	x.leaf("PmtInfId", p.ID)
	x.leaf("PmtMtd", "TRF")
	switch p.BatchBooking {
	case BookingBatch:
		x.leaf("BtchBookg", "true")
	case BookingSingle:
		x.leaf("BtchBookg", "false")
	}
	n, sum := p.Totals()
	x.leaf("NbOfTxs", strconv.Itoa(n))
	x.leaf("CtrlSum", sum.StringFixed(2))
	x.open("PmtTpInf")
	x.open("SvcLvl")
	x.leaf("Cd", "SEPA")
	x.close("SvcLvl")
	x.close("PmtTpInf")
	if x.v == V03 {
		x.leaf("ReqdExctnDt", p.ExecutionDate.String())
	} else {
		x.open("ReqdExctnDt")
		x.leaf("Dt", p.ExecutionDate.String())
		x.close("ReqdExctnDt")
	}
	x.party("Dbtr", p.DebtorName, p.DebtorAddress)
	x.account("DbtrAcct", p.DebtorIBAN)
	x.agent("DbtrAgt", p.DebtorBIC, true)
	x.leaf("ChrgBr", "SLEV")
	for i := range p.Transfers {
		x.transfer(&p.Transfers[i])
	}
	x.close("PmtInf")
}

func (x *xw) transfer(t *Transfer) {
	x.open("CdtTrfTxInf")
	x.open("PmtId")
	x.leaf("EndToEndId", t.EndToEndID)
	x.close("PmtId")
	x.open("Amt")
	x.indent()
	x.w.WriteString(`<InstdAmt Ccy="EUR">`)
	x.w.WriteString(t.Amount.StringFixed(2))
	x.w.WriteString("</InstdAmt>")
	x.close("Amt")
	x.agent("CdtrAgt", t.CreditorBIC, false)
	x.party("Cdtr", t.CreditorName, t.CreditorAddress)
	x.account("CdtrAcct", t.CreditorIBAN)
	x.remittance(t.Remittance)
	x.close("CdtTrfTxInf")
}

func (x *xw) party(tag, name string, a Address) {
	x.open(tag)
	x.leaf("Nm", name)
	if !a.IsZero() {
		x.open("PstlAdr")
		x.leaf("StrtNm", a.Street)
		x.leaf("BldgNb", a.Building)
		x.leaf("PstCd", a.PostCode)
		x.leaf("TwnNm", a.Town)
		x.leaf("Ctry", a.Country)
		for _, l := range a.Lines {
			x.leaf("AdrLine", l)
		}
		x.close("PstlAdr")
	}
	x.close(tag)
}

func (x *xw) account(tag, iban string) {
	x.open(tag)
	x.open("Id")
	x.leaf("IBAN", iban)
	x.close("Id")
	x.close(tag)
}

// agent writes a financial institution by BIC; without a BIC a required
// agent is written as "NOTPROVIDED" (EPC guidance) and an optional one not.
func (x *xw) agent(tag, bic string, required bool) {
	if bic == "" && !required {
		return
	}
	x.open(tag)
	x.open("FinInstnId")
	switch {
	case bic == "":
		x.open("Othr")
		x.leaf("Id", notProvided)
		x.close("Othr")
	case x.v == V03:
		x.leaf("BIC", bic)
	default:
		x.leaf("BICFI", bic)
	}
	x.close("FinInstnId")
	x.close(tag)
}

// notProvided is the agent ID written when the debtor's BIC is unknown.
const notProvided = "NOTPROVIDED"

func (x *xw) remittance(r Remittance) {
	if r.Text == "" && r.Reference == "" {
		return
	}
	x.open("RmtInf")
	if r.Reference == "" {
		x.leaf("Ustrd", r.Text)
	} else {
		x.open("Strd")
		x.open("CdtrRefInf")
		x.open("Tp")
		x.open("CdOrPrtry")
		x.leaf("Cd", "SCOR")
		x.close("CdOrPrtry")
		x.leaf("Issr", r.Issuer)
		x.close("Tp")
		x.leaf("Ref", r.Reference)
		x.close("CdtrRefInf")
		x.close("Strd")
	}
	x.close("RmtInf")
}
