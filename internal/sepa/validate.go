package sepa

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/holiday"
	"spil/internal/iban"
)

// MaxFieldErrors caps the number of field messages one Validate or Write
// error carries, so a batch of 10,000 bad rows does not make a 10,000-line
// error. The first ones in batch order are kept.
const MaxFieldErrors = 100

// maxAmount returns the largest amount of one SEPA credit transfer.
func maxAmount() decimal.Decimal { return decimal.New(99999999999, -2) }

// Validate checks b against the SEPA rules listed in the package comment,
// with today as the earliest allowed execution date. It returns nil or an
// apperr.Invalid error with one message per field at fault, by path:
// "message_id", "created_at", "initiating_party", "payments",
// "payments[i].id", ".debtor_name", ".debtor_iban", ".debtor_bic",
// ".debtor_address.town", ".execution_date", ".transfers",
// "payments[i].transfers[j].end_to_end_id", ".amount", ".creditor_name",
// ".creditor_iban", ".creditor_bic", ".creditor_address.lines",
// ".remittance.text", ".remittance.reference", ".remittance.issuer".
// b is not modified.
func (b *Batch) Validate(today holiday.Date) error {
	_, err := prepare(b, today)
	return err
}

// checker collects field errors up to MaxFieldErrors.
type checker struct {
	fields apperr.Fields
	n      int
}

func (c *checker) add(field, msg string) {
	if c.n >= MaxFieldErrors {
		return
	}
	c.n++
	c.fields.Add(field, msg)
}

// id checks an identifier.
func (c *checker) id(field, s string) {
	if msg := validID(s); msg != "" {
		c.add(field, msg)
	}
}

// text converts s with Latin and checks its length (1..max, or 0..max when
// optional); it returns the converted text.
func (c *checker) text(field, s string, max int, optional bool) string {
	out, err := Latin(s)
	if err != nil {
		c.add(field, err.Error())
		return s
	}
	n := utf8.RuneCountInString(out)
	switch {
	case n == 0 && !optional:
		c.add(field, "required")
	case n > max:
		c.add(field, fmt.Sprintf("at most %d characters (has %d)", max, n))
	}
	return out
}

// iban checks an IBAN with spil's IBAN package (form per country, mod 97)
// and that its country is in SEPA; it returns the electronic form.
func (c *checker) iban(field, s string) string {
	if strings.TrimSpace(s) == "" {
		c.add(field, "required")
		return ""
	}
	ib, err := iban.Parse(field, s)
	if err != nil {
		c.add(field, apperr.FieldsOf(err)[field])
		return iban.Normalize(s)
	}
	if !ib.SEPA() {
		c.add(field, fmt.Sprintf("accounts in %s cannot be paid by SEPA credit transfer", ib.Country()))
	}
	return ib.String()
}

// bic checks an optional BIC with spil's IBAN package; it returns the BIC
// upper case without spaces, or "".
func (c *checker) bic(field, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	b, err := iban.ParseBIC(field, s)
	if err != nil {
		c.add(field, apperr.FieldsOf(err)[field])
		return s
	}
	return b.String()
}

