package advisor

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/catalog"
)

func cat(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func advise(t *testing.T, in Input) Advice {
	t.Helper()
	a, err := Advise(cat(t), in)
	if err != nil {
		t.Fatalf("advise %+v: %v", in, err)
	}
	for _, r := range a.Reasons {
		if _, ok := ReasonCodes[r.Code]; !ok || r.Text == "" || strings.Contains(r.Text, "%!") {
			t.Errorf("reason %s has no proper text: %q", r.Code, r.Text)
		}
	}
	return a
}

func codes(a Advice) []string {
	var out []string
	for _, r := range a.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func wantCodes(t *testing.T, a Advice, want ...string) {
	t.Helper()
	got := codes(a)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("reasons %v lack %s", got, w)
		}
	}
}

func reasonOf(a Advice, code string) *Reason {
	for i := range a.Reasons {
		if a.Reasons[i].Code == code {
			return &a.Reasons[i]
		}
	}
	return nil
}

// The article's small organization: the Office Manager takes over agenda and
// correspondence for the one principal.
func smallOrganization() Input {
	return Input{Headcount: 15, Principals: 1, Hours: map[string]float64{
		"om.office_processes": 12, "om.team": 4, "om.cost_control": 4, "ma.agenda_mail": 8}}
}

// The article's large organization: dedicated Management Assistants.
func largeOrganization() Input {
	return Input{Headcount: 400, Principals: 6, Hours: map[string]float64{
		"om.office_processes": 20, "om.team": 10, "om.cost_control": 10,
		"ma.agenda_mail": 40, "ma.meetings": 30, "ma.communication": 20, "ma.support": 10}}
}

func TestSmallOrganizationGetsAnOfficeManagerWhoSupportsThePrincipal(t *testing.T) {
	a := advise(t, smallOrganization())
	if a.Setup != SetupOfficeManagerSupportingPrincipals || a.SupportedPrincipals != 1 || a.Assistants != 0 {
		t.Fatalf("set-up %s, supports %d, assistants %d; want the Office Manager supporting 1 principal", a.Setup, a.SupportedPrincipals, a.Assistants)
	}
	if a.TotalFTE != 0.78 {
		t.Errorf("FTE %v, want 0.78 (28 hours of 36)", a.TotalFTE)
	}
	want := []RoleFTE{{RoleKey: RoleOfficeManager, FTE: 0.78, People: 1, Hours: 28}}
	if !slices.Equal(a.Roles, want) {
		t.Errorf("roles %+v, want %+v", a.Roles, want)
	}
	for _, x := range a.Areas {
		if x.RoleKey != RoleOfficeManager {
			t.Errorf("area %s goes to %s, want the Office Manager", x.AreaKey, x.RoleKey)
		}
	}
	wantCodes(t, a, "small_organization", "authority")
	if r := reasonOf(a, "small_organization"); r == nil || !strings.Contains(r.Text, "agenda management and correspondence") {
		t.Errorf("the small-organization reason does not use the article's words: %+v", r)
	}
	if a.WithinBudget != nil || a.BudgetPlan != nil || len(a.Uncovered) != 0 {
		t.Errorf("no budget given, yet a verdict: %+v %+v %+v", a.WithinBudget, a.BudgetPlan, a.Uncovered)
	}
}

func TestLargeOrganizationGetsDedicatedAssistants(t *testing.T) {
	a := advise(t, largeOrganization())
	if a.Setup != SetupOfficeManagerAndAssistants || a.Assistants != 3 {
		t.Fatalf("set-up %s with %d assistants, want an Office Manager plus 3 Management Assistants", a.Setup, a.Assistants)
	}
	want := []RoleFTE{
		{RoleKey: RoleOfficeManager, FTE: 1.11, People: 1, Hours: 40},
		{RoleKey: RoleManagementAssistant, FTE: 2.78, People: 3, Hours: 100},
	}
	if !slices.Equal(a.Roles, want) || a.TotalFTE != 3.89 {
		t.Errorf("roles %+v total %v, want %+v total 3.89", a.Roles, a.TotalFTE, want)
	}
	wantCodes(t, a, "large_organization", "assistants_count", "office_manager_leads_support_staff", "authority")
	if r := reasonOf(a, "large_organization"); !strings.Contains(r.Text, "focus purely on a manager or team") {
		t.Errorf("large-organization reason: %q", r.Text)
	}
	if r := reasonOf(a, "assistants_count"); !slices.Equal(r.Args, []string{"3", "2.78", "3", "6", "2"}) {
		t.Errorf("assistants_count args %v", r.Args)
	}
}

