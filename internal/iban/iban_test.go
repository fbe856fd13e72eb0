package iban

import (
	"fmt"
	"strings"
	"testing"

	"spil/internal/apperr"
)

func mustParse(t testing.TB, s string) IBAN {
	t.Helper()
	i, err := Parse("iban", s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return i
}

func TestParseAcceptsHowPeopleWriteIBANs(t *testing.T) {
	for _, in := range []string{
		"NL91ABNA0417164300",
		"NL91 ABNA 0417 1643 00",
		"nl91abna0417164300",
		"  NL91 abna 0417 1643 00 ",
		"NL91-ABNA-0417-1643-00",
		"NL91.ABNA.0417.1643.00",
		"NL91\u00a0ABNA\u00a00417\u00a01643\u00a000", // no-break spaces copied from a PDF
		"NL91\tABNA0417164300\n",
	} {
		i := mustParse(t, in)
		if i.String() != "NL91ABNA0417164300" {
			t.Errorf("Parse(%q) = %s", in, i)
		}
	}
}

func TestIBANParts(t *testing.T) {
	i := mustParse(t, "NL91ABNA0417164300")
	if i.Print() != "NL91 ABNA 0417 1643 00" {
		t.Errorf("Print = %q", i.Print())
	}
	if i.Country() != "NL" || i.CheckDigits() != "91" || i.BBAN() != "ABNA0417164300" || !i.SEPA() || i.IsZero() {
		t.Errorf("parts: %s %s %s sepa=%v", i.Country(), i.CheckDigits(), i.BBAN(), i.SEPA())
	}
	long := mustParse(t, "MT84MALT011000012345MTLCAST001S")
	if long.Print() != "MT84 MALT 0110 0001 2345 MTLC AST0 01S" {
		t.Errorf("Print of a 31-character IBAN = %q", long.Print())
	}
	if mustParse(t, "AE070331234567890123456").SEPA() {
		t.Error("an IBAN from the United Arab Emirates is not in SEPA")
	}
	if mustParse(t, "CH9300762011623852957").SEPA() != true {
		t.Error("Switzerland takes part in SEPA")
	}
	var zero IBAN
	if !zero.IsZero() || zero.Print() != "" || zero.Country() != "" || zero.BBAN() != "" || zero.SEPA() {
		t.Error("the zero IBAN has parts")
	}
}

func TestParseSaysWhatIsWrong(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "enter an IBAN"},
		{" - ", "enter an IBAN"},
		{"NL91 ABNA 0417 1643 0_", `character "_" at position 18 is not allowed`},
		{"NL91ÅBNA0417164300", `character "Å" at position 5 is not allowed`},
		{"91ABNA0417164300", "begins with a two-letter country code"},
		{"N", "begins with a two-letter country code"},
		{"QQ93 1234 5678", `unknown country code "QQ"`},
		{"US12 3456 7890", `unknown country code "US"`},
		{"GF76 3000 4000 0312 3456 7890 143", "accounts in GF have IBANs beginning with FR"},
		{"JE12 BARC 2000 0012 3456 78", "accounts in JE have IBANs beginning with GB"},
		{"NL91 ABNA 0417 1643 0", "IBANs from NL have 18 characters; this one has 17"},
		{"NL91 ABNA 0417 1643 000", "IBANs from NL have 18 characters; this one has 19"},
		{"DE89 3704 0044 0532 0130", "IBANs from DE have 22 characters; this one has 20"},
		{"NLX1 ABNA 0417 1643 00", `characters 3 and 4 must be the check digits, two digits, not "X1"`},
		{"NL91 AB1A 0417 1643 00", `character "1" at position 7 must be a letter (NL IBANs have 4 letters and 10 digits after the check digits)`},
		{"NL91 ABNA 04I7 1643 00", `character "I" at position 11 must be a digit`},
		{"NL56 3003 0A17 1643 00", `character "3" at position 5 must be a letter`},
		{"BG93 BNBG 9661 1A20 3456 78", `character "A" at position 14 must be a digit (BG IBANs have 4 letters, 6 digits and 8 letters or digits after the check digits)`},
		{"NL91 ABNA 0417 1643 01", "the check digits do not match"},
		{"NL19 ABNA 0417 1643 00", "the check digits do not match"}, // two digits swapped
		{"NL91 ABNA 0471 1643 00", "the check digits do not match"}, // two account digits swapped
		{strings.Repeat("NL91", 30), "is too long for an IBAN"},
	}
	for _, tc := range cases {
		_, err := Parse("supplier.iban", tc.in)
		if apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("Parse(%q) = %v, want Invalid", tc.in, err)
			continue
		}
		if msg := apperr.FieldsOf(err)["supplier.iban"]; !strings.Contains(msg, tc.want) {
			t.Errorf("Parse(%q): %q, want %q", tc.in, msg, tc.want)
		}
	}
}

// TestCheckDigitsCatchSingleErrors changes every character of a valid IBAN
// into every other character of its kind: mod 97 catches each one.
func TestCheckDigitsCatchSingleErrors(t *testing.T) {
	valid := "NL91ABNA0417164300"
	for pos := 2; pos < len(valid); pos++ {
		alphabet := "0123456789"
		if pos >= 4 && pos < 8 {
			alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		}
		for _, c := range alphabet {
			if byte(c) == valid[pos] {
				continue
			}
			typo := valid[:pos] + string(c) + valid[pos+1:]
			if _, err := Parse("iban", typo); err == nil {
				t.Errorf("%s (one character changed) is accepted", typo)
			}
		}
	}
}

