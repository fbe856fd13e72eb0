package api

import (
	"context"
	"io"
	"mime"
	"net/http"

	"spil/internal/authz"
	"spil/internal/suppliers"
)

type addContractDocumentInput struct {
	PathID
	Filename    string `query:"filename" maxLength:"200" doc:"The file's name when the body is the file itself; its extension decides the type (pdf, png, jpg, jpeg, docx, xlsx, odt)." example:"contract.pdf"`
	ContentType string `header:"Content-Type" doc:"The file's own type with the file as the body, or multipart/form-data with the file in a part named file (its file name then counts)."`
	RawBody     []byte `contentType:"application/octet-stream" doc:"The document."`
}

type contractDocumentInput struct {
	PathID
	DocumentID string `path:"document_id" minLength:"1"`
}

// registerContractActions adds giving notice on a contract and its
// documents to the API, as the contract page offers them.
func (a *API) registerContractActions() {
	const tag = "Contracts"
	manage := authz.Need(authz.OfficeManage)
	register(a, op{
		ID: "terminate-contract", Method: http.MethodPost, Path: "/contracts/{id}/terminate", Tag: tag,
		Summary: "Give notice on a contract",
		Description: "Records that the Office Manager gave notice: the contract runs to the end of the term the notice reaches " +
			"(the current one while its notice deadline has not passed, else the next) and then ends; its alerts are cancelled. " +
			"A contract without an end runs for its notice period from today. 409 when it is terminated or ended already.",
		Access: manage, Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*body[Contract], error) {
		c, err := a.Suppliers.Terminate(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(contractOut(c)), nil
	})

	register(a, op{
		ID: "add-contract-document", Method: http.MethodPost, Path: "/contracts/{id}/documents", Tag: tag,
		Summary: "Keep a document with a contract",
		Description: "Stores a document with a contract: the file as the body with its name in `filename`, or as the part `file` of a " +
			"multipart/form-data upload. PDF, PNG, JPEG, DOCX, XLSX or ODT, decided by the name's extension; the content must really be " +
			"of that type (the Content-Type sent is not trusted). At most 10 MB (413 above). Errors at `body.file`.",
		Access: manage, Status: http.StatusCreated,
		Errors:  []int{http.StatusNotFound, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge},
		MaxBody: suppliers.MaxDocumentSize + 64<<10,
	}, func(ctx context.Context, in *addContractDocumentInput) (*body[ContractDocument], error) {
		actor := actorFrom(ctx)
		if _, err := a.Suppliers.GetContract(ctx, actor, in.ID); err != nil {
			return nil, err
		}
		file, name, err := icsUpload(in.ContentType, in.RawBody)
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(file)
		if err != nil {
			return nil, err
		}
		if name == "" {
			name = in.Filename
		}
		d, err := a.Suppliers.AddDocument(ctx, actor, in.ID, name, data)
		if err != nil {
			return nil, err
		}
		return bodyOf(contractDocumentOut(d)), nil
	})

	register(a, op{
		ID: "get-contract-document", Method: http.MethodGet, Path: "/contracts/{id}/documents/{document_id}", Tag: tag,
		Summary:     "Download a contract document",
		Description: "Returns a document kept with the contract, as an attachment with its content type.",
		Access:      manage, Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *contractDocumentInput) (*fileBody, error) {
		d, err := a.Suppliers.Document(ctx, actorFrom(ctx), in.ID, in.DocumentID)
		if err != nil {
			return nil, err
		}
		return &fileBody{ContentType: d.ContentType, Body: d.Content,
			ContentDisposition: mime.FormatMediaType("attachment", map[string]string{"filename": d.Filename})}, nil
	})
}
