package sepa

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"spil/internal/apperr"
)

// corpusCase is what a person reads in one example file by hand.
type corpusCase struct {
	version    Version
	messageID  string
	txs        int
	sum        string // CtrlSum as written by spil
	debtor     string // first payment information's IBAN
	creditor   string // first transfer's IBAN
	endToEnd   string
	remittance Remittance
	// invalid names the field Validate must reject, and fix repairs it so
	// that the round trip can run; both empty for a valid file.
	invalid string
	fix     func(b *Batch)
}

// corpusCases lists every example in $SPIL_CORPUS/sepa/examples.
var corpusCases = map[string]corpusCase{
	"abnamro_pain.001.001.03_voorbeeldbestand.xml": {
		version: V03, messageID: "000001", txs: 1, sum: "386.00",
		debtor: "NL02ABNA0123456789", creditor: "NL44RABO0123456789",
		endToEnd: "Onze referentie: 123456", remittance: Unstructured("Ref. 2012.0386"),
	},
	"ing_pain.001.001.03_voorbeeldbestand.xml": {
		version: V03, messageID: "MSGID005", txs: 1, sum: "1.01",
		debtor: "NL28INGB0000000001", creditor: "NL98INGB0000000002",
		endToEnd: "E2EID001", remittance: Unstructured("Ref. 2012.0386"),
	},
	// The Dutch implementation guide's minimal file is schema-valid but its
	// creditor IBAN has wrong check digits (SOURCES.md says so too).
	"nl-ig_pain.001.001.03_minimaal.xml": {
		version: V03, messageID: "message-id-001", txs: 1, sum: "10.10",
		debtor: "NL44RABO0123456789", creditor: "NL90ABNA0111111111",
		endToEnd: "non ref", remittance: Unstructured("vrije tekst"),
		invalid: "payments[0].transfers[0].creditor_iban",
		fix:     func(b *Batch) { b.Payments[0].Transfers[0].CreditorIBAN = "NL91ABNA0417164300" },
	},
	// php-sepa-xml's fixtures use a placeholder Bulgarian debtor IBAN with
	// digits where BG IBANs have the bank's four letters (and wrong check
	// digits), and a structured reference of a made-up issuer.
	"php-sepa-xml_pain.001.001.03.xml": {
		version: V03, messageID: "OurMessageIdentification", txs: 1, sum: "12.34",
		debtor: "BG87200500001234567890", creditor: "DE87200500001234567890",
		endToEnd: "SomethingUnique", remittance: Remittance{Reference: "CdtrRefInf-Ref", Issuer: "CdtrRefInf-Tp-Issr"},
		invalid: "payments[0].debtor_iban",
		fix:     func(b *Batch) { b.Payments[0].DebtorIBAN = "BG80BNBG96611020345678" },
	},
	"php-sepa-xml_pain.001.001.09.xml": {
		version: V09, messageID: "OurMessageIdentification", txs: 1, sum: "12.34",
		debtor: "BG87200500001234567890", creditor: "DE87200500001234567890",
		endToEnd: "SomethingUnique", remittance: Remittance{Reference: "CdtrRefInf-Ref", Issuer: "CdtrRefInf-Tp-Issr"},
		invalid: "payments[0].debtor_iban",
		fix:     func(b *Batch) { b.Payments[0].DebtorIBAN = "BG80BNBG96611020345678" },
	},
}

func readCorpusFile(t *testing.T, path string) (*Batch, Version) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, v, err := Read(f)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return b, v
}

// TestCorpusExamples reads every bank example, checks what it holds, applies
// the SEPA rules, and writes it again in both versions: the output validates
// against the schema and reads back as the same batch.
func TestCorpusExamples(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "examples")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		want, listed := corpusCases[name]
		if !listed {
			t.Errorf("%s is not listed in corpusCases", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			b, v := readCorpusFile(t, path)
			if v != want.version {
				t.Errorf("version = %s, want %s", v, want.version)
			}
			n, sum := b.Totals()
			if b.MessageID != want.messageID || n != want.txs || sum.StringFixed(2) != want.sum {
				t.Errorf("read %q, %d transfers, sum %s; want %q, %d, %s",
					b.MessageID, n, sum.StringFixed(2), want.messageID, want.txs, want.sum)
			}
			tr := b.Payments[0].Transfers[0]
			if b.Payments[0].DebtorIBAN != want.debtor || tr.CreditorIBAN != want.creditor {
				t.Errorf("IBANs %s → %s, want %s → %s", b.Payments[0].DebtorIBAN, tr.CreditorIBAN, want.debtor, want.creditor)
			}
			if tr.EndToEndID != want.endToEnd || tr.Remittance != want.remittance {
				t.Errorf("end-to-end %q, remittance %+v; want %q, %+v", tr.EndToEndID, tr.Remittance, want.endToEnd, want.remittance)
			}

			day := b.Payments[0].ExecutionDate // the files are old: "today" is their execution date
			err := b.Validate(day)
			switch {
			case want.invalid == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case want.invalid != "":
				if f := apperr.FieldsOf(err); len(f) != 1 || f[want.invalid] == "" {
					t.Fatalf("Validate = %v, want only %s", err, want.invalid)
				}
				want.fix(b)
			}

			for _, out := range []Version{V09, V03} {
				doc, err := Marshal(b, out, day)
				if err != nil {
					t.Fatalf("Marshal %s: %v", out, err)
				}
				schemaCheck(t, out, doc)
				again, _, err := Read(bytes.NewReader(doc))
				if err != nil {
					t.Fatalf("Read of own %s: %v", out, err)
				}
				if d := cmp.Diff(b, again, cmpBatch); d != "" {
					t.Errorf("round trip through %s differs (-read +reread):\n%s", out, d)
				}
			}
		})
	}
}

// TestCorpusBothVersionsReadAlike reads php-sepa-xml's .03 and .09 fixtures,
// which hold the same payment, into the same batch.
func TestCorpusBothVersionsReadAlike(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "examples")
	b03, _ := readCorpusFile(t, filepath.Join(dir, "php-sepa-xml_pain.001.001.03.xml"))
	b09, _ := readCorpusFile(t, filepath.Join(dir, "php-sepa-xml_pain.001.001.09.xml"))
	if d := cmp.Diff(b03, b09, cmpBatch); d != "" {
		t.Errorf(".03 and .09 read differently (-03 +09):\n%s", d)
	}
	addr := b09.Payments[0].Transfers[0].CreditorAddress
	if addr.Street != "Some Street" || addr.Building != "12" || addr.PostCode != "1000" || addr.Town != "Nowhere" || addr.Country != "BG" {
		t.Errorf("creditor address = %+v", addr)
	}
}

// TestCorpusExamplesAreSchemaValid checks the schema check itself: the
// examples validate against their own XSD, and not against the other one.
func TestCorpusExamplesAreSchemaValid(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "examples")
	for name, c := range corpusCases {
		doc, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			schemaCheck(t, c.version, doc)
			other := V03
			if c.version == V03 {
				other = V09
			}
			if xmllint(t, other, doc) == nil {
				t.Errorf("%s validates against the %s schema too", name, other)
			}
		})
	}
}
