package web

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"spil/internal/advisor"
	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/i18n"
)

// advisorRoutes are the staffing advisor's pages. Both are public: an
// organization can try the advisor before it has spil, and nothing is
// stored. GET with the inputs as query parameters shows the advice too, so
// an advice can be shared as a link.
func (s *Server) advisorRoutes() []Route {
	return []Route{
		{http.MethodGet, "/roles/advisor", authz.Public, s.advisorGet},
		{http.MethodPost, "/roles/advisor", authz.Public, s.advisorPost},
	}
}

// The advisor form's field names; they are also the field keys of the
// advisor's validation messages (hours per area: "hours.<area key>").
const (
	advHeadcount  = "headcount"
	advPrincipals = "principals"
	advHours      = "hours"
	advBudget     = "budget"
	advFactor     = "employer_cost_factor"
	advPerFTE     = "hours_per_fte"
)

// AdvisorPage is the data of /roles/advisor: the form, and the advice once
// the form was sent.
type AdvisorPage struct {
	Nav          SubNav
	LangSwitch   *CatalogLangSwitch
	Action       string // where the form posts
	Organization []AdvisorField
	Roles        []AdvisorRoleFields
	HoursError   string // "choose at least one task area"
	Assumptions  []AdvisorField
	HasErrors    bool
	Result       *AdvisorResult
	CompareHref  string
	Source       string
}

// AdvisorField is one input of the form, in the page's language. ID is also
// the input's name.
type AdvisorField struct {
	ID, Label, Hint, Context, Value, Error string
	Step, Min, Max                         string
	RequiredText                           string // set on required fields
}

// AdvisorRoleFields are the hours inputs of one role's task areas.
type AdvisorRoleFields struct {
	Key, Legend string
	Areas       []AdvisorField
}

// AdvisorResult is the advice in words.
type AdvisorResult struct {
	Plan        AdvisorPlan
	Reasons     []string
	Uncovered   []AdvisorUncovered
	HasBudget   bool
	Within      bool
	Verdict     string
	BudgetPlan  *AdvisorPlan
	Assumptions string
	SalaryNotes []string
	ShareHref   string
}

// AdvisorPlan is a set-up in words, with its roles, areas and costs.
type AdvisorPlan struct {
	ID           string // prefix of the plan's element ids: "advice" or "budget"
	L            *AdvisorLabels
	Setup        string
	Roles        []AdvisorRoleRow
	TotalHours   string
	TotalFTE     string
	Areas        []AdvisorAreaRow
	Gross        string
	WithEmployer string
}

// AdvisorLabels are the headings of a plan's tables.
type AdvisorLabels struct {
	Roles, Role, Hours, FTE, People, Total, Gross, WithEmployer, Areas, Area, DoneBy string
}

func advisorLabels(p *i18n.Printer, factor float64) *AdvisorLabels {
	return &AdvisorLabels{Roles: p.T("advisor.roles"), Role: p.T("advisor.col.role"), Hours: p.T("advisor.col.hours"),
		FTE: p.T("advisor.col.fte"), People: p.T("advisor.col.people"), Total: p.T("advisor.total"),
		Gross: p.T("advisor.cost.gross"), WithEmployer: p.T("advisor.cost.with_employer", localFloat(p, factor)),
		Areas: p.T("advisor.areas"), Area: p.T("advisor.col.area"), DoneBy: p.T("advisor.col.done_by")}
}

// AdvisorRoleRow is one role of a plan.
type AdvisorRoleRow struct{ Name, Hours, FTE, People string }

// AdvisorAreaRow says who does a task area.
type AdvisorAreaRow struct{ Name, Role, Hours string }

// AdvisorUncovered is a task area nobody has time for, with why.
type AdvisorUncovered struct{ Name, Hours, Reason string }

func (s *Server) advisorGet(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	q := r.URL.Query()
	asked := false
	for k := range q {
		if k != "lang" {
			asked = true
		}
	}
	return s.advisor(w, r, a, q, asked)
}

func (s *Server) advisorPost(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	return s.advisor(w, r, a, r.PostForm, true)
}

