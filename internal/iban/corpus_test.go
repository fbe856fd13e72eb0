package iban

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir returns $SPIL_CORPUS/dutch/iban_bic or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		t.Skip("SPIL_CORPUS is not set; skipping the IBAN/BIC corpus (set it to /work/shared/corpus)")
	}
	return filepath.Join(root, "dutch", "iban_bic")
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

type vectorBlock struct {
	Explanation string   `json:"explanation"`
	ExpectValid bool     `json:"expect_valid"`
	Args        *string  `json:"is_valid_args"`
	Values      []string `json:"values"`
}

// stdnumIBANMessage names, per block of python-stdnum's IBAN vectors that
// expects a refusal, the words every refusal in it must contain: the
// refusal has to be for the reason the block gives.
var stdnumIBANMessage = map[string][]string{
	"These all have broken checksums or are mangled:":                {"check digits do not match"},
	"These are the wrong length but otherwise have valid checksums:": {"characters; this one has"},
	"These are mostly valid except that they have alphabetic characters where they are not allowed or numbers where alphabetic characters are expected or have an unknown country code:": {"must be a", "unknown country code"},
}

// TestCorpusIBANVectors runs every IBAN of python-stdnum's test vectors
// through Parse and compares the outcome with the expected one. The block
// "check_country=False" expects two Spanish IBANs whose national check
// digits are wrong to pass the IBAN check alone; spil checks no national
// check digits, so it agrees.
func TestCorpusIBANVectors(t *testing.T) {
	var blocks []vectorBlock
	readJSON(t, filepath.Join(corpusDir(t), "stdnum_iban_test_vectors.json"), &blocks)
	total, agree := 0, 0
	for _, b := range blocks {
		for _, v := range b.Values {
			total++
			i, err := Parse("iban", v)
			switch {
			case b.ExpectValid && err != nil:
				t.Errorf("%q refused: %v (block %q)", v, err, b.Explanation)
			case !b.ExpectValid && err == nil:
				t.Errorf("%q accepted as %s (block %q)", v, i, b.Explanation)
			case !b.ExpectValid:
				words, ok := stdnumIBANMessage[b.Explanation]
				if !ok {
					t.Errorf("block %q is not known to this test", b.Explanation)
				}
				if !containsAny(err.Error(), words) {
					t.Errorf("%q refused for another reason than the block's: %v", v, err)
				} else {
					agree++
				}
			default:
				if i.String() != Normalize(v) || Normalize(i.Print()) != i.String() {
					t.Errorf("%q: parsed as %s, printed as %s", v, i, i.Print())
				}
				agree++
			}
		}
	}
	t.Logf("python-stdnum IBAN vectors: %d of %d agree", agree, total)
	if total < 200 {
		t.Errorf("only %d vectors read", total)
	}
}

// TestCorpusBICVectors parses python-stdnum's 400 BICs found in the wild,
// all expected valid.
func TestCorpusBICVectors(t *testing.T) {
	var blocks []vectorBlock
	readJSON(t, filepath.Join(corpusDir(t), "stdnum_bic_test_vectors.json"), &blocks)
	total, agree := 0, 0
	for _, b := range blocks {
		for _, v := range b.Values {
			total++
			_, err := ParseBIC("bic", v)
			if (err == nil) != b.ExpectValid {
				t.Errorf("%q: %v, expected valid=%v", v, err, b.ExpectValid)
				continue
			}
			agree++
		}
	}
	t.Logf("python-stdnum BIC vectors: %d of %d agree", agree, total)
	if total < 400 {
		t.Errorf("only %d BICs read", total)
	}
}

