package ubl

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"spil/internal/apperr"
)

// FuzzRead feeds arbitrary bytes to Read and Validate: they must never
// panic, refuse only with apperr.Invalid, and give findings that name a
// rule, a severity and a place.
func FuzzRead(f *testing.F) {
	f.Add([]byte(dutchInvoice))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><Invoice>&b;</Invoice>`))
	f.Add([]byte(`<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"><cbc:ID xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">1</cbc:ID></CreditNote>`))
	if root := os.Getenv("SPIL_CORPUS"); root != "" {
		for _, name := range []string{"peppol-bis3/examples/base-example.xml", "peppol-bis3/snippets/Calc.xml",
			"peppol-bis3/national-examples/GR-base-example-correct.xml", "si-ubl-2.0.3.2/SI-UBL-2.0_ok_full.xml",
			"oasis-ubl-2.1/examples/UBL-Invoice-2.1-Example.xml", "peppol-bis3/nl-rule-tests-extracted/NL-R-007_t4_error.xml"} {
			if b, err := os.ReadFile(filepath.Join(root, "ubl", filepath.FromSlash(name))); err == nil {
				f.Add(b)
			}
		}
	}
	lim := Limits{MaxBytes: 1 << 20, MaxDepth: 32, MaxElements: 20_000, MaxAttachmentBytes: 1 << 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ReadWith(bytes.NewReader(data), lim)
		if err != nil {
			if d != nil || apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("Read = %v, %v; want nil and an Invalid error", d, err)
			}
			return
		}
		fs := d.Validate()
		if len(fs) > MaxFindings+1 {
			t.Fatalf("%d findings", len(fs))
		}
		for _, fi := range fs {
			if fi.Rule == "" || fi.Path == "" || fi.Message == "" || (fi.Severity != Error && fi.Severity != Warning) {
				t.Fatalf("incomplete finding %+v", fi)
			}
		}
		if (OutcomeOf(fs) == OutcomeError) != (Err(fs) != nil) {
			t.Fatalf("outcome %s but Err %v", OutcomeOf(fs), Err(fs))
		}
		for _, a := range d.Attachments {
			if len(a.Data) > lim.MaxAttachmentBytes {
				t.Fatalf("attachment of %d bytes kept", len(a.Data))
			}
		}
	})
}
