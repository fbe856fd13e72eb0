package sepa

import (
	"strings"
	"testing"
)

func TestLatin(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Plain text 123 /-?:().,'+", "Plain text 123 /-?:().,'+"},
		{"  trimmed  ", "trimmed"},
		{"Crème brûlée à la carte", "Creme brulee a la carte"},
		{"ÄÖÜ äöü ÅÇÑ ő ű ą ę ś ž č", "AOU aou ACN o u a e s z c"},
		{"Straße ẞ", "Strasse SS"},
		{"Ærø Œuvre Øst Łódź Þór Ðað", "AEro OEuvre Ost Lodz THor Dad"},
		{"Ĳsselmeer ĳs", "IJsselmeer ijs"},
		{"e\u0301 (decomposed)", "e (decomposed)"},
		{"ﬁle", "file"},
		{"‘quoted’ “quoted” \"plain\" `tick`", "'quoted' 'quoted' 'plain' 'tick'"},
		{"a–b—c_d", "a-b-c-d"},
		{"Jansen & Zn; [kantoor] {x} <y>", "Jansen + Zn, (kantoor) (x) (y)"},
		{`C:\pad`, "C:/pad"},
		{"wacht…", "wacht..."},
		{"€ 10", "EUR 10"},
		{"#1 50% info@spil.nl a=b!", ".1 50. info.spil.nl a.b."},
		{"tab\there\nnew line\u00a0nbsp", "tab here new line nbsp"},
	}
	for _, c := range cases {
		got, err := Latin(c.in)
		if err != nil || got != c.want {
			t.Errorf("Latin(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if err == nil && !InSEPASet(got) {
			t.Errorf("Latin(%q) = %q is not in the SEPA set", c.in, got)
		}
	}
}

func TestLatinRefuses(t *testing.T) {
	for _, in := range []string{"Москва", "東京", "Ελλάδα", "pizza 🍕", "bell\x07", "bad \xff utf8", "arabic ع"} {
		if got, err := Latin(in); err == nil {
			t.Errorf("Latin(%q) = %q, want an error", in, got)
		}
	}
	_, err := Latin("Катя")
	if err == nil || !strings.Contains(err.Error(), `'К'`) {
		t.Errorf("error %v does not name the character", err)
	}
}

func TestValidID(t *testing.T) {
	for _, ok := range []string{"Onze referentie: 123456", "non ref", "A", strings.Repeat("9", 35), "INV-1/2"} {
		if msg := validID(ok); msg != "" {
			t.Errorf("validID(%q) = %q, want ok", ok, msg)
		}
	}
	for _, bad := range []string{"", strings.Repeat("9", 36), "a_b", "/a", "a/", "a//b", " a", "é"} {
		if validID(bad) == "" {
			t.Errorf("validID(%q) accepted", bad)
		}
	}
}
