package ubl

import (
	"strings"

	"github.com/shopspring/decimal"
)

// fill maps the parsed tree onto the Document's fields. It never fails:
// what is missing stays empty and Validate reports it.
func (d *Document) fill(lim Limits) {
	r := d.root
	d.UBLVersionID = r.str("cbc:UBLVersionID")
	d.CustomizationID = collapse(textOf(r.child("cbc:CustomizationID")))
	d.ProfileID = collapse(textOf(r.child("cbc:ProfileID")))
	d.ID = r.str("cbc:ID")
	d.IssueDate = dateOf(r.child("cbc:IssueDate"))
	d.DueDate = dateOf(r.child("cbc:DueDate"))
	if d.Kind == KindCreditNote {
		d.TypeCode = r.str("cbc:CreditNoteTypeCode")
	} else {
		d.TypeCode = r.str("cbc:InvoiceTypeCode")
	}
	for _, n := range r.children("cbc:Note") {
		d.Notes = append(d.Notes, strings.TrimSpace(n.text))
	}
	d.TaxPointDate = dateOf(r.child("cbc:TaxPointDate"))
	d.Currency = strings.ToUpper(r.str("cbc:DocumentCurrencyCode"))
	d.TaxCurrency = strings.ToUpper(r.str("cbc:TaxCurrencyCode"))
	d.AccountingCost = r.str("cbc:AccountingCost")
	d.BuyerReference = r.str("cbc:BuyerReference")
	if p := r.child("cac:InvoicePeriod"); p != nil {
		d.PeriodStart, d.PeriodEnd = dateOf(p.child("cbc:StartDate")), dateOf(p.child("cbc:EndDate"))
	}
	d.OrderReference = r.str("cac:OrderReference", "cbc:ID")
	d.SalesOrderID = r.str("cac:OrderReference", "cbc:SalesOrderID")
	for _, b := range r.all("cac:BillingReference", "cac:InvoiceDocumentReference") {
		d.BillingReferences = append(d.BillingReferences, Reference{ID: b.str("cbc:ID"), IssueDate: dateOf(b.child("cbc:IssueDate"))})
	}
	d.ContractReference = r.str("cac:ContractDocumentReference", "cbc:ID")
	d.ProjectReference = r.str("cac:ProjectReference", "cbc:ID")
	for _, a := range r.children("cac:AdditionalDocumentReference") {
		d.Attachments = append(d.Attachments, attachmentOf(a, lim.MaxAttachmentBytes))
	}
	d.Supplier = partyOf(r.at("cac:AccountingSupplierParty", "cac:Party"))
	d.Customer = partyOf(r.at("cac:AccountingCustomerParty", "cac:Party"))
	if p := r.child("cac:PayeeParty"); p != nil {
		payee := partyOf(p)
		d.Payee = &payee
	}
	if p := r.child("cac:TaxRepresentativeParty"); p != nil {
		rep := partyOf(p)
		d.TaxRepresentative = &rep
	}
	if del := r.child("cac:Delivery"); del != nil {
		d.DeliveryDate = dateOf(del.child("cbc:ActualDeliveryDate"))
		if a := del.at("cac:DeliveryLocation", "cac:Address"); a != nil {
			addr := addressOf(a)
			d.DeliveryAddress = &addr
		}
	}
	for _, pm := range r.children("cac:PaymentMeans") {
		d.PaymentMeans = append(d.PaymentMeans, paymentMeansOf(pm))
	}
	if d.DueDate.IsZero() {
		for _, pm := range d.PaymentMeans {
			if !pm.DueDate.IsZero() {
				d.DueDate = pm.DueDate
				break
			}
		}
	}
	for _, n := range r.all("cac:PaymentTerms", "cbc:Note") {
		d.PaymentTerms = append(d.PaymentTerms, strings.TrimSpace(n.text))
	}
	for _, ac := range r.children("cac:AllowanceCharge") {
		d.AllowanceCharges = append(d.AllowanceCharges, allowanceChargeOf(ac))
	}
	for _, t := range r.children("cac:TaxTotal") {
		tt := TaxTotal{Amount: amountOf(t.child("cbc:TaxAmount"))}
		for _, s := range t.children("cac:TaxSubtotal") {
			tt.Subtotals = append(tt.Subtotals, TaxSubtotal{
				Taxable:  amountOf(s.child("cbc:TaxableAmount")),
				Tax:      amountOf(s.child("cbc:TaxAmount")),
				Category: taxCategoryOf(s.child("cac:TaxCategory")),
			})
		}
		d.TaxTotals = append(d.TaxTotals, tt)
	}
	if m := r.child("cac:LegalMonetaryTotal"); m != nil {
		d.Totals = Totals{
			LineExtension:  amountOf(m.child("cbc:LineExtensionAmount")),
			TaxExclusive:   amountOf(m.child("cbc:TaxExclusiveAmount")),
			TaxInclusive:   amountOf(m.child("cbc:TaxInclusiveAmount")),
			AllowanceTotal: amountOf(m.child("cbc:AllowanceTotalAmount")),
			ChargeTotal:    amountOf(m.child("cbc:ChargeTotalAmount")),
			Prepaid:        amountOf(m.child("cbc:PrepaidAmount")),
			Rounding:       amountOf(m.child("cbc:PayableRoundingAmount")),
			Payable:        amountOf(m.child("cbc:PayableAmount")),
		}
	}
	for _, l := range r.children(d.lineName()) {
		d.Lines = append(d.Lines, lineOf(l))
	}
}

