package api

import (
	"context"
	"errors"
	"net/http"

	"spil/internal/advisor"
	"spil/internal/authz"
)

// StaffingInput is what an organization tells the staffing advisor. The
// ranges are checked by the advisor, which answers 422 with one message per
// field (location body.<field>, body.hours.<area key> per task area).
type StaffingInput struct {
	Headcount          int                `json:"headcount" doc:"People in the organization; at least 1." example:"15"`
	Principals         int                `json:"principals,omitempty" doc:"Managers who need support (agenda, meetings, correspondence); 0 up to headcount." example:"1"`
	Hours              map[string]float64 `json:"hours" doc:"Hours a week per task area of the role catalog (keys such as om.office_processes, om.team, om.cost_control, om.scaleup, ma.agenda_mail, ma.meetings, ma.communication, ma.support, ma.law_firm, ma.healthcare; see get-role-catalog), each 0 to 168. At least one area needs hours." example:"{\"om.office_processes\":12,\"om.team\":4,\"om.cost_control\":4,\"ma.agenda_mail\":8}"`
	Budget             *int               `json:"budget,omitempty" doc:"Optional monthly budget in whole euros, including employer costs; 0 or more."`
	EmployerCostFactor float64            `json:"employer_cost_factor,omitempty" doc:"Gross salary × this factor is the employer's cost; 1 to 3, default 1.3." example:"1.3"`
	HoursPerFTE        float64            `json:"hours_per_fte,omitempty" doc:"Hours of a full working week; 1 to 60, default 36." example:"36"`
}

// StaffingPlan is a set-up with its people, hours and cost.
type StaffingPlan struct {
	Setup               string         `json:"setup" enum:"office_manager_only,assistants_only,office_manager_and_assistants,office_manager_supporting_principals" doc:"The set-up: an Office Manager only; Management Assistant(s) only; an Office Manager plus dedicated Management Assistants; one Office Manager who also supports the principals."`
	Assistants          int            `json:"assistants" doc:"Management Assistants in the set-up."`
	SupportedPrincipals int            `json:"supported_principals" doc:"Principals the Office Manager supports in the combined set-up (office_manager_supporting_principals), else 0."`
	Roles               []StaffingRole `json:"roles" nullable:"false" doc:"The roles of the set-up."`
	Areas               []StaffingArea `json:"areas" nullable:"false" doc:"Which role does each task area with hours, in catalog order."`
	TotalFTE            float64        `json:"total_fte" doc:"FTE of all roles together."`
	Cost                StaffingCost   `json:"cost" doc:"Monthly cost from the catalog's salary ranges."`
}

// StaffingRole is one role of a plan.
type StaffingRole struct {
	RoleKey string  `json:"role_key" doc:"The catalog role: office_manager or management_assistant."`
	FTE     float64 `json:"fte" doc:"Hours / hours per FTE, two decimals."`
	People  int     `json:"people" doc:"People in this role."`
	Hours   float64 `json:"hours" doc:"Hours a week."`
}

// StaffingArea says which role does a task area.
type StaffingArea struct {
	AreaKey string  `json:"area_key" doc:"The task area."`
	RoleKey string  `json:"role_key" doc:"The role that does it in this plan."`
	Hours   float64 `json:"hours" doc:"Hours a week."`
}

// StaffingCost is a monthly cost range in whole euros.
type StaffingCost struct {
	GrossMin        int `json:"gross_min" doc:"FTE × the bottom of each role's gross monthly salary range, summed."`
	GrossMax        int `json:"gross_max" doc:"FTE × the top of each role's gross monthly salary range, summed."`
	WithEmployerMin int `json:"with_employer_min" doc:"gross_min × the employer-cost factor."`
	WithEmployerMax int `json:"with_employer_max" doc:"gross_max × the employer-cost factor."`
}

// StaffingReason is one step of the explanation.
type StaffingReason struct {
	Code string   `json:"code" doc:"What the reason says, for translation (e.g. small_organization, large_organization, assistants_count, scaleup, authority, budget_exceeded)."`
	Args []string `json:"args" nullable:"false" doc:"The reason's numbers, written with a decimal point."`
	Text string   `json:"text" doc:"The reason in English, in the article's terms."`
}

// StaffingUncovered is a task area nobody in the proposed set-up has time for.
type StaffingUncovered struct {
	AreaKey string  `json:"area_key" doc:"The task area."`
	Hours   float64 `json:"hours" doc:"Its hours a week."`
	Reason  string  `json:"reason" enum:"over_budget" doc:"Why it stays uncovered."`
	Text    string  `json:"text" doc:"Why, in English."`
}

