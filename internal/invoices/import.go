package invoices

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/iban"
	"spil/internal/money"
	"spil/internal/ubl"
)

// MaxDocumentBytes is the largest UBL document accepted (the ubl reader's
// default limit); transports cap request bodies a little above it.
const MaxDocumentBytes = 20 << 20

// Imported is the result of an import: the stored invoice and its checks.
type Imported struct {
	Invoice Invoice `json:"invoice"`
	Checks  Checks  `json:"checks"`
}

// ImportUBL registers a UBL 2.1 invoice or credit note (Peppol BIS 3.0,
// NLCIUS / SI-UBL 2.0, plain UBL) that came in through channel (upload or
// api). The document is read and validated by internal/ubl: warnings are
// kept on the invoice, errors refuse the import and nothing is stored. The
// supplier is matched (VAT, KvK, name); a new IBAN of a known supplier is
// added to its accounts untrusted; the invoice is coded with the suggested
// budget category and matching contract; the checks are returned.
//
// A duplicate (same supplier and number) is stored and flagged, not
// refused: the person handling it sees both and rejects one.
//
// Errors: NotFound when the actor may not see invoices; Forbidden without
// authz.InvoicesPrepare or InvoicesApprove; Invalid for unreadable,
// hostile or non-UBL input (field: the element path) and for documents with
// validation errors (fields: element path → "RULE: message").
func (s *Service) ImportUBL(ctx context.Context, actor *authz.Actor, data []byte, channel Channel) (Imported, error) {
	if !canSee(actor) {
		return Imported{}, errNotFound()
	}
	if !canPrepare(actor) {
		return Imported{}, apperr.Forbiddenf("you may not register invoices")
	}
	if channel != ChannelUpload && channel != ChannelAPI {
		channel = ChannelUpload
	}
	inv, err := parseUBL(data)
	if err != nil {
		return Imported{}, err
	}
	inv.Channel = channel
	return s.register(ctx, actor, inv, data)
}

// parseUBL reads, validates and maps a UBL document: the part of the
// import that needs no database.
func parseUBL(data []byte) (Invoice, error) {
	doc, err := ubl.Read(bytes.NewReader(data))
	if err != nil {
		return Invoice{}, err
	}
	findings := doc.Validate()
	if err := ubl.Err(findings); err != nil {
		return Invoice{}, err
	}
	return fromDocument(doc, findings)
}

