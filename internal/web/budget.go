package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/i18n"
	"spil/internal/money"
)

// budgetReaders may see the budget: the Office Manager and the approvers of
// invoices.
var budgetReaders = []authz.Permission{authz.OfficeManage, authz.InvoicesApprove, authz.InvoicesCountersign}

// budgetRoutes are the pages of the budget module.
func (s *Server) budgetRoutes() []Route {
	read, manage := authz.Need(budgetReaders...), authz.Need(authz.OfficeManage)
	return []Route{
		{http.MethodGet, "/budget", read, s.budgetPage},
		{http.MethodGet, "/budget/{year}/{category}", manage, s.budgetEditPage},
		{http.MethodPost, "/budget/{year}/{category}", manage, s.budgetSave},
		{http.MethodPost, "/budget/copy", manage, s.budgetCopy},
	}
}

// BudgetRow is one category in the budget table.
type BudgetRow struct {
	budget.CategoryYear
	Name     string
	Percent  int
	Level    int // 0, 80 or 100: the worst warning of the row
	EditHref string
}

// BudgetWarning is a warning in words.
type BudgetWarning struct {
	Level int
	Text  string
}

// BudgetPage is the year's budget: charts, table, warnings and the copy
// form.
type BudgetPage struct {
	Nav        SubNav
	Year       int
	Years      []int
	Overview   budget.Overview
	Rows       []BudgetRow
	Months     []string // short month names
	Warnings   []BudgetWarning
	MonthChart BarChart
	CatChart   BarChart
	CanManage  bool
	CopyFrom   int
	Percent    string
	Errors     FieldErrors
}

func (s *Server) budgetPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderBudget(w, r, a, http.StatusOK, BudgetPage{})
}

func (s *Server) renderBudget(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d BudgetPage) error {
	p := s.pageFor(r, a, "costs")
	this := s.Clock.Now().In(p.P.Loc).Year()
	if d.Year == 0 {
		d.Year = this
		if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2999 {
			d.Year = y
		}
	}
	o, err := s.Budget.Year(r.Context(), a, d.Year)
	if err != nil {
		return err
	}
	d.Nav = costsSubNav(p.P, a, "budget")
	d.Overview = o
	d.CanManage = s.Budget.CanManage(a)
	for y := this - 3; y <= this+1; y++ {
		d.Years = append(d.Years, y)
	}
	if d.Year < this-3 || d.Year > this+1 {
		d.Years = append(d.Years, d.Year)
	}
	for m := 1; m <= 12; m++ {
		d.Months = append(d.Months, p.P.T("budget.month_short."+strconv.Itoa(m)))
	}
	levels := map[string]int{}
	for _, w := range o.Warnings {
		if w.Level > levels[w.Category.Key] {
			levels[w.Category.Key] = w.Level
		}
		d.Warnings = append(d.Warnings, BudgetWarning{Level: w.Level, Text: budgetWarningText(p.P, w)})
	}
	for _, cy := range o.Categories {
		d.Rows = append(d.Rows, BudgetRow{CategoryYear: cy, Name: cy.Category.Name(p.P.Lang), Percent: cy.Position.Percent(),
			Level: levels[cy.Category.Key], EditHref: "/budget/" + strconv.Itoa(d.Year) + "/" + cy.Category.Key})
	}
	d.MonthChart = monthChart(p.P, o)
	d.CatChart = categoryChart(p.P, o)
	if d.CopyFrom == 0 {
		d.CopyFrom = d.Year - 1
	}
	s.render(w, r, status, "budget", p, d)
	return nil
}

// budgetWarningText puts a warning in words.
func budgetWarningText(p *i18n.Printer, w budget.Warning) string {
	key := "budget.warn_" + w.Scope
	if w.Level >= budget.LevelOver {
		key += "_over"
	}
	return p.T(key, w.Category.Name(p.Lang), w.Percent, p.Money(w.Used, "EUR"), p.Money(w.Budget, "EUR"))
}

func (s *Server) budgetCopy(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	to, _ := strconv.Atoi(r.PostFormValue("year"))
	from, _ := strconv.Atoi(r.PostFormValue("from"))
	pct := strings.TrimSpace(r.PostFormValue("percent"))
	d := BudgetPage{Year: to, CopyFrom: from, Percent: pct}
	in := budget.CopyInput{From: from, To: to}
	if pct != "" {
		v, err := decimal.NewFromString(strings.ReplaceAll(strings.TrimSuffix(pct, "%"), ",", "."))
		if err != nil {
			d.Errors = FieldErrors{"percent": "is not a number"}
			return s.renderBudget(w, r, a, http.StatusUnprocessableEntity, d)
		}
		in.Percent = v
	}
	if _, err := s.Budget.Copy(r.Context(), a, in); err != nil {
		if fe, ok := invalid(err); ok {
			d.Errors = fe
			if to < 2000 || to > 2999 {
				d.Year = 0
			}
			return s.renderBudget(w, r, a, statusFor(err), d)
		}
		return err
	}
	s.done(w, r, "/budget?year="+strconv.Itoa(to), "budget_copied")
	return nil
}