// advisor renders the form with the values in form; with asked it also
// gives the advice, or the messages per field (422).
func (s *Server) advisor(w http.ResponseWriter, r *http.Request, a *authz.Actor, form url.Values, asked bool) error {
	c, err := s.roleCatalog(a)
	if err != nil {
		return err
	}
	p, keep, sw := s.catalogPage(r, a, "title.advisor")
	status := http.StatusOK
	var errs FieldErrors
	var result *AdvisorResult
	if asked {
		in, parseErrs := readAdvisorForm(c, form)
		adv, err := advisor.Advise(c, in)
		if err != nil && apperr.KindOf(err) != apperr.Invalid {
			return err
		}
		if err != nil || len(parseErrs) > 0 {
			errs = FieldErrors{}
			for k, v := range apperr.FieldsOf(err) {
				errs[k] = v
			}
			for k, v := range parseErrs {
				errs[k] = v // what could not be read says so, not what followed from it
				if strings.HasPrefix(k, advHours+".") {
					delete(errs, advHours) // an area was filled in, only not as a number
				}
			}
			status = http.StatusUnprocessableEntity
		} else {
			result = advisorResult(p.P, c, adv, "/roles/advisor?"+advisorQuery(c, form, keep))
		}
	}
	d := advisorForm(p.P, c, form, errs)
	d.Nav, d.LangSwitch, d.Result = catalogSubNav(p.P, a, "advisor", keep), sw, result
	d.Action = "/roles/advisor" + keep
	d.CompareHref = "/roles/compare" + keep
	_, d.Source = catalogSource(p.P, c)
	s.render(w, r, status, "advisor", p, d)
	return nil
}

// advisorAreas returns the task areas the advisor plans with, per role, in
// catalog order.
func advisorAreas(c *catalog.Catalog) []*catalog.Role {
	var out []*catalog.Role
	for _, j := range c.Jobs() {
		if j.Key == advisor.RoleOfficeManager || j.Key == advisor.RoleManagementAssistant {
			out = append(out, j)
		}
	}
	return out
}

// readAdvisorForm reads the form into the advisor's input. Values that are
// not numbers get an English message per field; they are left zero in the
// input, so the advisor still checks the other fields.
func readAdvisorForm(c *catalog.Catalog, form url.Values) (advisor.Input, FieldErrors) {
	errs := FieldErrors{}
	in := advisor.Input{Hours: map[string]float64{}}
	whole := func(name string, required bool) (int, bool) {
		v := strings.TrimSpace(form.Get(name))
		if v == "" {
			if required {
				errs[name] = "is required"
			}
			return 0, false
		}
		v = strings.TrimSpace(strings.TrimPrefix(v, "€"))
		n, err := strconv.Atoi(v)
		if err != nil {
			errs[name] = "enter a whole number"
			return 0, false
		}
		return n, true
	}
	decimal := func(name string) float64 {
		v := strings.ReplaceAll(strings.TrimSpace(form.Get(name)), ",", ".")
		if v == "" {
			return 0
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			errs[name] = "enter a number"
			return 0
		}
		return x
	}
	in.Headcount, _ = whole(advHeadcount, true)
	in.Principals, _ = whole(advPrincipals, false)
	for _, role := range advisorAreas(c) {
		for _, area := range role.TaskAreas {
			if h := decimal(advHours + "." + area.Key); h != 0 {
				in.Hours[area.Key] = h
			}
		}
	}
	if b, ok := whole(advBudget, false); ok {
		in.Budget = &b
	}
	in.EmployerCostFactor = decimal(advFactor)
	in.HoursPerFTE = decimal(advPerFTE)
	return in, errs
}

// advisorQuery is the query of a link that gives the same advice: the
// filled-in fields, plus the language a visitor chose.
func advisorQuery(c *catalog.Catalog, form url.Values, keep string) string {
	names := []string{advHeadcount, advPrincipals, advBudget, advFactor, advPerFTE}
	for _, role := range advisorAreas(c) {
		for _, area := range role.TaskAreas {
			names = append(names, advHours+"."+area.Key)
		}
	}
	q := url.Values{}
	for _, n := range names {
		if v := strings.TrimSpace(form.Get(n)); v != "" && v != "0" {
			q.Set(n, v)
		}
	}
	if l := strings.TrimPrefix(keep, "?lang="); keep != "" {
		q.Set("lang", l)
	}
	return q.Encode()
}

