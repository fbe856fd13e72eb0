package money

import (
	"slices"
	"strings"

	"spil/internal/apperr"
)

// The ISO 4217 codes spil knows, grouped by their number of minor units
// (digits after the decimal point). The list holds the national currencies
// of ISO 4217 list one as of 2025: the codes of the Debian iso-codes 4.15
// list without the fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW),
// precious metals, bond units, test and "no currency" codes (XAG … XXX),
// and the Croatian kuna (HRK, replaced by the euro in 2023); with the
// Caribbean guilder (XCG, 2025) and the Zimbabwe Gold (ZWG, 2024) added.
// Minor units follow ISO 4217, not the cash rounding of CLDR (HUF and IDR
// have 2, as ISO says). Codes are separated by single spaces, so a
// three-letter code can only match a whole entry.
const (
	currencies0 = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
	currencies3 = "BHD IQD JOD KWD LYD OMR TND"
	currencies2 = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL " +
		"BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUC CUP CVE CZK DKK DOP DZD " +
		"EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR " +
		"ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA " +
		"MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB " +
		"PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL " +
		"SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU " +
		"UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL"
)

// EUR is the code of the euro, the currency of nearly everything spil pays.
const EUR = "EUR"

// MinorUnits returns the number of digits after the decimal point of the
// ISO 4217 currency code: 2 for EUR and USD, 0 for JPY, 3 for KWD. Codes are
// upper case. An unknown code returns an Invalid error "unknown currency".
func MinorUnits(code string) (int, error) {
	if len(code) == 3 && isUpper(code) {
		switch {
		case strings.Contains(currencies2, code):
			return 2, nil
		case strings.Contains(currencies0, code):
			return 0, nil
		case strings.Contains(currencies3, code):
			return 3, nil
		}
	}
	return 0, apperr.Errorf(apperr.Invalid, "unknown currency %q", code)
}

// KnownCurrency reports whether code is an ISO 4217 code spil knows.
func KnownCurrency(code string) bool {
	_, err := MinorUnits(code)
	return err == nil
}

// Currencies returns every known code in alphabetical order.
func Currencies() []string {
	all := strings.Fields(currencies0 + " " + currencies2 + " " + currencies3)
	slices.Sort(all)
	return all
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
