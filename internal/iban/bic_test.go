package iban

import (
	"strings"
	"testing"

	"spil/internal/apperr"
)

func TestParseBIC(t *testing.T) {
	b, err := ParseBIC("bic", " abnc nl2a gir ")
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != "ABNCNL2AGIR" || b.Institution() != "ABNC" || b.Country() != "NL" || b.Location() != "2A" || b.Branch() != "GIR" || b.IsTest() {
		t.Errorf("parts of %s: %s %s %s %s", b, b.Institution(), b.Country(), b.Location(), b.Branch())
	}
	short, err := ParseBIC("bic", "INGBNL2A")
	if err != nil || short.Branch() != "" {
		t.Errorf("ParseBIC(INGBNL2A) = %v, %v", short, err)
	}
	primary, _ := ParseBIC("bic", "INGBNL2AXXX")
	if !short.SameAs(primary) || !primary.SameAs(short) || short.SameAs(b) {
		t.Error("SameAs wrong")
	}
	kosovo, err := ParseBIC("bic", "RBKOXKPR")
	if err != nil || kosovo.Country() != "XK" {
		t.Errorf("a Kosovar BIC: %v", err)
	}
	if test, _ := ParseBIC("bic", "DEUTDEF0"); !test.IsTest() {
		t.Error("DEUTDEF0 is a test BIC")
	}
	var zero BIC
	if !zero.IsZero() || zero.Country() != "" || zero.Location() != "" || zero.Branch() != "" || zero.IsTest() {
		t.Error("the zero BIC has parts")
	}
}

func TestParseBICSaysWhatIsWrong(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "enter a BIC"},
		{"INGBNL2", "a BIC has 8 or 11 characters; this one has 7"},
		{"INGBNL2AX", "a BIC has 8 or 11 characters; this one has 9"},
		{"INGBNL2AXXXX", "this one has 12"},
		{"IN1BNL2A", `character "1" at position 3 must be a letter`},
		{"INGBQQ2A", `unknown country code "QQ" at positions 5 and 6`},
		{"INGB1L2A", `unknown country code "1L"`},
		{"INGBNL1A", `character "1" at position 7 cannot begin the location code`},
		{"INGBNL0A", `character "0" at position 7`},
		{"INGBNL2O", "the letter O cannot end the location code"},
		{"INGB-NL-2A", `character "-" at position 5 is not allowed`},
		{"INGBNL2Ä", `character "Ä" at position 8 is not allowed`},
		{strings.Repeat("A", 101), "too long"},
	}
	for _, tc := range cases {
		_, err := ParseBIC("supplier.bic", tc.in)
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("ParseBIC(%q) = %v, want Invalid", tc.in, err)
			continue
		}
		if msg := apperr.FieldsOf(err)["supplier.bic"]; !strings.Contains(msg, tc.want) {
			t.Errorf("ParseBIC(%q): %q, want %q", tc.in, msg, tc.want)
		}
	}
}

func TestKnownCountry(t *testing.T) {
	for _, c := range []string{"NL", "DE", "XK", "AX", "ZW"} {
		if !knownCountry(c) {
			t.Errorf("%s unknown", c)
		}
	}
	for _, c := range []string{"", "N", "NLD", "QQ", "nl", "D ", "L D", "UK"} {
		if knownCountry(c) {
			t.Errorf("%q known", c)
		}
	}
	if n := len(strings.Fields(isoCountries)); n != 250 {
		t.Errorf("%d country codes, want 249 and XK", n)
	}
}
