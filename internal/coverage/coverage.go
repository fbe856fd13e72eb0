// Package coverage answers the article's opening question for an
// organization: which of the role catalog's tasks are covered, by whom, and
// what is uncovered or rests on one person.
//
// The rules, in the article's terms:
//
//   - A task of the Office Manager (and of any other job in the catalog that
//     is not done on someone's behalf) is covered by the active people
//     holding that role. In a small organization one person may hold both
//     roles; that is counted as it is.
//   - A task of the Management Assistant is done for principals ("directe
//     ondersteuning van leidinggevenden"). For each active principal it is
//     covered by the active holders of the Management Assistant role with a
//     mandate from that principal that includes the task's scope (catalog
//     Task.Scope, with implied scopes: agenda.edit implies agenda.see); a
//     task without a scope is covered by any mandate from that principal.
//     A principal doing the task themself does not count: the map is about
//     support. An Office Manager who also holds the Management Assistant role
//     and has mandates counts as an assistant (the small organization where
//     the Office Manager takes over agenda and correspondence).
//   - Status: uncovered when nobody covers the task (for a Management
//     Assistant task: no principal has it covered), single when it rests on
//     one person — for a Management Assistant task: when at least one
//     principal it is covered for depends on one assistant only — and covered
//     otherwise. One person is a continuity risk: tasks shift through
//     workload and staff shortages ("werkdruk, personeelstekorten"), and
//     nobody takes over during absence.
package coverage

import (
	"context"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/clock"
	"spil/internal/db"
)

// Service computes the task coverage map.
type Service struct {
	DB      *db.DB
	Clock   clock.Clock
	Catalog *catalog.Book // the role catalog in force
}

// Status says how well a task is covered.
type Status string

// The statuses of a task.
const (
	Uncovered Status = "uncovered" // nobody does it
	Single    Status = "single"    // it rests on one person: a continuity risk
	Covered   Status = "covered"   // two or more people can do it
)

// statusOf is the status of a task that n people cover.
func statusOf(n int) Status {
	switch {
	case n <= 0:
		return Uncovered
	case n == 1:
		return Single
	}
	return Covered
}

// ModuleNone is the module status of a task no part of spil supports, now or
// planned.
const ModuleNone = "none"

// Person names someone in the map.
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Map is the task coverage map of the organization.
type Map struct {
	CatalogVersion string         `json:"catalog_version"`
	AsOf           time.Time      `json:"as_of"`
	Summary        Summary        `json:"summary"`
	Roles          []RoleCoverage `json:"roles"`
}

// Summary answers "what does our organization need" in numbers.
type Summary struct {
	// General counts the tasks of the areas every organization has;
	// InContext those of the areas that apply only in a setting (a
	// scale-up, a law firm, a healthcare institution).
	General   Counts `json:"general"`
	InContext Counts `json:"in_context"`
	// OfficeManagers and Assistants are the active holders of those roles,
	// in name order.
	OfficeManagers []Person `json:"office_managers"`
	Assistants     []Person `json:"assistants"`
	// AssistantsWithoutMandate hold the Management Assistant role but have
	// no mandate from any principal, so they cover no task.
	AssistantsWithoutMandate []Person `json:"assistants_without_mandate"`
	// Principals is the number of active principals.
	Principals int `json:"principals"`
	// PrincipalsWithoutAssistant have given no mandate to any active
	// Management Assistant.
	PrincipalsWithoutAssistant []Person `json:"principals_without_assistant"`
}

// Counts counts tasks by status. Gaps counts the Management Assistant tasks
// that are covered for some principals but not for all of them.
type Counts struct {
	Tasks     int `json:"tasks"`
	Covered   int `json:"covered"`
	Single    int `json:"single"`
	Uncovered int `json:"uncovered"`
	Gaps      int `json:"gaps"`
}

func (c *Counts) add(t TaskCoverage) {
	c.Tasks++
	switch t.Status {
	case Covered:
		c.Covered++
	case Single:
		c.Single++
	default:
		c.Uncovered++
	}
	if t.Status != Uncovered && len(t.UncoveredFor) > 0 {
		c.Gaps++
	}
}

// RoleCoverage is the coverage of one job's tasks.
type RoleCoverage struct {
	Key  string       `json:"key"`
	Name catalog.Text `json:"name"`
	// ForPrincipals is true for the Management Assistant: its tasks are done
	// for principals, under their mandates.
	ForPrincipals bool           `json:"for_principals"`
	Areas         []AreaCoverage `json:"areas"`
}

