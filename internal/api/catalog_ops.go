package api

import (
	"context"
	"errors"
	"net/http"

	"spil/internal/authz"
	"spil/internal/catalog"
)

// RoleCatalog is spil's knowledge of the office-support roles, from the
// article spil is built on, in Dutch and English.
type RoleCatalog struct {
	Version string              `json:"version" doc:"The catalog's version; it changes when its content does." example:"2026.1"`
	Source  RoleCatalogSource   `json:"source" doc:"Where the catalog's knowledge comes from."`
	Shared  LocalizedText       `json:"shared" doc:"What the two job roles have in common."`
	Modules []RoleCatalogModule `json:"modules" nullable:"false" doc:"The parts of spil that support tasks; a task names one by key."`
	Roles   []RoleCatalogRole   `json:"roles" nullable:"false" doc:"Every role: the article's two jobs (kind job) and the roles spil needs to work (kind system)."`
}

// RoleCatalogSource names the catalog's source.
type RoleCatalogSource struct {
	Title     LocalizedText `json:"title" doc:"The source's title."`
	Publisher string        `json:"publisher" doc:"Who published it." example:"2Assistu"`
	Retrieved string        `json:"retrieved" format:"date" doc:"When it was retrieved." example:"2026-11-01"`
}

// RoleCatalogModule is a part of spil that supports tasks.
type RoleCatalogModule struct {
	Key    string        `json:"key" doc:"The module's key, as named by tasks." example:"onboarding"`
	Name   LocalizedText `json:"name" doc:"The module's name."`
	Status string        `json:"status" enum:"available,partial,planned" doc:"Whether spil has it: available, partial (part of it works) or planned (not yet available in spil)."`
	Path   string        `json:"path,omitempty" doc:"Where it lives in the web interface; absent while planned." example:"/people/import"`
}

// RoleCatalogRole is one role with what the catalog knows of it. The job
// fields (scope to examples) are only present on roles of kind job.
type RoleCatalogRole struct {
	Key            string                  `json:"key" doc:"The role's key, as used in a person's roles." example:"office_manager"`
	Kind           string                  `json:"kind" enum:"job,system" doc:"job: one of the article's two jobs, with full role knowledge; system: a role spil needs (administrator, principal, …)."`
	Name           LocalizedText           `json:"name" doc:"The role's name."`
	Summary        LocalizedText           `json:"summary" doc:"What the role is for, in one sentence."`
	Scope          *LocalizedText          `json:"scope,omitempty" doc:"Role / position: the role's reach (jobs only)."`
	Responsibility *LocalizedText          `json:"responsibility,omitempty" doc:"What the role is responsible for (jobs only)."`
	Authority      *LocalizedText          `json:"authority,omitempty" doc:"What the role may decide (jobs only)."`
	Focus          *LocalizedText          `json:"focus,omitempty" doc:"The role's focus, e.g. strategic and operational (jobs only)."`
	DailyTasks     []LocalizedText         `json:"daily_tasks" nullable:"false" doc:"The daily tasks as the article's comparison table lists them."`
	TaskAreas      []RoleCatalogTaskArea   `json:"task_areas" nullable:"false" doc:"The role's tasks, grouped as in the article."`
	Competencies   []RoleCatalogCompetency `json:"competencies" nullable:"false" doc:"The core competencies (organisation, leadership, problem_solving, communication) as they apply to this role."`
	SoftSkills     []LocalizedText         `json:"soft_skills" nullable:"false" doc:"Soft skills."`
	DigitalSkills  []LocalizedText         `json:"digital_skills" nullable:"false" doc:"Digital skills."`
	Education      []LocalizedText         `json:"education" nullable:"false" doc:"Usual education."`
	Traits         []RoleCatalogTrait      `json:"traits" nullable:"false" doc:"Character traits that suit the role."`
	Salary         *RoleCatalogSalary      `json:"salary,omitempty" doc:"Gross monthly salary (jobs only)."`
	CareerPaths    []RoleCatalogCareerPath `json:"career_paths" nullable:"false" doc:"Roles a person in this role can grow into."`
	Examples       []RoleCatalogExample    `json:"examples" nullable:"false" doc:"The article's examples of the role in kinds of organizations."`
	Permissions    []authz.Permission      `json:"permissions" nullable:"false" doc:"The permissions the role grants in spil."`
}

