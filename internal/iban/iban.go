// Package iban validates and formats bank account numbers (IBAN, ISO 13616)
// and bank identifier codes (BIC, ISO 9362), so that spil never pays into
// an account number with a typing error in it.
//
// Parse checks an IBAN in this order and stops at the first problem, which
// its Invalid error names for the caller's field:
//
//  1. only letters and digits after spaces, hyphens and points are removed
//     (the character and its position are named otherwise);
//  2. a country code the IBAN registry knows (places that use another
//     country's IBANs, such as Réunion or Jersey, are named with the prefix
//     to use);
//  3. the length for that country (the expected length is named);
//  4. two check digits, then the country's BBAN format: letters, digits or
//     either at each position (the position and what belongs there are
//     named);
//  5. the ISO 7064 mod 97-10 checksum.
//
// National check digits inside the BBAN (the Spanish, Belgian or Italian
// ones, for example) are not checked: the mod 97 checksum already catches
// every single typing error and nearly all swaps.
//
// The IBAN registry, the Dutch bank codes with their BICs and the ISO 3166
// country codes are compiled into the package, so a binary never reads
// reference files at run time. Tests compare them with the copies in
// $SPIL_CORPUS/dutch/iban_bic when it is set.
package iban

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"spil/internal/apperr"
)

// maxInput bounds the text looked at; the longest IBAN has 34 characters.
const maxInput = 100

// IBAN is a valid International Bank Account Number in its electronic form
// (no spaces, upper case). The zero IBAN is empty and invalid; obtain one
// from Parse or FromBBAN.
type IBAN struct {
	s string
}

// Normalize returns s as an IBAN is stored and compared: without white space
// (also no-break spaces), hyphens and points, and with ASCII letters in
// upper case: "nl91 abna 0417.1643-00" becomes "NL91ABNA0417164300". Other
// characters are kept, for Parse to report.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r == '-' || r == '.' || unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Parse normalizes s (see Normalize) and checks it as the package
// documentation describes. A wrong IBAN returns an apperr Invalid error with
// one message for field, such as
//
//	unknown country code "QQ": it is not in the IBAN registry
//	IBANs from NL have 18 characters; this one has 19
//	character "O" at position 9 must be a digit (NL IBANs have 4 letters and 10 digits after the check digits)
//	the check digits do not match: check the IBAN for a typing error
func Parse(field, s string) (IBAN, error) {
	n, msg := check(s)
	if msg != "" {
		var f apperr.Fields
		f.Add(field, msg)
		return IBAN{}, f.Err()
	}
	return IBAN{s: n}, nil
}

// FromBBAN returns the IBAN of a domestic account number (BBAN) in country,
// computing its check digits: FromBBAN("NL", "ABNA0417164300") is
// NL91ABNA0417164300. The result is checked as Parse checks it; an Invalid
// error names the field "bban".
func FromBBAN(countryCode, bban string) (IBAN, error) {
	cc, b := Normalize(countryCode), Normalize(bban)
	if len(cc) == 2 && isAlnum(b) {
		r := mod97(b + cc + "00")
		return Parse("bban", fmt.Sprintf("%s%02d%s", cc, 98-r, b))
	}
	return Parse("bban", cc+"00"+b)
}

// String returns the electronic form, "NL91ABNA0417164300", for storage,
// comparison and payment files.
func (i IBAN) String() string { return i.s }

// Print returns the print form: groups of four characters separated by a
// space, "NL91 ABNA 0417 1643 00", for pages, letters and PDFs.
func (i IBAN) Print() string {
	var b strings.Builder
	for k := 0; k < len(i.s); k++ {
		if k > 0 && k%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(i.s[k])
	}
	return b.String()
}

// IsZero reports whether i is the zero IBAN.
func (i IBAN) IsZero() bool { return i.s == "" }

// Country returns the two-letter country code, "NL".
func (i IBAN) Country() string { return prefix(i.s, 2) }

// CheckDigits returns characters 3 and 4, "91".
func (i IBAN) CheckDigits() string {
	if len(i.s) < 4 {
		return ""
	}
	return i.s[2:4]
}

// BBAN returns the domestic account number that follows the check digits,
// "ABNA0417164300".
func (i IBAN) BBAN() string {
	if len(i.s) < 4 {
		return ""
	}
	return i.s[4:]
}

// SEPA reports whether the IBAN's country is in the SEPA scheme's
// geographical scope (as the embedded registry records it), so that a SEPA
// credit transfer can reach it.
func (i IBAN) SEPA() bool {
	c, ok := lookup(i.Country())
	return ok && c.sepa
}

// Bank returns the Dutch bank of a Dutch IBAN from its bank code
// (characters 5 to 8): for NL91ABNA0417164300 the ABN AMRO entry. It
// reports false for other countries and for bank codes not in the list.
func (i IBAN) Bank() (Bank, bool) {
	if i.Country() != "NL" {
		return Bank{}, false
	}
	return DutchBank(i.s[4:8])
}

// BIC returns the BIC of a Dutch IBAN's bank (INGBNL2A for an ING account).
// It reports false where Bank does. Since 2016 a SEPA payment needs no BIC;
// spil fills it in where a bank or a form still asks for one.
func (i IBAN) BIC() (BIC, bool) {
	b, ok := i.Bank()
	if !ok {
		return BIC{}, false
	}
	return BIC{s: b.BIC}, true
}

// DutchBank returns the Dutch bank with the four-letter bank code used in
// IBANs ("INGB"), in any case; false when the code is not in the list.
func DutchBank(code string) (Bank, bool) {
	code = strings.ToUpper(code)
	k := sort.Search(len(banksNL), func(k int) bool { return banksNL[k].Code >= code })
	if k < len(banksNL) && banksNL[k].Code == code {
		return banksNL[k], true
	}
	return Bank{}, false
}

// lookup finds a country of the registry.
func lookup(code string) (country, bool) {
	k := sort.Search(len(countries), func(k int) bool { return countries[k].code >= code })
	if k < len(countries) && countries[k].code == code {
		return countries[k], true
	}
	return country{}, false
}

// territory returns the country whose IBANs an account in code carries.
func territory(code string) (string, bool) {
	for _, t := range territories {
		if t[0] == code {
			return t[1], true
		}
	}
	return "", false
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpperAlnum(s[i]) {
			return false
		}
	}
	return true
}

func isUpperAlnum(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' }

// badChar reports the first character of s that is not an upper-case
// letter or digit, with its position counted in characters from 1.
func badChar(s string) (string, int, bool) {
	pos := 0
	for k := 0; k < len(s); {
		r, n := utf8.DecodeRuneInString(s[k:])
		pos++
		if n != 1 || !isUpperAlnum(s[k]) {
			return string(r), pos, true
		}
		k += n
	}
	return "", 0, false
}
