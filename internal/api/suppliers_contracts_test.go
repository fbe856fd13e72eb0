package api

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/suppliers"
	"spil/internal/testutil"
)

// TestContractTerminateAndDocumentsAPI: the Office Manager gives notice on
// a contract and keeps its documents through the API, as on the pages; an
// assistant may not, a file of another type than its name says is refused
// at the field, and a document is downloaded only under its own contract.
func TestContractTerminateAndDocumentsAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		clk := f.deps.Org.Clock
		f.api.Suppliers = &suppliers.Service{DB: d, Clock: clk, Jobs: &jobs.Queue{DB: d, Clock: clk}}
		om := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		ma := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		omTok, maTok := f.token(t, om.ID), f.token(t, ma.ID)
		var sp Supplier
		res := f.do(t, request{method: "POST", path: "/api/v1/suppliers", token: omTok, body: map[string]any{"name": "Schoon B.V.", "category": "cleaning"}})
		wantStatus(t, res, http.StatusCreated)
		res.decode(t, &sp)
		newContract := func(subject string) Contract {
			res := f.do(t, request{method: "POST", path: "/api/v1/contracts", token: omTok, body: map[string]any{"supplier_id": sp.ID, "subject": subject,
				"starts_on": "2025-01-01", "ends_on": "2027-12-31", "notice_months": 3, "auto_renew": true, "renew_months": 12}})
			wantStatus(t, res, http.StatusCreated)
			var c Contract
			res.decode(t, &c)
			return c
		}
		c, other := newContract("Schoonmaak"), newContract("Glasbewassing")

		// Documents: the file as the body with its name in the query, or as
		// the part "file" of a multipart upload.
		pdf := []byte("%PDF-1.4 contract")
		path := "/api/v1/contracts/" + c.ID + "/documents"
		wantStatus(t, f.do(t, request{method: "POST", path: path + "?filename=contract.pdf", token: maTok, body: pdf, contentType: "application/pdf"}), http.StatusForbidden)
		res = f.do(t, request{method: "POST", path: path + "?filename=contract.pdf", token: omTok, body: pdf, contentType: "application/pdf"})
		wantStatus(t, res, http.StatusCreated)
		var doc ContractDocument
		res.decode(t, &doc)
		if doc.ID == "" || doc.Filename != "contract.pdf" || doc.ContentType != "application/pdf" || doc.Size != int64(len(pdf)) {
			t.Fatalf("document %+v", doc)
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "bijlage.pdf")
		fw.Write([]byte("%PDF-1.4 bijlage"))
		mw.Close()
		wantStatus(t, f.do(t, request{method: "POST", path: path, token: omTok, body: buf.Bytes(), contentType: mw.FormDataContentType()}), http.StatusCreated)
		bad := f.do(t, request{method: "POST", path: path + "?filename=contract.pdf", token: omTok, body: []byte("<html>"), contentType: "application/pdf"})
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		wantLocation(t, bad, "body.file")

		res = f.do(t, request{method: "GET", path: "/api/v1/contracts/" + c.ID, token: omTok})
		var got Contract
		res.decode(t, &got)
		if len(got.DocumentFiles) != 2 || got.DocumentFiles[0].ID != doc.ID {
			t.Fatalf("documents on the contract %+v", got.DocumentFiles)
		}
		res = f.do(t, request{method: "GET", path: path + "/" + doc.ID, token: omTok})
		wantStatus(t, res, http.StatusOK)
		if !bytes.Equal(res.raw, pdf) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("download %q %v", res.raw, res.Header)
		}
		// Not under another contract, not for the assistant.
		wantStatus(t, f.do(t, request{method: "GET", path: "/api/v1/contracts/" + other.ID + "/documents/" + doc.ID, token: omTok}), http.StatusNotFound)
		wantStatus(t, f.do(t, request{method: "GET", path: path + "/" + doc.ID, token: maTok}), http.StatusForbidden)

		// Notice: once; the contract ends at the end of the term notice reaches.
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/contracts/" + c.ID + "/terminate", token: maTok}), http.StatusForbidden)
		res = f.do(t, request{method: "POST", path: "/api/v1/contracts/" + c.ID + "/terminate", token: omTok})
		wantStatus(t, res, http.StatusOK)
		var ended Contract
		res.decode(t, &ended)
		if ended.Status != "terminated" || ended.EndsOn != "2027-12-31" || ended.NoticeBy != "" || ended.DaysLeft != nil {
			t.Errorf("terminated %+v", ended)
		}
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/contracts/" + c.ID + "/terminate", token: omTok}), http.StatusConflict)
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/contracts/nope/terminate", token: omTok}), http.StatusNotFound)
	})
}

// TestWithdrawTrustAPI: the Office Manager takes an account's confirmation
// back through the API; an assistant may not.
func TestWithdrawTrustAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		clk := f.deps.Org.Clock
		f.api.Suppliers = &suppliers.Service{DB: d, Clock: clk, Jobs: &jobs.Queue{DB: d, Clock: clk}}
		om := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		ma := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		omTok, maTok := f.token(t, om.ID), f.token(t, ma.ID)
		var sp Supplier
		res := f.do(t, request{method: "POST", path: "/api/v1/suppliers", token: omTok, body: map[string]any{"name": "Schoon B.V.",
			"bank_accounts": []map[string]any{{"iban": "NL91ABNA0417164300"}}}})
		wantStatus(t, res, http.StatusCreated)
		res.decode(t, &sp)
		base := "/api/v1/suppliers/" + sp.ID + "/bank-accounts/" + sp.Accounts[0].ID
		wantStatus(t, f.do(t, request{method: "POST", path: base + "/trust", token: omTok, body: map[string]any{"method": "callback"}}), http.StatusOK)
		wantStatus(t, f.do(t, request{method: "POST", path: base + "/withdraw-trust", token: maTok}), http.StatusForbidden)
		res = f.do(t, request{method: "POST", path: base + "/withdraw-trust", token: omTok, body: map[string]any{"reason": "fraude gemeld"}})
		wantStatus(t, res, http.StatusOK)
		var acc SupplierBankAccount
		res.decode(t, &acc)
		if acc.Trusted {
			t.Errorf("still trusted %+v", acc)
		}
		wantStatus(t, f.do(t, request{method: "POST", path: base + "/withdraw-trust", token: omTok}), http.StatusOK)
	})
}