// TestCorpusDutchIBANsSeen checks the Dutch IBANs that occur in the corpus's
// invoices and payment files against the collector's own mod 97 and format
// verdicts.
func TestCorpusDutchIBANsSeen(t *testing.T) {
	var seen struct {
		IBANs []struct {
			IBAN     string   `json:"iban"`
			Checksum bool     `json:"mod97_checksum_ok"`
			Format   bool     `json:"format_ok"`
			SeenIn   []string `json:"seen_in"`
		} `json:"ibans"`
	}
	readJSON(t, filepath.Join(corpusDir(t), "nl_ibans_seen.json"), &seen)
	agree := 0
	for _, e := range seen.IBANs {
		_, err := Parse("iban", e.IBAN)
		var want string
		switch {
		case !e.Format:
			want = "must be a"
		case !e.Checksum:
			want = "check digits do not match"
		}
		switch {
		case want == "" && err != nil:
			t.Errorf("%s refused: %v", e.IBAN, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want a refusal with %q (seen in %v)", e.IBAN, err, want, e.SeenIn)
		default:
			agree++
		}
	}
	t.Logf("Dutch IBANs seen in the corpus: %d of %d agree", agree, len(seen.IBANs))
}

// TestRegistryMatchesCorpus compares the compiled-in registry with the
// corpus's copy: every country, length, BBAN format and SEPA flag, and
// every territory with the prefix its IBANs carry.
func TestRegistryMatchesCorpus(t *testing.T) {
	var reg map[string]struct {
		Country    string `json:"country"`
		SEPA       bool   `json:"in_sepa_zone"`
		BBANSpec   string `json:"bban_spec"`
		BBANLength int    `json:"bban_length"`
		IBANSpec   string `json:"iban_spec"`
		IBANLength int    `json:"iban_length"`
	}
	readJSON(t, filepath.Join(corpusDir(t), "schwifty_iban_registry.json"), &reg)
	seen := map[string]bool{}
	for code, e := range reg {
		seen[code] = true
		if parent := e.IBANSpec[:2]; parent != code {
			got, ok := territory(code)
			if !ok || got != parent {
				t.Errorf("%s: IBANs begin with %s in the registry; compiled-in %q, %v", code, parent, got, ok)
			}
			continue
		}
		c, ok := lookup(code)
		if !ok {
			t.Errorf("%s is in the registry, not compiled in", code)
			continue
		}
		if c.length != e.IBANLength || c.bban != e.BBANSpec || c.sepa != e.SEPA || e.IBANSpec != code+"2!n"+e.BBANSpec {
			t.Errorf("%s: compiled-in %+v, registry %+v", code, c, e)
		}
	}
	for _, c := range countries {
		if !seen[c.code] {
			t.Errorf("%s is compiled in but not in the registry", c.code)
		}
	}
	for _, tr := range territories {
		if !seen[tr[0]] {
			t.Errorf("territory %s is compiled in but not in the registry", tr[0])
		}
	}
	t.Logf("registry: %d countries and %d territories match", len(countries), len(territories))
}

// TestDutchBanksMatchCorpus compares the compiled-in Dutch bank list with
// the corpus's copy, and checks that every BIC in it parses.
func TestDutchBanksMatchCorpus(t *testing.T) {
	var list []struct {
		Country  string `json:"country_code"`
		BIC      string `json:"bic"`
		BankCode string `json:"bank_code"`
		Name     string `json:"name"`
	}
	readJSON(t, filepath.Join(corpusDir(t), "schwifty_bank_registry_nl.json"), &list)
	if len(list) != len(banksNL) {
		t.Errorf("%d banks in the corpus, %d compiled in", len(list), len(banksNL))
	}
	for _, e := range list {
		b, ok := DutchBank(e.BankCode)
		if !ok || b.BIC != e.BIC || b.Name != e.Name || e.Country != "NL" {
			t.Errorf("%s: compiled-in %+v, %v; corpus %+v", e.BankCode, b, ok, e)
		}
		bic, err := ParseBIC("bic", e.BIC)
		if err != nil || bic.Country() != "NL" {
			t.Errorf("%s: BIC %s: %v", e.BankCode, e.BIC, err)
		}
	}
	t.Logf("Dutch banks: %d match", len(list))
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
