package sepa

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
)

// sampleDoc returns the sample batch written in version v.
func sampleDoc(t *testing.T, v Version) string {
	t.Helper()
	doc, err := Marshal(sampleBatch(), v, today)
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}

// TestReadNamesTheElementAtFault changes one thing in a written file and
// expects Read to refuse it, naming the element.
func TestReadNamesTheElementAtFault(t *testing.T) {
	cases := []struct {
		name       string
		v          Version
		old, new   string
		field, msg string
	}{
		{"group count wrong", V09, "<NbOfTxs>3</NbOfTxs>", "<NbOfTxs>4</NbOfTxs>", "GrpHdr/NbOfTxs", "holds 3 transfer(s)"},
		{"group sum wrong", V09, "<CtrlSum>16334.49</CtrlSum>", "<CtrlSum>16334.50</CtrlSum>", "GrpHdr/CtrlSum", "add up to 16334.49"},
		{"block sum wrong", V03, "<CtrlSum>15000.00</CtrlSum>", "<CtrlSum>15000</CtrlSum><!-- -->", "", ""}, // equal in value: fine
		{"block sum not a number", V03, "<CtrlSum>1334.49</CtrlSum>", "<CtrlSum>abc</CtrlSum>", "PmtInf[1]/CtrlSum", "add up to 1334.49"},
		{"dollars", V09, `<InstdAmt Ccy="EUR">99.99</InstdAmt>`, `<InstdAmt Ccy="USD">99.99</InstdAmt>`, "PmtInf[1]/CdtTrfTxInf[2]/Amt/InstdAmt", "EUR"},
		{"exponent", V09, `<InstdAmt Ccy="EUR">99.99</InstdAmt>`, `<InstdAmt Ccy="EUR">9.999e1</InstdAmt>`, "PmtInf[1]/CdtTrfTxInf[2]/Amt/InstdAmt", "exponent"},
		{"cheque", V09, "<PmtMtd>TRF</PmtMtd>\n      <NbOfTxs>1</NbOfTxs>", "<PmtMtd>CHK</PmtMtd>\n      <NbOfTxs>1</NbOfTxs>", "PmtInf[2]/PmtMtd", "TRF"},
		{"urgent", V03, "<Cd>SEPA</Cd>", "<Cd>URGP</Cd>", "PmtInf[1]/PmtTpInf/SvcLvl/Cd", "SEPA"},
		{"debtor pays all charges", V09, "<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>DEBT</ChrgBr>", "PmtInf[1]/ChrgBr", "SLEV"},
		{"BICFI in .03", V03, "<BIC>ABNANL2A</BIC>", "<BICFI>ABNANL2A</BICFI>", "PmtInf[1]/DbtrAgt/FinInstnId/BICFI", "not part of pain.001.001.03"},
		{"BIC in .09", V09, "<BICFI>ABNANL2A</BICFI>", "<BIC>ABNANL2A</BIC>", "PmtInf[1]/DbtrAgt/FinInstnId/BIC", "not part of pain.001.001.09"},
		{"two texts", V09, "<Ustrd>Factuur 2026-0001</Ustrd>", "<Ustrd>a</Ustrd><Ustrd>b</Ustrd>", "PmtInf[1]/CdtTrfTxInf[1]/RmtInf/Ustrd", "one Ustrd"},
		{"proprietary reference type", V09, "<Cd>SCOR</Cd>\n                </CdOrPrtry>\n                <Issr>CUR", "<Prtry>X</Prtry>\n                </CdOrPrtry>\n                <Issr>CUR", "PmtInf[1]/CdtTrfTxInf[2]/RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd", "SCOR"},
		{"bad date .03", V03, "<ReqdExctnDt>2026-03-05</ReqdExctnDt>", "<ReqdExctnDt>05-03-2026</ReqdExctnDt>", "PmtInf[2]/ReqdExctnDt", "not a date"},
		{"bad date .09", V09, "<Dt>2026-03-05</Dt>", "<Dt>2026-02-30</Dt>", "PmtInf[2]/ReqdExctnDt/Dt", "not a date"},
		{"bad creation time", V09, "2026-03-02T09:30:00+01:00", "yesterday", "GrpHdr/CreDtTm", "not a date and time"},
		{"batch booking yes", V09, "<BtchBookg>true</BtchBookg>", "<BtchBookg>yes</BtchBookg>", "PmtInf[1]/BtchBookg", "true or false"},
		{"other agent ID", V09, "<Id>NOTPROVIDED</Id>", "<Id>12345</Id>", "PmtInf[2]/DbtrAgt/FinInstnId/Othr/Id", "NOTPROVIDED"},
		{"account without IBAN", V09, "<IBAN>NL44RABO0123456789</IBAN>", "<Othr><Id>123</Id></Othr>", "PmtInf[1]/CdtTrfTxInf[1]/CdtrAcct/Id/Othr", "IBAN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := sampleDoc(t, c.v)
			if !strings.Contains(doc, c.old) {
				t.Fatalf("the sample lacks %q", c.old)
			}
			doc = strings.Replace(doc, c.old, c.new, 1)
			_, _, err := Read(strings.NewReader(doc))
			if c.field == "" {
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				return
			}
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("err = %v, want Invalid", err)
			}
			msg := apperr.FieldsOf(err)[c.field]
			if !strings.Contains(msg, c.msg) || len(apperr.FieldsOf(err)) != 1 {
				t.Errorf("fields = %v, want only %s mentioning %q", apperr.FieldsOf(err), c.field, c.msg)
			}
		})
	}
}

func TestReadRefusesWhatIsNotAPain001(t *testing.T) {
	big := io.MultiReader(strings.NewReader(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><!--`),
		io.LimitReader(repeatReader('a'), MaxFileSize+10))
	cases := map[string]struct {
		in   io.Reader
		want string
	}{
		"empty":         {strings.NewReader(""), "not a readable XML file"},
		"text":          {strings.NewReader("Factuur"), "not a readable XML file"},
		"truncated":     {strings.NewReader(sampleDoc(t, V09)[:800]), "line"},
		"direct debit":  {strings.NewReader(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"/>`), "not a pain.001"},
		"old version":   {strings.NewReader(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.02"/>`), "not a pain.001"},
		"other root":    {strings.NewReader(`<Invoice xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>`), "root <Invoice>"},
		"no group":      {strings.NewReader(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>`), "invalid pain.001.001.09 file"},
		"too large":     {big, "larger than 64 MB"},
		"latin-1":       {strings.NewReader(`<?xml version="1.0" encoding="ISO-8859-1"?><Document/>`), "not a readable XML file"},
		"entity bomb":   {strings.NewReader(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><GrpHdr><MsgId>&b;</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>`), "invalid character entity &b;"},
		"external file": {strings.NewReader(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><GrpHdr><MsgId>&x;</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>`), "invalid character entity &x;"},
	}
	for name, c := range cases {
		b, _, err := Read(c.in)
		if apperr.KindOf(err) != apperr.Invalid || b != nil {
			t.Errorf("%s: batch %v, err %v; want Invalid", name, b != nil, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to mention %q", name, err, c.want)
		}
	}
}

// TestReadSurvivesDeepNesting feeds elements nested 100,000 deep where
// unknown elements are skipped.
func TestReadSurvivesDeepNesting(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><X>`)
	b.WriteString(strings.Repeat("<a>", 100000))
	b.WriteString(strings.Repeat("</a>", 100000))
	b.WriteString(`</X></CstmrCdtTrfInitn></Document>`)
	_, _, err := Read(strings.NewReader(b.String()))
	if apperr.KindOf(err) != apperr.Invalid {
		t.Fatalf("err = %v, want Invalid (no group header)", err)
	}
}

func TestReadTolerance(t *testing.T) {
	doc := sampleDoc(t, V09)
	// White space around values, a time without offset, a date-time for the
	// execution date, and the optional totals left out.
	doc = strings.Replace(doc, "<MsgId>SPIL-2026-03-02-001</MsgId>", "<MsgId>\n  SPIL-2026-03-02-001\n</MsgId>", 1)
	doc = strings.Replace(doc, "2026-03-02T09:30:00+01:00", "2026-03-02T08:30:00.000", 1)
	doc = strings.Replace(doc, "<Dt>2026-03-05</Dt>", "<DtTm>2026-03-05T00:00:00</DtTm>", 1)
	doc = strings.Replace(doc, "<CtrlSum>16334.49</CtrlSum>", "", 1)
	doc = strings.Replace(doc, "<NbOfTxs>1</NbOfTxs>", "", 1)
	b, _, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := sampleBatch()
	if b.MessageID != want.MessageID || !b.CreatedAt.Equal(want.CreatedAt) ||
		b.Payments[1].ExecutionDate != want.Payments[1].ExecutionDate {
		t.Errorf("read %q %s %s", b.MessageID, b.CreatedAt.Format(time.RFC3339), b.Payments[1].ExecutionDate)
	}
	// The Dutch guide's layout: charge bearer per transfer, no payment type.
	doc = sampleDoc(t, V03)
	doc = strings.Replace(doc, "<ChrgBr>SLEV</ChrgBr>", "", -1)
	doc = strings.Replace(doc, "</Amt>", "</Amt><ChrgBr>SLEV</ChrgBr>", -1)
	if _, _, err := Read(bytes.NewReader([]byte(doc))); err != nil {
		t.Errorf("charge bearer per transfer: %v", err)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}