// RoleCatalogTaskArea groups a role's tasks.
type RoleCatalogTaskArea struct {
	Key     string            `json:"key" doc:"The area's key." example:"om.team"`
	Name    LocalizedText     `json:"name" doc:"The area's name."`
	Context string            `json:"context,omitempty" doc:"When the area applies, absent for always: scaleup, law_firm or healthcare."`
	Tasks   []RoleCatalogTask `json:"tasks" nullable:"false" doc:"The area's tasks."`
}

// RoleCatalogTask is one task of a role.
type RoleCatalogTask struct {
	Key         string        `json:"key" doc:"The task's key." example:"om.hr_support"`
	Name        LocalizedText `json:"name" doc:"The task's name."`
	Description LocalizedText `json:"description" doc:"What the task is."`
	Module      string        `json:"module,omitempty" doc:"Key of the module that supports the task (see modules); absent when spil does not support it."`
	Scope       string        `json:"scope,omitempty" doc:"The mandate scope an assistant needs to do this task for a principal; absent for tasks not done on someone's behalf."`
}

// RoleCatalogCompetency is a core competency as it applies to one role.
type RoleCatalogCompetency struct {
	Key         string        `json:"key" doc:"The competency's key, the same for every role." example:"leadership"`
	Name        LocalizedText `json:"name" doc:"The competency's name."`
	Description LocalizedText `json:"description" doc:"How the role shows it."`
}

// RoleCatalogTrait is a character trait.
type RoleCatalogTrait struct {
	Key  string        `json:"key" doc:"The trait's key." example:"decisive"`
	Name LocalizedText `json:"name" doc:"The trait."`
}

// RoleCatalogSalary is a gross monthly salary in cents.
type RoleCatalogSalary struct {
	Currency     string        `json:"currency" doc:"ISO 4217 currency code." example:"EUR"`
	AverageCents int64         `json:"average_cents" doc:"Average gross salary per month, in cents." example:"351300"`
	MinCents     int64         `json:"min_cents" doc:"Low end of the range, gross per month, in cents." example:"319600"`
	MaxCents     int64         `json:"max_cents" doc:"High end of the range, gross per month, in cents." example:"383000"`
	AsOf         string        `json:"as_of" format:"date" doc:"The date of the figures."`
	Source       LocalizedText `json:"source" doc:"Where the figures come from."`
}

// RoleCatalogCareerPath is a role one can grow into.
type RoleCatalogCareerPath struct {
	Name    LocalizedText `json:"name" doc:"The role grown into."`
	RoleKey string        `json:"role_key,omitempty" doc:"Its key, when the catalog has that role too."`
}

// RoleCatalogExample is one of the article's examples.
type RoleCatalogExample struct {
	Setting LocalizedText   `json:"setting" doc:"The kind of organization, e.g. law firm."`
	Text    LocalizedText   `json:"text" doc:"What the role does there."`
	Tasks   []LocalizedText `json:"tasks" nullable:"false" doc:"Tasks the example names."`
}

func (a *API) registerCatalog() {
	const path = "/roles/catalog"
	register(a, op{
		ID: "get-role-catalog", Method: http.MethodGet, Path: path, Tag: "Roles",
		Summary: "Get the role catalog",
		Description: "Returns the whole role catalog in Dutch and English: for the Office Manager and the Management Assistant " +
			"their scope, responsibility, authority, focus, task areas and tasks (each with the spil module that supports it), " +
			"competencies, soft and digital skills, education, character traits, salary (average and range, with date and source) " +
			"and career paths; and the roles spil needs to work, each with the permissions it grants. " +
			"The catalog is data built into spil and holds nothing of the organization, so no login is needed; " +
			"a token that is sent must be valid. For the roles people can hold, see list-roles.",
		Access: authz.Public,
		Errors: []int{http.StatusUnauthorized},
	}, func(ctx context.Context, _ *struct{}) (*body[RoleCatalog], error) {
		if a.Catalog == nil {
			return nil, errors.New("api: no role catalog configured")
		}
		return bodyOf(roleCatalogOf(a.Catalog.For(actorFrom(ctx) != nil))), nil
	})
}

func roleCatalogText(t catalog.Text) LocalizedText { return LocalizedText{NL: t.NL, EN: t.EN} }

func roleCatalogTexts(ts []catalog.Text) []LocalizedText {
	out := make([]LocalizedText, 0, len(ts))
	for _, t := range ts {
		out = append(out, roleCatalogText(t))
	}
	return out
}

