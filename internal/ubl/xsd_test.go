package ubl

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// xmllintPath returns the xmllint binary or skips (fails when
// SPIL_E2E_REQUIRED=1).
func xmllintPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("SPIL_E2E_REQUIRED") == "1" {
			t.Fatal("xmllint is required (SPIL_E2E_REQUIRED=1) but not installed (Debian: libxml2-utils)")
		}
		t.Skip("xmllint not installed (Debian: libxml2-utils); skipping the comparison with the OASIS schemas")
	}
	return p
}

// xmllintValid validates files against the XSD of their root in one run
// per root and returns which files validate.
func xmllintValid(t *testing.T, bin, xsdDir string, files map[string]Kind) map[string]bool {
	t.Helper()
	valid := map[string]bool{}
	for kind, xsd := range map[Kind]string{KindInvoice: "UBL-Invoice-2.1.xsd", KindCreditNote: "UBL-CreditNote-2.1.xsd"} {
		var args []string
		for f, k := range files {
			if k == kind {
				args = append(args, f)
			}
		}
		if len(args) == 0 {
			continue
		}
		cmd := exec.Command(bin, append([]string{"--noout", "--nonet", "--schema", filepath.Join(xsdDir, "maindoc", xsd)}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		_ = cmd.Run() // exit status 3 when a file fails; the per-file lines say which
		for _, line := range strings.Split(stderr.String(), "\n") {
			if f, ok := strings.CutSuffix(line, " validates"); ok {
				valid[f] = true
			}
		}
	}
	return valid
}

// structurallyValid is spil's schema verdict: no UBL-XSD finding.
func structurallyValid(t *testing.T, path string) (Kind, bool, []Finding) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Read(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var xsd []Finding
	for _, fi := range d.Validate() {
		if fi.Rule == ruleXSD {
			xsd = append(xsd, fi)
		}
	}
	return d.Kind, len(xsd) == 0, xsd
}

// TestStructureAgainstXmllint compares spil's schema verdict with xmllint
// and the OASIS UBL 2.1 schemas, on every corpus document and on broken
// variants of one.
func TestStructureAgainstXmllint(t *testing.T) {
	bin := xmllintPath(t)
	dir := corpusDir(t)
	xsdDir := filepath.Join(dir, "oasis-ubl-2.1", "xsdrt")

	files := map[string]Kind{}
	ours := map[string]bool{}
	detail := map[string][]Finding{}
	for name, x := range corpusExpectations(t, dir) {
		if x.reject != "" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		files[p], ours[p], detail[p] = structurallyValid(t, p)
	}

	tmp := t.TempDir()
	names := map[string]string{}
	base, err := os.ReadFile(filepath.Join(dir, "peppol-bis3", "examples", "base-example.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range schemaMutations {
		if !bytes.Contains(base, []byte(m.old)) {
			t.Fatalf("mutation %q: %q not in base-example.xml", m.name, m.old)
		}
		p := filepath.Join(tmp, fmt.Sprintf("mutation-%02d.xml", i))
		if err := os.WriteFile(p, bytes.Replace(base, []byte(m.old), []byte(m.new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		files[p], ours[p], detail[p] = structurallyValid(t, p)
		names[p] = m.name
		if ours[p] != m.valid {
			t.Errorf("mutation %q: spil says valid=%v, want %v; %v", m.name, ours[p], m.valid, detail[p])
		}
	}

	lint := xmllintValid(t, bin, xsdDir, files)
	agree := 0
	for p := range files {
		if lint[p] == ours[p] {
			agree++
			continue
		}
		t.Errorf("%s %s: xmllint valid=%v, spil valid=%v; spil findings: %v", p, names[p], lint[p], ours[p], detail[p])
	}
	t.Logf("schema verdict agrees with xmllint on %d of %d documents (%d corpus, %d mutations)",
		agree, len(files), len(files)-len(schemaMutations), len(schemaMutations))
}

// schemaMutations break (or, for valid ones, only bend) the Peppol base
// example in ways the UBL 2.1 schema decides.
var schemaMutations = []struct {
	name     string
	old, new string
	valid    bool
}{
	{"missing ID", "<cbc:ID>Snippet1</cbc:ID>", "", false},
	{"elements swapped", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>\n    <cbc:DueDate>2017-12-01</cbc:DueDate>", "<cbc:DueDate>2017-12-01</cbc:DueDate>\n    <cbc:IssueDate>2017-11-13</cbc:IssueDate>", false},
	{"month 13", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>2017-13-13</cbc:IssueDate>", false},
	{"29 February 2017", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>2017-02-29</cbc:IssueDate>", false},
	{"date with zone", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>2017-11-13+01:00</cbc:IssueDate>", true},
	{"thousands separator", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">1,656.25</cbc:PayableAmount>`, false},
	{"exponent", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">1.65625E3</cbc:PayableAmount>`, false},
	{"empty amount", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR"></cbc:PayableAmount>`, false},
	{"amount in spaces", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, "<cbc:PayableAmount currencyID=\"EUR\">\n  1656.25  </cbc:PayableAmount>", true},
	{"no currencyID", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, `<cbc:PayableAmount>1656.25</cbc:PayableAmount>`, false},
	{"unknown attribute", "<cbc:ID>Snippet1</cbc:ID>", `<cbc:ID foo="bar">Snippet1</cbc:ID>`, false},
	{"xml:lang", "<cbc:ID>Snippet1</cbc:ID>", `<cbc:ID xml:lang="nl">Snippet1</cbc:ID>`, false},
	{"unknown element", "<cbc:ID>Snippet1</cbc:ID>", "<cbc:ID>Snippet1</cbc:ID><cbc:Colour>red</cbc:Colour>", false},
	{"foreign element", "<cbc:ID>Snippet1</cbc:ID>", `<cbc:ID>Snippet1</cbc:ID><x:Extra xmlns:x="urn:example">1</x:Extra>`, false},
	{"twice DueDate", "<cbc:DueDate>2017-12-01</cbc:DueDate>", "<cbc:DueDate>2017-12-01</cbc:DueDate><cbc:DueDate>2017-12-02</cbc:DueDate>", false},
	{"boolean yes", "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>", "<cbc:ChargeIndicator>yes</cbc:ChargeIndicator>", false},
	{"boolean 1", "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>", "<cbc:ChargeIndicator>1</cbc:ChargeIndicator>", true},
	{"text in aggregate", "<cac:PartyName>\n                <cbc:Name>SupplierTradingName Ltd.</cbc:Name>", "<cac:PartyName>stray text\n                <cbc:Name>SupplierTradingName Ltd.</cbc:Name>", false},
	{"element in value", "<cbc:ID>Snippet1</cbc:ID>", "<cbc:ID>Snippet<cbc:Name>1</cbc:Name></cbc:ID>", false},
	{"valid time", "<cbc:DueDate>2017-12-01</cbc:DueDate>", "<cbc:IssueTime>10:15:00</cbc:IssueTime><cbc:DueDate>2017-12-01</cbc:DueDate>", true},
	{"hour 25", "<cbc:DueDate>2017-12-01</cbc:DueDate>", "<cbc:IssueTime>25:15:00</cbc:IssueTime><cbc:DueDate>2017-12-01</cbc:DueDate>", false},
	{"xsi:schemaLocation", `xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">`, `xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x x.xsd">`, true},
	{"empty note", "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:AccountingCostCode/>", true},
	{"missing required in aggregate", "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>", "", false},
	{"bad base64", "<cac:AccountingSupplierParty>", `<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/csv" filename="a.csv">abc</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>`, false},
	{"good base64", "<cac:AccountingSupplierParty>", `<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/csv" filename="a.csv">YSxi
Cg==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>`, true},
	{"no mimeCode", "<cac:AccountingSupplierParty>", `<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject filename="a.csv">YSxiCg==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>`, false},
	{"extension content", "<cbc:CustomizationID>", `<ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"><ext:UBLExtension><ext:ExtensionContent><x:Any xmlns:x="urn:example">anything</x:Any></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions><cbc:CustomizationID>`, true},
	{"point only", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">1656.</cbc:PayableAmount>`, true},
	{"leading point", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, `<cbc:PayableAmount currencyID="EUR">+.25</cbc:PayableAmount>`, true},
	{"year 0", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>0000-11-13</cbc:IssueDate>", false},
	{"negative year", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>-2017-11-13</cbc:IssueDate>", true},
	{"five digit year", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>12017-11-13</cbc:IssueDate>", true},
	{"date and time", "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", "<cbc:IssueDate>2017-11-13T10:00:00</cbc:IssueDate>", false},
	{"hour 24", "<cbc:DueDate>2017-12-01</cbc:DueDate>", "<cbc:IssueTime>24:00:00</cbc:IssueTime><cbc:DueDate>2017-12-01</cbc:DueDate>", true},
	{"time fraction zone", "<cbc:DueDate>2017-12-01</cbc:DueDate>", "<cbc:IssueTime>10:00:00.123Z</cbc:IssueTime><cbc:DueDate>2017-12-01</cbc:DueDate>", true},
	{"empty base64", "<cac:AccountingSupplierParty>", `<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/csv" filename="a.csv"></cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>`, true},
	{"odd base64 bits", "<cac:AccountingSupplierParty>", `<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/csv" filename="a.csv">QR==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>`, false},
	{"xsi:nil", "<cbc:ID>Snippet1</cbc:ID>", `<cbc:ID xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">Snippet1</cbc:ID>`, false},
	{"xsi:type", "<cbc:ID>Snippet1</cbc:ID>", `<cbc:ID xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Foo">Snippet1</cbc:ID>`, false},
	{"attribute on aggregate", "<cac:AccountingSupplierParty>", `<cac:AccountingSupplierParty id="1">`, false},
	{"boolean spaces", "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>", "<cbc:ChargeIndicator> true </cbc:ChargeIndicator>", true},
	{"no-break space", `<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, "<cbc:PayableAmount currencyID=\"EUR\">1656.25\u00a0</cbc:PayableAmount>", false},
	{"no-break space in aggregate", "<cac:PartyName>\n", "<cac:PartyName>\u00a0\n", false},
	{"language", "<cbc:Description>Description of item</cbc:Description>", `<cbc:Description languageID="en-GB">Description of item</cbc:Description>`, true},
	{"not a language", "<cbc:Description>Description of item</cbc:Description>", `<cbc:Description languageID="English (UK)">Description of item</cbc:Description>`, false},
	{"boolean TRUE", "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>", "<cbc:ChargeIndicator>TRUE</cbc:ChargeIndicator>", false},
}
