package api

import (
	"context"
	"io"
	"mime"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/authz"
	"spil/internal/invoices"
)

const invoicesTag = "Invoices"

// invoicesRead is everyone who works with invoices: assistants and the
// Office Manager (prepare), the Office Manager (approve), directors
// (countersign). The service decides what each may do.
var invoicesRead = authz.Need(authz.InvoicesPrepare, authz.InvoicesApprove, authz.InvoicesCountersign)

type importInvoiceInput struct {
	ContentType string `header:"Content-Type" doc:"application/xml (or text/xml) for the UBL document as the body; multipart/form-data with the file in a part named file."`
	RawBody     []byte `contentType:"application/xml" doc:"The UBL 2.1 Invoice or CreditNote."`
}

type listInvoicesInput struct {
	Status     string `query:"status" enum:"registered,on_hold,rejected,approved,paid" doc:"Only invoices with this status (registered = waiting for approval)."`
	SupplierID string `query:"supplier_id" doc:"Only this supplier's invoices."`
	Q          string `query:"q" maxLength:"100" doc:"Search in supplier name and invoice number."`
	Overdue    bool   `query:"overdue" doc:"Only invoices not paid nor rejected whose due date has passed."`
	Waiting    bool   `query:"waiting_for_me" doc:"Only invoices waiting for an approval step the caller can give."`
	Limit      int    `query:"limit" minimum:"0" maximum:"1000" doc:"At most this many; default 200."`
}

type approveInvoiceInput struct {
	PathID
	Body struct {
		Step string `json:"step,omitempty" enum:"approve,countersign" doc:"approve (Office Manager) or countersign (director); empty chooses by the caller's authority."`
	}
}

type reasonInput struct {
	PathID
	Body struct {
		Reason string `json:"reason" maxLength:"1000" doc:"Why; required to reject."`
	}
}

type codeInvoiceInput struct {
	PathID
	Body struct {
		SupplierID     string `json:"supplier_id,omitempty" doc:"Link the invoice to this supplier (one that was unknown at import); empty keeps it."`
		BudgetCategory string `json:"budget_category" doc:"A budget category key (see the budget); empty clears it."`
		ContractID     string `json:"contract_id" doc:"One of the supplier's contracts; empty clears it."`
		Notes          string `json:"notes" maxLength:"4000"`
	}
}

type attachmentInput struct {
	PathID
	AttachmentID string `path:"attachment_id" minLength:"1"`
}

type fileBody struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

type invoiceSettingsInput struct {
	Body InvoiceSettings
}

