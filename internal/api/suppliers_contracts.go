package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"spil/internal/authz"
	"spil/internal/money"
	"spil/internal/suppliers"
)

// Contract is an agreement with a supplier, with where it stands today.
type Contract struct {
	ID             string   `json:"id"`
	SupplierID     string   `json:"supplier_id"`
	SupplierName   string   `json:"supplier_name"`
	Subject        string   `json:"subject"`
	StartsOn       string   `json:"starts_on" format:"date"`
	EndsOn         string   `json:"ends_on,omitempty" format:"date" doc:"Last day of the first term; once terminated, the last day."`
	NoticeDays     int      `json:"notice_days"`
	NoticeMonths   int      `json:"notice_months"`
	AutoRenew      bool     `json:"auto_renew"`
	RenewMonths    int      `json:"renew_months"`
	YearlyValue    string   `json:"yearly_value" doc:"Decimal, in currency." example:"18500.00"`
	Currency       string   `json:"currency" example:"EUR"`
	BudgetCategory string   `json:"budget_category,omitempty"`
	Status         string   `json:"status" enum:"active,terminated,ended" doc:"As of today."`
	AlertDays      []int    `json:"alert_days" doc:"Days before the notice deadline at which the Office Managers are alerted."`
	Notes          string   `json:"notes,omitempty"`
	TermEnd        string   `json:"term_end,omitempty" format:"date" doc:"Last day of the current term."`
	NoticeBy       string   `json:"notice_by,omitempty" format:"date" doc:"Last day to give notice (renewal-aware)."`
	NoticeTermEnd  string   `json:"notice_term_end,omitempty" format:"date" doc:"The end that notice by notice_by reaches."`
	DaysLeft       *int     `json:"days_left,omitempty" doc:"Days from today to notice_by."`
	Documents      []string `json:"documents,omitempty" doc:"File names of the documents kept with it."`
	// DocumentFiles are the same documents with what it takes to download them.
	DocumentFiles []ContractDocument `json:"document_files,omitempty" doc:"The documents kept with it (download with get-contract-document)."`
}

// ContractDocument is a file kept with a contract.
type ContractDocument struct {
	ID          string    `json:"id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

func contractDocumentOut(d suppliers.Document) ContractDocument {
	return ContractDocument{ID: d.ID, Filename: d.Filename, ContentType: d.ContentType, Size: d.Size, UploadedAt: d.UploadedAt.UTC()}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func contractOut(c suppliers.Contract) Contract {
	out := Contract{ID: c.ID, SupplierID: c.SupplierID, SupplierName: c.SupplierName, Subject: c.Subject, StartsOn: day(c.StartsOn),
		EndsOn: day(c.EndsOn), NoticeDays: c.NoticeDays, NoticeMonths: c.NoticeMonths, AutoRenew: c.AutoRenew, RenewMonths: c.RenewMonths,
		Currency: c.Currency, BudgetCategory: c.BudgetCategory, Status: c.Terms.Status, AlertDays: c.AlertDays, Notes: c.Notes,
		TermEnd: day(c.Terms.TermEnd), NoticeBy: day(c.Terms.NoticeBy), NoticeTermEnd: day(c.Terms.NoticeTermEnd)}
	if v, err := money.FromMinor(c.YearlyValueCents, c.Currency); err == nil {
		out.YearlyValue = v.Text()
	}
	if c.Terms.HasDeadline() {
		n := c.Terms.DaysLeft
		out.DaysLeft = &n
	}
	if out.AlertDays == nil {
		out.AlertDays = []int{}
	}
	for _, d := range c.Documents {
		out.Documents = append(out.Documents, d.Filename)
		out.DocumentFiles = append(out.DocumentFiles, contractDocumentOut(d))
	}
	return out
}

// ContractInput is the editable part of a contract.
type ContractInput struct {
	SupplierID     string `json:"supplier_id" minLength:"1"`
	Subject        string `json:"subject" minLength:"1" maxLength:"200" example:"Cleaning of the Amsterdam office"`
	StartsOn       string `json:"starts_on" format:"date" example:"2026-01-01"`
	EndsOn         string `json:"ends_on,omitempty" format:"date" doc:"Last day of the first term; required with auto_renew." example:"2026-12-31"`
	NoticeDays     int    `json:"notice_days,omitempty" minimum:"0" doc:"The notice period in days, or:"`
	NoticeMonths   int    `json:"notice_months,omitempty" minimum:"0" doc:"the notice period in months (not both)." example:"3"`
	AutoRenew      bool   `json:"auto_renew,omitempty"`
	RenewMonths    int    `json:"renew_months,omitempty" minimum:"0" example:"12"`
	YearlyValue    string `json:"yearly_value,omitempty" doc:"Decimal with a point, at most the currency's minor units." example:"18500.00"`
	Currency       string `json:"currency,omitempty" doc:"ISO 4217; default EUR."`
	BudgetCategory string `json:"budget_category,omitempty" doc:"A key of the budget's categories." example:"cleaning"`
	AlertDays      []int  `json:"alert_days,omitempty" doc:"Default [60, 14]."`
	Notes          string `json:"notes,omitempty"`
}

func (in ContractInput) toService() (suppliers.ContractInput, error) {
	out := suppliers.ContractInput{SupplierID: in.SupplierID, Subject: in.Subject, StartsOn: in.StartsOn, EndsOn: in.EndsOn,
		NoticeDays: in.NoticeDays, NoticeMonths: in.NoticeMonths, AutoRenew: in.AutoRenew, RenewMonths: in.RenewMonths,
		Currency: in.Currency, BudgetCategory: in.BudgetCategory, AlertDays: in.AlertDays, Notes: in.Notes, Lang: "en"}
	if v := strings.TrimSpace(in.YearlyValue); v != "" {
		cur := in.Currency
		if cur == "" {
			cur = money.EUR
		}
		amount, err := money.Parse("yearly_value", v, strings.ToUpper(cur))
		if err != nil {
			return out, err
		}
		out.YearlyValue = amount.Text()
	}
	return out, nil
}

// ContractFilter narrows list-contracts.
type ContractFilter struct {
	SupplierID string `query:"supplier_id" doc:"Only this supplier's contracts."`
	All        bool   `query:"all" doc:"Include ended contracts."`
}

func (a *API) registerContracts() {
	const tag = "Contracts"
	manage := authz.Need(authz.OfficeManage)
	register(a, op{
		ID: "list-contracts", Method: http.MethodGet, Path: "/contracts", Tag: tag,
		Summary: "List contracts",
		Description: "Lists running contracts (all=true: ended ones too) with their notice deadline, soonest first; " +
			"contracts without one come last.",
		Access: manage,
	}, func(ctx context.Context, in *ContractFilter) (*body[List[Contract]], error) {
		list, err := a.Suppliers.ListContracts(ctx, actorFrom(ctx), suppliers.ContractFilter{SupplierID: in.SupplierID, All: in.All})
		if err != nil {
			return nil, err
		}
		out := make([]Contract, len(list))
		for i, c := range list {
			out[i] = contractOut(c)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "create-contract", Method: http.MethodPost, Path: "/contracts", Tag: tag,
		Summary:     "Record a contract",
		Description: "Records a contract with a supplier and schedules the alerts before its notice deadline.",
		Access:      manage,
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body ContractInput }) (*body[Contract], error) {
		ci, err := in.Body.toService()
		if err != nil {
			return nil, err
		}
		c, err := a.Suppliers.CreateContract(ctx, actorFrom(ctx), ci)
		if err != nil {
			return nil, err
		}
		return bodyOf(contractOut(c)), nil
	})

	register(a, op{
		ID: "get-contract", Method: http.MethodGet, Path: "/contracts/{id}", Tag: tag,
		Summary:     "Get a contract",
		Description: "Returns a contract with its current term, notice deadline and documents.",
		Access:      manage,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[Contract], error) {
		c, err := a.Suppliers.GetContract(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(contractOut(c)), nil
	})
}
