package ubl

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"spil/internal/apperr"
)

// expectation is what a corpus file should give.
type expectation struct {
	// outcome is the exact expected outcome; "pass" means ok or warning.
	outcome Outcome
	// rule is a rule the finding list must contain (absent false) or
	// must not contain (absent true); "" for none.
	rule   string
	absent bool
	// reject is a text Read's error must contain; "" when Read must work.
	reject string
	source string // where the expectation comes from
}

const outcomePass Outcome = "pass"

// knownMisses are the corpus files whose result differs from the
// expectation, each with the reason (docs/costs/ubl.md explains them).
// outcome: the outcome itself differs; rule: only the named rule does.
var knownMisses = map[string]string{
	"si-ubl-2.0.3.2/SI-UBL-2.0_BR-NL-7_error_381_invoice.xml": "rule: an Invoice with type code 381 breaks BR-NL-8 (381 must be a CreditNote), not BR-NL-7, whose list allows 381; spil reports BR-NL-8 as the SI-UBL Schematron does",
}

// nlExpected is one entry of nl-rule-tests-extracted/EXPECTED.json.
type nlExpected struct {
	File   string            `json:"file"`
	Rule   string            `json:"rule"`
	Expect map[string]string `json:"expect"`
}

// corpusExpectations lists every XML file in the ubl folder (except the
// schemas) with what it should give.
func corpusExpectations(t *testing.T, dir string) map[string]expectation {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "peppol-bis3", "nl-rule-tests-extracted", "EXPECTED.json"))
	if err != nil {
		t.Fatal(err)
	}
	var nl []nlExpected
	if err := json.Unmarshal(raw, &nl); err != nil {
		t.Fatal(err)
	}
	nlByFile := map[string]nlExpected{}
	for _, e := range nl {
		nlByFile[e.File] = e
	}
	out := map[string]expectation{}
	err = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".xml" || strings.Contains(p, "xsdrt") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		base := filepath.Base(p)
		switch {
		case strings.HasPrefix(rel, "si-ubl-2.0.3.2/"):
			out[rel] = siUBLExpectation(t, base)
		case strings.HasPrefix(rel, "peppol-bis3/nl-rule-tests-extracted/"):
			x, ok := nlByFile[base]
			if !ok {
				t.Fatalf("%s is not in EXPECTED.json", rel)
			}
			if _, ok := x.Expect["error"]; ok {
				out[rel] = expectation{outcome: OutcomeError, rule: x.Rule, source: "EXPECTED.json: error " + x.Rule}
			} else {
				out[rel] = expectation{outcome: outcomePass, rule: x.Rule, absent: true, source: "EXPECTED.json: success " + x.Rule}
			}
		case strings.HasPrefix(rel, "peppol-bis3/nl-rule-tests/"):
			out[rel] = expectation{reject: "not a UBL 2.1 Invoice or CreditNote", source: "SOURCES.md: testSet wrappers, not UBL roots"}
		case strings.HasPrefix(rel, "peppol-bis3/national-examples/GR-"):
			out[rel] = expectation{outcome: OutcomeError, rule: ruleXSD, source: "SOURCES.md: fails the UBL 2.1 XSD"}
		default:
			out[rel] = expectation{outcome: outcomePass, source: "example that should pass"}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// siUBLExpectation reads SI-UBL-2.0[_<rule>]_<ok|warning|error>[_<what>].xml.
func siUBLExpectation(t *testing.T, name string) expectation {
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(name, "SI-UBL-2.0_"), ".xml"), "_")
	for i, p := range parts {
		var o Outcome
		switch p {
		case "ok":
			o = OutcomeOK
		case "warning":
			o = OutcomeWarning
		case "error":
			o = OutcomeError
		default:
			continue
		}
		x := expectation{outcome: o, rule: strings.Join(parts[:i], "_"), source: "file name: " + p}
		x.absent = o == OutcomeOK
		return x
	}
	t.Fatalf("%s: no ok/warning/error in the name", name)
	return expectation{}
}

// hasRule reports whether a finding of rule (or of a sub-rule such as
// BR-NL-27 for BR-NL-27-1) is in fs.
func hasRule(fs []Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule || strings.HasPrefix(f.Rule, rule+"-") {
			return true
		}
	}
	return false
}

// TestCorpus reads and validates every UBL file of the corpus and compares
// the outcome with the expected one.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	exp := corpusExpectations(t, dir)
	names := make([]string, 0, len(exp))
	for n := range exp {
		names = append(names, n)
	}
	sort.Strings(names)
	var outcomeAgree, ruleAgree, ruleTotal, docs int
	type stat struct{ files, outcome, rules, ruleTotal int }
	sets := map[string]*stat{}
	for _, name := range names {
		x := exp[name]
		set := corpusSet(name)
		if sets[set] == nil {
			sets[set] = &stat{}
		}
		st := sets[set]
		st.files++
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(f)
		f.Close()
		docs++
		if x.reject != "" {
			if err == nil || !strings.Contains(err.Error(), x.reject) || apperr.KindOf(err) != apperr.Invalid {
				t.Errorf("%s: Read error %v, want Invalid with %q", name, err, x.reject)
				continue
			}
			outcomeAgree++
			st.outcome++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		fs := d.Validate()
		got := OutcomeOf(fs)
		outcomeOK := got == x.outcome || (x.outcome == outcomePass && got != OutcomeError)
		ruleOK := true
		if x.rule != "" {
			ruleTotal++
			st.ruleTotal++
			ruleOK = hasRule(fs, x.rule) != x.absent
			if ruleOK {
				ruleAgree++
				st.rules++
			}
		}
		if outcomeOK {
			outcomeAgree++
			st.outcome++
		}
		miss, known := knownMisses[name]
		switch {
		case outcomeOK && ruleOK && known:
			t.Errorf("%s now agrees with its expectation; remove it from knownMisses", name)
		case !outcomeOK && !(known && strings.HasPrefix(miss, "outcome:")):
			t.Errorf("%s: outcome %s, want %s (%s); findings:\n%s", name, got, x.outcome, x.source, listFindings(fs))
		case !ruleOK && !known:
			t.Errorf("%s: rule %s reported=%v, want %v (%s); findings:\n%s", name, x.rule, hasRule(fs, x.rule), !x.absent, x.source, listFindings(fs))
		}
	}
	setNames := make([]string, 0, len(sets))
	for n := range sets {
		setNames = append(setNames, n)
	}
	sort.Strings(setNames)
	for _, n := range setNames {
		st := sets[n]
		t.Logf("%-40s %3d files, outcome agrees %3d, named rule agrees %d of %d", n, st.files, st.outcome, st.rules, st.ruleTotal)
	}
	t.Logf("corpus: %d files; outcome agrees for %d (%.1f%%); named rule agrees for %d of %d (%.1f%%)",
		docs, outcomeAgree, 100*float64(outcomeAgree)/float64(docs), ruleAgree, ruleTotal, 100*float64(ruleAgree)/float64(ruleTotal))
}

// corpusSet names the part of the corpus a file belongs to.
func corpusSet(name string) string {
	dir := filepath.ToSlash(filepath.Dir(name))
	switch {
	case strings.HasPrefix(dir, "peppol-bis3/examples"), strings.HasPrefix(dir, "peppol-bis3/snippets"), strings.HasPrefix(dir, "peppol-bis3/national"):
		return "peppol-bis3 examples, snippets, national"
	}
	return dir
}

func listFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\t" + f.String() + "\n")
	}
	return b.String()
}