// fromDocument maps a validated document to an invoice.
func fromDocument(doc *ubl.Document, findings []ubl.Finding) (Invoice, error) {
	inv := Invoice{
		ID:             newID(),
		Kind:           KindInvoice,
		SupplierName:   doc.Supplier.DisplayName(),
		SupplierVAT:    strings.ToUpper(strings.ReplaceAll(doc.Supplier.VATNumber, " ", "")),
		SupplierKvK:    doc.Supplier.KvK(),
		Number:         strings.TrimSpace(doc.ID),
		Currency:       doc.Currency,
		BuyerReference: doc.BuyerReference,
		OrderReference: doc.OrderReference,
		Status:         StatusRegistered,
		Profile:        doc.Profile().String(),
		Warnings:       []Finding{},
	}
	if doc.Kind == ubl.KindCreditNote {
		inv.Kind = KindCreditNote
	}
	if inv.SupplierName == "" {
		inv.SupplierName = doc.Supplier.RegistrationName
	}
	if !doc.IssueDate.IsZero() {
		inv.IssueDate = doc.IssueDate.String()
	}
	if !doc.DueDate.IsZero() {
		inv.DueDate = doc.DueDate.String()
	}
	f := apperr.Fields{}
	if inv.Number == "" {
		f.Add("cbc:ID", "the invoice has no number")
	}
	if inv.IssueDate == "" {
		f.Add("cbc:IssueDate", "the invoice has no issue date")
	}
	if inv.Currency == "" {
		// cbc:DocumentCurrencyCode is optional in plain UBL 2.1: the
		// amounts' currencyID says it then.
		inv.Currency = doc.Totals.Payable.Currency
	}
	if !money.KnownCurrency(inv.Currency) {
		f.Add("cbc:DocumentCurrencyCode", fmt.Sprintf("unknown currency %q", inv.Currency))
		return inv, f.Err()
	}
	sign := int64(1)
	if inv.Kind == KindCreditNote {
		sign = -1
	}
	cents := func(path string, a ubl.Amount) int64 {
		if !a.Present {
			return 0
		}
		m, err := money.New(a.Value, inv.Currency)
		if err != nil {
			f.Add(path, apperr.MessageOf(err))
			return 0
		}
		c, err := m.Round().Minor()
		if err != nil {
			f.Add(path, apperr.MessageOf(err))
			return 0
		}
		return sign * c
	}
	t := doc.Totals
	// Plain UBL may leave out the tax exclusive and inclusive totals (the
	// OASIS trivial example); they are then taken from the line total and
	// the VAT.
	if t.TaxExclusive.Present {
		inv.TotalExclCents = cents("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", t.TaxExclusive)
	} else {
		inv.TotalExclCents = cents("cac:LegalMonetaryTotal/cbc:LineExtensionAmount", t.LineExtension)
	}
	inv.PayableCents = cents("cac:LegalMonetaryTotal/cbc:PayableAmount", t.Payable)
	vat := doc.VAT()
	switch {
	case vat != nil:
		inv.VATCents = cents("cac:TaxTotal/cbc:TaxAmount", vat.Amount)
	case t.TaxInclusive.Present:
		inv.VATCents = cents("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", t.TaxInclusive) - inv.TotalExclCents
	}
	if t.TaxInclusive.Present {
		inv.TotalInclCents = cents("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", t.TaxInclusive)
	} else {
		inv.TotalInclCents = inv.TotalExclCents + inv.VATCents
	}
	for i, l := range doc.Lines {
		line := Line{Position: i + 1, LineID: l.ID, Name: l.Name, Quantity: l.Quantity.Value.String(), Unit: l.Quantity.UnitCode,
			NetCents:    cents(fmt.Sprintf("cac:InvoiceLine[%d]/cbc:LineExtensionAmount", i+1), l.NetAmount),
			VATCategory: l.Tax.ID}
		if l.Tax.HasPercent {
			line.VATRate = l.Tax.Percent.String()
		}
		if l.Price.Present {
			line.Price = l.Price.Value.String()
		}
		inv.Lines = append(inv.Lines, line)
	}
	for _, pm := range doc.PaymentMeans {
		if pm.Account == "" {
			continue
		}
		inv.IBAN = iban.Normalize(pm.Account)
		inv.BIC = strings.ToUpper(strings.TrimSpace(pm.BIC))
		inv.PaymentReference = pm.PaymentID
		break
	}
	if inv.PaymentReference == "" {
		for _, pm := range doc.PaymentMeans {
			if pm.PaymentID != "" {
				inv.PaymentReference = pm.PaymentID
				break
			}
		}
	}
	for i, a := range doc.Attachments {
		if !a.Embedded {
			continue
		}
		name := a.Filename
		if name == "" {
			name = a.ID
		}
		if name == "" {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		ct := a.MimeCode
		if ct == "" {
			ct = "application/octet-stream"
		}
		inv.Attachments = append(inv.Attachments, Attachment{Position: len(inv.Attachments) + 1, Filename: name,
			ContentType: ct, Description: a.Description, Size: int64(a.Size), Content: a.Data})
	}
	for _, fd := range findings {
		inv.Warnings = append(inv.Warnings, Finding{Rule: fd.Rule, Path: fd.Path, Line: fd.Line, Message: fd.Message})
	}
	return inv, f.Err()
}

// register stores a new invoice with its supplier match, new bank account
// and coding, and records it, in one transaction.
func (s *Service) register(ctx context.Context, actor *authz.Actor, inv Invoice, source []byte) (Imported, error) {
	inv.RegisteredBy = actor.PersonID
	inv.RegisteredByName = actor.Name
	var out Imported
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		now := s.Clock.Now().UTC()
		inv.RegisteredAt = now
		var sug suggestion
		if inv.SupplierID == "" {
			id, found, err := s.matchSupplier(ctx, tx, inv.SupplierVAT, inv.SupplierKvK, inv.SupplierName, inv.IBAN)
			if err != nil {
				return err
			}
			if found {
				inv.SupplierID = id
			}
		}
		if inv.SupplierID != "" && inv.IBAN != "" {
			if _, err := iban.Parse("iban", inv.IBAN); err == nil {
				known, trusted, err := s.accountStatus(ctx, tx, inv.SupplierID, inv.IBAN)
				if err != nil {
					return err
				}
				if !known {
					if err := s.addAccountFromInvoice(ctx, tx, actor, inv.SupplierID, inv.IBAN, inv.BIC); err != nil {
						return err
					}
				}
				sug.trusted = &trusted
			}
		}
		made, err := s.suggest(ctx, tx, inv)
		if err != nil {
			return err
		}
		sug.ContractID, sug.ContractSubject, sug.Category, sug.Source = made.ContractID, made.ContractSubject, made.Category, made.Source
		if inv.ContractID == "" {
			inv.ContractID = sug.ContractID
		}
		if inv.BudgetCategory == "" {
			inv.BudgetCategory = sug.Category
		}
		if err := insertInvoice(ctx, tx, inv, source, now); err != nil {
			return err
		}
		checks, err := s.checks(ctx, tx, inv, &sug)
		if err != nil {
			return err
		}
		out = Imported{Invoice: inv, Checks: checks}
		return s.record(ctx, tx, actor, inv, "register",
			fmt.Sprintf("registered %s %s of %s (%s, %d cents)", inv.Kind, inv.Number, inv.SupplierName, inv.Channel, inv.PayableCents),
			nil, map[string]any{"number": inv.Number, "supplier": inv.SupplierName, "payable_cents": inv.PayableCents, "channel": inv.Channel})
	})
	if err != nil {
		return Imported{}, err
	}
	for i := range out.Invoice.Attachments {
		out.Invoice.Attachments[i].Content = nil
	}
	return out, nil
}
