package suppliers

import (
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/iban"
	"spil/internal/mail"
)

// NormalizeKvK removes spaces, points and hyphens from a KvK number.
func NormalizeKvK(s string) string {
	return strings.NewReplacer(" ", "", ".", "", "-", "").Replace(strings.TrimSpace(s))
}

// CheckKvK checks a Dutch Chamber of Commerce (KvK) number: exactly eight
// digits after NormalizeKvK. The KvK hands out numbers without a check
// digit since 2016, so no checksum is tested. It returns the normalized
// number or an English message for the field.
func CheckKvK(s string) (string, string) {
	k := NormalizeKvK(s)
	if len(k) != 8 || strings.Trim(k, "0123456789") != "" {
		return k, "a KvK number has 8 digits"
	}
	return k, ""
}

// NormalizeVAT upper-cases a VAT number and removes spaces, points and
// hyphens.
func NormalizeVAT(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", ".", "", "-", "").Replace(strings.TrimSpace(s)))
}

// vatFormats are the VAT identification number formats of the EU member
// states (VIES), Northern Ireland (XI) and the United Kingdom (GB), after
// the two-letter prefix. Greece uses EL.
var vatFormats = map[string]*regexp.Regexp{
	"AT": regexp.MustCompile(`^U\d{8}$`),
	"BE": regexp.MustCompile(`^[01]\d{9}$`),
	"BG": regexp.MustCompile(`^\d{9,10}$`),
	"CY": regexp.MustCompile(`^\d{8}[A-Z]$`),
	"CZ": regexp.MustCompile(`^\d{8,10}$`),
	"DE": regexp.MustCompile(`^\d{9}$`),
	"DK": regexp.MustCompile(`^\d{8}$`),
	"EE": regexp.MustCompile(`^\d{9}$`),
	"EL": regexp.MustCompile(`^\d{9}$`),
	"ES": regexp.MustCompile(`^[A-Z0-9]\d{7}[A-Z0-9]$`),
	"FI": regexp.MustCompile(`^\d{8}$`),
	"FR": regexp.MustCompile(`^[A-HJ-NP-Z0-9]{2}\d{9}$`),
	"GB": regexp.MustCompile(`^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$`),
	"HR": regexp.MustCompile(`^\d{11}$`),
	"HU": regexp.MustCompile(`^\d{8}$`),
	"IE": regexp.MustCompile(`^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$`),
	"IT": regexp.MustCompile(`^\d{11}$`),
	"LT": regexp.MustCompile(`^(\d{9}|\d{12})$`),
	"LU": regexp.MustCompile(`^\d{8}$`),
	"LV": regexp.MustCompile(`^\d{11}$`),
	"MT": regexp.MustCompile(`^\d{8}$`),
	"NL": regexp.MustCompile(`^\d{9}B\d{2}$`),
	"PL": regexp.MustCompile(`^\d{10}$`),
	"PT": regexp.MustCompile(`^\d{9}$`),
	"RO": regexp.MustCompile(`^\d{2,10}$`),
	"SE": regexp.MustCompile(`^\d{12}$`),
	"SI": regexp.MustCompile(`^\d{8}$`),
	"SK": regexp.MustCompile(`^\d{10}$`),
	"XI": regexp.MustCompile(`^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$`),
}

// CheckVAT checks a VAT identification number and returns it normalized,
// or an English message for the field.
//
// Every number starts with its country prefix (EL for Greece) and must have
// that country's format. A Dutch number is NL, nine digits, B and two
// digits, and must pass one of the two checks the Belastingdienst uses:
//   - the mod 97 check of the btw-identificatienummer (given to sole
//     traders since 2020): the whole number with N=23, L=21, B=11 read as
//     one integer leaves 1 when divided by 97;
//   - the older 11-proof of the nine digits (weights 9 down to 2, and -1
//     for the last digit; the sum divisible by 11), used by numbers derived
//     from the RSIN of legal entities.
//
// Check digits of other countries are not tested: VIES is the authority for
// those, and spil works offline.
func CheckVAT(s string) (string, string) {
	v := NormalizeVAT(s)
	if len(v) < 4 {
		return v, "a VAT number starts with its country code, like NL123456789B01"
	}
	cc, rest := v[:2], v[2:]
	if cc == "GR" {
		return v, "Greek VAT numbers start with EL"
	}
	re, ok := vatFormats[cc]
	if !ok {
		return v, "a VAT number starts with an EU country code, like NL123456789B01"
	}
	if !re.MatchString(rest) {
		if cc == "NL" {
			return v, "a Dutch VAT number is NL, 9 digits, B and 2 digits (NL123456789B01)"
		}
		return v, "this is not the format of a VAT number of that country"
	}
	if cc == "NL" && !nlVATMod97(v) && !nlVATElevenProof(rest[:9]) {
		return v, "this Dutch VAT number fails its check: look for a typing error"
	}
	return v, ""
}

