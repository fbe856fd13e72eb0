package sepa

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"spil/internal/apperr"
)

func TestWriteValidatesAgainstSchema(t *testing.T) {
	for _, v := range []Version{V09, V03} {
		t.Run(string(v), func(t *testing.T) {
			doc, err := Marshal(sampleBatch(), v, today)
			if err != nil {
				t.Fatal(err)
			}
			schemaCheck(t, v, doc)
		})
	}
}

func TestWriteReadsBackTheSameBatch(t *testing.T) {
	for _, v := range []Version{V09, V03} {
		t.Run(string(v), func(t *testing.T) {
			doc, err := Marshal(sampleBatch(), v, today)
			if err != nil {
				t.Fatal(err)
			}
			got, gotV, err := Read(bytes.NewReader(doc))
			if err != nil {
				t.Fatalf("Read: %v\n%s", err, doc)
			}
			if gotV != v {
				t.Errorf("version read = %s, want %s", gotV, v)
			}
			if d := cmp.Diff(sampleBatch(), got, cmpBatch); d != "" {
				t.Errorf("batch read back differs (-written +read):\n%s", d)
			}
		})
	}
}

// TestWriteContent checks what the bank reads: totals, dates, agents and
// references, per version.
func TestWriteContent(t *testing.T) {
	common := []string{
		`<MsgId>SPIL-2026-03-02-001</MsgId>`,
		`<CreDtTm>2026-03-02T09:30:00+01:00</CreDtTm>`,
		"<GrpHdr>\n      <MsgId>SPIL-2026-03-02-001</MsgId>\n      <CreDtTm>2026-03-02T09:30:00+01:00</CreDtTm>\n      <NbOfTxs>3</NbOfTxs>\n      <CtrlSum>16334.49</CtrlSum>",
		"<PmtMtd>TRF</PmtMtd>\n      <BtchBookg>true</BtchBookg>\n      <NbOfTxs>2</NbOfTxs>\n      <CtrlSum>1334.49</CtrlSum>",
		"<PmtMtd>TRF</PmtMtd>\n      <NbOfTxs>1</NbOfTxs>\n      <CtrlSum>15000.00</CtrlSum>",
		`<InstdAmt Ccy="EUR">1234.50</InstdAmt>`,
		`<InstdAmt Ccy="EUR">15000.00</InstdAmt>`,
		`<Cd>SEPA</Cd>`,
		`<ChrgBr>SLEV</ChrgBr>`,
		"<Othr>\n            <Id>NOTPROVIDED</Id>",
		`<Ustrd>Factuur 2026-0001</Ustrd>`,
		"<Cd>SCOR</Cd>\n                </CdOrPrtry>\n                <Issr>CUR</Issr>\n              </Tp>\n              <Ref>5000056789012345</Ref>",
		"<Issr>ISO</Issr>\n              </Tp>\n              <Ref>RF18539007547034</Ref>",
		"<StrtNm>Hauptstrasse</StrtNm>\n            <BldgNb>1</BldgNb>\n            <PstCd>10115</PstCd>\n            <TwnNm>Berlin</TwnNm>\n            <Ctry>DE</Ctry>",
	}
	perVersion := map[Version][]string{
		V09: {`xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"`, `<BICFI>ABNANL2A</BICFI>`,
			"<ReqdExctnDt>\n        <Dt>2026-03-02</Dt>\n      </ReqdExctnDt>", "<Dt>2026-03-05</Dt>"},
		V03: {`xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"`, `<BIC>ABNANL2A</BIC>`,
			`<ReqdExctnDt>2026-03-02</ReqdExctnDt>`, `<ReqdExctnDt>2026-03-05</ReqdExctnDt>`},
	}
	for v, want := range perVersion {
		doc, err := Marshal(sampleBatch(), v, today)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range append(want, common...) {
			if !strings.Contains(string(doc), w) {
				t.Errorf("%s: output lacks %q\n%s", v, w, doc)
			}
		}
		// The second transfer has no BIC: no creditor agent at all.
		if n := strings.Count(string(doc), "<CdtrAgt>"); n != 2 {
			t.Errorf("%s: %d creditor agents, want 2 (one transfer has no BIC)", v, n)
		}
	}
}

func TestWriteConvertsTextToTheSEPASet(t *testing.T) {
	b := sampleBatch()
	b.InitiatingParty = "Kantoor Voorbeeld B.V. — Den Haag"
	tr := &b.Payments[0].Transfers[0]
	tr.CreditorName = "Café Ærø & Zoon ĲsselStraße"
	tr.Remittance = Unstructured("Factuur #12 “maart” 50% voldaan")
	doc, err := Marshal(b, V09, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"<Nm>Kantoor Voorbeeld B.V. - Den Haag</Nm>",
		"<Nm>Cafe AEro + Zoon IJsselStrasse</Nm>",
		"<Ustrd>Factuur .12 'maart' 50. voldaan</Ustrd>",
	} {
		if !strings.Contains(string(doc), w) {
			t.Errorf("output lacks %q", w)
		}
	}
	schemaCheck(t, V09, doc)
	// The caller's batch keeps what was typed.
	if tr.CreditorName != "Café Ærø & Zoon ĲsselStraße" {
		t.Errorf("Write changed the caller's batch: %q", tr.CreditorName)
	}
}

func TestWriteNormalizesAccounts(t *testing.T) {
	b := sampleBatch()
	b.Payments[0].DebtorIBAN = "nl91 abna 0417 1643 00"
	b.Payments[0].DebtorBIC = "abnanl2a"
	doc, err := Marshal(b, V03, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<IBAN>NL91ABNA0417164300</IBAN>", "<BIC>ABNANL2A</BIC>"} {
		if !strings.Contains(string(doc), w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

func TestWriteWritesNothingForABadBatch(t *testing.T) {
	b := sampleBatch()
	b.Payments[1].Transfers[0].CreditorIBAN = "DE89370400440532013001"
	var buf bytes.Buffer
	err := Write(&buf, b, V09, today)
	if apperr.KindOf(err) != apperr.Invalid {
		t.Fatalf("err = %v, want Invalid", err)
	}
	if f := apperr.FieldsOf(err); f["payments[1].transfers[0].creditor_iban"] == "" {
		t.Errorf("fields = %v, want payments[1].transfers[0].creditor_iban", f)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written for a refused batch", buf.Len())
	}
}

func TestWriteRefusesAnUnknownVersion(t *testing.T) {
	_, err := Marshal(sampleBatch(), "pain.001.001.02", today)
	if apperr.FieldsOf(err)["version"] == "" {
		t.Fatalf("err = %v, want a version field error", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsTheWritersError(t *testing.T) {
	err := Write(failingWriter{}, sampleBatch(), V09, today)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the writer's error", err)
	}
}