// prepare validates b and returns a copy ready to write: text converted to
// the SEPA set, IBANs and BICs in electronic form.
func prepare(b *Batch, today holiday.Date) (*Batch, error) {
	var c checker
	out := &Batch{MessageID: b.MessageID, CreatedAt: b.CreatedAt}
	c.id("message_id", b.MessageID)
	if b.CreatedAt.IsZero() {
		c.add("created_at", "required")
	}
	out.InitiatingParty = c.text("initiating_party", b.InitiatingParty, 70, false)
	if len(b.Payments) == 0 {
		c.add("payments", "a batch holds at least one payment")
	}
	pmtIDs := make(map[string]int, len(b.Payments))
	e2eIDs := map[string]string{}
	out.Payments = make([]PaymentInfo, len(b.Payments))
	for i := range b.Payments {
		p, q := &b.Payments[i], &out.Payments[i]
		at := fmt.Sprintf("payments[%d].", i)
		*q = PaymentInfo{ID: p.ID, ExecutionDate: p.ExecutionDate, BatchBooking: p.BatchBooking}
		c.id(at+"id", p.ID)
		if prev, dup := pmtIDs[p.ID]; dup && p.ID != "" {
			c.add(at+"id", fmt.Sprintf("the same ID as payments[%d]", prev))
		}
		pmtIDs[p.ID] = i
		q.DebtorName = c.text(at+"debtor_name", p.DebtorName, 70, false)
		q.DebtorAddress = c.address(at+"debtor_address", p.DebtorAddress)
		q.DebtorIBAN = c.iban(at+"debtor_iban", p.DebtorIBAN)
		q.DebtorBIC = c.bic(at+"debtor_bic", p.DebtorBIC)
		switch {
		case p.ExecutionDate == (holiday.Date{}):
			c.add(at+"execution_date", "required")
		case p.ExecutionDate.Before(today):
			c.add(at+"execution_date", fmt.Sprintf("%s is in the past (today is %s)", p.ExecutionDate, today))
		}
		if p.BatchBooking > BookingSingle {
			c.add(at+"batch_booking", "unknown booking choice")
		}
		if len(p.Transfers) == 0 {
			c.add(at+"transfers", "a payment holds at least one transfer")
		}
		q.Transfers = make([]Transfer, len(p.Transfers))
		for j := range p.Transfers {
			tat := fmt.Sprintf("%stransfers[%d].", at, j)
			q.Transfers[j] = c.transfer(tat, &p.Transfers[j])
			id := p.Transfers[j].EndToEndID
			if prev, dup := e2eIDs[id]; dup && id != "" {
				c.add(tat+"end_to_end_id", "the same end-to-end ID as "+prev)
			} else {
				e2eIDs[id] = strings.TrimSuffix(tat, ".")
			}
		}
	}
	if err := c.fields.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// transfer checks and converts one transfer; at ends in ".".
func (c *checker) transfer(at string, t *Transfer) Transfer {
	q := Transfer{EndToEndID: t.EndToEndID, Amount: t.Amount}
	c.id(at+"end_to_end_id", t.EndToEndID)
	switch a := t.Amount; {
	case a.Sign() <= 0:
		c.add(at+"amount", "must be greater than zero")
	case !a.Equal(a.Round(2)):
		c.add(at+"amount", "at most 2 decimals (whole cents)")
	case a.GreaterThan(maxAmount()):
		c.add(at+"amount", "at most 999999999.99 per transfer")
	}
	q.CreditorName = c.text(at+"creditor_name", t.CreditorName, 70, false)
	q.CreditorAddress = c.address(at+"creditor_address", t.CreditorAddress)
	q.CreditorIBAN = c.iban(at+"creditor_iban", t.CreditorIBAN)
	q.CreditorBIC = c.bic(at+"creditor_bic", t.CreditorBIC)
	q.Remittance = c.remittance(at+"remittance", t.Remittance)
	return q
}

// remittance checks free text or a structured creditor reference.
func (c *checker) remittance(at string, r Remittance) Remittance {
	out := Remittance{Reference: r.Reference, Issuer: r.Issuer}
	out.Text = c.text(at+".text", r.Text, 140, true)
	if r.Reference == "" {
		if r.Issuer != "" {
			c.add(at+".reference", "required with an issuer")
		}
		return out
	}
	if r.Text != "" {
		c.add(at+".text", "either free text or a structured reference, not both")
	}
	if msg := validID(r.Reference); msg != "" {
		c.add(at+".reference", msg)
		return out
	}
	if strings.Contains(r.Reference, " ") {
		c.add(at+".reference", "write the reference without spaces")
		return out
	}
	switch r.Issuer {
	case "", IssuerISO:
		if !ValidRF(r.Reference) {
			c.add(at+".reference", "not a valid RF creditor reference (ISO 11649)")
		}
	case IssuerDutch:
		if !ValidDutchReference(r.Reference) {
			c.add(at+".reference", "not a valid betalingskenmerk (7, 9–14 or 16 digits with a correct check digit)")
		}
	default:
		if msg := validID(r.Issuer); msg != "" {
			c.add(at+".issuer", msg)
		}
	}
	return out
}

// address checks and converts an optional postal address.
func (c *checker) address(at string, a Address) Address {
	if a.IsZero() {
		return a
	}
	out := Address{
		Street:   c.text(at+".street", a.Street, 70, true),
		Building: c.text(at+".building", a.Building, 16, true),
		PostCode: c.text(at+".post_code", a.PostCode, 16, true),
		Town:     c.text(at+".town", a.Town, 35, true),
		Country:  strings.ToUpper(strings.TrimSpace(a.Country)),
	}
	if len(out.Country) != 2 || !isUpper(out.Country[0]) || !isUpper(out.Country[1]) {
		c.add(at+".country", "a two-letter country code (ISO 3166) is required with an address")
	}
	if len(a.Lines) > 2 {
		c.add(at+".lines", "at most 2 address lines")
	}
	if (out.Street != "" || out.Building != "" || out.PostCode != "") && out.Town == "" {
		c.add(at+".town", "required with a street, building number or post code")
	}
	for k, l := range a.Lines {
		if l := c.text(fmt.Sprintf("%s.lines[%d]", at, k), l, 70, true); l != "" {
			out.Lines = append(out.Lines, l)
		}
	}
	return out
}
