package sepa

import "testing"

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
