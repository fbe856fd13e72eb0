package invoices

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

// corpusOutcome is what importing a corpus file should give: "error"
// (refused, nothing stored), "ok" (stored without warnings), "warning"
// (stored with warnings) or "pass" (stored).
func corpusOutcome(t *testing.T, dir, rel string, nl map[string]string) string {
	base := filepath.Base(rel)
	switch {
	case strings.HasPrefix(rel, "si-ubl-2.0.3.2/"):
		for _, p := range strings.Split(strings.TrimSuffix(base, ".xml"), "_") {
			if p == "ok" || p == "warning" || p == "error" {
				return p
			}
		}
		t.Fatalf("%s: no outcome in the name", rel)
	case strings.HasPrefix(rel, "peppol-bis3/nl-rule-tests-extracted/"):
		x, ok := nl[base]
		if !ok {
			t.Fatalf("%s not in EXPECTED.json", rel)
		}
		return x
	case strings.HasPrefix(rel, "peppol-bis3/nl-rule-tests/"):
		return "error" // testSet wrappers, not UBL
	case strings.HasPrefix(rel, "peppol-bis3/national-examples/GR-"):
		return "error" // fail the UBL 2.1 XSD (SOURCES.md)
	}
	return "pass"
}

// TestCorpusImport imports every UBL file of $SPIL_CORPUS/ubl through the
// full import (read, validate, match, checks, store) into one database and
// compares the outcome with the expected one (docs/costs/ubl.md).
func TestCorpusImport(t *testing.T) {
	dir := os.Getenv("SPIL_CORPUS")
	if dir == "" {
		t.Skip("SPIL_CORPUS not set: the UBL corpus test needs the shared corpus")
	}
	dir = filepath.Join(dir, "ubl")
	raw, err := os.ReadFile(filepath.Join(dir, "peppol-bis3", "nl-rule-tests-extracted", "EXPECTED.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []struct {
		File   string            `json:"file"`
		Expect map[string]string `json:"expect"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	nl := map[string]string{}
	for _, e := range list {
		if _, ok := e.Expect["error"]; ok {
			nl[e.File] = "error"
		} else {
			nl[e.File] = "pass"
		}
	}
	var files []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && filepath.Ext(p) == ".xml" && !strings.Contains(p, "xsdrt") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	sort.Strings(files)
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// A known supplier for the Dutch test set, so matching and the IBAN
		// checks run too.
		f.supplier(t, "Leverancier B.V.", "", "", "other")
		actor := f.actor(t, f.ma)
		count := func() int {
			var n int
			d.R.QueryRow(`SELECT COUNT(*) FROM invoices`).Scan(&n)
			return n
		}
		agree := map[string]int{}
		for _, rel := range files {
			want := corpusOutcome(t, dir, rel, nl)
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			before := count()
			out, err := f.svc.ImportUBL(ctx, actor, data, ChannelAPI)
			got := "ok"
			switch {
			case err != nil && apperr.KindOf(err) == apperr.Invalid && len(apperr.FieldsOf(err)) > 0:
				got = "error"
				if count() != before {
					t.Errorf("%s: refused but stored", rel)
				}
			case err != nil:
				t.Errorf("%s: %v", rel, err)
				continue
			case len(out.Invoice.Warnings) > 0:
				got = "warning"
			}
			if err == nil {
				if count() != before+1 {
					t.Errorf("%s: imported but not stored once", rel)
				}
				det, err := f.svc.Get(ctx, actor, out.Invoice.ID)
				if err != nil || len(det.Checks.List) < 4 {
					t.Errorf("%s: detail %v, %d checks", rel, err, len(det.Checks.List))
				}
			}
			ok := got == want || (want == "pass" && got != "error")
			if ok {
				agree[corpusSetOf(rel)]++
				agree["total"]++
			} else {
				t.Errorf("%s: import %s, want %s (%v)", rel, got, want, err)
			}
		}
		t.Logf("import outcome agrees for %d of %d corpus documents (%v)", agree["total"], len(files), agree)
		if len(files) < 150 {
			t.Errorf("only %d corpus files found", len(files))
		}
	})
}

func corpusSetOf(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) > 2 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}