// advisorMsg translates one of the advisor's English messages.
func advisorMsg(p *i18n.Printer, msg string) string {
	if msg == "" {
		return ""
	}
	if k := "advisor.msg." + msg; p.Has(k) {
		return p.T(k)
	}
	return translate(p, msg)
}

// advisorForm lays out the form with the values sent and their messages.
func advisorForm(p *i18n.Printer, c *catalog.Catalog, form url.Values, errs FieldErrors) AdvisorPage {
	lang := p.Lang
	field := func(id, label, hint string) AdvisorField {
		return AdvisorField{ID: id, Label: label, Hint: hint, Value: form.Get(id), Error: advisorMsg(p, errs[id]), Min: "0"}
	}
	d := AdvisorPage{HasErrors: len(errs) > 0, HoursError: advisorMsg(p, errs[advHours])}
	head := field(advHeadcount, p.T("advisor.field.headcount"), p.T("advisor.hint.headcount"))
	head.RequiredText, head.Min, head.Step = p.T("form.required"), "1", "1"
	princ := field(advPrincipals, p.T("advisor.field.principals"), p.T("advisor.hint.principals"))
	princ.Step = "1"
	d.Organization = []AdvisorField{head, princ}
	for _, role := range advisorAreas(c) {
		rf := AdvisorRoleFields{Key: role.Key, Legend: p.T("advisor.form.role_areas", role.Name.In(lang))}
		for _, area := range role.TaskAreas {
			var tasks []string
			for _, t := range area.Tasks {
				tasks = append(tasks, t.Name.In(lang))
			}
			f := field(advHours+"."+area.Key, area.Name.In(lang), p.T("advisor.tasks", strings.Join(tasks, ", ")))
			f.Step, f.Max = "0.5", strconv.Itoa(advisor.MaxHoursPerWeek)
			if area.Context != "" {
				f.Context = area.Context
				if k := "advisor.context." + area.Context; p.Has(k) {
					f.Context = p.T(k)
				}
			}
			rf.Areas = append(rf.Areas, f)
		}
		d.Roles = append(d.Roles, rf)
	}
	budget := field(advBudget, p.T("advisor.field.budget"), p.T("advisor.hint.budget"))
	budget.Step = "1"
	factor := field(advFactor, p.T("advisor.field.employer_cost_factor"), p.T("advisor.hint.employer_cost_factor"))
	factor.Min, factor.Max, factor.Step = "1", "3", "0.01"
	perFTE := field(advPerFTE, p.T("advisor.field.hours_per_fte"), p.T("advisor.hint.hours_per_fte"))
	perFTE.Min, perFTE.Max, perFTE.Step = "1", "60", "0.5"
	// An empty factor or week means the default; show it.
	if factor.Value == "" {
		factor.Value = strconv.FormatFloat(advisor.DefaultEmployerCostFactor, 'f', -1, 64)
	}
	if perFTE.Value == "" {
		perFTE.Value = strconv.FormatFloat(advisor.DefaultHoursPerFTE, 'f', -1, 64)
	}
	d.Assumptions = []AdvisorField{budget, factor, perFTE}
	return d
}

// advisorResult puts the advice in words in the printer's language.
func advisorResult(p *i18n.Printer, c *catalog.Catalog, adv advisor.Advice, share string) *AdvisorResult {
	l := advisorLabels(p, adv.EmployerCostFactor)
	res := &AdvisorResult{Plan: advisorPlan(p, c, adv.Plan, "advice", l), ShareHref: share}
	for _, rs := range adv.Reasons {
		args := make([]any, len(rs.Args))
		for i, a := range rs.Args {
			args[i] = localNumber(p, a)
		}
		res.Reasons = append(res.Reasons, p.T("advisor.reason."+rs.Code, args...))
	}
	for _, u := range adv.Uncovered {
		res.Uncovered = append(res.Uncovered, AdvisorUncovered{Name: areaName(c, p.Lang, u.AreaKey),
			Hours: localFloat(p, u.Hours), Reason: p.T("advisor.uncovered."+u.Reason, localFloat(p, u.Hours))})
	}
	if adv.WithinBudget != nil {
		res.HasBudget, res.Within = true, *adv.WithinBudget
		if res.Within {
			res.Verdict = p.T("advisor.budget.fits")
		} else {
			res.Verdict = p.T("advisor.budget.exceeded")
		}
	}
	if adv.BudgetPlan != nil {
		bp := advisorPlan(p, c, *adv.BudgetPlan, "budget", l)
		res.BudgetPlan = &bp
	}
	res.Assumptions = p.T("advisor.assumptions", localFloat(p, adv.HoursPerFTE), localFloat(p, adv.EmployerCostFactor))
	for _, role := range advisorAreas(c) {
		if sal := role.Salary; sal != nil {
			asOf := sal.AsOf
			if t, err := time.Parse(time.DateOnly, sal.AsOf); err == nil {
				asOf = p.Date(t)
			}
			res.SalaryNotes = append(res.SalaryNotes, p.T("advisor.salary_note", role.Name.In(p.Lang),
				euro(p, sal.Min), euro(p, sal.Max), asOf, sal.Source.In(p.Lang)))
		}
	}
	return res
}

