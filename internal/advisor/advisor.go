// Package advisor is spil's staffing advisor: from an organization's
// headcount, the number of managers who need support, the hours a week each
// task area of the role catalog takes and an optional budget, it recommends
// a set-up of Office Manager and Management Assistants, estimates the FTE and
// the monthly cost, says why in the article's own terms, and names what
// stays uncovered. It is deterministic — the same input always gives the
// same advice — and has no state: Advise is a pure function of the catalog
// and the input.
//
// The rules, in the article's terms:
//
//   - Hours. The Office Manager's hours are the sum of the hours of the
//     Office Manager's task areas in the catalog (om.*), the Management
//     Assistant's hours the sum of the Management Assistant's areas (ma.*).
//     FTE = hours / HoursPerFTE (default 36, the Dutch full-time week),
//     rounded to two decimals; everything below is computed from the rounded
//     FTE, so a reader can redo the sums.
//   - Only Office Manager areas: the set-up is an Office Manager only
//     (SetupOfficeManagerOnly). The Office Manager "is verantwoordelijk voor
//     het organiseren en coördineren van alle activiteiten binnen het
//     kantoor".
//   - Only Management Assistant areas: Management Assistant(s) only
//     (SetupAssistantsOnly), n = max(ceil(MA FTE), ceil(principals / 3)), at
//     least 1. A Management Assistant can support several managers — the
//     article's healthcare example "beheert de agenda van meerdere managers";
//     spil reckons with at most PrincipalsPerAssistant (3) managers each.
//   - Both: a small organization — fewer than SmallHeadcount (50) people,
//     OM FTE + MA FTE at most SmallMaxFTE (1.2) and at most
//     SmallMaxPrincipals (2) managers who need support — gets one Office
//     Manager who also takes over agenda and correspondence for the k
//     principals (SetupOfficeManagerSupportingPrincipals): "In kleine
//     organisaties kan een Office Manager taken van een Management Assistent
//     overnemen, zoals agendabeheer en correspondentie". Any other
//     organization gets an Office Manager plus n dedicated Management
//     Assistants (SetupOfficeManagerAndAssistants), n as above: "In grote
//     organisaties richten Management Assistenten zich vaak puur op een
//     manager of team".
//   - There is one Office Manager in every set-up that has one. When the
//     Office Manager's work is more than one FTE, the Office Manager leads
//     support staff for the rest ("Leidinggeven aan ondersteunend
//     personeel"); the cost counts those hours at the Office Manager's salary,
//     an upper estimate.
//   - Scale-up: hours in the scale-up area (context "scaleup") add the
//     reason that in a scale-up the Office Manager is crucial for growth:
//     scalable processes, culture and well-being, strategic support.
//   - Authority: hours in cost control and supplier contracts
//     (om.cost_control: budget, suppliers, invoices) need an Office Manager,
//     who has decision authority over suppliers and internal procedures,
//     where a Management Assistant has "beperkte bevoegdheid; voornamelijk
//     uitvoerend en adviserend".
//   - The law firm and healthcare areas add the article's examples as
//     reasons.
//   - Cost: per role, FTE × the catalog's gross monthly salary range
//     (Min..Max), summed; with employer costs × EmployerCostFactor (default
//     1.3); rounded to whole euros.
//   - Budget (monthly euros, with employer costs): when the highest estimate
//     with employer costs is above it, WithinBudget is false and the advisor
//     proposes a cheaper variant (BudgetPlan): it takes the task areas in
//     catalog order — the Office Manager's first, then the Management
//     Assistant's — and keeps each one while the re-planned set-up (same
//     rules as above, so a smaller need may become the combined set-up or
//     need fewer assistants) still fits; the areas that no longer fit are
//     Uncovered. Uncovered is about people, not software: an area is
//     uncovered when nobody in the proposed set-up has the hours for it.
package advisor

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"spil/internal/apperr"
	"spil/internal/catalog"
)

// The set-ups the advisor recommends.
const (
	SetupOfficeManagerOnly                 = "office_manager_only"
	SetupAssistantsOnly                    = "assistants_only"
	SetupOfficeManagerAndAssistants        = "office_manager_and_assistants"
	SetupOfficeManagerSupportingPrincipals = "office_manager_supporting_principals"
)