// More managers than the hours call for: a Management Assistant supports at
// most three.
func TestPrincipalsSetTheNumberOfAssistants(t *testing.T) {
	a := advise(t, Input{Headcount: 300, Principals: 10, Hours: map[string]float64{"ma.agenda_mail": 30, "ma.healthcare": 6}})
	if a.Setup != SetupAssistantsOnly || a.Assistants != 4 {
		t.Fatalf("set-up %s with %d assistants, want Management Assistants only, 4 (10 managers, 3 each)", a.Setup, a.Assistants)
	}
	if a.Roles[0].FTE != 1 || a.Roles[0].People != 4 {
		t.Errorf("roles %+v", a.Roles)
	}
	wantCodes(t, a, "setup_assistants_only", "assistants_count", "healthcare")
}

func TestScaleUpNeedsAnOfficeManager(t *testing.T) {
	a := advise(t, Input{Headcount: 60, Principals: 2, Hours: map[string]float64{
		"om.scaleup": 12, "om.office_processes": 16, "om.team": 8}})
	if a.Setup != SetupOfficeManagerOnly || len(a.Roles) != 1 || a.Roles[0].RoleKey != RoleOfficeManager || a.Roles[0].FTE != 1 {
		t.Fatalf("set-up %s roles %+v, want one Office Manager at 1 FTE", a.Setup, a.Roles)
	}
	wantCodes(t, a, "setup_office_manager_only", "scaleup", "principals_without_assistant_hours")
	r := reasonOf(a, "scaleup")
	for _, words := range []string{"crucial", "scalable processes", "culture and well-being", "strategic support"} {
		if !strings.Contains(r.Text, words) {
			t.Errorf("scale-up reason lacks %q: %s", words, r.Text)
		}
	}
	if !slices.Equal(r.Args, []string{"12"}) {
		t.Errorf("scale-up args %v", r.Args)
	}
}

func TestCostFollowsTheSalaryRangeAndTheEmployerFactor(t *testing.T) {
	in := smallOrganization()
	in.EmployerCostFactor = 1.5
	a := advise(t, in)
	// 0.78 FTE × €3,196..€3,830 = €2,492.88..€2,987.40; × 1.5 = €3,739.32..€4,481.10.
	want := CostRange{GrossMin: 2493, GrossMax: 2987, WithEmployerMin: 3739, WithEmployerMax: 4481}
	if a.Cost != want {
		t.Errorf("cost %+v, want %+v", a.Cost, want)
	}
	if a.EmployerCostFactor != 1.5 || a.HoursPerFTE != 36 {
		t.Errorf("assumptions %v, %v", a.EmployerCostFactor, a.HoursPerFTE)
	}
	// Two roles are summed: 1.11 × 3,196 + 2.78 × 3,499 = 3,547.56 + 9,727.22 = 13,274.78.
	b := advise(t, largeOrganization())
	want = CostRange{GrossMin: 13275, GrossMax: 15927, WithEmployerMin: 17257, WithEmployerMax: 20705}
	if b.Cost != want {
		t.Errorf("large organization cost %+v, want %+v", b.Cost, want)
	}
	// A 40-hour week makes the same hours fewer FTE.
	in = smallOrganization()
	in.HoursPerFTE = 40
	if c := advise(t, in); c.TotalFTE != 0.7 || c.Cost.GrossMin != 2237 {
		t.Errorf("40-hour week: FTE %v cost %+v", c.TotalFTE, c.Cost)
	}
}

