package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/coverage"
)

// CoverageMap is the task coverage map of the organization.
type CoverageMap struct {
	CatalogVersion string          `json:"catalog_version" doc:"The version of the role catalog the tasks come from." example:"2026.1"`
	AsOf           time.Time       `json:"as_of" doc:"When the map was made."`
	Summary        CoverageSummary `json:"summary" doc:"What the organization needs, in numbers."`
	Roles          []CoverageRole  `json:"roles" nullable:"false" doc:"The jobs of the catalog (Office Manager, Management Assistant) with their task areas and tasks, in catalog order."`
}

// CoverageSummary answers "what does our organization need".
type CoverageSummary struct {
	General                    CoverageCounts   `json:"general" doc:"Tasks of the areas every organization has."`
	InContext                  CoverageCounts   `json:"in_context" doc:"Tasks of the areas that apply only in a scale-up, a law firm or a healthcare institution."`
	OfficeManagers             []CoveragePerson `json:"office_managers" nullable:"false" doc:"Active people holding the Office Manager role."`
	Assistants                 []CoveragePerson `json:"assistants" nullable:"false" doc:"Active people holding the Management Assistant role."`
	AssistantsWithoutMandate   []CoveragePerson `json:"assistants_without_mandate" nullable:"false" doc:"Management Assistants without a mandate from any principal: they cover no task."`
	Principals                 int              `json:"principals" doc:"The number of active principals."`
	PrincipalsWithoutAssistant []CoveragePerson `json:"principals_without_assistant" nullable:"false" doc:"Principals who gave no mandate to any active Management Assistant."`
}

// CoverageCounts counts tasks by status.
type CoverageCounts struct {
	Tasks     int `json:"tasks" doc:"Tasks counted."`
	Covered   int `json:"covered" doc:"Tasks two or more people cover."`
	Single    int `json:"single" doc:"Tasks that rest on one person (for a Management Assistant task: for at least one principal)."`
	Uncovered int `json:"uncovered" doc:"Tasks nobody covers (for a Management Assistant task: for no principal)."`
	Gaps      int `json:"gaps" doc:"Management Assistant tasks covered for some principals but not for all."`
}

// CoverageRole is the coverage of one job's tasks.
type CoverageRole struct {
	Key           string         `json:"key" doc:"The role's key." example:"office_manager"`
	Name          LocalizedText  `json:"name" doc:"The role's name."`
	ForPrincipals bool           `json:"for_principals" doc:"True when the role's tasks are done for principals under their mandates (the Management Assistant)."`
	Areas         []CoverageArea `json:"areas" nullable:"false" doc:"The role's task areas, in catalog order."`
}

// CoverageArea is the coverage of one task area.
type CoverageArea struct {
	Key     string         `json:"key" doc:"The task area's key." example:"om.cost_control"`
	Name    LocalizedText  `json:"name" doc:"The task area's name."`
	Context string         `json:"context,omitempty" enum:"scaleup,law_firm,healthcare" doc:"The setting the area applies in; absent when it applies in every organization."`
	Tasks   []CoverageTask `json:"tasks" nullable:"false" doc:"The area's tasks, in catalog order."`
}

// CoverageTask says who covers one task.
type CoverageTask struct {
	Key          string              `json:"key" doc:"The task's key." example:"ma.agenda"`
	Name         LocalizedText       `json:"name" doc:"The task's name."`
	Description  LocalizedText       `json:"description" doc:"What the task is, in the article's words."`
	Scope        string              `json:"scope,omitempty" doc:"The mandate scope an assistant needs to do the task for a principal; absent when any mandate will do or the task is not done for principals." example:"agenda.edit"`
	Status       string              `json:"status" enum:"uncovered,single,covered" doc:"uncovered: nobody covers it (for a Management Assistant task: for no principal); single: it rests on one person (for at least one principal); covered: two or more people."`
	Problem      bool                `json:"problem" doc:"True when the task needs attention: uncovered, resting on one person, or uncovered for some principals."`
	People       []CoveragePerson    `json:"people" nullable:"false" doc:"Who covers the task: the role's holders, or every assistant who covers it for at least one principal."`
	CoveredFor   []CoveragePrincipal `json:"covered_for" nullable:"false" doc:"For a Management Assistant task: the principals it is covered for, and by whom."`
	UncoveredFor []CoveragePerson    `json:"uncovered_for" nullable:"false" doc:"For a Management Assistant task: the principals nobody covers it for."`
	Module       CoverageModule      `json:"module" doc:"The part of spil where the task is done."`
}

// CoveragePrincipal says who covers a task for one principal.
type CoveragePrincipal struct {
	Principal  CoveragePerson   `json:"principal" doc:"The principal."`
	Assistants []CoveragePerson `json:"assistants" nullable:"false" doc:"The Management Assistants whose mandate from the principal allows the task."`
	Status     string           `json:"status" enum:"single,covered" doc:"single when one assistant covers it for this principal, covered when two or more do."`
}