// Setups lists every set-up, for documentation and enumerations.
func Setups() []string {
	return []string{SetupOfficeManagerOnly, SetupAssistantsOnly, SetupOfficeManagerAndAssistants, SetupOfficeManagerSupportingPrincipals}
}

// The catalog's job roles the advisor plans with.
const (
	RoleOfficeManager       = "office_manager"
	RoleManagementAssistant = "management_assistant"
)

// The rules' numbers.
const (
	DefaultEmployerCostFactor = 1.3
	DefaultHoursPerFTE        = 36.0 // the Dutch full-time week
	SmallHeadcount            = 50   // a small organization has fewer people
	SmallMaxFTE               = 1.2  // … at most this much support work
	SmallMaxPrincipals        = 2    // … and at most this many managers who need support
	PrincipalsPerAssistant    = 3    // managers one Management Assistant supports at most
	MaxHoursPerWeek           = 168
	AreaCostControl           = "om.cost_control"
)

// Input is what an organization tells the advisor.
type Input struct {
	Headcount  int `json:"headcount"`  // people in the organization, at least 1
	Principals int `json:"principals"` // managers who need support, 0..Headcount
	// Hours maps a task area key of the catalog (om.*, ma.*) to hours per
	// week, 0..168. At least one area needs hours.
	Hours              map[string]float64 `json:"hours"`
	Budget             *int               `json:"budget,omitempty"`               // optional, euros a month with employer costs, ≥ 0
	EmployerCostFactor float64            `json:"employer_cost_factor,omitempty"` // 1..3; 0 means 1.3
	HoursPerFTE        float64            `json:"hours_per_fte,omitempty"`        // 1..60; 0 means 36
}

// Plan is a set-up with its people, hours and cost.
type Plan struct {
	Setup               string           `json:"setup"`
	Assistants          int              `json:"assistants"`           // Management Assistants in the set-up
	SupportedPrincipals int              `json:"supported_principals"` // principals the Office Manager supports in the combined set-up
	Roles               []RoleFTE        `json:"roles"`
	Areas               []AreaAssignment `json:"areas"` // who does each area with hours, in catalog order
	TotalFTE            float64          `json:"total_fte"`
	Cost                CostRange        `json:"cost"`
}

// RoleFTE is one role in a plan.
type RoleFTE struct {
	RoleKey string  `json:"role_key"`
	FTE     float64 `json:"fte"`    // two decimals
	People  int     `json:"people"` // people in this role
	Hours   float64 `json:"hours"`  // hours a week
}

// AreaAssignment says which role does a task area in a plan.
type AreaAssignment struct {
	AreaKey string  `json:"area_key"`
	RoleKey string  `json:"role_key"`
	Hours   float64 `json:"hours"`
}

// CostRange is a monthly cost in whole euros: gross salaries, and with
// employer costs.
type CostRange struct {
	GrossMin        int `json:"gross_min"`
	GrossMax        int `json:"gross_max"`
	WithEmployerMin int `json:"with_employer_min"`
	WithEmployerMax int `json:"with_employer_max"`
}

// Reason is one step of the advice's explanation: a code the interface
// translates (its arguments are numbers written with a decimal point, in the
// order documented at ReasonCodes) and the same sentence in English.
type Reason struct {
	Code string   `json:"code"`
	Args []string `json:"args"`
	Text string   `json:"text"`
}

// Uncovered is a task area with hours that nobody in the proposed set-up
// has time for.
type Uncovered struct {
	AreaKey string  `json:"area_key"`
	Hours   float64 `json:"hours"`
	Reason  string  `json:"reason"` // UncoveredOverBudget
	Text    string  `json:"text"`   // English
}

// UncoveredOverBudget is the reason of an area left out to fit the budget.
const UncoveredOverBudget = "over_budget"