func TestCheckDigitsOutsideTheIssuedRange(t *testing.T) {
	// 00 and 97, 01 and 98, 99 and 02 leave the same remainder; only 02–98
	// are issued, so 00, 01 and 99 are refused even though mod 97 holds.
	found := map[string]bool{}
	for n := 0; n < 10000 && len(found) < 3; n++ {
		bban := fmt.Sprintf("ABNA%010d", n)
		i, err := FromBBAN("NL", bban)
		if err != nil {
			t.Fatal(err)
		}
		alias := map[string]string{"97": "00", "98": "01", "02": "99"}[i.CheckDigits()]
		if alias == "" || found[alias] {
			continue
		}
		found[alias] = true
		if _, err := Parse("iban", "NL"+alias+bban); err == nil || mod97(bban+"NL"+alias) != 1 {
			t.Errorf("NL%s%s accepted (or not a mod 97 alias)", alias, bban)
		}
	}
	if len(found) != 3 {
		t.Errorf("found aliases %v", found)
	}
}

func TestFromBBAN(t *testing.T) {
	cases := map[[2]string]string{
		{"NL", "ABNA0417164300"}:          "NL91ABNA0417164300",
		{"nl", "abna 0417 1643 00"}:       "NL91ABNA0417164300",
		{"DE", "370400440532013000"}:      "DE89370400440532013000",
		{"BE", "539007547034"}:            "BE68539007547034",
		{"GB", "NWBK60161331926819"}:      "GB29NWBK60161331926819",
		{"FR", "20041010050500013M02606"}: "FR1420041010050500013M02606",
	}
	for in, want := range cases {
		i, err := FromBBAN(in[0], in[1])
		if err != nil || i.String() != want {
			t.Errorf("FromBBAN(%s, %s) = %s, %v; want %s", in[0], in[1], i, err, want)
		}
	}
	for _, in := range [][2]string{{"NL", "ABNA041716430"}, {"QQ", "1234"}, {"NL", "AB?A0417164300"}, {"N", "ABNA0417164300"}} {
		if _, err := FromBBAN(in[0], in[1]); apperr.FieldsOf(err)["bban"] == "" {
			t.Errorf("FromBBAN(%s, %s) = %v, want an error for bban", in[0], in[1], err)
		}
	}
}

func TestDutchBankAndBIC(t *testing.T) {
	cases := map[string]string{
		"NL91ABNA0417164300": "ABNANL2A",
		"NL28INGB0000000001": "INGBNL2A",
		"NL44RABO0123456789": "RABONL2U",
	}
	for in, want := range cases {
		i := mustParse(t, in)
		b, ok := i.BIC()
		if !ok || b.String() != want {
			t.Errorf("BIC(%s) = %s, %v; want %s", in, b, ok, want)
		}
		if _, err := ParseBIC("bic", b.String()); err != nil {
			t.Errorf("the BIC of %s does not parse: %v", in, err)
		}
	}
	if bank, ok := mustParse(t, "NL28INGB0000000001").Bank(); !ok || bank.Name != "ING" || bank.Code != "INGB" {
		t.Errorf("Bank = %+v, %v", bank, ok)
	}
	if _, ok := mustParse(t, "DE89370400440532013000").BIC(); ok {
		t.Error("a German IBAN got a BIC from the Dutch list")
	}
	unknown, err := FromBBAN("NL", "ZZZZ0123456789")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := unknown.BIC(); ok {
		t.Error("an unknown Dutch bank code got a BIC")
	}
	if b, ok := DutchBank("knab"); !ok || b.BIC != "KNABNL2H" {
		t.Errorf("DutchBank(knab) = %+v, %v", b, ok)
	}
}

func TestRegistryFormats(t *testing.T) {
	for k, c := range countries {
		if k > 0 && countries[k-1].code >= c.code {
			t.Errorf("countries not sorted at %s", c.code)
		}
		n := 0
		for i := 0; i < len(c.bban); {
			var m int
			var kind byte
			m, kind, i = nextSegment(c.bban, i)
			if m < 1 || !strings.ContainsRune("nac", rune(kind)) {
				t.Errorf("%s: format %q has a bad segment", c.code, c.bban)
			}
			n += m
		}
		if n+4 != c.length || c.length > 34 {
			t.Errorf("%s: format %q gives %d characters, length is %d", c.code, c.bban, n+4, c.length)
		}
	}
	for _, tr := range territories {
		if _, ok := lookup(tr[1]); !ok {
			t.Errorf("territory %s points at unknown %s", tr[0], tr[1])
		}
		if _, ok := lookup(tr[0]); ok {
			t.Errorf("territory %s is also a registry country", tr[0])
		}
	}
	for k := 1; k < len(banksNL); k++ {
		if banksNL[k-1].Code >= banksNL[k].Code {
			t.Errorf("banksNL not sorted at %s", banksNL[k].Code)
		}
	}
}

func TestDescribe(t *testing.T) {
	cases := map[string]string{
		"4!a10!n":          "4 letters and 10 digits",
		"8!n10!n":          "18 digits",
		"4!a4!n2!n8!c":     "4 letters, 6 digits and 8 letters or digits",
		"8!n5!n10!n1!a1!c": "23 digits, 1 letter and 1 letter or digit",
	}
	for spec, want := range cases {
		if got := describe(spec); got != want {
			t.Errorf("describe(%s) = %q, want %q", spec, got, want)
		}
	}
}