// AreaCoverage is the coverage of one task area.
type AreaCoverage struct {
	Key  string       `json:"key"`
	Name catalog.Text `json:"name"`
	// Context is the setting the area applies in ("scaleup", "law_firm",
	// "healthcare"); empty for every organization.
	Context string         `json:"context,omitempty"`
	Tasks   []TaskCoverage `json:"tasks"`
}

// TaskCoverage says who covers one task.
type TaskCoverage struct {
	Key         string       `json:"key"`
	Name        catalog.Text `json:"name"`
	Description catalog.Text `json:"description"`
	// Scope is the mandate scope an assistant needs for the task; empty
	// when any mandate will do, or the task is not done for principals.
	Scope  string `json:"scope,omitempty"`
	Module Module `json:"module"`
	Status Status `json:"status"`
	// Problem is true when the task needs attention: uncovered, resting on
	// one person, or uncovered for some principals.
	Problem bool `json:"problem"`
	// People cover the task: the role's holders, or for a Management
	// Assistant task every assistant who covers it for at least one
	// principal; in name order.
	People []Person `json:"people"`
	// CoveredFor lists, for a Management Assistant task, the principals it
	// is covered for and by whom; UncoveredFor the principals nobody covers
	// it for. Both in name order; both empty for other tasks.
	CoveredFor   []PrincipalCoverage `json:"covered_for"`
	UncoveredFor []Person            `json:"uncovered_for"`
}

// PrincipalCoverage says who covers a task for one principal.
type PrincipalCoverage struct {
	Principal  Person   `json:"principal"`
	Assistants []Person `json:"assistants"`
	Status     Status   `json:"status"`
}

// Module is the part of spil where a task is done.
type Module struct {
	Key  string       `json:"key,omitempty"`
	Name catalog.Text `json:"name,omitzero"`
	// Status is the module's catalog status (available, partial, planned),
	// or ModuleNone when no module supports the task.
	Status string `json:"status"`
	// Path is where the module lives in the web interface, when it is
	// available or partly available.
	Path string `json:"path,omitempty"`
}

// Map returns the task coverage map: every task of every job role in the
// catalog, including the areas that apply only in a setting (marked with
// their context), with who covers it by the rules of the package doc.
//
// It reads the organization in two queries — the active holders of the job
// roles and of the principal role, and every effective mandate
// (authz.LoadMandates) — and computes the rest in memory, so its cost does
// not grow with the number of tasks. The two queries are not one snapshot:
// a change made between them shows on the next call.
//
// Errors: Forbidden when the actor lacks authz.CoverageRead.
func (s *Service) Map(ctx context.Context, actor *authz.Actor) (Map, error) {
	if !actor.Can(authz.CoverageRead) {
		return Map{}, apperr.Forbiddenf("you may not see the task coverage map")
	}
	cat := s.Catalog.Current()
	jobs := cat.Jobs()
	roles := []string{authz.RolePrincipal}
	for _, j := range jobs {
		roles = append(roles, j.Key)
	}
	h, err := loadHolders(ctx, s.DB.R, roles)
	if err != nil {
		return Map{}, err
	}
	mandates, err := authz.LoadMandates(ctx, s.DB.R, "1 = 1")
	if err != nil {
		return Map{}, err
	}
	m := compute(cat, h, mandates)
	if s.Clock != nil {
		m.AsOf = s.Clock.Now().UTC()
	}
	return m, nil
}

// OnlyProblems returns the map with only the tasks that need attention
// (TaskCoverage.Problem), leaving out areas and roles with none; the summary
// stays the whole organization's.
func (m Map) OnlyProblems() Map {
	out := m
	out.Roles = nil
	for _, r := range m.Roles {
		rr := r
		rr.Areas = nil
		for _, a := range r.Areas {
			aa := a
			aa.Tasks = nil
			for _, t := range a.Tasks {
				if t.Problem {
					aa.Tasks = append(aa.Tasks, t)
				}
			}
			if len(aa.Tasks) > 0 {
				rr.Areas = append(rr.Areas, aa)
			}
		}
		if len(rr.Areas) > 0 {
			out.Roles = append(out.Roles, rr)
		}
	}
	if out.Roles == nil {
		out.Roles = []RoleCoverage{}
	}
	return out
}
