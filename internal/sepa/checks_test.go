package sepa

import (
	"strings"
	"testing"
)

func TestValidIBAN(t *testing.T) {
	for _, ok := range []string{"NL91ABNA0417164300", "NL02ABNA0123456789", "DE89370400440532013000",
		"BE68539007547034", "FR1420041010050500013M02606", "GB29NWBK60161331926819", "MT84MALT011000012345MTLCAST001S"} {
		if msg := validIBAN(ok); msg != "" {
			t.Errorf("validIBAN(%q) = %q", ok, msg)
		}
	}
	bad := map[string]string{
		"":                                    "required",
		"NL90ABNA0111111111":                  "check digits", // the Dutch IG example's wrong checksum
		"BG87200500001234567890":              "check digits", // php-sepa-xml's fixture
		"NL91ABNA041716430":                   "check digits",
		"NL91 ABNA 0417 1643 00":              "only letters and digits", // callers compact first
		"nl91abna0417164300":                  "country code",
		"NLX1ABNA0417164300":                  "check digits",
		"NL9":                                 "15 to 34",
		"NL91ABNA041716430000000000000000000": "15 to 34",
	}
	for in, want := range bad {
		msg := validIBAN(in)
		if msg == "" || !strings.Contains(msg, want) {
			t.Errorf("validIBAN(%q) = %q, want it to mention %q", in, msg, want)
		}
	}
}

func TestValidBIC(t *testing.T) {
	for _, ok := range []string{"ABNANL2A", "RABONL2U", "INGBNL2A", "BANKBGFFXXX", "COBADEFFXXX", "DEUTDEDB123"} {
		if msg := validBIC(ok); msg != "" {
			t.Errorf("validBIC(%q) = %q", ok, msg)
		}
	}
	for _, bad := range []string{"ABNANL2", "ABNANL2AXX", "ABN1NL2A", "ABNANL1A", "ABNANL2O", "abnanl2a", "ABNANL2AXX!"} {
		if validBIC(bad) == "" {
			t.Errorf("validBIC(%q) accepted", bad)
		}
	}
}

func TestValidRF(t *testing.T) {
	for _, ok := range []string{"RF18539007547034", "RF712348231", "RF18000000000539007547034", "RF78INV2024001"} {
		if !ValidRF(ok) {
			t.Errorf("ValidRF(%q) = false", ok)
		}
	}
	for _, bad := range []string{"RF19539007547034", "RF18 5390 0754 7034", "rf18539007547034", "RF1", "RF18", "XX18539007547034",
		"RF180000000005390075470341", "RF18539007547o34"} {
		if ValidRF(bad) {
			t.Errorf("ValidRF(%q) = true", bad)
		}
	}
}

func TestValidDutchReference(t *testing.T) {
	// The Betaalvereniging's own examples and a few made with its rules.
	for _, ok := range []string{"5000056789012345", "12234534622567", "1234567", "0000000000000000"} {
		if !ValidDutchReference(ok) {
			t.Errorf("ValidDutchReference(%q) = false", ok)
		}
	}
	for _, bad := range []string{
		"4000056789012345", // wrong check digit
		"13234534622567",   // wrong check digit
		"15234534622567",   // length code 5 but 12 digits follow
		"12345678",         // 8 digits: no such length
		"123456789012345",  // 15 digits: no such length
		"12345678901234567",
		"500005678901234A",
		"",
	} {
		if ValidDutchReference(bad) {
			t.Errorf("ValidDutchReference(%q) = true", bad)
		}
	}
}