// advisorPlan puts one plan in words.
func advisorPlan(p *i18n.Printer, c *catalog.Catalog, pl advisor.Plan, id string, l *AdvisorLabels) AdvisorPlan {
	out := AdvisorPlan{ID: id, L: l, Setup: setupText(p, pl), TotalFTE: localFloat(p, pl.TotalFTE),
		Gross:        p.T("advisor.range", euro(p, pl.Cost.GrossMin), euro(p, pl.Cost.GrossMax)),
		WithEmployer: p.T("advisor.range", euro(p, pl.Cost.WithEmployerMin), euro(p, pl.Cost.WithEmployerMax))}
	var hours float64
	for _, r := range pl.Roles {
		out.Roles = append(out.Roles, AdvisorRoleRow{Name: roleNameIn(c, p.Lang, r.RoleKey), Hours: localFloat(p, r.Hours),
			FTE: localFloat(p, r.FTE), People: p.Number(int64(r.People))})
		hours += r.Hours
	}
	out.TotalHours = localFloat(p, hours)
	for _, a := range pl.Areas {
		out.Areas = append(out.Areas, AdvisorAreaRow{Name: areaName(c, p.Lang, a.AreaKey), Role: roleNameIn(c, p.Lang, a.RoleKey),
			Hours: localFloat(p, a.Hours)})
	}
	return out
}

// setupText says the set-up in a sentence, with the right plural.
func setupText(p *i18n.Printer, pl advisor.Plan) string {
	key := "advisor.setup." + pl.Setup
	n := pl.Assistants
	switch pl.Setup {
	case advisor.SetupOfficeManagerOnly:
		return p.T(key)
	case advisor.SetupOfficeManagerSupportingPrincipals:
		n = pl.SupportedPrincipals
		if n == 0 {
			return p.T(key + ".zero")
		}
	}
	if n == 1 {
		return p.T(key + ".one")
	}
	return p.T(key+".other", n)
}

func roleNameIn(c *catalog.Catalog, lang, key string) string {
	if r, ok := c.Role(key); ok {
		return r.Name.In(lang)
	}
	return key
}

func areaName(c *catalog.Catalog, lang, key string) string {
	for _, ra := range c.TaskAreas() {
		if ra.Area.Key == key {
			return ra.Area.Name.In(lang)
		}
	}
	return key
}

// localNumber writes a number the advisor wrote with a decimal point in the
// printer's language; anything else stays as it is.
func localNumber(p *i18n.Printer, s string) string {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return localFloat(p, x)
}

// localFloat writes x with at most two decimals and the language's
// grouping: 1.234,5 (nl), 1,234.5 (en).
func localFloat(p *i18n.Printer, x float64) string {
	s := strconv.FormatFloat(math.Round(math.Abs(x)*100)/100, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := p.Number(n)
	if frac != "" {
		sep := "."
		if p.Lang == "nl" {
			sep = ","
		}
		out += sep + frac
	}
	if x < 0 {
		out = "-" + out
	}
	return out
}

// euro writes whole euros: "€ 3.196" (nl), "€3,196" (en).
func euro(p *i18n.Printer, n int) string {
	if p.Lang == "nl" {
		return "€ " + p.Number(int64(n))
	}
	return "€" + p.Number(int64(n))
}
