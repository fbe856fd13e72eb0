package sepa

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/holiday"
	"spil/internal/iban"
)

// TestValidateNamesTheFieldAtFault breaks one thing at a time in a valid
// batch and expects exactly that field, with a message a user understands.
func TestValidateNamesTheFieldAtFault(t *testing.T) {
	if err := sampleBatch().Validate(today); err != nil {
		t.Fatalf("the sample batch is valid: %v", err)
	}
	t0 := func(b *Batch) *Transfer { return &b.Payments[0].Transfers[0] }
	t3 := func(b *Batch) *Transfer { return &b.Payments[1].Transfers[0] }
	cases := []struct {
		name  string
		edit  func(b *Batch)
		field string
		msg   string
	}{
		{"no message ID", func(b *Batch) { b.MessageID = "" }, "message_id", "required"},
		{"message ID too long", func(b *Batch) { b.MessageID = strings.Repeat("A", 36) }, "message_id", "at most 35 characters"},
		{"message ID with an underscore", func(b *Batch) { b.MessageID = "SPIL_1" }, "message_id", "only letters"},
		{"message ID starting with a slash", func(b *Batch) { b.MessageID = "/SPIL" }, "message_id", "'/'"},
		{"message ID with a double slash", func(b *Batch) { b.MessageID = "SPIL//1" }, "message_id", "'//'"},
		{"no creation time", func(b *Batch) { b.CreatedAt = time.Time{} }, "created_at", "required"},
		{"no initiating party", func(b *Batch) { b.InitiatingParty = "  " }, "initiating_party", "required"},
		{"no payments", func(b *Batch) { b.Payments = nil }, "payments", "at least one payment"},
		{"duplicate payment information ID", func(b *Batch) { b.Payments[1].ID = b.Payments[0].ID }, "payments[1].id", "same ID as payments[0]"},
		{"debtor name too long", func(b *Batch) { b.Payments[0].DebtorName = strings.Repeat("x", 71) }, "payments[0].debtor_name", "at most 70 characters (has 71)"},
		{"debtor IBAN check digits", func(b *Batch) { b.Payments[0].DebtorIBAN = "NL91ABNA0417164301" }, "payments[0].debtor_iban", "check digits"},
		{"debtor IBAN missing", func(b *Batch) { b.Payments[0].DebtorIBAN = "" }, "payments[0].debtor_iban", "required"},
		{"debtor BIC malformed", func(b *Batch) { b.Payments[0].DebtorBIC = "ABNA" }, "payments[0].debtor_bic", "8 or 11"},
		{"execution date in the past", func(b *Batch) { b.Payments[1].ExecutionDate = today.AddDays(-1) }, "payments[1].execution_date", "in the past"},
		{"no execution date", func(b *Batch) { b.Payments[0].ExecutionDate = holiday.Date{} }, "payments[0].execution_date", "required"},
		{"payment without transfers", func(b *Batch) { b.Payments[1].Transfers = nil }, "payments[1].transfers", "at least one transfer"},
		{"no end-to-end ID", func(b *Batch) { t0(b).EndToEndID = "" }, "payments[0].transfers[0].end_to_end_id", "required"},
		{"duplicate end-to-end ID across payments", func(b *Batch) { t3(b).EndToEndID = "INV-2026-0001" }, "payments[1].transfers[0].end_to_end_id", "same end-to-end ID as payments[0].transfers[0]"},
		{"zero amount", func(b *Batch) { t0(b).Amount = eur("0") }, "payments[0].transfers[0].amount", "greater than zero"},
		{"amount not set", func(b *Batch) { t0(b).Amount = decimal.Decimal{} }, "payments[0].transfers[0].amount", "greater than zero"},
		{"negative amount", func(b *Batch) { t0(b).Amount = eur("-5.00") }, "payments[0].transfers[0].amount", "greater than zero"},
		{"three decimals", func(b *Batch) { t0(b).Amount = eur("10.005") }, "payments[0].transfers[0].amount", "at most 2 decimals"},
		{"amount too large", func(b *Batch) { t0(b).Amount = eur("1000000000.00") }, "payments[0].transfers[0].amount", "999999999.99"},
		{"no creditor name", func(b *Batch) { t0(b).CreditorName = "" }, "payments[0].transfers[0].creditor_name", "required"},
		{"creditor name in Cyrillic", func(b *Batch) { t0(b).CreditorName = "Бухгалтерия" }, "payments[0].transfers[0].creditor_name", "cannot be sent"},
		{"creditor name with an emoji", func(b *Batch) { t0(b).CreditorName = "Catering 🍕" }, "payments[0].transfers[0].creditor_name", "cannot be sent"},
		{"creditor IBAN check digits", func(b *Batch) { t3(b).CreditorIBAN = "DE89370400440532013001" }, "payments[1].transfers[0].creditor_iban", "check digits"},
		{"creditor IBAN too short", func(b *Batch) { t3(b).CreditorIBAN = "NL91ABNA" }, "payments[1].transfers[0].creditor_iban", "IBANs from NL have 18 characters"},
		{"creditor IBAN with a star", func(b *Batch) { t3(b).CreditorIBAN = "DE89*3704*0044*0532*0130*00" }, "payments[1].transfers[0].creditor_iban", "not allowed"},
		{"creditor IBAN of the wrong form for its country", func(b *Batch) { t3(b).CreditorIBAN = "NL91ABNA04171643OO" }, "payments[1].transfers[0].creditor_iban", "must be a digit"},
		{"creditor IBAN outside SEPA", func(b *Batch) { t3(b).CreditorIBAN = brazil() }, "payments[1].transfers[0].creditor_iban", "cannot be paid by SEPA"},
		{"creditor BIC with a digit in the country", func(b *Batch) { t3(b).CreditorBIC = "COBAD1FF" }, "payments[1].transfers[0].creditor_bic", "country code"},
		{"remittance over 140 characters", func(b *Batch) { t0(b).Remittance = Unstructured(strings.Repeat("a", 141)) }, "payments[0].transfers[0].remittance.text", "at most 140"},
		{"remittance over 140 after conversion", func(b *Batch) { t0(b).Remittance = Unstructured(strings.Repeat("ß", 71)) }, "payments[0].transfers[0].remittance.text", "has 142"},
		{"text and reference both", func(b *Batch) { t3(b).Remittance.Text = "and text" }, "payments[1].transfers[0].remittance.text", "not both"},
		{"RF check digits", func(b *Batch) { t3(b).Remittance = RFReference("RF19539007547034") }, "payments[1].transfers[0].remittance.reference", "ISO 11649"},
		{"reference without issuer is not RF", func(b *Batch) { t3(b).Remittance = Remittance{Reference: "12345"} }, "payments[1].transfers[0].remittance.reference", "RF"},
		{"betalingskenmerk check digit", func(b *Batch) { t3(b).Remittance = DutchReference("4000056789012345") }, "payments[1].transfers[0].remittance.reference", "betalingskenmerk"},
		{"betalingskenmerk of 8 digits", func(b *Batch) { t3(b).Remittance = DutchReference("12345678") }, "payments[1].transfers[0].remittance.reference", "betalingskenmerk"},
		{"issuer without reference", func(b *Batch) { t3(b).Remittance = Remittance{Issuer: "CUR"} }, "payments[1].transfers[0].remittance.reference", "required"},
		{"reference with spaces", func(b *Batch) { t3(b).Remittance = Remittance{Reference: "AB 12", Issuer: "BBA"} }, "payments[1].transfers[0].remittance.reference", "without spaces"},
		{"address without country", func(b *Batch) { t3(b).CreditorAddress.Country = "" }, "payments[1].transfers[0].creditor_address.country", "country code"},
		{"address street without town", func(b *Batch) { t3(b).CreditorAddress.Town = "" }, "payments[1].transfers[0].creditor_address.town", "required with a street"},
		{"three address lines", func(b *Batch) {
			t3(b).CreditorAddress = Address{Country: "DE", Lines: []string{"a", "b", "c"}}
		}, "payments[1].transfers[0].creditor_address.lines", "at most 2"},
		{"debtor town too long", func(b *Batch) {
			b.Payments[0].DebtorAddress = Address{Town: strings.Repeat("t", 36), Country: "NL"}
		}, "payments[0].debtor_address.town", "at most 35"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := sampleBatch()
			c.edit(b)
			err := b.Validate(today)
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("err = %v, want Invalid", err)
			}
			fields := apperr.FieldsOf(err)
			msg, ok := fields[c.field]
			if !ok {
				t.Fatalf("fields = %v, want %s", fields, c.field)
			}
			if !strings.Contains(msg, c.msg) {
				t.Errorf("%s: %q, want it to mention %q", c.field, msg, c.msg)
			}
			if len(fields) != 1 {
				t.Errorf("fields = %v, want only %s", fields, c.field)
			}
		})
	}
}