// lineName is cac:InvoiceLine or cac:CreditNoteLine.
func (d *Document) lineName() string {
	if d.Kind == KindCreditNote {
		return "cac:CreditNoteLine"
	}
	return "cac:InvoiceLine"
}

func textOf(n *node) string {
	if n == nil {
		return ""
	}
	return n.text
}

func partyOf(p *node) Party {
	if p == nil {
		return Party{}
	}
	party := Party{
		Name:             p.str("cac:PartyName", "cbc:Name"),
		RegistrationName: p.str("cac:PartyLegalEntity", "cbc:RegistrationName"),
		Endpoint:         identifierOf(p.child("cbc:EndpointID")),
		Address:          addressOf(p.child("cac:PostalAddress")),
		Contact: Contact{
			Name:      p.str("cac:Contact", "cbc:Name"),
			Telephone: p.str("cac:Contact", "cbc:Telephone"),
			Email:     p.str("cac:Contact", "cbc:ElectronicMail"),
		},
	}
	for _, id := range p.all("cac:PartyIdentification", "cbc:ID") {
		party.IDs = append(party.IDs, identifierOf(id))
	}
	for _, id := range p.all("cac:PartyLegalEntity", "cbc:CompanyID") {
		party.LegalIDs = append(party.LegalIDs, identifierOf(id))
	}
	for _, ts := range p.children("cac:PartyTaxScheme") {
		id := ts.str("cbc:CompanyID")
		if strings.EqualFold(ts.str("cac:TaxScheme", "cbc:ID"), "VAT") {
			if party.VATNumber == "" {
				party.VATNumber = id
			}
		} else if party.TaxNumber == "" {
			party.TaxNumber = id
		}
	}
	return party
}

func addressOf(a *node) Address {
	if a == nil {
		return Address{}
	}
	return Address{
		Street:           a.str("cbc:StreetName"),
		AdditionalStreet: a.str("cbc:AdditionalStreetName"),
		Line:             a.str("cac:AddressLine", "cbc:Line"),
		City:             a.str("cbc:CityName"),
		PostalCode:       a.str("cbc:PostalZone"),
		Subdivision:      a.str("cbc:CountrySubentity"),
		Country:          strings.ToUpper(a.str("cac:Country", "cbc:IdentificationCode")),
	}
}

