package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/authz"
	"spil/internal/payments"
	"spil/internal/sepa"
)

const paymentsTag = "Payments"

var paymentsAccess = authz.Need(authz.OfficeManage)

// PaymentBatchItem is one invoice paid by a batch.
type PaymentBatchItem struct {
	InvoiceID    string `json:"invoice_id"`
	Number       string `json:"number"`
	SupplierID   string `json:"supplier_id"`
	CreditorName string `json:"creditor_name"`
	AmountCents  int64  `json:"amount_cents"`
	IBAN         string `json:"iban"`
	BIC          string `json:"bic,omitempty"`
	Remittance   string `json:"remittance,omitempty" doc:"Free text, when the invoice has no structured reference."`
	Reference    string `json:"reference,omitempty" doc:"Structured creditor reference."`
	Issuer       string `json:"issuer,omitempty" enum:"CUR,ISO," doc:"CUR: Dutch betalingskenmerk; ISO: RF reference."`
	EndToEndID   string `json:"end_to_end_id"`
}

// PaymentBatch is a SEPA credit transfer batch.
type PaymentBatch struct {
	ID            string             `json:"id"`
	MessageID     string             `json:"message_id"`
	Status        string             `json:"status" enum:"open,exported,executed,cancelled"`
	Format        string             `json:"format" enum:"pain.001.001.09,pain.001.001.03"`
	ExecutionDate string             `json:"execution_date" format:"date"`
	DebtorName    string             `json:"debtor_name"`
	DebtorIBAN    string             `json:"debtor_iban"`
	Count         int                `json:"count"`
	TotalCents    int64              `json:"total_cents"`
	CreatedBy     string             `json:"created_by"`
	CreatedAt     time.Time          `json:"created_at"`
	ExportedAt    *time.Time         `json:"exported_at,omitempty"`
	ExecutedAt    *time.Time         `json:"executed_at,omitempty"`
	CancelledAt   *time.Time         `json:"cancelled_at,omitempty"`
	Items         []PaymentBatchItem `json:"items,omitempty" doc:"In get-payment-batch and the answers of changes; a cancelled batch has none (its invoices were freed)."`
}

func batchOut(b payments.Batch) PaymentBatch {
	out := PaymentBatch{ID: b.ID, MessageID: b.MessageID, Status: b.Status, Format: b.Format, ExecutionDate: b.ExecutionDate,
		DebtorName: b.DebtorName, DebtorIBAN: b.DebtorIBAN, Count: b.Count, TotalCents: b.TotalCents, CreatedBy: b.CreatedBy,
		CreatedAt: b.CreatedAt, ExportedAt: b.ExportedAt, ExecutedAt: b.ExecutedAt, CancelledAt: b.CancelledAt}
	for _, it := range b.Items {
		out.Items = append(out.Items, PaymentBatchItem{InvoiceID: it.InvoiceID, Number: it.Number, SupplierID: it.SupplierID, CreditorName: it.CreditorName,
			AmountCents: it.AmountCents, IBAN: it.IBAN, BIC: it.BIC, Remittance: it.Remittance, Reference: it.Reference, Issuer: it.Issuer, EndToEndID: it.EndToEndID})
	}
	return out
}

// CreatePaymentBatchInput chooses the invoices of a new batch.
type CreatePaymentBatchInput struct {
	Body struct {
		InvoiceIDs    []string `json:"invoice_ids" minItems:"1" maxItems:"20000" doc:"Approved invoices with a trusted IBAN, in no other batch."`
		ExecutionDate string   `json:"execution_date,omitempty" format:"date" doc:"Default today; not in the past."`
		Format        string   `json:"format,omitempty" enum:"pain.001.001.09,pain.001.001.03" doc:"Default pain.001.001.09."`
	}
}

// PaymentFileInput names the batch and the file version.
type PaymentFileInput struct {
	PathID
	Format string `query:"format" enum:"pain.001.001.09,pain.001.001.03" doc:"Default the batch's format."`
}

// paymentFile is a pain.001 answer.
type paymentFile struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// PaymentSettings is the organization's paying account.
type PaymentSettings struct {
	DebtorName string `json:"debtor_name" maxLength:"140" example:"Van Dijk & De Boer Advocaten"`
	DebtorIBAN string `json:"debtor_iban" maxLength:"50" example:"NL02ABNA0123456789" doc:"Checked (checksum, country format, SEPA country) and stored without spaces."`
	DebtorBIC  string `json:"debtor_bic,omitempty" maxLength:"20" example:"ABNANL2A" doc:"Empty: taken from a Dutch IBAN's bank code."`
}

type cancelBatchInput struct {
	PathID
	Body *struct {
		BankDidNotExecute bool `json:"bank_did_not_execute,omitempty" doc:"For a downloaded batch: the bank did not execute its file and will not."`
	}
}

