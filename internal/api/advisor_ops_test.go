package api

import (
	"net/http"
	"slices"
	"testing"

	"spil/internal/catalog"
	"spil/internal/testutil"
)

// advisorFixture is an API whose role catalog is set. The advisor stores
// nothing, so SQLite is enough.
func advisorFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, testutil.NewSQLite(t))
	if f.api.Catalog == nil {
		c, err := catalog.Default()
		if err != nil {
			t.Fatal(err)
		}
		f.api.Catalog = catalog.NewBook(c)
	}
	return f
}

func TestAdviseStaffingWithoutAnAccount(t *testing.T) {
	f := advisorFixture(t)
	r := f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/advice", body: map[string]any{
		"headcount": 15, "principals": 1, "budget": 3000,
		"hours": map[string]float64{"om.office_processes": 12, "om.team": 4, "om.cost_control": 4, "ma.agenda_mail": 8}}})
	wantStatus(t, r, http.StatusOK)
	var adv StaffingAdvice
	r.decode(t, &adv)
	if adv.Setup != "office_manager_supporting_principals" || adv.SupportedPrincipals != 1 || adv.TotalFTE != 0.78 {
		t.Errorf("advice %+v, want the Office Manager supporting 1 principal at 0.78 FTE", adv.StaffingPlan)
	}
	if adv.Cost != (StaffingCost{GrossMin: 2493, GrossMax: 2987, WithEmployerMin: 3241, WithEmployerMax: 3884}) {
		t.Errorf("cost %+v", adv.Cost)
	}
	if adv.EmployerCostFactor != 1.3 || adv.HoursPerFTE != 36 {
		t.Errorf("defaults %v, %v", adv.EmployerCostFactor, adv.HoursPerFTE)
	}
	var codes []string
	for _, rs := range adv.Reasons {
		codes = append(codes, rs.Code)
		if rs.Text == "" || rs.Args == nil {
			t.Errorf("reason %+v lacks text or args", rs)
		}
	}
	for _, want := range []string{"small_organization", "authority", "budget_exceeded"} {
		if !slices.Contains(codes, want) {
			t.Errorf("reasons %v lack %s", codes, want)
		}
	}
	if adv.WithinBudget == nil || *adv.WithinBudget || adv.BudgetPlan == nil || len(adv.Uncovered) == 0 {
		t.Errorf("budget €3000: within %v, plan %+v, uncovered %+v", adv.WithinBudget, adv.BudgetPlan, adv.Uncovered)
	}
	for _, key := range []string{"reasons", "uncovered", "roles", "areas", "cost"} {
		if _, ok := r.body[key]; !ok {
			t.Errorf("response lacks %q: %s", key, r.raw)
		}
	}
}

func TestAdviseStaffingRefusesImpossibleInputPerField(t *testing.T) {
	f := advisorFixture(t)
	cases := []struct {
		name string
		body any
		want map[string]string // location → message
	}{
		{"more principals than people", map[string]any{"headcount": 3, "principals": 5, "hours": map[string]float64{"om.team": 4}},
			map[string]string{"body.principals": "more principals than people"}},
		{"negative hours", map[string]any{"headcount": 30, "hours": map[string]float64{"om.cost_control": -2, "om.team": 4}},
			map[string]string{"body.hours.om.cost_control": "cannot be negative"}},
		{"empty selection", map[string]any{"headcount": 0, "hours": map[string]float64{}},
			map[string]string{"body.headcount": "must be at least 1", "body.hours": "choose at least one task area"}},
		{"unknown area and bad factor", map[string]any{"headcount": 3, "employer_cost_factor": 5, "hours": map[string]float64{"om.cooking": 2}},
			map[string]string{"body.hours.om.cooking": "unknown task area", "body.employer_cost_factor": "must be between 1 and 3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/advice", body: c.body})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			got := map[string]string{}
			for _, e := range r.problem(t).Errors {
				got[e.Location] = e.Message
			}
			if len(got) != len(c.want) {
				t.Errorf("errors %v, want %v", got, c.want)
			}
			for loc, msg := range c.want {
				if got[loc] != msg {
					t.Errorf("%s: %q, want %q (all: %v)", loc, got[loc], msg, got)
				}
			}
		})
	}
	// A body that is not the documented shape is refused by the schema.
	r := f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/advice", body: `{"headcount":"many","hours":{}}`})
	wantStatus(t, r, http.StatusUnprocessableEntity)
}