// Advice is the advisor's answer: the recommended plan (embedded), the
// reasons, and the budget verdict.
type Advice struct {
	Plan
	Reasons   []Reason    `json:"reasons"`
	Uncovered []Uncovered `json:"uncovered"`
	// WithinBudget is nil without a budget, else whether the highest
	// estimate with employer costs fits it.
	WithinBudget *bool `json:"within_budget,omitempty"`
	// BudgetPlan is the cheaper variant that fits the budget, when the
	// recommendation does not and at least one area fits.
	BudgetPlan *Plan `json:"budget_plan,omitempty"`
	// The assumptions used, defaults applied.
	EmployerCostFactor float64 `json:"employer_cost_factor"`
	HoursPerFTE        float64 `json:"hours_per_fte"`
}

// Validation messages, in English; the interfaces translate them.
const (
	MsgHeadcount         = "must be at least 1"
	MsgHeadcountTooLarge = "must be at most 1000000"
	MsgNegative          = "cannot be negative"
	MsgMorePrincipals    = "more principals than people"
	MsgTooManyHours      = "cannot be more than 168 hours a week"
	MsgUnknownArea       = "unknown task area"
	MsgNotANumber        = "is not a number"
	MsgNoArea            = "choose at least one task area"
	MsgFactorRange       = "must be between 1 and 3"
	MsgHoursPerFTERange  = "must be between 1 and 60"
)

// area is a task area with the hours the input gives it.
type area struct {
	key, role, context string
	hours              float64
}

// Advise returns the advice for in. Invalid input returns an apperr.Invalid
// error with one English message per field: "headcount", "principals",
// "hours" (no area with hours), "hours.<area key>" (negative, over 168, not
// a number, unknown area), "budget", "employer_cost_factor",
// "hours_per_fte". A catalog without the Office Manager or Management
// Assistant role and its salary returns an internal error.
func Advise(c *catalog.Catalog, in Input) (Advice, error) {
	if c == nil {
		return Advice{}, errors.New("advisor: no role catalog")
	}
	salaries := map[string]catalog.Salary{}
	for _, k := range []string{RoleOfficeManager, RoleManagementAssistant} {
		r, ok := c.Role(k)
		if !ok || r.Salary == nil {
			return Advice{}, fmt.Errorf("advisor: the role catalog lacks role %s or its salary", k)
		}
		salaries[k] = *r.Salary
	}
	areas, err := validate(c, &in)
	if err != nil {
		return Advice{}, err
	}
	pl := planner{in: in, salaries: salaries}
	plan, reasons := pl.plan(areas, true)
	adv := Advice{Plan: plan, Reasons: reasons, Uncovered: []Uncovered{},
		EmployerCostFactor: in.EmployerCostFactor, HoursPerFTE: in.HoursPerFTE}
	if in.Budget != nil {
		pl.budget(&adv, areas, *in.Budget)
	}
	return adv, nil
}

// MaxHeadcount is the largest organization the advisor plans for.
const MaxHeadcount = 1_000_000

