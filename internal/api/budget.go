package api

import (
	"context"
	"net/http"

	"github.com/shopspring/decimal"

	"spil/internal/authz"
	"spil/internal/budget"
)

const budgetTag = "Budget"

// budgetReaders may read the budget: the Office Manager and the approvers.
var budgetReaders = authz.Need(authz.OfficeManage, authz.InvoicesApprove, authz.InvoicesCountersign)

// BudgetMonth is one month's budget and actual, in euro cents.
type BudgetMonth struct {
	Month  int   `json:"month" minimum:"1" maximum:"12"`
	Budget int64 `json:"budget_cents"`
	Actual int64 `json:"actual_cents" doc:"Approved and paid invoices of the month, excluding VAT; credit notes negative."`
}

// BudgetPosition is a category's (or the total's) position in the year.
type BudgetPosition struct {
	Budget    int64 `json:"budget_cents"`
	Actual    int64 `json:"actual_cents"`
	Committed int64 `json:"committed_cents" doc:"What running contracts still cost this year pro rata, minus what is invoiced on them."`
	Remaining int64 `json:"remaining_cents" doc:"budget − actual − committed; negative when over."`
	Percent   int   `json:"percent_used" doc:"(actual + committed) / budget, rounded down."`
}

// BudgetCategory is one category's year.
type BudgetCategory struct {
	Key      string         `json:"key" example:"catering"`
	Name     string         `json:"name" doc:"In the caller's language."`
	Position BudgetPosition `json:"position"`
	Months   []BudgetMonth  `json:"months"`
}

// BudgetWarning says a category used 80 % or 100 % of its budget.
type BudgetWarning struct {
	Category string `json:"category"`
	Scope    string `json:"scope" enum:"ytd,year" doc:"ytd: actual against the budget through this month; year: actual plus committed against the year's budget."`
	Level    int    `json:"level" enum:"80,100"`
	Percent  int    `json:"percent"`
	Used     int64  `json:"used_cents"`
	Budget   int64  `json:"budget_cents"`
}

// Budget is a year of the office budget.
type Budget struct {
	Year       int              `json:"year"`
	Currency   string           `json:"currency" example:"EUR"`
	Through    int              `json:"through_month" doc:"Last month of the year-to-date figures: this month this year, 12 for past years, 0 for future ones."`
	Total      BudgetPosition   `json:"total"`
	Months     []BudgetMonth    `json:"months"`
	Categories []BudgetCategory `json:"categories"`
	Warnings   []BudgetWarning  `json:"warnings" nullable:"false"`
}

func positionOut(p budget.Position) BudgetPosition {
	return BudgetPosition{Budget: p.Budget, Actual: p.Actual, Committed: p.Committed, Remaining: p.Remaining, Percent: p.Percent()}
}

func monthsOut(ms [12]budget.Month) []BudgetMonth {
	out := make([]BudgetMonth, 12)
	for i, m := range ms {
		out[i] = BudgetMonth{Month: i + 1, Budget: m.Budget, Actual: m.Actual}
	}
	return out
}

func budgetOut(o budget.Overview, lang string) Budget {
	out := Budget{Year: o.Year, Currency: "EUR", Through: o.Through, Total: positionOut(o.Total), Months: monthsOut(o.Months), Warnings: []BudgetWarning{}}
	for _, c := range o.Categories {
		out.Categories = append(out.Categories, BudgetCategory{Key: c.Category.Key, Name: c.Category.Name(lang), Position: positionOut(c.Position), Months: monthsOut(c.Months)})
	}
	for _, w := range o.Warnings {
		out.Warnings = append(out.Warnings, BudgetWarning{Category: w.Category.Key, Scope: w.Scope, Level: w.Level, Percent: w.Percent, Used: w.Used, Budget: w.Budget})
	}
	return out
}

// BudgetYearInput names the year.
type BudgetYearInput struct {
	Year int    `path:"year" minimum:"2000" maximum:"2999"`
	Lang string `query:"lang" enum:"nl,en" doc:"Language of the category names; default the caller's, else Dutch."`
}