func TestValidateAcceptsWhatBanksAccept(t *testing.T) {
	cases := map[string]func(b *Batch){
		"execution date today":         func(b *Batch) { b.Payments[1].ExecutionDate = today },
		"smallest amount":              func(b *Batch) { b.Payments[0].Transfers[0].Amount = eur("0.01") },
		"largest amount":               func(b *Batch) { b.Payments[0].Transfers[0].Amount = eur("999999999.99") },
		"trailing zeros":               func(b *Batch) { b.Payments[0].Transfers[0].Amount = eur("12.5000") },
		"no remittance":                func(b *Batch) { b.Payments[0].Transfers[0].Remittance = Remittance{} },
		"140 characters of remittance": func(b *Batch) { b.Payments[0].Transfers[0].Remittance = Unstructured(strings.Repeat("é", 140)) },
		"RF without issuer":            func(b *Batch) { b.Payments[1].Transfers[0].Remittance = Remittance{Reference: "RF712348231"} },
		"another issuer's reference": func(b *Batch) {
			b.Payments[1].Transfers[0].Remittance = Remittance{Reference: "090933755493", Issuer: "BBA"}
		},
		"betalingskenmerk of 7 digits":  func(b *Batch) { b.Payments[1].Transfers[0].Remittance = DutchReference("1234567") },
		"betalingskenmerk of 14 digits": func(b *Batch) { b.Payments[1].Transfers[0].Remittance = DutchReference("12 2345 3462 2567") },
		"country-only address":          func(b *Batch) { b.Payments[0].DebtorAddress = Address{Country: "NL"} },
		"address lines only": func(b *Batch) {
			b.Payments[0].DebtorAddress = Address{Country: "NL", Lines: []string{"Dorpsstraat 1", "1234 AB Ons Dorp"}}
		},
		"IBAN with spaces, lower case": func(b *Batch) { b.Payments[0].DebtorIBAN = "nl91 abna 0417 1643 00" },
		"single booking":               func(b *Batch) { b.Payments[0].BatchBooking = BookingSingle },
		"names with accents":           func(b *Batch) { b.Payments[0].Transfers[0].CreditorName = "Société Générale d'Électricité" },
	}
	for name, edit := range cases {
		b := sampleBatch()
		edit(b)
		if err := b.Validate(today); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestValidateCapsTheNumberOfMessages(t *testing.T) {
	b := sampleBatch()
	p := &b.Payments[0]
	p.Transfers = nil
	for i := range 500 {
		p.Transfers = append(p.Transfers, Transfer{EndToEndID: fmt.Sprintf("E%d", i), Amount: eur("1"), CreditorName: "x", CreditorIBAN: "NL00BAD"})
	}
	fields := apperr.FieldsOf(b.Validate(today))
	if len(fields) != MaxFieldErrors {
		t.Fatalf("%d field messages, want %d", len(fields), MaxFieldErrors)
	}
	if fields["payments[0].transfers[0].creditor_iban"] == "" {
		t.Errorf("the first fault in batch order is missing: %v", fields)
	}
}

func TestTotals(t *testing.T) {
	b := sampleBatch()
	n, sum := b.Totals()
	if n != 3 || sum.StringFixed(2) != "16334.49" {
		t.Errorf("Totals = %d, %s; want 3, 16334.49", n, sum.StringFixed(2))
	}
	n, sum = b.Payments[0].Totals()
	if n != 2 || sum.StringFixed(2) != "1334.49" {
		t.Errorf("payment Totals = %d, %s; want 2, 1334.49", n, sum.StringFixed(2))
	}
}

// brazil returns a valid IBAN of a country outside SEPA.
func brazil() string {
	ib, err := iban.FromBBAN("BR", "00360305000010009795493P1")
	if err != nil {
		panic(err)
	}
	return ib.String()
}