func TestBudgetTooSmallLeavesAreasUncovered(t *testing.T) {
	in := largeOrganization()
	budget := 12000
	in.Budget = &budget
	a := advise(t, in)
	if a.WithinBudget == nil || *a.WithinBudget {
		t.Fatalf("within budget %v, want false (highest estimate €%d)", a.WithinBudget, a.Cost.WithEmployerMax)
	}
	if a.Setup != SetupOfficeManagerAndAssistants || a.Assistants != 3 {
		t.Errorf("the recommendation itself changed: %s, %d", a.Setup, a.Assistants)
	}
	var uncovered []string
	for _, u := range a.Uncovered {
		uncovered = append(uncovered, u.AreaKey)
		if u.Reason != UncoveredOverBudget || u.Text == "" || u.Hours <= 0 {
			t.Errorf("uncovered %+v", u)
		}
	}
	if want := []string{"ma.meetings", "ma.communication", "ma.support"}; !slices.Equal(uncovered, want) {
		t.Errorf("uncovered %v, want %v", uncovered, want)
	}
	p := a.BudgetPlan
	if p == nil {
		t.Fatal("no cheaper variant proposed")
	}
	if p.Setup != SetupOfficeManagerAndAssistants || p.Assistants != 2 || p.Cost.WithEmployerMax > budget {
		t.Errorf("variant %s with %d assistants at €%d, want fewer assistants within €%d", p.Setup, p.Assistants, p.Cost.WithEmployerMax, budget)
	}
	wantCodes(t, a, "budget_exceeded", "budget_variant")
}

func TestBudgetCanDropToTheCombinedSetUp(t *testing.T) {
	budget := 5600
	a := advise(t, Input{Headcount: 20, Principals: 1, Budget: &budget, Hours: map[string]float64{
		"om.office_processes": 20, "om.team": 10, "ma.agenda_mail": 10, "ma.meetings": 10}})
	if a.Setup != SetupOfficeManagerAndAssistants {
		t.Fatalf("set-up %s: 50 hours is more than one person", a.Setup)
	}
	p := a.BudgetPlan
	if p == nil || p.Setup != SetupOfficeManagerSupportingPrincipals || p.SupportedPrincipals != 1 {
		t.Fatalf("variant %+v, want the Office Manager supporting the principal", p)
	}
	if len(a.Uncovered) != 1 || a.Uncovered[0].AreaKey != "ma.meetings" {
		t.Errorf("uncovered %+v, want ma.meetings", a.Uncovered)
	}
}

func TestBudgetThatPaysForNothing(t *testing.T) {
	in := smallOrganization()
	budget := 100
	in.Budget = &budget
	a := advise(t, in)
	if a.WithinBudget == nil || *a.WithinBudget || a.BudgetPlan != nil || len(a.Uncovered) != 4 {
		t.Fatalf("verdict %v, plan %+v, uncovered %d; want nothing within €100", a.WithinBudget, a.BudgetPlan, len(a.Uncovered))
	}
	wantCodes(t, a, "budget_exceeded", "budget_nothing_fits")
}

func TestBudgetThatFits(t *testing.T) {
	in := smallOrganization()
	budget := 3884 // exactly the highest estimate
	in.Budget = &budget
	a := advise(t, in)
	if a.WithinBudget == nil || !*a.WithinBudget || a.BudgetPlan != nil || len(a.Uncovered) != 0 {
		t.Fatalf("verdict %v plan %+v uncovered %+v", a.WithinBudget, a.BudgetPlan, a.Uncovered)
	}
	wantCodes(t, a, "budget_fits")
}