// validate checks in, applies the defaults, and returns the areas with
// hours in catalog order.
func validate(c *catalog.Catalog, in *Input) ([]area, error) {
	var f apperr.Fields
	switch {
	case in.Headcount < 1:
		f.Add("headcount", MsgHeadcount)
	case in.Headcount > MaxHeadcount:
		f.Add("headcount", MsgHeadcountTooLarge)
	}
	switch {
	case in.Principals < 0:
		f.Add("principals", MsgNegative)
	case in.Headcount >= 1 && in.Principals > in.Headcount:
		f.Add("principals", MsgMorePrincipals)
	}
	known := map[string]catalog.RoleArea{}
	for _, ra := range c.TaskAreas() {
		if ra.RoleKey == RoleOfficeManager || ra.RoleKey == RoleManagementAssistant {
			known[ra.Area.Key] = ra
		}
	}
	keys := make([]string, 0, len(in.Hours))
	for k := range in.Hours {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	withHours := false
	for _, k := range keys {
		h, field := in.Hours[k], "hours."+k
		switch _, ok := known[k]; {
		case !ok:
			f.Add(field, MsgUnknownArea)
		case math.IsNaN(h) || math.IsInf(h, 0):
			f.Add(field, MsgNotANumber)
		case h < 0:
			f.Add(field, MsgNegative)
		case h > MaxHoursPerWeek:
			f.Add(field, MsgTooManyHours)
		case h > 0:
			withHours = true
		}
	}
	if !withHours && !hasHoursError(f) {
		f.Add("hours", MsgNoArea)
	}
	if in.Budget != nil && *in.Budget < 0 {
		f.Add("budget", MsgNegative)
	}
	switch x := in.EmployerCostFactor; {
	case math.IsNaN(x) || math.IsInf(x, 0):
		f.Add("employer_cost_factor", MsgNotANumber)
	case x == 0:
		in.EmployerCostFactor = DefaultEmployerCostFactor
	case x < 1 || x > 3:
		f.Add("employer_cost_factor", MsgFactorRange)
	}
	switch x := in.HoursPerFTE; {
	case math.IsNaN(x) || math.IsInf(x, 0):
		f.Add("hours_per_fte", MsgNotANumber)
	case x == 0:
		in.HoursPerFTE = DefaultHoursPerFTE
	case x < 1 || x > 60:
		f.Add("hours_per_fte", MsgHoursPerFTERange)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out []area
	for _, ra := range c.TaskAreas() {
		if h := in.Hours[ra.Area.Key]; h > 0 {
			out = append(out, area{key: ra.Area.Key, role: ra.RoleKey, context: ra.Area.Context, hours: h})
		}
	}
	return out, nil
}

// hasHoursError reports whether some area already has a message: then
// "choose at least one task area" would say nothing new.
func hasHoursError(f apperr.Fields) bool {
	for k := range f {
		if strings.HasPrefix(k, "hours.") {
			return true
		}
	}
	return false
}

// planner applies the rules for one validated input.
type planner struct {
	in       Input
	salaries map[string]catalog.Salary
}

// plan applies the set-up rules to areas (with hours, catalog order); with
// explain it also returns the reasons.
func (pl planner) plan(areas []area, explain bool) (Plan, []Reason) {
	in := pl.in
	var om, ma float64
	for _, a := range areas {
		if a.role == RoleOfficeManager {
			om += a.hours
		} else {
			ma += a.hours
		}
	}
	omFTE, maFTE := round2(om/in.HoursPerFTE), round2(ma/in.HoursPerFTE)
	totalFTE := round2(omFTE + maFTE)
	var p Plan
	var rs reasons
	assistants := func() int {
		byHours := int(math.Ceil(maFTE))
		byPrincipals := (in.Principals + PrincipalsPerAssistant - 1) / PrincipalsPerAssistant
		n := max(byHours, byPrincipals, 1)
		rs.add("assistants_count", itoa(n), num(maFTE), itoa(byHours), itoa(in.Principals), itoa(byPrincipals))
		return n
	}
	assign := func(combined bool) {
		for _, a := range areas {
			role := a.role
			if combined {
				role = RoleOfficeManager
			}
			p.Areas = append(p.Areas, AreaAssignment{AreaKey: a.key, RoleKey: role, Hours: a.hours})
		}
	}
	if ma > 0 && in.Principals == 0 {
		rs.add("assistant_hours_without_principals", num(ma))
	}
	switch {
	case ma == 0:
		p.Setup = SetupOfficeManagerOnly
		p.Roles = []RoleFTE{{RoleKey: RoleOfficeManager, FTE: omFTE, People: 1, Hours: om}}
		rs.add("setup_office_manager_only", num(om), num(omFTE))
		if omFTE > 1 {
			rs.add("office_manager_leads_support_staff", num(omFTE))
		}
		if in.Principals > 0 {
			rs.add("principals_without_assistant_hours", itoa(in.Principals))
		}
		assign(false)
	case om == 0:
		p.Setup = SetupAssistantsOnly
		rs.add("setup_assistants_only", num(ma), num(maFTE))
		p.Assistants = assistants()
		p.Roles = []RoleFTE{{RoleKey: RoleManagementAssistant, FTE: maFTE, People: p.Assistants, Hours: ma}}
		assign(false)
	case in.Headcount < SmallHeadcount && totalFTE <= SmallMaxFTE && in.Principals <= SmallMaxPrincipals:
		p.Setup = SetupOfficeManagerSupportingPrincipals
		p.SupportedPrincipals = in.Principals
		p.Roles = []RoleFTE{{RoleKey: RoleOfficeManager, FTE: totalFTE, People: 1, Hours: om + ma}}
		rs.add("small_organization", itoa(in.Headcount), num(totalFTE), itoa(in.Principals))
		if totalFTE > 1 {
			rs.add("combined_above_one_fte", num(totalFTE), num(SmallMaxFTE))
		}
		assign(true)
	default:
		p.Setup = SetupOfficeManagerAndAssistants
		rs.add("large_organization", itoa(in.Headcount), num(totalFTE), itoa(in.Principals))
		p.Assistants = assistants()
		p.Roles = []RoleFTE{
			{RoleKey: RoleOfficeManager, FTE: omFTE, People: 1, Hours: om},
			{RoleKey: RoleManagementAssistant, FTE: maFTE, People: p.Assistants, Hours: ma},
		}
		if omFTE > 1 {
			rs.add("office_manager_leads_support_staff", num(omFTE))
		}
		assign(false)
	}
	for _, a := range areas {
		switch {
		case a.context == "scaleup":
			rs.add("scaleup", num(a.hours))
		case a.key == AreaCostControl:
			rs.add("authority", num(a.hours))
		case a.context == "law_firm":
			rs.add("law_firm", num(a.hours))
		case a.context == "healthcare":
			rs.add("healthcare", num(a.hours))
		}
	}
	var gmin, gmax float64
	for _, r := range p.Roles {
		s := pl.salaries[r.RoleKey]
		gmin += r.FTE * float64(s.Min)
		gmax += r.FTE * float64(s.Max)
		p.TotalFTE += r.FTE
	}
	p.TotalFTE = round2(p.TotalFTE)
	p.Cost = CostRange{GrossMin: euros(gmin), GrossMax: euros(gmax),
		WithEmployerMin: euros(gmin * in.EmployerCostFactor), WithEmployerMax: euros(gmax * in.EmployerCostFactor)}
	if !explain {
		return p, nil
	}
	return p, rs
}

// budget sets the verdict and, when the recommendation does not fit, the
// cheaper variant and what it leaves uncovered.
func (pl planner) budget(adv *Advice, areas []area, budget int) {
	fits := adv.Cost.WithEmployerMax <= budget
	adv.WithinBudget = &fits
	if fits {
		adv.Reasons = append(adv.Reasons, reason("budget_fits", itoa(adv.Cost.WithEmployerMax), itoa(budget)))
		return
	}
	adv.Reasons = append(adv.Reasons, reason("budget_exceeded", itoa(adv.Cost.WithEmployerMax), itoa(budget)))
	var kept []area
	for _, a := range areas {
		try := append(slices.Clone(kept), a)
		if p, _ := pl.plan(try, false); p.Cost.WithEmployerMax <= budget {
			kept = try
			continue
		}
		adv.Uncovered = append(adv.Uncovered, Uncovered{AreaKey: a.key, Hours: a.hours, Reason: UncoveredOverBudget,
			Text: fmt.Sprintf(uncoveredTexts[UncoveredOverBudget], num(a.hours))})
	}
	if len(kept) == 0 {
		adv.Reasons = append(adv.Reasons, reason("budget_nothing_fits", itoa(budget)))
		return
	}
	p, _ := pl.plan(kept, false)
	adv.BudgetPlan = &p
	adv.Reasons = append(adv.Reasons, reason("budget_variant", itoa(p.Cost.WithEmployerMax), itoa(budget)))
}

type reasons []Reason

func (rs *reasons) add(code string, args ...string) { *rs = append(*rs, reason(code, args...)) }

func reason(code string, args ...string) Reason {
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a
	}
	return Reason{Code: code, Args: args, Text: fmt.Sprintf(ReasonCodes[code], vals...)}
}

// round2 rounds to two decimals.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// euros rounds an amount to whole euros.
func euros(x float64) int { return int(math.Round(x)) }

// num writes a number with a decimal point and no needless zeros.
func num(x float64) string { return strconv.FormatFloat(round2(x), 'f', -1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }
