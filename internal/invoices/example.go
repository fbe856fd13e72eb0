package invoices

import (
	"encoding/base64"
	"fmt"
	"html"
	"strings"
)

// Example describes a simple NLCIUS invoice (one line, Dutch supplier,
// 21 % VAT) for the demo, tests and benchmarks: ExampleUBL writes it.
type Example struct {
	SupplierName string
	KvK          string // 8 digits
	VAT          string // NL…B01
	Number       string
	IssueDate    string // YYYY-MM-DD
	DueDate      string // YYYY-MM-DD
	Description  string
	NetCents     int64 // the line, excl. VAT; positive
	IBAN         string
	CreditNote   bool
	// Attachment, when set, is embedded as a PDF named AttachmentName.
	Attachment     []byte
	AttachmentName string
}

func cents(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// ExampleUBL writes e as a valid NLCIUS (SI-UBL 2.0) invoice or credit
// note that internal/ubl reads without errors.
func ExampleUBL(e Example) []byte {
	x := html.EscapeString
	vat := (e.NetCents*21 + 50) / 100
	root, line, qty, typ := "Invoice", "InvoiceLine", "InvoicedQuantity", "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
	due := ""
	if e.DueDate != "" {
		due = "<cbc:DueDate>" + e.DueDate + "</cbc:DueDate>"
	}
	billing := ""
	if e.CreditNote {
		root, line, qty, typ = "CreditNote", "CreditNoteLine", "CreditedQuantity", "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"
		due = ""
		billing = "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>" + x(e.Number) + "-ORIG</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>"
	}
	att := ""
	if e.Attachment != nil {
		name := e.AttachmentName
		if name == "" {
			name = "bijlage.pdf"
		}
		att = `<cac:AdditionalDocumentReference><cbc:ID>BIJLAGE-1</cbc:ID><cbc:DocumentDescription>Specificatie</cbc:DocumentDescription><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="` +
			x(name) + `">` + base64.StdEncoding.EncodeToString(e.Attachment) + `</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>`
	}
	desc := e.Description
	if desc == "" {
		desc = "Dienstverlening"
	}
	var b strings.Builder
	b.Grow(4096 + len(att))
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<%s xmlns="urn:oasis:names:specification:ubl:schema:xsd:%s-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>
<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
<cbc:ID>%s</cbc:ID>
<cbc:IssueDate>%s</cbc:IssueDate>
%s%s
<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
<cbc:BuyerReference>OFFICE</cbc:BuyerReference>
%s%s
<cac:AccountingSupplierParty><cac:Party>
<cbc:EndpointID schemeID="0106">%s</cbc:EndpointID>
<cac:PartyName><cbc:Name>%s</cbc:Name></cac:PartyName>
<cac:PostalAddress><cbc:StreetName>Industrieweg 1</cbc:StreetName><cbc:CityName>Amsterdam</cbc:CityName><cbc:PostalZone>1000 AA</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyTaxScheme><cbc:CompanyID>%s</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
<cac:PartyLegalEntity><cbc:RegistrationName>%s</cbc:RegistrationName><cbc:CompanyID schemeID="0106">%s</cbc:CompanyID></cac:PartyLegalEntity>
</cac:Party></cac:AccountingSupplierParty>
<cac:AccountingCustomerParty><cac:Party>
<cac:PostalAddress><cbc:StreetName>Herengracht 100</cbc:StreetName><cbc:CityName>Amsterdam</cbc:CityName><cbc:PostalZone>1015 BS</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyLegalEntity><cbc:RegistrationName>Van Dijk Advocaten</cbc:RegistrationName><cbc:CompanyID schemeID="0106">87654321</cbc:CompanyID></cac:PartyLegalEntity>
</cac:Party></cac:AccountingCustomerParty>
<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>%s</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>%s</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">%s</cbc:TaxAmount>
<cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">%s</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">%s</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
</cac:TaxTotal>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">%s</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">%s</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">%s</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">%s</cbc:PayableAmount></cac:LegalMonetaryTotal>
<cac:%s><cbc:ID>1</cbc:ID><cbc:%s unitCode="C62">1</cbc:%s><cbc:LineExtensionAmount currencyID="EUR">%s</cbc:LineExtensionAmount>
<cac:Item><cbc:Name>%s</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
<cac:Price><cbc:PriceAmount currencyID="EUR">%s</cbc:PriceAmount></cac:Price></cac:%s>
</%s>
`, root, root, x(e.Number), e.IssueDate, due, typ, billing, att, x(e.KvK), x(e.SupplierName), x(e.VAT), x(e.SupplierName), x(e.KvK),
		x(e.Number), x(e.IBAN), cents(vat), cents(e.NetCents), cents(vat),
		cents(e.NetCents), cents(e.NetCents), cents(e.NetCents+vat), cents(e.NetCents+vat),
		line, qty, qty, cents(e.NetCents), x(desc), cents(e.NetCents), line, root)
	return []byte(b.String())
}