// roleCatalogOptional is nil for a text the role does not have.
func roleCatalogOptional(t catalog.Text) *LocalizedText {
	if t == (catalog.Text{}) {
		return nil
	}
	lt := roleCatalogText(t)
	return &lt
}

// roleCatalogOf converts the catalog to its API form: every list present
// (empty rather than null), salaries in cents.
func roleCatalogOf(c *catalog.Catalog) RoleCatalog {
	out := RoleCatalog{Version: c.Version, Shared: roleCatalogText(c.Shared),
		Source:  RoleCatalogSource{Title: roleCatalogText(c.Source.Title), Publisher: c.Source.Publisher, Retrieved: c.Source.Retrieved},
		Modules: make([]RoleCatalogModule, 0, len(c.Modules)), Roles: make([]RoleCatalogRole, 0, len(c.Roles))}
	for _, m := range c.Modules {
		out.Modules = append(out.Modules, RoleCatalogModule{Key: m.Key, Name: roleCatalogText(m.Name), Status: m.Status, Path: m.Path})
	}
	for _, r := range c.Roles {
		rr := RoleCatalogRole{Key: r.Key, Kind: r.Kind, Name: roleCatalogText(r.Name), Summary: roleCatalogText(r.Summary),
			Scope: roleCatalogOptional(r.Scope), Responsibility: roleCatalogOptional(r.Responsibility),
			Authority: roleCatalogOptional(r.Authority), Focus: roleCatalogOptional(r.Focus),
			DailyTasks:   roleCatalogTexts(r.DailyTasks),
			TaskAreas:    make([]RoleCatalogTaskArea, 0, len(r.TaskAreas)),
			Competencies: make([]RoleCatalogCompetency, 0, len(r.Competencies)),
			SoftSkills:   roleCatalogTexts(r.SoftSkills), DigitalSkills: roleCatalogTexts(r.DigitalSkills),
			Education: roleCatalogTexts(r.Education), Traits: make([]RoleCatalogTrait, 0, len(r.Traits)),
			CareerPaths: make([]RoleCatalogCareerPath, 0, len(r.CareerPaths)),
			Examples:    make([]RoleCatalogExample, 0, len(r.Examples)),
			Permissions: make([]authz.Permission, 0, len(r.Permissions))}
		for _, area := range r.TaskAreas {
			ra := RoleCatalogTaskArea{Key: area.Key, Name: roleCatalogText(area.Name), Context: area.Context,
				Tasks: make([]RoleCatalogTask, 0, len(area.Tasks))}
			for _, t := range area.Tasks {
				ra.Tasks = append(ra.Tasks, RoleCatalogTask{Key: t.Key, Name: roleCatalogText(t.Name),
					Description: roleCatalogText(t.Description), Module: t.Module, Scope: t.Scope})
			}
			rr.TaskAreas = append(rr.TaskAreas, ra)
		}
		for _, x := range r.Competencies {
			rr.Competencies = append(rr.Competencies, RoleCatalogCompetency{Key: x.Key, Name: roleCatalogText(x.Name),
				Description: roleCatalogText(x.Description)})
		}
		for _, x := range r.Traits {
			rr.Traits = append(rr.Traits, RoleCatalogTrait{Key: x.Key, Name: roleCatalogText(x.Name)})
		}
		if s := r.Salary; s != nil {
			rr.Salary = &RoleCatalogSalary{Currency: s.Currency, AverageCents: int64(s.Average) * 100,
				MinCents: int64(s.Min) * 100, MaxCents: int64(s.Max) * 100, AsOf: s.AsOf, Source: roleCatalogText(s.Source)}
		}
		for _, p := range r.CareerPaths {
			rr.CareerPaths = append(rr.CareerPaths, RoleCatalogCareerPath{Name: roleCatalogText(p.Name), RoleKey: p.RoleKey})
		}
		for _, ex := range r.Examples {
			rr.Examples = append(rr.Examples, RoleCatalogExample{Setting: roleCatalogText(ex.Setting), Text: roleCatalogText(ex.Text),
				Tasks: roleCatalogTexts(ex.Tasks)})
		}
		for _, p := range r.Permissions {
			rr.Permissions = append(rr.Permissions, authz.Permission(p))
		}
		out.Roles = append(out.Roles, rr)
	}
	return out
}
