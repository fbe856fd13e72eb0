package web

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"spil/internal/authz"
	"spil/internal/suppliers"
)

// ContractPage is one contract with its terms, deadline and documents.
type ContractPage struct {
	Nav       SubNav
	C         ContractRow
	Renewal   string // "renews by 12 months" in words, "" when it does not
	Category  string // the budget category's name
	AlertDays string
	Errors    FieldErrors // of the document upload
	CanEnd    bool
}

func (s *Server) contractPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderContract(w, r, a, http.StatusOK, ContractPage{})
}

func (s *Server) renderContract(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d ContractPage) error {
	ctx := r.Context()
	c, err := s.Suppliers.GetContract(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	p.Title = c.Subject
	d.Nav = costsSubNav(p.P, a, "contracts")
	d.C = contractRow(p.P, c)
	if c.AutoRenew && c.Status == suppliers.StatusActive {
		d.Renewal = p.P.N("contracts.renews", c.RenewMonths)
	}
	d.Category = c.BudgetCategory
	if cats, ok := s.Suppliers.BudgetCategories(ctx); ok {
		for _, bc := range cats {
			if bc.Key == c.BudgetCategory {
				d.Category = bc.NameNL
				if p.P.Lang == "en" {
					d.Category = bc.NameEN
				}
			}
		}
	}
	d.AlertDays = contractFormOf(p.P, c).AlertDays
	d.CanEnd = c.Terms.Status == suppliers.StatusActive
	s.render(w, r, status, "contract", p, d)
	return nil
}

func (s *Server) terminateContract(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	id := r.PathValue("id")
	if _, err := s.Suppliers.Terminate(r.Context(), a, id); err != nil {
		if fe, ok := fieldsOf(err); ok {
			return s.renderContract(w, r, a, statusFor(err), ContractPage{Errors: fe})
		}
		return err
	}
	s.done(w, r, "/contracts/"+id, "contract_terminated")
	return nil
}

// maxContractUpload bounds the whole upload request: the document and the
// form around it.
const maxContractUpload = suppliers.MaxDocumentSize + 64<<10

func (s *Server) uploadContractDocument(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	id := r.PathValue("id")
	if _, err := s.Suppliers.GetContract(r.Context(), a, id); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxContractUpload)
	bad := func(msg string) error {
		return s.renderContract(w, r, a, http.StatusUnprocessableEntity, ContractPage{Errors: FieldErrors{"file": msg}})
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return bad("the file is larger than 10 MB")
		}
		return bad("choose a file")
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return bad("choose a file")
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, suppliers.MaxDocumentSize+1))
	if err != nil {
		return bad("choose a file")
	}
	if _, err := s.Suppliers.AddDocument(r.Context(), a, id, hdr.Filename, content); err != nil {
		if fe, ok := fieldsOf(err); ok {
			return s.renderContract(w, r, a, statusFor(err), ContractPage{Errors: fe})
		}
		return err
	}
	s.done(w, r, "/contracts/"+id+"#documents", "document_added")
	return nil
}

func (s *Server) contractDocument(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	d, err := s.Suppliers.Document(r.Context(), a, r.PathValue("id"), r.PathValue("doc"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(d.Content)
	return err
}