func (a *API) registerInvoices() {
	register(a, op{
		ID: "import-invoice", Method: http.MethodPost, Path: "/invoices/import", Tag: invoicesTag,
		Summary: "Import a UBL e-invoice",
		Description: "Registers an incoming UBL 2.1 invoice or credit note (Peppol BIS Billing 3.0, NLCIUS / SI-UBL 2.0, plain UBL). " +
			"Send the XML as the body (application/xml) or as the part `file` of a multipart/form-data upload. The document is validated " +
			"(UBL 2.1 schema, EN 16931, Dutch rules): errors refuse it with a 422 problem whose `errors` name the element (`location` " +
			"body.<path>) and the rule, and nothing is stored; warnings are kept on the invoice. Hostile XML (DOCTYPE, entities, deep nesting) " +
			"is refused; a body over 20 MiB answers 413. The answer is the stored invoice with its checks (duplicate — same supplier and " +
			"number, also when an earlier copy came by upload or PDF —, likely duplicate, known supplier, IBAN trusted, contract, totals, " +
			"suggested budget category). A duplicate is stored and flagged, not refused. Credit notes are stored with negative amounts.",
		Access: authz.Need(authz.InvoicesPrepare, authz.InvoicesApprove), Status: http.StatusCreated,
		Errors:  []int{http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge},
		MaxBody: invoices.MaxDocumentBytes + 64<<10,
	}, func(ctx context.Context, in *importInvoiceInput) (*body[InvoiceImported], error) {
		// The body itself, or the part "file" of a multipart upload.
		file, _, err := icsUpload(in.ContentType, in.RawBody)
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(file)
		if err != nil {
			return nil, err
		}
		out, err := a.Invoices.ImportUBL(ctx, actorFrom(ctx), data, invoices.ChannelAPI)
		if err != nil {
			return nil, err
		}
		return bodyOf(InvoiceImported{Invoice: invoiceOf(out.Invoice), Checks: invoiceChecksOf(out.Checks)}), nil
	})
	a.documentUBL(http.MethodPost, "/invoices/import")

	register(a, op{
		ID: "list-invoices", Method: http.MethodGet, Path: "/invoices", Tag: invoicesTag,
		Summary: "List invoices",
		Description: "Lists incoming invoices, newest issue date first, with filters: status, supplier, search, overdue, and " +
			"waiting_for_me (invoices waiting for an approval step the caller can give). Lines, attachments and checks are in get-invoice.",
		Access: invoicesRead,
	}, func(ctx context.Context, in *listInvoicesInput) (*body[[]Invoice], error) {
		items, err := a.Invoices.List(ctx, actorFrom(ctx), invoices.Filter{Status: invoices.Status(in.Status), SupplierID: in.SupplierID,
			Query: in.Q, Overdue: in.Overdue, WaitingForMe: in.Waiting, Limit: in.Limit})
		if err != nil {
			return nil, err
		}
		out := make([]Invoice, 0, len(items))
		for _, it := range items {
			inv := invoiceOf(it.Invoice)
			inv.MyStep, inv.NeedsCountersign = string(it.MyStep), it.NeedsCountersign
			out = append(out, inv)
		}
		return bodyOf(out), nil
	})

	register(a, op{
		ID: "get-invoice", Method: http.MethodGet, Path: "/invoices/{id}", Tag: invoicesTag,
		Summary: "Get an invoice",
		Description: "Returns an invoice with its lines, attachments, approval steps and checks (recomputed now: a duplicate that came in " +
			"later, a bank account confirmed since), the approval limit, the budget category's position in the invoice's year with this " +
			"invoice counted, and the contract's yearly value against what was invoiced on it.",
		Access: invoicesRead, Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[InvoiceDetail], error) {
		d, err := a.Invoices.Get(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(invoiceDetailOf(d)), nil
	})

	register(a, op{
		ID: "approve-invoice", Method: http.MethodPost, Path: "/invoices/{id}/approve", Tag: invoicesTag,
		Summary: "Approve or countersign an invoice",
		Description: "Gives the caller's approval step. The Office Manager approves (invoices.approve); above the organization's approval " +
			"limit (default € 2,500.00; compared with the larger of the total incl. VAT and the amount due; an invoice in another currency always) a director countersigns as well (invoices.countersign, step countersign), and the two " +
			"must be different people. Whoever registered the invoice is never its only approver: when they approve, someone else " +
			"approves or countersigns too. A Management Assistant can never approve (403). The invoice is approved when the steps are " +
			"complete. Giving the same step again, or any step on an approved invoice, changes nothing and returns the invoice (200). " +
			"On hold, rejected: 409; also 409 while another copy of the invoice (same supplier and number) is registered and not " +
			"rejected — reject the copy first, so one bill is paid once. Concurrent approvals are serialized per invoice.",
		Access: authz.Need(authz.InvoicesApprove, authz.InvoicesCountersign),
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *approveInvoiceInput) (*body[Invoice], error) {
		inv, err := a.Invoices.Approve(ctx, actorFrom(ctx), in.ID, invoices.Step(in.Body.Step))
		if err != nil {
			return nil, err
		}
		return bodyOf(invoiceOf(inv)), nil
	})

	register(a, op{
		ID: "reject-invoice", Method: http.MethodPost, Path: "/invoices/{id}/reject", Tag: invoicesTag,
		Summary: "Reject an invoice",
		Description: "Rejects an invoice waiting for approval or on hold, with a reason (required). A rejected invoice is never paid and " +
			"no longer counts as a duplicate of later copies.",
		Access: authz.Need(authz.InvoicesApprove, authz.InvoicesCountersign),
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *reasonInput) (*body[Invoice], error) {
		inv, err := a.Invoices.Reject(ctx, actorFrom(ctx), in.ID, in.Body.Reason)
		if err != nil {
			return nil, err
		}
		return bodyOf(invoiceOf(inv)), nil
	})

	register(a, op{
		ID: "hold-invoice", Method: http.MethodPost, Path: "/invoices/{id}/hold", Tag: invoicesTag,
		Summary:     "Put an invoice on hold",
		Description: "Puts an invoice waiting for approval on hold (reason optional): it cannot be approved until released with release-invoice.",
		Access:      invoicesRead, Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *reasonInput) (*body[Invoice], error) {
		inv, err := a.Invoices.Hold(ctx, actorFrom(ctx), in.ID, in.Body.Reason)
		if err != nil {
			return nil, err
		}
		return bodyOf(invoiceOf(inv)), nil
	})

	register(a, op{
		ID: "release-invoice", Method: http.MethodPost, Path: "/invoices/{id}/release", Tag: invoicesTag,
		Summary:     "Release an invoice from hold",
		Description: "Takes an invoice off hold: it waits for approval again, with the steps given before.",
		Access:      invoicesRead, Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*body[Invoice], error) {
		inv, err := a.Invoices.Release(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(invoiceOf(inv)), nil
	})

	register(a, op{
		ID: "code-invoice", Method: http.MethodPut, Path: "/invoices/{id}/coding", Tag: invoicesTag,
		Summary: "Code an invoice",
		Description: "Sets an invoice's budget category, contract and notes, and links it to a supplier that was unknown at import (its " +
			"IBAN is then added to the supplier's accounts, untrusted). Management Assistants and the Office Manager code invoices until " +
			"they are approved (409 after).",
		Access: authz.Need(authz.InvoicesPrepare, authz.InvoicesApprove),
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *codeInvoiceInput) (*body[Invoice], error) {
		inv, err := a.Invoices.Code(ctx, actorFrom(ctx), in.ID, invoices.Coding{SupplierID: in.Body.SupplierID,
			BudgetCategory: in.Body.BudgetCategory, ContractID: in.Body.ContractID, Notes: in.Body.Notes})
		if err != nil {
			return nil, err
		}
		return bodyOf(invoiceOf(inv)), nil
	})

	register(a, op{
		ID: "get-invoice-attachment", Method: http.MethodGet, Path: "/invoices/{id}/attachments/{attachment_id}", Tag: invoicesTag,
		Summary:     "Download an invoice attachment",
		Description: "Returns a document kept with an invoice (embedded in the e-invoice, or the PDF of one entered by hand) with its content type.",
		Access:      invoicesRead, Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *attachmentInput) (*fileBody, error) {
		att, err := a.Invoices.AttachmentFile(ctx, actorFrom(ctx), in.ID, in.AttachmentID)
		if err != nil {
			return nil, err
		}
		return &fileBody{ContentType: att.ContentType, Body: att.Content,
			ContentDisposition: mime.FormatMediaType("attachment", map[string]string{"filename": att.Filename})}, nil
	})

	register(a, op{
		ID: "get-invoice-settings", Method: http.MethodGet, Path: "/invoice-settings", Tag: invoicesTag,
		Summary:     "Get the approval limit",
		Description: "Returns the organization's approval limit: up to it (incl. VAT) the Office Manager approves alone.",
		Access:      invoicesRead,
	}, func(ctx context.Context, _ *struct{}) (*body[InvoiceSettings], error) {
		st, err := a.Invoices.Settings(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		return bodyOf(InvoiceSettings(st)), nil
	})

	register(a, op{
		ID: "update-invoice-settings", Method: http.MethodPut, Path: "/invoice-settings", Tag: invoicesTag,
		Summary:     "Change the approval limit",
		Description: "Changes the approval limit (the Office Manager). Invoices waiting are judged by the new limit; approved ones stay approved.",
		Access:      authz.Need(authz.InvoicesApprove), Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *invoiceSettingsInput) (*body[InvoiceSettings], error) {
		st, err := a.Invoices.SetApprovalLimit(ctx, actorFrom(ctx), in.Body.ApprovalLimitCents)
		if err != nil {
			return nil, err
		}
		return bodyOf(InvoiceSettings(st)), nil
	})
}

// documentUBL adds text/xml and the multipart upload to the documented
// request body of the operation at method path.
func (a *API) documentUBL(method, path string) {
	o := a.operation(method, path)
	if o == nil || o.RequestBody == nil {
		return
	}
	o.RequestBody.Content["text/xml"] = o.RequestBody.Content["application/xml"]
	o.RequestBody.Content["multipart/form-data"] = &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeObject,
		Properties: map[string]*huma.Schema{"file": {Type: huma.TypeString, Format: "binary", Description: "The UBL XML file."}}}}
}
