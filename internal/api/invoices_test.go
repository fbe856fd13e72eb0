package api

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/db"
	"spil/internal/invoices"
	"spil/internal/suppliers"
	"spil/internal/testutil"
)

func TestInvoicesAPI(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		clk := f.deps.Org.Clock
		f.api.Invoices = &invoices.Service{DB: d, Clock: clk, Suppliers: &suppliers.Service{DB: d, Clock: clk}, Budget: &budget.Service{DB: d, Clock: clk}}
		om := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		ma := f.person(t, "Mara Assistent", "mara@example.nl", authz.RoleManagementAssistant)
		dir := f.person(t, "Dirk Directeur", "dirk@example.nl", authz.RolePrincipal)
		emp := f.person(t, "Eva Collega", "eva@example.nl")
		omTok, maTok, dirTok, empTok := f.token(t, om.ID), f.token(t, ma.ID), f.token(t, dir.ID), f.token(t, emp.ID)

		doc := invoices.ExampleUBL(invoices.Example{SupplierName: "Glans Schoonmaak", KvK: "12345678", VAT: "NL001234567B01", Number: "API-1",
			IssueDate: "2026-10-01", DueDate: "2026-10-31", NetCents: 300000, IBAN: "NL91ABNA0417164300",
			Attachment: []byte("%PDF-1.4 spec"), AttachmentName: "spec.pdf"})
		// An employee may not import; the assistant may, as the body.
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/invoices/import", token: empTok, body: doc, contentType: "application/xml"}), http.StatusForbidden)
		res := f.do(t, request{method: "POST", path: "/api/v1/invoices/import", token: maTok, body: doc, contentType: "application/xml"})
		wantStatus(t, res, http.StatusCreated)
		var imp InvoiceImported
		res.decode(t, &imp)
		if imp.Invoice.PayableCents != 363000 || imp.Invoice.Channel != "api" || len(imp.Checks.List) == 0 {
			t.Fatalf("imported %+v", imp)
		}
		// The same file again as a multipart upload: stored, flagged as duplicate.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile("file", "api-1.xml")
		w.Write(doc)
		mw.Close()
		res = f.do(t, request{method: "POST", path: "/api/v1/invoices/import", token: omTok, body: buf.Bytes(), contentType: mw.FormDataContentType()})
		wantStatus(t, res, http.StatusCreated)
		var dup InvoiceImported
		res.decode(t, &dup)
		if len(dup.Checks.DuplicateOf) != 1 || dup.Checks.DuplicateOf[0] != imp.Invoice.ID {
			t.Fatalf("duplicate checks %+v", dup.Checks)
		}
		// Validation errors name the element and store nothing.
		bad := strings.Replace(string(doc), `<cbc:PayableAmount currencyID="EUR">3630.00`, `<cbc:PayableAmount currencyID="EUR">3630.01`, 1)
		res = f.do(t, request{method: "POST", path: "/api/v1/invoices/import", token: maTok, body: bad, contentType: "application/xml"})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if p := res.problem(t); len(p.Errors) == 0 || p.Errors[0].Location != "body.cac:LegalMonetaryTotal/cbc:PayableAmount" {
			t.Fatalf("problem %+v", p)
		}
		// Hostile XML.
		res = f.do(t, request{method: "POST", path: "/api/v1/invoices/import", token: maTok, contentType: "application/xml",
			body: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Invoice>&lol;</Invoice>`})
		wantStatus(t, res, http.StatusUnprocessableEntity)

		// A body over the limit is refused before it is read whole.
		huge := make([]byte, invoices.MaxDocumentBytes+128<<10)
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/invoices/import", token: maTok, body: huge, contentType: "application/xml"}), http.StatusRequestEntityTooLarge)

		// Reject the duplicate; the assistant cannot approve; approve above the limit needs the director.
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/invoices/" + dup.Invoice.ID + "/reject", token: omTok, body: map[string]any{"reason": ""}}), http.StatusUnprocessableEntity)
		wantStatus(t, f.do(t, request{method: "POST", path: "/api/v1/invoices/" + dup.Invoice.ID + "/reject", token: omTok, body: map[string]any{"reason": "dubbel"}}), http.StatusOK)
		approve := func(tok string) *response {
			return f.do(t, request{method: "POST", path: "/api/v1/invoices/" + imp.Invoice.ID + "/approve", token: tok, body: map[string]any{}})
		}
		wantStatus(t, approve(maTok), http.StatusForbidden)
		res = approve(omTok)
		wantStatus(t, res, http.StatusOK)
		var inv Invoice
		res.decode(t, &inv)
		if inv.Status != "registered" {
			t.Fatalf("after the Office Manager: %s", inv.Status)
		}
		res = f.get(t, "/api/v1/invoices?waiting_for_me=true", dirTok)
		wantStatus(t, res, http.StatusOK)
		var list []Invoice
		res.decode(t, &list)
		if len(list) != 1 || list[0].MyStep != "countersign" {
			t.Fatalf("director's list %+v", list)
		}
		res = approve(dirTok)
		res.decode(t, &inv)
		if inv.Status != "approved" {
			t.Fatalf("after countersign: %s", inv.Status)
		}
		// Details with the attachment.
		res = f.get(t, "/api/v1/invoices/"+imp.Invoice.ID, maTok)
		wantStatus(t, res, http.StatusOK)
		var det InvoiceDetail
		res.decode(t, &det)
		if len(det.Invoice.Attachments) != 1 || len(det.Invoice.Approvals) != 2 || det.ApprovalLimitCents != 250000 {
			t.Fatalf("detail %+v", det)
		}
		res = f.get(t, "/api/v1/invoices/"+imp.Invoice.ID+"/attachments/"+det.Invoice.Attachments[0].ID, maTok)
		wantStatus(t, res, http.StatusOK)
		if string(res.raw) != "%PDF-1.4 spec" || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("attachment %q %s", res.raw, res.Header.Get("Content-Type"))
		}
		wantStatus(t, f.get(t, "/api/v1/invoices/"+imp.Invoice.ID, empTok), http.StatusForbidden)
		// Settings.
		wantStatus(t, f.do(t, request{method: "PUT", path: "/api/v1/invoice-settings", token: maTok, body: map[string]any{"approval_limit_cents": 1}}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: "PUT", path: "/api/v1/invoice-settings", token: omTok, body: map[string]any{"approval_limit_cents": 500000}}), http.StatusOK)
	})
}
