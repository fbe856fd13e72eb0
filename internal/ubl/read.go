package ubl

import (
	"errors"
	"fmt"
	"io"

	"spil/internal/apperr"
)

// Limits bound what Read accepts from outside input.
type Limits struct {
	// MaxBytes is the largest document read; larger input is rejected.
	MaxBytes int64
	// MaxDepth is how deeply elements may nest. Real invoices stay below
	// 15 levels; extensions (signatures) add a few.
	MaxDepth int
	// MaxElements is the most elements a document may have.
	MaxElements int
	// MaxAttachmentBytes is the largest decoded embedded attachment kept;
	// a larger one is listed without its data and reported by Validate.
	MaxAttachmentBytes int
}

// DefaultLimits are the limits Read uses: 20 MiB per document, nesting 64
// deep, 200,000 elements, 10 MiB per decoded attachment.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 20 << 20, MaxDepth: 64, MaxElements: 200_000, MaxAttachmentBytes: 10 << 20}
}

// Read reads a UBL 2.1 Invoice or CreditNote with DefaultLimits. See
// ReadWith.
func Read(r io.Reader) (*Document, error) { return ReadWith(r, DefaultLimits()) }

// ReadWith reads a UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0,
// NLCIUS / SI-UBL 2.0, or plain UBL 2.1) into a Document.
//
// It returns an apperr.Invalid error, whose Fields name the element path
// and whose message gives the line, when the input is larger than
// lim.MaxBytes, is not well-formed XML, contains a DOCTYPE or other markup
// declaration, nests deeper than lim.MaxDepth, has more than
// lim.MaxElements elements, or is not a UBL Invoice or CreditNote (wrong
// root element or namespace). Errors of r are returned wrapped as they are.
//
// Everything else — missing or misplaced elements, values that are not
// numbers or dates, broken business rules — does not stop reading: the
// Document holds what could be read and Validate reports the rest.
func ReadWith(r io.Reader, lim Limits) (*Document, error) {
	def := DefaultLimits()
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = def.MaxBytes
	}
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = def.MaxDepth
	}
	if lim.MaxElements <= 0 {
		lim.MaxElements = def.MaxElements
	}
	if lim.MaxAttachmentBytes <= 0 {
		lim.MaxAttachmentBytes = def.MaxAttachmentBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("ubl: read: %w", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, invalid(&readError{msg: fmt.Sprintf("the document is larger than %d bytes (%s)", lim.MaxBytes, sizeText(lim.MaxBytes))})
	}
	root, err := parseTree(data, lim)
	if err != nil {
		return nil, invalid(err)
	}
	kind, err := rootKind(root)
	if err != nil {
		return nil, invalid(err)
	}
	root.name = map[Kind]string{KindInvoice: "Invoice", KindCreditNote: "CreditNote"}[kind]
	d := &Document{Kind: kind, root: root, lim: lim}
	d.fill(lim)
	return d, nil
}

// invalid wraps a read problem as an apperr.Invalid error.
func invalid(err error) error {
	var re *readError
	if !errors.As(err, &re) {
		return &apperr.Error{Kind: apperr.Invalid, Message: "unreadable UBL document", Err: err}
	}
	if len(re.path) > 200 {
		re.path = "…" + re.path[len(re.path)-199:]
	}
	field := re.path
	if field == "" {
		field = "document"
	}
	msg := re.msg
	if re.line > 0 {
		msg = fmt.Sprintf("line %d: %s", re.line, re.msg)
	}
	return &apperr.Error{Kind: apperr.Invalid, Message: "unreadable UBL document", Fields: map[string]string{field: msg}}
}

func sizeText(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// rootKind accepts the two UBL roots in their namespaces.
func rootKind(root *node) (Kind, error) {
	switch root.name {
	case "{" + nsInvoice + "}Invoice":
		return KindInvoice, nil
	case "{" + nsCreditNote + "}CreditNote":
		return KindCreditNote, nil
	case "{" + nsCII + "}CrossIndustryInvoice":
		return 0, &readError{path: "/" + root.name, line: root.line, msg: "this is a UN/CEFACT CII invoice, not UBL; spil reads UBL 2.1 Invoice and CreditNote"}
	}
	local, space := root.name, ""
	if len(local) > 0 && local[0] == '{' {
		for i := range local {
			if local[i] == '}' {
				space, local = local[1:i], local[i+1:]
				break
			}
		}
	}
	msg := fmt.Sprintf("not a UBL 2.1 Invoice or CreditNote: the document element is <%s>", local)
	switch {
	case space == "" && (local == "Invoice" || local == "CreditNote"):
		msg += " without the UBL namespace"
	case space != "" && (local == "Invoice" || local == "CreditNote"):
		msg += fmt.Sprintf(" in namespace %q instead of the UBL one", space)
	case space != "":
		msg += fmt.Sprintf(" in namespace %q", space)
	}
	return 0, &readError{path: "/" + local, line: root.line, msg: msg}
}
