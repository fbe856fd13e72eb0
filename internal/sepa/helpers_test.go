package sepa

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"spil/internal/holiday"
)

// today is the "today" the tests pass; execution dates are on or after it.
var today = holiday.NewDate(2026, time.March, 2)

// eur parses an amount; tests write amounts as text, never as floats.
func eur(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sampleBatch returns a valid batch: two payment informations (one with a
// BIC, one without) and three transfers, one of each kind of remittance.
func sampleBatch() *Batch {
	return &Batch{
		MessageID:       "SPIL-2026-03-02-001",
		CreatedAt:       time.Date(2026, time.March, 2, 9, 30, 0, 0, time.FixedZone("CET", 3600)),
		InitiatingParty: "Kantoor Voorbeeld B.V.",
		Payments: []PaymentInfo{{
			ID:            "SPIL-2026-03-02-001-1",
			DebtorName:    "Kantoor Voorbeeld B.V.",
			DebtorIBAN:    "NL91ABNA0417164300",
			DebtorBIC:     "ABNANL2A",
			ExecutionDate: today,
			BatchBooking:  BookingBatch,
			Transfers: []Transfer{{
				EndToEndID:   "INV-2026-0001",
				Amount:       eur("1234.50"),
				CreditorName: "Schoonmaakbedrijf De Bezem",
				CreditorIBAN: "NL44RABO0123456789",
				CreditorBIC:  "RABONL2U",
				Remittance:   Unstructured("Factuur 2026-0001"),
			}, {
				EndToEndID:   "INV-2026-0002",
				Amount:       eur("99.99"),
				CreditorName: "Catering Het Broodje",
				CreditorIBAN: "NL18RABO0123459876",
				Remittance:   DutchReference("5000 0567 8901 2345"),
			}},
		}, {
			ID:            "SPIL-2026-03-02-001-2",
			DebtorName:    "Kantoor Voorbeeld B.V.",
			DebtorIBAN:    "NL69INGB0123456789",
			ExecutionDate: today.AddDays(3),
			Transfers: []Transfer{{
				EndToEndID:      "INV-2026-0003",
				Amount:          eur("15000"),
				CreditorName:    "IT Beheer GmbH",
				CreditorAddress: Address{Street: "Hauptstrasse", Building: "1", PostCode: "10115", Town: "Berlin", Country: "DE"},
				CreditorIBAN:    "DE89370400440532013000",
				CreditorBIC:     "COBADEFFXXX",
				Remittance:      RFReference("RF18 5390 0754 7034"),
			}},
		}},
	}
}

// cmpBatch compares batches: amounts by value, times by instant.
var cmpBatch = cmp.Options{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
}

// corpusDir returns $SPIL_CORPUS/sepa or skips the test (fails it when
// SPIL_E2E_REQUIRED is set).
func corpusDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		if os.Getenv("SPIL_E2E_REQUIRED") != "" {
			t.Fatal("SPIL_CORPUS is not set but SPIL_E2E_REQUIRED is")
		}
		t.Skip("SPIL_CORPUS is not set; skipping the SEPA corpus (set it to /work/shared/corpus)")
	}
	return filepath.Join(root, "sepa")
}

// schemaCheck validates the document doc against the corpus XSD of v with
// xmllint. It skips when xmllint or the corpus is missing, unless
// SPIL_E2E_REQUIRED is set.
func schemaCheck(t *testing.T, v Version, doc []byte) {
	t.Helper()
	if err := xmllint(t, v, doc); err != nil {
		t.Fatal(err)
	}
}

// xmllint runs xmllint on doc with the XSD of v and returns its complaint.
func xmllint(t *testing.T, v Version, doc []byte) error {
	t.Helper()
	xsd := filepath.Join(corpusDir(t), "xsd", string(v)+".xsd")
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("SPIL_E2E_REQUIRED") != "" {
			t.Fatal("xmllint is required (SPIL_E2E_REQUIRED) but missing: install libxml2-utils")
		}
		t.Skip("xmllint is not installed; skipping the schema check (install libxml2-utils)")
	}
	f := filepath.Join(t.TempDir(), "pain.xml")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput()
	if err != nil {
		return fmt.Errorf("the document does not validate against %s: %v\n%s", filepath.Base(xsd), err, out)
	}
	return nil
}