// nlVATMod97 is the check of the btw-id: letters as in IBANs (A=10 … Z=35),
// the resulting number mod 97 equals 1.
func nlVATMod97(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&b, "%d", r-'A'+10)
		} else {
			b.WriteRune(r)
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// nlVATElevenProof is the 11-proof of the omzetbelastingnummer's nine
// digits.
func nlVATElevenProof(d string) bool {
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0 && d != "000000000"
}

var nlPostcode = regexp.MustCompile(`^([1-9]\d{3}) ?([A-Z]{2})$`)

// checkSupplier normalizes in and returns every problem by field. Contacts
// and accounts are named "contacts[i].email", "bank_accounts[i].iban".
func checkSupplier(in SupplierInput) (SupplierInput, apperr.Fields) {
	var f apperr.Fields
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "":
		f.Add("name", "enter the supplier's name")
	case utf8.RuneCountInString(in.Name) > 200:
		f.Add("name", "at most 200 characters")
	}
	if strings.TrimSpace(in.KvKNumber) != "" {
		k, msg := CheckKvK(in.KvKNumber)
		in.KvKNumber = k
		if msg != "" {
			f.Add("kvk_number", msg)
		}
	} else {
		in.KvKNumber = ""
	}
	if strings.TrimSpace(in.VATNumber) != "" {
		v, msg := CheckVAT(in.VATNumber)
		in.VATNumber = v
		if msg != "" {
			f.Add("vat_number", msg)
		}
	} else {
		in.VATNumber = ""
	}
	if in.Category == "" {
		in.Category = "other"
	}
	if !slices.Contains(Categories, in.Category) {
		f.Add("category", "choose one of the categories")
	}
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	if in.Country == "" {
		in.Country = "NL"
	}
	if len(in.Country) != 2 || strings.Trim(in.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		f.Add("country", "a two-letter country code, like NL")
	}
	in.Street, in.City = strings.TrimSpace(in.Street), strings.TrimSpace(in.City)
	in.Postcode = strings.ToUpper(strings.TrimSpace(in.Postcode))
	if in.Postcode != "" && in.Country == "NL" {
		if m := nlPostcode.FindStringSubmatch(in.Postcode); m != nil {
			in.Postcode = m[1] + " " + m[2]
		} else {
			f.Add("postcode", "a Dutch postcode is 4 digits and 2 letters (1234 AB)")
		}
	}
	in.PostalAddress = strings.TrimSpace(in.PostalAddress)
	in.Email = strings.TrimSpace(in.Email)
	if in.Email != "" && mail.CheckAddress(in.Email) != nil {
		f.Add("email", "not a valid e-mail address")
	}
	in.Phone = strings.TrimSpace(in.Phone)
	in.Website = strings.TrimSpace(in.Website)
	if in.Website != "" {
		if !strings.Contains(in.Website, "://") {
			in.Website = "https://" + in.Website
		}
		u, err := url.Parse(in.Website)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.Add("website", "not a web address")
		}
	}
	in.Notes = strings.TrimSpace(in.Notes)
	var contacts []Contact
	for i, c := range in.Contacts {
		c.Name, c.Role = strings.TrimSpace(c.Name), strings.TrimSpace(c.Role)
		c.Email, c.Phone = strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)
		if c.Name == "" && c.Role == "" && c.Email == "" && c.Phone == "" {
			continue
		}
		if c.Name == "" {
			f.Add(fmt.Sprintf("contacts[%d].name", i), "enter the contact's name")
		}
		if c.Email != "" && mail.CheckAddress(c.Email) != nil {
			f.Add(fmt.Sprintf("contacts[%d].email", i), "not a valid e-mail address")
		}
		contacts = append(contacts, c)
	}
	in.Contacts = contacts
	var accounts []AccountInput
	seen := map[string]bool{}
	for i, a := range in.Accounts {
		if strings.TrimSpace(a.IBAN) == "" && strings.TrimSpace(a.BIC) == "" {
			continue
		}
		a, fe := checkAccount(fmt.Sprintf("bank_accounts[%d]", i), a)
		for k, v := range fe {
			f.Add(k, v)
		}
		if seen[a.IBAN] {
			f.Add(fmt.Sprintf("bank_accounts[%d].iban", i), "this IBAN is listed twice")
		}
		seen[a.IBAN] = true
		accounts = append(accounts, a)
	}
	in.Accounts = accounts
	return in, f
}

// checkAccount validates an IBAN (checksum and the country's format) and an
// optional BIC; a Dutch IBAN without BIC gets its bank's BIC. Fields are
// prefix+".iban" and prefix+".bic" ("iban", "bic" when prefix is "").
func checkAccount(prefix string, a AccountInput) (AccountInput, apperr.Fields) {
	var f apperr.Fields
	name := func(s string) string {
		if prefix == "" {
			return s
		}
		return prefix + "." + s
	}
	a.Holder = strings.TrimSpace(a.Holder)
	ib, err := iban.Parse(name("iban"), a.IBAN)
	if err != nil {
		for k, v := range apperr.FieldsOf(err) {
			f.Add(k, v)
		}
		f.Add(name("iban"), apperr.MessageOf(err))
		a.IBAN = iban.Normalize(a.IBAN)
	} else {
		a.IBAN = ib.String()
	}
	if strings.TrimSpace(a.BIC) != "" {
		b, err := iban.ParseBIC(name("bic"), a.BIC)
		if err != nil {
			for k, v := range apperr.FieldsOf(err) {
				f.Add(k, v)
			}
			f.Add(name("bic"), apperr.MessageOf(err))
		} else {
			a.BIC = b.String()
		}
	} else if err == nil {
		if b, ok := ib.BIC(); ok {
			a.BIC = b.String()
		}
	}
	return a, f
}
