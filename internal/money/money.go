// Package money holds amounts of money as exact decimals with their ISO 4217
// currency, for invoices, budgets and payments.
//
// An Amount is a decimal.Decimal and an upper-case currency code that
// spil knows (see MinorUnits); floats never occur. The package
//
//   - reads amounts from e-invoices and API payloads (Parse: the strict
//     xs:decimal form "1234.56") and from what people type in forms
//     (ParseInput, ParseDutch: "1.234,56", "€ 1.234,56", "1,234.56");
//   - writes them for people (Format: "€ 1.234,56" in Dutch, "€1,234.56" in
//     English) and for files (Text: "1234.56");
//   - converts to and from integer minor units (cents) for storage, with
//     the currency's number of minor units (EUR 2, JPY 0, KWD 3);
//   - rounds half away from zero to minor units, the rounding of EN 16931
//     and Peppol BIS Billing 3.0 (see Round);
//   - adds, subtracts and compares only amounts in the same currency.
//
// Every error is an apperr.Error of kind Invalid; parse errors carry the
// caller's field path ("cac:LegalMonetaryTotal/cbc:PayableAmount",
// "amount") with a message for the person who has to correct it.
//
// The zero Amount has no currency; it is what a struct field holds before an
// amount is set. Arithmetic with it fails, like arithmetic across currencies.
package money

import (
	"github.com/shopspring/decimal"

	"spil/internal/apperr"
)

// Amount is an exact decimal amount in one currency. Construct it with New,
// FromMinor, Parse or ParseInput; compare with Equal or Cmp, not ==, since
// 1.5 and 1.50 are the same amount.
type Amount struct {
	value    decimal.Decimal
	currency string
}

// New returns value in currency, unchanged (not rounded). An unknown
// currency returns an Invalid error "unknown currency".
func New(value decimal.Decimal, currency string) (Amount, error) {
	if _, err := MinorUnits(currency); err != nil {
		return Amount{}, err
	}
	return Amount{value: value, currency: currency}, nil
}

// Zero returns nothing in currency; an unknown currency returns an Invalid
// error "unknown currency".
func Zero(currency string) (Amount, error) { return New(decimal.Zero, currency) }

// Decimal returns the amount's value.
func (a Amount) Decimal() decimal.Decimal { return a.value }

// Currency returns the ISO 4217 code, "" for the zero Amount.
func (a Amount) Currency() string { return a.currency }

// IsZero reports whether the value is zero (in any currency, or none).
func (a Amount) IsZero() bool { return a.value.Sign() == 0 }

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int { return a.value.Sign() }

// Neg returns -a.
func (a Amount) Neg() Amount { return Amount{value: a.value.Neg(), currency: a.currency} }

// Abs returns |a|.
func (a Amount) Abs() Amount { return Amount{value: a.value.Abs(), currency: a.currency} }

// Equal reports whether a and b have the same currency and value
// (1.5 equals 1.50).
func (a Amount) Equal(b Amount) bool {
	return a.currency == b.currency && a.value.Equal(b.value)
}

// sameCurrency returns an Invalid error unless a and b are in the same,
// set, currency.
func sameCurrency(op string, a, b Amount) error {
	if a.currency == "" || b.currency == "" {
		return apperr.Errorf(apperr.Invalid, "cannot %s an amount without currency", op)
	}
	if a.currency != b.currency {
		return apperr.Errorf(apperr.Invalid, "cannot %s amounts in different currencies (%s and %s)", op, a.currency, b.currency)
	}
	return nil
}

// Add returns a+b, exactly. Different currencies, or an amount without
// currency, return an Invalid error.
func (a Amount) Add(b Amount) (Amount, error) {
	if err := sameCurrency("add", a, b); err != nil {
		return Amount{}, err
	}
	return Amount{value: a.value.Add(b.value), currency: a.currency}, nil
}

// Sub returns a-b, exactly. Different currencies, or an amount without
// currency, return an Invalid error.
func (a Amount) Sub(b Amount) (Amount, error) {
	if err := sameCurrency("subtract", a, b); err != nil {
		return Amount{}, err
	}
	return Amount{value: a.value.Sub(b.value), currency: a.currency}, nil
}

// Cmp returns -1, 0 or +1 as a is less than, equal to or greater than b.
// Different currencies, or an amount without currency, return an Invalid
// error: there is no order between euros and dollars.
func (a Amount) Cmp(b Amount) (int, error) {
	if err := sameCurrency("compare", a, b); err != nil {
		return 0, err
	}
	return a.value.Cmp(b.value), nil
}

