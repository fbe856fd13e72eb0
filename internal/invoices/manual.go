package invoices

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/iban"
	"spil/internal/money"
)

// MaxPDFBytes is the largest PDF accepted with an invoice entered by hand.
const MaxPDFBytes = 10 << 20

// ManualInput is an invoice entered by hand from its PDF. Amounts are
// typed as people write them ("1.234,56" in Dutch, "1,234.56" in English,
// read with money.ParseInput in Lang); the amount incl. VAT is excl. + VAT.
type ManualInput struct {
	Lang         string // "nl" or "en": how amounts are written
	Kind         Kind   // "" is an invoice
	SupplierID   string // a known supplier, or
	SupplierName string // the name as on the invoice
	Number       string
	IssueDate    string // YYYY-MM-DD
	DueDate      string // YYYY-MM-DD, optional
	Currency     string // "" is EUR
	TotalExcl    string
	VAT          string
	IBAN         string // optional; refused when not a valid IBAN
	BIC          string
	Reference    string // the payment reference to quote
	Notes        string
	Filename     string
	PDF          []byte
}

// RegisterPDF registers an invoice entered by hand, with its PDF kept as
// the attachment. A credit note's amounts are entered positive and stored
// negative. The checks are those of an e-invoice.
//
// Errors: NotFound when the actor may not see invoices; Forbidden without
// authz.InvoicesPrepare or InvoicesApprove; Invalid with fields pdf (not
// a PDF, empty, over 10 MiB), supplier_id, supplier_name, number,
// issue_date, due_date, currency, total_excl, vat, iban, bic, notes.
func (s *Service) RegisterPDF(ctx context.Context, actor *authz.Actor, in ManualInput) (Imported, error) {
	if !canSee(actor) {
		return Imported{}, errNotFound()
	}
	if !canPrepare(actor) {
		return Imported{}, apperr.Forbiddenf("you may not register invoices")
	}
	f := apperr.Fields{}
	switch {
	case len(in.PDF) == 0:
		f.Add("pdf", "choose the invoice's PDF")
	case len(in.PDF) > MaxPDFBytes:
		f.Add("pdf", "the PDF is larger than 10 MiB")
	case !bytes.HasPrefix(in.PDF, []byte("%PDF-")):
		f.Add("pdf", "this file is not a PDF")
	}
	inv := Invoice{ID: newID(), Kind: KindInvoice, Status: StatusRegistered, Channel: ChannelPDF, Warnings: []Finding{}}
	switch in.Kind {
	case "", KindInvoice:
	case KindCreditNote:
		inv.Kind = KindCreditNote
	default:
		f.Add("kind", "choose invoice or credit note")
	}
	inv.Number = strings.TrimSpace(in.Number)
	switch {
	case inv.Number == "":
		f.Add("number", "enter the invoice number")
	case utf8.RuneCountInString(inv.Number) > 100:
		f.Add("number", "the invoice number is too long: use at most 100 characters")
	}
	inv.SupplierName = strings.TrimSpace(in.SupplierName)
	if utf8.RuneCountInString(inv.SupplierName) > 200 {
		f.Add("supplier_name", "the supplier name is too long: use at most 200 characters")
	}
	if in.SupplierID != "" {
		var name, vat, kvk string
		err := s.DB.R.QueryRowContext(ctx, `SELECT name, vat_number, kvk_number FROM suppliers WHERE id = $1`, in.SupplierID).Scan(&name, &vat, &kvk)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			f.Add("supplier_id", "choose one of the known suppliers")
		case err != nil:
			return Imported{}, fmt.Errorf("load supplier: %w", err)
		default:
			inv.SupplierID, inv.SupplierName, inv.SupplierVAT, inv.SupplierKvK = in.SupplierID, name, vat, kvk
		}
	} else if inv.SupplierName == "" {
		f.Add("supplier_name", "choose a supplier or enter its name")
	}
	if d, err := time.Parse("2006-01-02", strings.TrimSpace(in.IssueDate)); err != nil {
		f.Add("issue_date", "enter a date")
	} else {
		inv.IssueDate = dateText(d)
	}
	if strings.TrimSpace(in.DueDate) != "" {
		if d, err := time.Parse("2006-01-02", strings.TrimSpace(in.DueDate)); err != nil {
			f.Add("due_date", "enter a date")
		} else {
			inv.DueDate = dateText(d)
		}
	}
	inv.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if inv.Currency == "" {
		inv.Currency = money.EUR
	}
	if !money.KnownCurrency(inv.Currency) {
		f.Add("currency", "unknown currency")
		inv.Currency = money.EUR
	}
	amount := func(field, s string) int64 {
		a, err := money.ParseInput(in.Lang, field, s, inv.Currency)
		if err != nil {
			// money's own messages name the problem in English only; the
			// form asks for the amount in one sentence that is translated.
			f.Add(field, "enter the amount in euros and cents")
			return 0
		}
		if a.Sign() < 0 {
			f.Add(field, "enter the amount without a minus sign")
			return 0
		}
		c, err := a.Minor()
		if err != nil {
			f.Add(field, "use at most two decimals for the cents")
			return 0
		}
		return c
	}
	excl := amount("total_excl", in.TotalExcl)
	vat := amount("vat", in.VAT)
	sign := int64(1)
	if inv.Kind == KindCreditNote {
		sign = -1
	}
	inv.TotalExclCents, inv.VATCents = sign*excl, sign*vat
	inv.TotalInclCents = inv.TotalExclCents + inv.VATCents
	inv.PayableCents = inv.TotalInclCents
	if strings.TrimSpace(in.IBAN) != "" {
		if a, err := iban.Parse("iban", in.IBAN); err != nil {
			for k, v := range apperr.FieldsOf(err) {
				f.Add(k, v)
			}
		} else {
			inv.IBAN = a.String()
		}
	}
	if strings.TrimSpace(in.BIC) != "" {
		if b, err := iban.ParseBIC("bic", in.BIC); err != nil {
			for k, v := range apperr.FieldsOf(err) {
				f.Add(k, v)
			}
		} else {
			inv.BIC = b.String()
		}
	}
	inv.PaymentReference = strings.TrimSpace(in.Reference)
	if utf8.RuneCountInString(inv.PaymentReference) > 140 {
		f.Add("reference", "the payment reference is too long: use at most 140 characters")
	}
	inv.Notes = strings.TrimSpace(in.Notes)
	if utf8.RuneCountInString(inv.Notes) > MaxNotes {
		f.Add("notes", "the notes are too long: use at most 4000 characters")
	}
	if err := f.Err(); err != nil {
		return Imported{}, err
	}
	name := filepath.Base(strings.ReplaceAll(in.Filename, "\\", "/"))
	if name == "" || name == "." || name == "/" {
		name = "invoice.pdf"
	}
	inv.Attachments = []Attachment{{Position: 1, Filename: name, ContentType: "application/pdf", Size: int64(len(in.PDF)), Content: in.PDF}}
	return s.register(ctx, actor, inv, nil)
}