func TestImpossibleInputGetsAMessagePerField(t *testing.T) {
	neg := -1
	cases := []struct {
		name string
		in   Input
		want map[string]string
	}{
		{"nothing", Input{}, map[string]string{"headcount": MsgHeadcount, "hours": MsgNoArea}},
		{"more principals than people", Input{Headcount: 3, Principals: 4, Hours: map[string]float64{"om.team": 4}},
			map[string]string{"principals": MsgMorePrincipals}},
		{"negative principals", Input{Headcount: 3, Principals: -1, Hours: map[string]float64{"om.team": 4}},
			map[string]string{"principals": MsgNegative}},
		{"negative hours", Input{Headcount: 3, Hours: map[string]float64{"om.team": -4}},
			map[string]string{"hours.om.team": MsgNegative}},
		{"too many hours", Input{Headcount: 3, Hours: map[string]float64{"om.team": 4, "ma.meetings": 169}},
			map[string]string{"hours.ma.meetings": MsgTooManyHours}},
		{"unknown area", Input{Headcount: 3, Hours: map[string]float64{"om.team": 4, "xx.cooking": 2, "admin": 1}},
			map[string]string{"hours.xx.cooking": MsgUnknownArea, "hours.admin": MsgUnknownArea}},
		{"empty selection", Input{Headcount: 3, Hours: map[string]float64{"om.team": 0, "ma.meetings": 0}},
			map[string]string{"hours": MsgNoArea}},
		{"everything else", Input{Headcount: 3, Budget: &neg, EmployerCostFactor: 0.5, HoursPerFTE: 61, Hours: map[string]float64{"om.team": 4}},
			map[string]string{"budget": MsgNegative, "employer_cost_factor": MsgFactorRange, "hours_per_fte": MsgHoursPerFTERange}},
		{"factor too high", Input{Headcount: 3, EmployerCostFactor: 3.01, HoursPerFTE: 0.5, Hours: map[string]float64{"om.team": 4}},
			map[string]string{"employer_cost_factor": MsgFactorRange, "hours_per_fte": MsgHoursPerFTERange}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Advise(cat(t), c.in)
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("error %v, want Invalid", err)
			}
			if got := apperr.FieldsOf(err); !maps.Equal(got, c.want) {
				t.Errorf("fields %v, want %v", got, c.want)
			}
		})
	}
}

func TestTheBoundariesAreAllowed(t *testing.T) {
	zero := 0
	a := advise(t, Input{Headcount: 1, Principals: 1, Budget: &zero, EmployerCostFactor: 3, HoursPerFTE: 60,
		Hours: map[string]float64{"ma.agenda_mail": 168}})
	if a.Setup != SetupAssistantsOnly || a.Assistants != 3 {
		t.Errorf("168 hours at 60 a week: %s with %d assistants, want 3", a.Setup, a.Assistants)
	}
	a = advise(t, Input{Headcount: 49, Principals: 2, EmployerCostFactor: 1, HoursPerFTE: 1,
		Hours: map[string]float64{"om.team": 0.6, "ma.agenda_mail": 0.6}})
	if a.Setup != SetupOfficeManagerSupportingPrincipals {
		t.Errorf("49 people, 1.2 FTE, 2 principals is still small: %s", a.Setup)
	}
	wantCodes(t, a, "combined_above_one_fte")
}

func TestSameInputSameAdvice(t *testing.T) {
	in := largeOrganization()
	budget := 12000
	in.Budget = &budget
	first, err := json.Marshal(advise(t, in))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, _ := json.Marshal(advise(t, in))
		if string(again) != string(first) {
			t.Fatalf("advice differs between runs:\n%s\n%s", first, again)
		}
	}
}

func TestAssistantHoursWithoutPrincipalsAreQuestioned(t *testing.T) {
	a := advise(t, Input{Headcount: 20, Principals: 0, Hours: map[string]float64{"ma.agenda_mail": 10}})
	r := reasonOf(a, "assistant_hours_without_principals")
	if r == nil || len(r.Args) != 1 || r.Args[0] != "10" {
		t.Fatalf("reasons %v", codes(a))
	}
	b := advise(t, Input{Headcount: 20, Principals: 1, Hours: map[string]float64{"ma.agenda_mail": 10}})
	if reasonOf(b, "assistant_hours_without_principals") != nil {
		t.Fatal("questioned although a manager was named")
	}
}