// CoveragePerson names someone in the map.
type CoveragePerson struct {
	ID   string `json:"id" doc:"The person's ID."`
	Name string `json:"name" doc:"The person's name."`
}

// CoverageModule is the part of spil where a task is done.
type CoverageModule struct {
	Key    string         `json:"key,omitempty" doc:"The module's key; absent when no module supports the task." example:"agenda"`
	Name   *LocalizedText `json:"name,omitempty" doc:"The module's name; absent when no module supports the task."`
	Status string         `json:"status" enum:"available,partial,planned,none" doc:"available or partial: it can be used now (see path); planned: not yet in spil; none: not supported."`
	Path   string         `json:"path,omitempty" doc:"Where the module lives in the web interface, when it is available or partial." example:"/people/import"`
}

type getCoverageInput struct {
	OnlyProblems bool `query:"only_problems" doc:"Only the tasks that need attention (problem is true); the summary stays the whole organization's."`
}

func (a *API) registerCoverage() {
	register(a, op{
		ID: "get-task-coverage", Method: http.MethodGet, Path: "/roles/coverage", Tag: "Roles",
		Summary: "Get the task coverage map",
		Description: "For every task of the role catalog's jobs — including the areas that apply only in a scale-up, a law firm " +
			"or a healthcare institution, marked with their context — who covers it in the organization. Office Manager tasks " +
			"are covered by the active holders of that role. Management Assistant tasks are done for principals: per active " +
			"principal, by the active Management Assistants whose mandate from that principal includes the task's scope " +
			"(any mandate for a task without one); a principal doing a task themself does not count. Each task has a status " +
			"(uncovered, single — a continuity risk —, covered), the principals left uncovered, and the spil module where it is done.",
		Access: authz.Need(authz.CoverageRead),
	}, func(ctx context.Context, in *getCoverageInput) (*body[CoverageMap], error) {
		m, err := a.Coverage.Map(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		if in.OnlyProblems {
			m = m.OnlyProblems()
		}
		return bodyOf(coverageMapOf(m)), nil
	})
}

func coverageMapOf(m coverage.Map) CoverageMap {
	s := m.Summary
	out := CoverageMap{CatalogVersion: m.CatalogVersion, AsOf: m.AsOf, Roles: []CoverageRole{},
		Summary: CoverageSummary{
			General: CoverageCounts(s.General), InContext: CoverageCounts(s.InContext),
			OfficeManagers: coveragePeople(s.OfficeManagers), Assistants: coveragePeople(s.Assistants),
			AssistantsWithoutMandate: coveragePeople(s.AssistantsWithoutMandate), Principals: s.Principals,
			PrincipalsWithoutAssistant: coveragePeople(s.PrincipalsWithoutAssistant),
		}}
	for _, r := range m.Roles {
		cr := CoverageRole{Key: r.Key, Name: coverageText(r.Name), ForPrincipals: r.ForPrincipals, Areas: []CoverageArea{}}
		for _, ar := range r.Areas {
			ca := CoverageArea{Key: ar.Key, Name: coverageText(ar.Name), Context: ar.Context, Tasks: []CoverageTask{}}
			for _, t := range ar.Tasks {
				ct := CoverageTask{Key: t.Key, Name: coverageText(t.Name), Description: coverageText(t.Description), Scope: t.Scope,
					Status: string(t.Status), Problem: t.Problem, People: coveragePeople(t.People),
					CoveredFor: []CoveragePrincipal{}, UncoveredFor: coveragePeople(t.UncoveredFor),
					Module: CoverageModule{Key: t.Module.Key, Status: t.Module.Status, Path: t.Module.Path}}
				if t.Module.Key != "" {
					n := coverageText(t.Module.Name)
					ct.Module.Name = &n
				}
				for _, pc := range t.CoveredFor {
					ct.CoveredFor = append(ct.CoveredFor, CoveragePrincipal{Principal: CoveragePerson(pc.Principal),
						Assistants: coveragePeople(pc.Assistants), Status: string(pc.Status)})
				}
				ca.Tasks = append(ca.Tasks, ct)
			}
			cr.Areas = append(cr.Areas, ca)
		}
		out.Roles = append(out.Roles, cr)
	}
	return out
}

func coveragePeople(ps []coverage.Person) []CoveragePerson {
	out := make([]CoveragePerson, len(ps))
	for i, p := range ps {
		out[i] = CoveragePerson(p)
	}
	return out
}

func coverageText(t catalog.Text) LocalizedText { return LocalizedText{NL: t.NL, EN: t.EN} }