// Sum adds amounts, all of which must be in currency; no amounts sum to zero
// in currency. An unknown currency or an amount in another currency returns
// an Invalid error.
func Sum(currency string, amounts ...Amount) (Amount, error) {
	total, err := Zero(currency)
	if err != nil {
		return Amount{}, err
	}
	for _, a := range amounts {
		if total, err = total.Add(a); err != nil {
			return Amount{}, err
		}
	}
	return total, nil
}

// Mul returns a times factor, exactly (not rounded): a quantity times a
// unit price, or a base times a rate. Round the result where the rules say
// so.
func (a Amount) Mul(factor decimal.Decimal) Amount {
	return Amount{value: a.value.Mul(factor), currency: a.currency}
}

// Percent returns rate percent of a, exactly (not rounded): the VAT on a
// taxable amount is base.Percent(decimal.NewFromInt(21)).Round().
func (a Amount) Percent(rate decimal.Decimal) Amount {
	return Amount{value: a.value.Mul(rate).Shift(-2), currency: a.currency}
}

// Round returns a rounded to the currency's minor units, half away from
// zero: 0.125 → 0.13 and -0.125 → -0.13 in euros. EN 16931 (rule BR-CO-17,
// which Peppol BIS Billing 3.0 and NLCIUS inherit) has VAT amounts "rounded
// half up to two decimals", and the CEN validation artefacts round the
// absolute value (round(abs(x))), which is half away from zero for the
// negative amounts of credit notes and allowances; Dutch commercial rounding
// is the same. Banker's rounding would make spil's arithmetic disagree with
// the invoices it checks. The zero Amount is returned unchanged.
func (a Amount) Round() Amount {
	m, err := MinorUnits(a.currency)
	if err != nil {
		return a
	}
	return Amount{value: a.value.Round(int32(m)), currency: a.currency}
}

// InMinorUnits reports whether a needs no more decimals than its currency
// has minor units (12.50 and 12.5 in euros do, 12.505 does not). The zero
// Amount reports false.
func (a Amount) InMinorUnits() bool {
	m, err := MinorUnits(a.currency)
	if err != nil {
		return false
	}
	return a.value.Shift(int32(m)).IsInteger()
}

// FromMinor returns units minor units (cents for EUR) of currency:
// FromMinor(123456, "EUR") is € 1.234,56, FromMinor(1234, "JPY") is ¥1234.
// An unknown currency returns an Invalid error "unknown currency".
func FromMinor(units int64, currency string) (Amount, error) {
	m, err := MinorUnits(currency)
	if err != nil {
		return Amount{}, err
	}
	return Amount{value: decimal.New(units, -int32(m)), currency: currency}, nil
}

// Minor returns a in the currency's minor units, for storage as an integer
// next to the currency code. It never rounds: an amount with more decimals
// than the currency has minor units returns an Invalid error (call Round
// first where rounding is what the rules ask for), as does an amount beyond
// the int64 range or one without currency.
func (a Amount) Minor() (int64, error) {
	m, err := MinorUnits(a.currency)
	if err != nil {
		return 0, err
	}
	shifted := a.value.Shift(int32(m))
	if !shifted.IsInteger() {
		return 0, apperr.Errorf(apperr.Invalid, "%s has more than %d decimals; round it before storing", a.String(), m)
	}
	n := shifted.BigInt()
	if !n.IsInt64() {
		return 0, apperr.Errorf(apperr.Invalid, "%s is too large to store", a.String())
	}
	return n.Int64(), nil
}

// Split divides a into n parts in minor units that differ by at most one
// minor unit and add up to a exactly, the larger parts first: € 100 in 3 is
// € 33,34 + € 33,33 + € 33,33. A yearly budget phased by month is
// Split(12). n must be between 1 and 100000 and a must be in minor units;
// otherwise an Invalid error is returned.
func (a Amount) Split(n int) ([]Amount, error) {
	if n < 1 || n > 100000 {
		return nil, apperr.Errorf(apperr.Invalid, "cannot split an amount in %d parts", n)
	}
	units, err := a.Minor()
	if err != nil {
		return nil, err
	}
	m, _ := MinorUnits(a.currency)
	q, rest := units/int64(n), units%int64(n) // rest < 0 for a negative amount
	step := int64(1)
	if rest < 0 {
		step, rest = -1, -rest
	}
	parts := make([]Amount, n)
	for i := range parts {
		u := q
		if int64(i) < rest {
			u += step
		}
		parts[i] = Amount{value: decimal.New(u, -int32(m)), currency: a.currency}
	}
	return parts, nil
}