// StaffingAdvice is the staffing advisor's answer.
type StaffingAdvice struct {
	StaffingPlan
	Reasons            []StaffingReason    `json:"reasons" nullable:"false" doc:"Why, step by step, in the article's terms."`
	Uncovered          []StaffingUncovered `json:"uncovered" nullable:"false" doc:"Task areas that stay uncovered in the budget variant."`
	WithinBudget       *bool               `json:"within_budget,omitempty" doc:"Whether with_employer_max fits the budget; absent without a budget."`
	BudgetPlan         *StaffingPlan       `json:"budget_plan,omitempty" doc:"A cheaper variant that fits the budget, when the recommendation does not and at least one task area fits."`
	EmployerCostFactor float64             `json:"employer_cost_factor" doc:"The employer-cost factor used."`
	HoursPerFTE        float64             `json:"hours_per_fte" doc:"The hours per FTE used."`
}

type adviseInput struct {
	Body StaffingInput
}

func (a *API) registerAdvisor() {
	register(a, op{
		ID: "advise-staffing", Method: http.MethodPost, Path: "/roles/advice", Tag: "Roles",
		Summary: "Advise on staffing",
		Description: "Recommends a set-up of Office Manager and Management Assistants for an organization — from its headcount, " +
			"the managers who need support, the hours a week per task area and an optional budget — with the FTE, the monthly " +
			"cost range from the role catalog's salaries (gross and with employer costs), the reasons in the article's terms and, " +
			"when the budget is too small, a cheaper variant and what it leaves uncovered. Deterministic; nothing is stored. " +
			"Open to everyone, also without an account.",
		Access:  authz.Public,
		Errors:  []int{http.StatusUnprocessableEntity},
		MaxBody: 16 << 10,
	}, func(ctx context.Context, in *adviseInput) (*body[StaffingAdvice], error) {
		if a.Catalog == nil {
			return nil, errors.New("api: no role catalog configured")
		}
		b := in.Body
		adv, err := advisor.Advise(a.Catalog.For(actorFrom(ctx) != nil), advisor.Input{Headcount: b.Headcount, Principals: b.Principals, Hours: b.Hours,
			Budget: b.Budget, EmployerCostFactor: b.EmployerCostFactor, HoursPerFTE: b.HoursPerFTE})
		if err != nil {
			return nil, err
		}
		out := StaffingAdvice{StaffingPlan: staffingPlan(adv.Plan), Reasons: []StaffingReason{}, Uncovered: []StaffingUncovered{},
			WithinBudget: adv.WithinBudget, EmployerCostFactor: adv.EmployerCostFactor, HoursPerFTE: adv.HoursPerFTE}
		for _, r := range adv.Reasons {
			args := r.Args
			if args == nil {
				args = []string{}
			}
			out.Reasons = append(out.Reasons, StaffingReason{Code: r.Code, Args: args, Text: r.Text})
		}
		for _, u := range adv.Uncovered {
			out.Uncovered = append(out.Uncovered, StaffingUncovered{AreaKey: u.AreaKey, Hours: u.Hours, Reason: u.Reason, Text: u.Text})
		}
		if adv.BudgetPlan != nil {
			bp := staffingPlan(*adv.BudgetPlan)
			out.BudgetPlan = &bp
		}
		return bodyOf(out), nil
	})
}

func staffingPlan(p advisor.Plan) StaffingPlan {
	out := StaffingPlan{Setup: p.Setup, Assistants: p.Assistants, SupportedPrincipals: p.SupportedPrincipals,
		Roles: []StaffingRole{}, Areas: []StaffingArea{}, TotalFTE: p.TotalFTE,
		Cost: StaffingCost{GrossMin: p.Cost.GrossMin, GrossMax: p.Cost.GrossMax,
			WithEmployerMin: p.Cost.WithEmployerMin, WithEmployerMax: p.Cost.WithEmployerMax}}
	for _, r := range p.Roles {
		out.Roles = append(out.Roles, StaffingRole{RoleKey: r.RoleKey, FTE: r.FTE, People: r.People, Hours: r.Hours})
	}
	for _, x := range p.Areas {
		out.Areas = append(out.Areas, StaffingArea{AreaKey: x.AreaKey, RoleKey: x.RoleKey, Hours: x.Hours})
	}
	return out
}