// SetBudgetInput sets a category's budget for a year.
type SetBudgetInput struct {
	Year     int    `path:"year" minimum:"2000" maximum:"2999"`
	Category string `path:"category" example:"catering"`
	Body     struct {
		YearlyCents int64   `json:"yearly_cents,omitempty" minimum:"0" doc:"Spread evenly over the months (cents left over go to the first months). Ignored when months_cents is given."`
		MonthsCents []int64 `json:"months_cents,omitempty" minItems:"12" maxItems:"12" doc:"Twelve monthly amounts, January first, phased by hand."`
	}
}

// CopyBudgetInput copies a year's budget into another.
type CopyBudgetInput struct {
	Year int `path:"year" minimum:"2000" maximum:"2999" doc:"The year to fill."`
	Body struct {
		FromYear int    `json:"from_year" minimum:"2000" maximum:"2999"`
		Percent  string `json:"percent,omitempty" pattern:"^-?[0-9]{1,4}(\\.[0-9]{1,4})?$" example:"3.5" doc:"Change in percent, a decimal; 0 when left out."`
	}
}

func (a *API) registerBudget() {
	register(a, op{
		ID: "get-budget", Method: http.MethodGet, Path: "/budget/{year}", Tag: budgetTag,
		Summary: "Get a year's budget",
		Description: "Returns the office budget of a year: per category and month the budget and the actuals (approved and paid invoices by " +
			"issue date, excluding VAT), the commitments of running contracts, what remains, and the warnings at 80 % and 100 %. Amounts are euro cents.",
		Access: budgetReaders,
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *BudgetYearInput) (*body[Budget], error) {
		actor := actorFrom(ctx)
		o, err := a.Budget.Year(ctx, actor, in.Year)
		if err != nil {
			return nil, err
		}
		lang := in.Lang
		if lang == "" {
			lang = actor.Language
		}
		return bodyOf(budgetOut(o, lang)), nil
	})

	register(a, op{
		ID: "set-budget", Method: http.MethodPut, Path: "/budget/{year}/{category}", Tag: budgetTag,
		Summary: "Set a category's budget for a year",
		Description: "Replaces a category's budget for a year: twelve monthly amounts (months_cents) or a yearly amount spread evenly " +
			"(yearly_cents). Office Manager only. Returns the category's new position.",
		Access: authz.Need(authz.OfficeManage),
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *SetBudgetInput) (*body[BudgetPosition], error) {
		p, err := a.Budget.Set(ctx, actorFrom(ctx), budget.SetInput{Year: in.Year, Category: in.Category, Yearly: in.Body.YearlyCents, Months: in.Body.MonthsCents})
		if err != nil {
			return nil, err
		}
		return bodyOf(positionOut(p)), nil
	})

	register(a, op{
		ID: "copy-budget", Method: http.MethodPost, Path: "/budget/{year}/copy", Tag: budgetTag,
		Summary: "Copy another year's budget",
		Description: "Fills a year with another year's monthly budgets, each changed by a percentage (rounded half away from zero to the cent). " +
			"Categories without a budget in the source year are left as they are. Office Manager only.",
		Access: authz.Need(authz.OfficeManage),
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *CopyBudgetInput) (*body[Budget], error) {
		pct := decimal.Zero
		if in.Body.Percent != "" {
			v, err := decimal.NewFromString(in.Body.Percent)
			if err != nil {
				return nil, err
			}
			pct = v
		}
		actor := actorFrom(ctx)
		if _, err := a.Budget.Copy(ctx, actor, budget.CopyInput{From: in.Body.FromYear, To: in.Year, Percent: pct}); err != nil {
			return nil, err
		}
		o, err := a.Budget.Year(ctx, actor, in.Year)
		if err != nil {
			return nil, err
		}
		return bodyOf(budgetOut(o, actor.Language)), nil
	})
}
