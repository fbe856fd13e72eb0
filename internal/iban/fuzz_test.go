package iban

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spil/internal/apperr"
)

// FuzzParse checks that Parse never panics, refuses only with an Invalid
// error for the field, and that an accepted IBAN is in its electronic form,
// passes mod 97, and reads back the same from its print form.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "QQ93 1234 5678", "GF7630004000031234567890143",
		"NL56 3003 0A17 1643 00", "MT84MALT011000012345MTLCAST001S", "nl91-abna.0417", "", "Ä", "NL\u00a091"} {
		f.Add(s)
	}
	if root := os.Getenv("SPIL_CORPUS"); root != "" {
		if b, err := os.ReadFile(filepath.Join(root, "dutch", "iban_bic", "stdnum_iban_test_vectors.json")); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if v := strings.Trim(strings.TrimSpace(line), `",`); len(v) > 10 && len(v) < 40 && !strings.Contains(v, ":") {
					f.Add(v)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, err := Parse("f", s)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid || apperr.FieldsOf(err)["f"] == "" {
				t.Fatalf("Parse(%q): %v is not an Invalid error for the field", s, err)
			}
			return
		}
		e := i.String()
		if !isAlnum(e) || len(e) < 5 || len(e) > 34 || mod97(e[4:]+e[:4]) != 1 {
			t.Fatalf("Parse(%q) accepted %q", s, e)
		}
		back, err := Parse("f", i.Print())
		if err != nil || back != i {
			t.Fatalf("Print %q reads back as %v, %v", i.Print(), back, err)
		}
		again, err := FromBBAN(i.Country(), i.BBAN())
		if err != nil || again != i {
			t.Fatalf("FromBBAN(%s, %s) = %v, %v; want %s", i.Country(), i.BBAN(), again, err, i)
		}
	})
}

// FuzzParseBIC checks that ParseBIC never panics and that what it accepts
// has the shape of a BIC and reads back the same.
func FuzzParseBIC(f *testing.F) {
	for _, s := range []string{"INGBNL2A", "abnc nl2a gir", "INGBQQ2A", "IN1BNL2A", "", "ÄÄÄÄNL2A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBIC("f", s)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid || apperr.FieldsOf(err)["f"] == "" {
				t.Fatalf("ParseBIC(%q): %v is not an Invalid error for the field", s, err)
			}
			return
		}
		v := b.String()
		if (len(v) != 8 && len(v) != 11) || !isAlnum(v) || !knownCountry(b.Country()) || v[6] == '0' || v[6] == '1' || v[7] == 'O' {
			t.Fatalf("ParseBIC(%q) accepted %q", s, v)
		}
		if back, err := ParseBIC("f", v); err != nil || back != b {
			t.Fatalf("%q reads back as %v, %v", v, back, err)
		}
	})
}