func (a *API) registerPayments() {
	register(a, op{
		ID: "get-payment-settings", Method: http.MethodGet, Path: "/payment-settings", Tag: paymentsTag,
		Summary:     "Get the paying account",
		Description: "Returns the organization's paying account, the debtor of every payment file (empty fields when not set).",
		Access:      paymentsAccess,
	}, func(ctx context.Context, _ *struct{}) (*body[PaymentSettings], error) {
		st, err := a.Payments.Settings(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		return bodyOf(PaymentSettings{DebtorName: st.DebtorName, DebtorIBAN: st.DebtorIBAN, DebtorBIC: st.DebtorBIC}), nil
	})

	register(a, op{
		ID: "update-payment-settings", Method: http.MethodPut, Path: "/payment-settings", Tag: paymentsTag,
		Summary:     "Set the paying account",
		Description: "Sets the organization's paying account; a bad IBAN or BIC is named by field (422). New batches use it; existing ones keep theirs.",
		Access:      paymentsAccess,
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body PaymentSettings }) (*body[PaymentSettings], error) {
		st, err := a.Payments.SetSettings(ctx, actorFrom(ctx), payments.Settings{DebtorName: in.Body.DebtorName, DebtorIBAN: in.Body.DebtorIBAN, DebtorBIC: in.Body.DebtorBIC})
		if err != nil {
			return nil, err
		}
		return bodyOf(PaymentSettings{DebtorName: st.DebtorName, DebtorIBAN: st.DebtorIBAN, DebtorBIC: st.DebtorBIC}), nil
	})

	register(a, op{
		ID: "list-payment-batches", Method: http.MethodGet, Path: "/payment-batches", Tag: paymentsTag,
		Summary:     "List payment batches",
		Description: "Lists the payment batches, newest first (at most 200), without their items. Office Manager only.",
		Access:      paymentsAccess,
	}, func(ctx context.Context, _ *struct{}) (*body[List[PaymentBatch]], error) {
		list, err := a.Payments.Batches(ctx, actorFrom(ctx), 200)
		if err != nil {
			return nil, err
		}
		out := make([]PaymentBatch, len(list))
		for i, b := range list {
			out[i] = batchOut(b)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "create-payment-batch", Method: http.MethodPost, Path: "/payment-batches", Tag: paymentsTag,
		Summary: "Make a payment batch",
		Description: "Makes a SEPA credit transfer batch (status open) of approved invoices, in one transaction: each must be approved, in euro, " +
			"with an amount to pay, paid into an IBAN that is a trusted account of its supplier, and in no other batch that is not cancelled — " +
			"also under concurrent requests. Refusals name each invoice (field invoices.<id>, 422) and nothing is stored. Credit notes are never batched. " +
			"Needs the organization's paying account (payment settings).",
		Access: paymentsAccess,
		Status: http.StatusCreated,
		Errors: []int{http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *CreatePaymentBatchInput) (*body[PaymentBatch], error) {
		b, err := a.Payments.Create(ctx, actorFrom(ctx), payments.CreateInput{InvoiceIDs: in.Body.InvoiceIDs, ExecutionDate: in.Body.ExecutionDate, Format: in.Body.Format})
		if err != nil {
			return nil, err
		}
		return bodyOf(batchOut(b)), nil
	})

	register(a, op{
		ID: "get-payment-batch", Method: http.MethodGet, Path: "/payment-batches/{id}", Tag: paymentsTag,
		Summary:     "Get a payment batch",
		Description: "Returns a payment batch with the invoices it pays.",
		Access:      paymentsAccess,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[PaymentBatch], error) {
		b, err := a.Payments.Batch(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(batchOut(b)), nil
	})

	register(a, op{
		ID: "download-payment-batch", Method: http.MethodGet, Path: "/payment-batches/{id}/file", Tag: paymentsTag,
		Summary: "Download the SEPA file",
		Description: "Returns the batch's pain.001 file (pain.001.001.09, or .03 on request) to upload to the bank; it validates against the " +
			"ISO 20022 schemas. The first download marks an open batch exported. A cancelled batch has no file (409).",
		Access: paymentsAccess,
		Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PaymentFileInput) (*paymentFile, error) {
		f, err := a.Payments.Download(ctx, actorFrom(ctx), in.ID, sepa.Version(in.Format))
		if err != nil {
			return nil, err
		}
		return &paymentFile{ContentType: "application/xml", ContentDisposition: `attachment; filename="` + f.Name + `"`, Body: f.Content}, nil
	})
	if o := a.operation(http.MethodGet, "/payment-batches/{id}/file"); o != nil {
		if r := o.Responses["200"]; r != nil {
			r.Content = map[string]*huma.MediaType{"application/xml": {Schema: &huma.Schema{Type: huma.TypeString, Description: "A pain.001 (SEPA credit transfer initiation) file."}}}
		}
	}

	register(a, op{
		ID: "execute-payment-batch", Method: http.MethodPost, Path: "/payment-batches/{id}/execute", Tag: paymentsTag,
		Summary: "Mark a batch executed",
		Description: "Records that the bank executed the batch: its invoices become paid (paid_at now). Doing it again changes nothing. " +
			"A cancelled batch cannot be executed (409).",
		Access: paymentsAccess,
		Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*body[PaymentBatch], error) {
		b, err := a.Payments.Execute(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(batchOut(b)), nil
	})

	register(a, op{
		ID: "cancel-payment-batch", Method: http.MethodPost, Path: "/payment-batches/{id}/cancel", Tag: paymentsTag,
		Summary: "Cancel a batch",
		Description: "Cancels a batch and frees its invoices for another batch. A downloaded batch is cancelled only with " +
			"`bank_did_not_execute: true` — the bank did not execute its file and will not —, else 422 at that field: its invoices " +
			"would otherwise be free for a second file and could be paid twice. An executed batch cannot be cancelled (409).",
		Access: paymentsAccess,
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *cancelBatchInput) (*body[PaymentBatch], error) {
		b, err := a.Payments.Cancel(ctx, actorFrom(ctx), in.ID, payments.CancelInput{BankDidNotExecute: in.Body != nil && in.Body.BankDidNotExecute})
		if err != nil {
			return nil, err
		}
		return bodyOf(batchOut(b)), nil
	})
}
