package money

import "strings"

// places returns how many decimals a is written with: the currency's minor
// units, or more when the value needs them (a unit price of € 0,1234 is
// shown in full, never silently rounded). Trailing zeros beyond the minor
// units are dropped: 12.5000 euros is written 12.50.
func (a Amount) places() int32 {
	m, err := MinorUnits(a.currency)
	if err != nil {
		m = 0
	}
	p := int32(m)
	if e := a.value.Normalize().Exponent(); -e > p {
		p = -e
	}
	return p
}

// Text returns the value in the form Parse reads and UBL and SEPA files
// use: a point as decimal separator, no grouping, a leading "-" when
// negative, and the currency's minor units or more when the value needs
// them: "1234.56", "-0.50", "1234" (JPY), "0.1234" (a unit price in
// euros). Parse(field, a.Text(), a.Currency()) equals a.
func (a Amount) Text() string {
	return a.value.StringFixed(a.places())
}

// String returns the currency and Text, "EUR 1234.56", for logs and
// messages that are not shown in a particular language.
func (a Amount) String() string {
	if a.currency == "" {
		return a.Text()
	}
	return a.currency + " " + a.Text()
}

// Format writes the amount for people in lang ("nl" or "en"; any other
// language is written as "en"), with the currency's minor units or more
// when the value needs them:
//
//	nl: € 1.234,56   € -1.234,56   USD 1.234,56   USD -1.234,56
//	en: €1,234.56    -€1,234.56    USD 1,234.56   -USD 1,234.56
//
// Dutch puts the minus between the euro sign and the digits ("€ -1.234,56"),
// the Dutch convention recorded in Unicode CLDR for nl and the one spil's
// pages already use; English puts it before the sign. The euro is written as
// "€", every other currency by its ISO code, so a dollar amount is never
// mistaken for another dollar. ParseInput reads every formatted amount
// that is in minor units back to the same amount.
func (a Amount) Format(lang string) string {
	digits := a.value.Abs().StringFixed(a.places())
	intPart, frac, _ := strings.Cut(digits, ".")
	neg := a.value.Sign() < 0
	var b strings.Builder
	if lang == "nl" {
		b.WriteString(symbol(a.currency, " "))
		if neg {
			b.WriteByte('-')
		}
		writeGrouped(&b, intPart, '.')
		if frac != "" {
			b.WriteByte(',')
			b.WriteString(frac)
		}
		return b.String()
	}
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(symbol(a.currency, ""))
	writeGrouped(&b, intPart, ',')
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// symbol returns "€" plus euroSpace for the euro, the code and a space for
// other currencies, and nothing for an amount without currency.
func symbol(currency, euroSpace string) string {
	switch currency {
	case "":
		return ""
	case EUR:
		return "€" + euroSpace
	}
	return currency + " "
}

// writeGrouped writes the digits of an integer in groups of three.
func writeGrouped(b *strings.Builder, digits string, sep byte) {
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteByte(digits[i])
	}
}