func paymentMeansOf(pm *node) PaymentMeans {
	code := pm.child("cbc:PaymentMeansCode")
	name, _ := code.attr("name")
	return PaymentMeans{
		Code:           strings.TrimSpace(textOf(code)),
		CodeName:       strings.TrimSpace(name),
		PaymentID:      pm.str("cbc:PaymentID"),
		DueDate:        dateOf(pm.child("cbc:PaymentDueDate")),
		Account:        pm.str("cac:PayeeFinancialAccount", "cbc:ID"),
		AccountName:    pm.str("cac:PayeeFinancialAccount", "cbc:Name"),
		BIC:            pm.str("cac:PayeeFinancialAccount", "cac:FinancialInstitutionBranch", "cbc:ID"),
		MandateID:      pm.str("cac:PaymentMandate", "cbc:ID"),
		DebitedAccount: pm.str("cac:PaymentMandate", "cac:PayerFinancialAccount", "cbc:ID"),
		CardNumber:     pm.str("cac:CardAccount", "cbc:PrimaryAccountNumberID"),
	}
}

func taxCategoryOf(c *node) TaxCategory {
	if c == nil {
		return TaxCategory{}
	}
	tc := TaxCategory{
		ID:                  collapse(textOf(c.child("cbc:ID"))),
		ExemptionReason:     c.str("cbc:TaxExemptionReason"),
		ExemptionReasonCode: c.str("cbc:TaxExemptionReasonCode"),
		Scheme:              c.str("cac:TaxScheme", "cbc:ID"),
	}
	if p := c.child("cbc:Percent"); p != nil {
		tc.Percent, _, tc.HasPercent = parseDecimal(p.text)
	}
	return tc
}

func allowanceChargeOf(ac *node) AllowanceCharge {
	a := AllowanceCharge{
		Charge:     isTrue(textOf(ac.child("cbc:ChargeIndicator"))),
		ReasonCode: ac.str("cbc:AllowanceChargeReasonCode"),
		Reason:     ac.str("cbc:AllowanceChargeReason"),
		Amount:     amountOf(ac.child("cbc:Amount")),
		BaseAmount: amountOf(ac.child("cbc:BaseAmount")),
		Tax:        taxCategoryOf(ac.child("cac:TaxCategory")),
	}
	if f := ac.child("cbc:MultiplierFactorNumeric"); f != nil {
		a.Percent, _, _ = parseDecimal(f.text)
	}
	return a
}

func lineOf(l *node) Line {
	qty := l.child("cbc:InvoicedQuantity")
	if qty == nil {
		qty = l.child("cbc:CreditedQuantity")
	}
	line := Line{
		ID:             l.str("cbc:ID"),
		Note:           l.str("cbc:Note"),
		Quantity:       quantityOf(qty),
		NetAmount:      amountOf(l.child("cbc:LineExtensionAmount")),
		AccountingCost: l.str("cbc:AccountingCost"),
		OrderLineRef:   l.str("cac:OrderLineReference", "cbc:LineID"),
		Name:           l.str("cac:Item", "cbc:Name"),
		Description:    l.str("cac:Item", "cbc:Description"),
		SellerItemID:   l.str("cac:Item", "cac:SellersItemIdentification", "cbc:ID"),
		StandardItemID: identifierOf(l.at("cac:Item", "cac:StandardItemIdentification", "cbc:ID")),
		Tax:            taxCategoryOf(l.at("cac:Item", "cac:ClassifiedTaxCategory")),
		Price:          amountOf(l.at("cac:Price", "cbc:PriceAmount")),
		BaseQuantity:   quantityOf(l.at("cac:Price", "cbc:BaseQuantity")),
	}
	if p := l.child("cac:InvoicePeriod"); p != nil {
		line.PeriodStart, line.PeriodEnd = dateOf(p.child("cbc:StartDate")), dateOf(p.child("cbc:EndDate"))
	}
	for _, ac := range l.children("cac:AllowanceCharge") {
		line.AllowanceCharges = append(line.AllowanceCharges, allowanceChargeOf(ac))
	}
	return line
}

// sum adds the values of amounts.
func sum(amounts ...Amount) decimal.Decimal {
	total := decimal.Zero
	for _, a := range amounts {
		total = total.Add(a.Value)
	}
	return total
}