// BudgetEditPage is the form that sets one category's budget for a year.
type BudgetEditPage struct {
	Nav         SubNav
	Year        int
	Category    budget.Category
	Name        string
	Mode        string // "even" or "months"
	Yearly      string
	Months      [12]string
	MonthFields []BudgetMonthField
	Errors      FieldErrors
	Position    budget.Position
}

// BudgetMonthField is one month's input of the form.
type BudgetMonthField struct {
	Label, Name, ID, Value string
}

func (s *Server) budgetCategory(r *http.Request) (int, budget.Category, error) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2999 {
		return 0, budget.Category{}, apperr.NotFoundf("budget not found")
	}
	cats, err := s.Budget.Categories(r.Context())
	if err != nil {
		return 0, budget.Category{}, err
	}
	for _, c := range cats {
		if c.Key == r.PathValue("category") {
			return year, c, nil
		}
	}
	return 0, budget.Category{}, apperr.NotFoundf("budget category not found")
}

func (s *Server) budgetEditPage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	year, cat, err := s.budgetCategory(r)
	if err != nil {
		return err
	}
	lines, err := s.Budget.Lines(r.Context(), a, year, cat.Key)
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	d := BudgetEditPage{Year: year, Category: cat, Mode: "even"}
	var total int64
	for m, v := range lines {
		total += v
		d.Months[m] = inputAmount(p.P.Lang, v)
	}
	d.Yearly = inputAmount(p.P.Lang, total)
	if total > 0 && lines != budget.Spread(total) {
		d.Mode = "months"
	}
	return s.renderBudgetEdit(w, r, a, p, http.StatusOK, d)
}

func (s *Server) renderBudgetEdit(w http.ResponseWriter, r *http.Request, a *authz.Actor, p *Page, status int, d BudgetEditPage) error {
	d.Nav = costsSubNav(p.P, a, "budget")
	d.Name = d.Category.Name(p.P.Lang)
	for m := 1; m <= 12; m++ {
		n := strconv.Itoa(m)
		d.MonthFields = append(d.MonthFields, BudgetMonthField{Label: p.P.T("budget.month." + n), Name: "months." + n, ID: "m" + n, Value: d.Months[m-1]})
	}
	pos, err := s.Budget.PositionTx(r.Context(), s.Budget.DB.R, d.Year, d.Category.Key)
	if err != nil {
		return err
	}
	d.Position = pos
	p.Title = p.P.T("budget.edit_title", d.Name, d.Year)
	s.render(w, r, status, "budget_edit", p, d)
	return nil
}

func (s *Server) budgetSave(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	year, cat, err := s.budgetCategory(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	p := s.pageFor(r, a, "costs")
	d := BudgetEditPage{Year: year, Category: cat, Mode: r.PostFormValue("mode"), Yearly: r.PostFormValue("yearly"), Errors: FieldErrors{}}
	in := budget.SetInput{Year: year, Category: cat.Key}
	parse := func(field, s string) int64 {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		v, err := money.ParseInput(p.P.Lang, field, s, money.EUR)
		if err == nil {
			var c int64
			if c, err = v.Minor(); err == nil {
				return c
			}
		}
		d.Errors[field] = apperr.FieldsOf(err)[field]
		if d.Errors[field] == "" {
			d.Errors[field] = apperr.MessageOf(err)
		}
		return 0
	}
	if d.Mode == "months" {
		in.Months = make([]int64, 12)
		for m := 0; m < 12; m++ {
			f := "months." + strconv.Itoa(m+1)
			d.Months[m] = r.PostFormValue(f)
			in.Months[m] = parse(f, d.Months[m])
		}
	} else {
		d.Mode = "even"
		in.Yearly = parse("yearly", d.Yearly)
	}
	if len(d.Errors) > 0 {
		return s.renderBudgetEdit(w, r, a, p, http.StatusUnprocessableEntity, d)
	}
	if _, err := s.Budget.Set(r.Context(), a, in); err != nil {
		if fe, ok := invalid(err); ok {
			d.Errors = fe
			return s.renderBudgetEdit(w, r, a, p, statusFor(err), d)
		}
		return err
	}
	s.done(w, r, "/budget?year="+strconv.Itoa(year), "budget_saved")
	return nil
}

// inputAmount writes cents for a form field: "1234,50" in Dutch, "1234.50"
// in English, "" for zero.
func inputAmount(lang string, cents int64) string {
	if cents == 0 {
		return ""
	}
	t := decimal.New(cents, -2).StringFixed(2)
	if lang == "nl" {
		t = strings.Replace(t, ".", ",", 1)
	}
	return t
}
