// Package catalog is spil's knowledge of the office-support roles: for each
// role its scope, responsibility, authority, focus, tasks, competencies,
// skills, education, traits, salary and career paths, in Dutch and English.
// It is versioned data embedded in the binary, taken from the article spil is
// built on, and the one place where roles and their default permissions are
// defined: authz makes its role definitions from it. The package is pure
// data; authz checks that the permissions and scopes it names exist.
package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Text is a text in each of spil's languages.
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// In returns the text in lang ("nl" or "en"), falling back to Dutch.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.NL
}

// Kinds of role.
const (
	KindJob    = "job"    // a job from the article, with full role knowledge
	KindSystem = "system" // a role spil needs to work (administrator, principal, …)
)

// Module statuses.
const (
	ModuleAvailable = "available"
	ModulePartial   = "partial"
	ModulePlanned   = "planned"
)

// Catalog is the whole role catalog.
type Catalog struct {
	Version string   `json:"version"` // e.g. "2026.1"
	Source  Source   `json:"source"`
	Shared  Text     `json:"shared"` // what the roles have in common
	Modules []Module `json:"modules"`
	Roles   []Role   `json:"roles"`
}

// Source says where the catalog's knowledge comes from.
type Source struct {
	Title     Text   `json:"title"`
	Publisher string `json:"publisher"`
	Retrieved string `json:"retrieved"` // ISO date
}

// Module is a part of spil that supports tasks.
type Module struct {
	Key    string `json:"key"`
	Name   Text   `json:"name"`
	Status string `json:"status"`         // available, partial, planned
	Path   string `json:"path,omitempty"` // where it lives in the web interface, when available
}

// Role is one role: a job with its knowledge, or a role spil needs.
type Role struct {
	Key            string       `json:"key"`
	Kind           string       `json:"kind"`
	Name           Text         `json:"name"`
	Summary        Text         `json:"summary"`
	Scope          Text         `json:"scope,omitzero"`
	Responsibility Text         `json:"responsibility,omitzero"`
	Authority      Text         `json:"authority,omitzero"`
	Focus          Text         `json:"focus,omitzero"`
	DailyTasks     []Text       `json:"daily_tasks,omitempty"` // as the article's comparison table lists them
	TaskAreas      []TaskArea   `json:"task_areas,omitempty"`
	Competencies   []Competency `json:"competencies,omitempty"`
	SoftSkills     []Text       `json:"soft_skills,omitempty"`
	DigitalSkills  []Text       `json:"digital_skills,omitempty"`
	Education      []Text       `json:"education,omitempty"`
	Traits         []Trait      `json:"traits,omitempty"`
	Salary         *Salary      `json:"salary,omitempty"`
	CareerPaths    []CareerPath `json:"career_paths,omitempty"`
	Examples       []Example    `json:"examples,omitempty"`
	Permissions    []string     `json:"permissions"` // checked by authz
}

// TaskArea groups a role's tasks, as the article does ("Office processen
// beheren").
type TaskArea struct {
	Key   string `json:"key"` // e.g. "om.cost_control"
	Name  Text   `json:"name"`
	Tasks []Task `json:"tasks"`
	// Context says when the area applies, empty for always: "scaleup",
	// "law_firm", "healthcare".
	Context string `json:"context,omitempty"`
}

// Task is one task of a role.
type Task struct {
	Key         string `json:"key"` // e.g. "om.invoices"
	Name        Text   `json:"name"`
	Description Text   `json:"description"`
	Module      string `json:"module"` // key of the module that supports it; "" when none is planned
	// Scope is the mandate scope an assistant needs to do this task for a
	// principal; empty for tasks that are not done on someone's behalf.
	Scope string `json:"scope,omitempty"` // checked by authz
}

// Competency is one of the article's core competencies, described for a role.
type Competency struct {
	Key         string `json:"key"` // organisation, leadership, problem_solving, communication
	Name        Text   `json:"name"`
	Description Text   `json:"description"`
}

// Trait is a character trait the article names for a role; the
// self-assessment asks about them.
type Trait struct {
	Key  string `json:"key"`
	Name Text   `json:"name"`
}

// Salary is a gross monthly salary in whole euros, with where and when the
// figures come from.
type Salary struct {
	Currency string `json:"currency"` // EUR
	Average  int    `json:"average"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	AsOf     string `json:"as_of"` // date of the figures, ISO
	Source   Text   `json:"source"`
}

// CareerPath is a role a person in this role can grow into.
type CareerPath struct {
	Name    Text   `json:"name"`
	RoleKey string `json:"role_key,omitempty"` // when the catalog has that role too
}

// Example is the article's example of the role in a kind of organization.
type Example struct {
	Setting Text   `json:"setting"` // "law firm", "scale-up"
	Text    Text   `json:"text"`
	Tasks   []Text `json:"tasks,omitempty"`
}

//go:embed catalog.json
var defaultCatalog []byte

// Default returns the catalog embedded in spil, checked.
func Default() (*Catalog, error) { return Parse(defaultCatalog) }

// Parse reads and checks a catalog.
func Parse(data []byte) (*Catalog, error) {
	var c Catalog
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("role catalog: %w", err)
	}
	if err := c.Check(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Check reports the first thing wrong with the catalog: a missing text in
// either language, a duplicate or empty key, an unknown module, scope or
// permission, or a salary range that does not hold its average.
func (c *Catalog) Check() error {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	both := func(where string, t Text) {
		if strings.TrimSpace(t.NL) == "" || strings.TrimSpace(t.EN) == "" {
			bad("%s: text missing in Dutch or English", where)
		}
	}
	if c.Version == "" {
		bad("version missing")
	}
	modules := map[string]bool{}
	for _, m := range c.Modules {
		if m.Key == "" || modules[m.Key] {
			bad("module %q: empty or duplicate key", m.Key)
		}
		modules[m.Key] = true
		both("module "+m.Key, m.Name)
		if !slices.Contains([]string{ModuleAvailable, ModulePartial, ModulePlanned}, m.Status) {
			bad("module %s: status %q", m.Key, m.Status)
		}
		if m.Status != ModulePlanned && !strings.HasPrefix(m.Path, "/") {
			bad("module %s: an available module needs a path", m.Key)
		}
	}
	keys := map[string]bool{}
	for _, r := range c.Roles {
		if r.Key == "" || keys[r.Key] {
			bad("role %q: empty or duplicate key", r.Key)
		}
		keys[r.Key] = true
		where := "role " + r.Key
		both(where+" name", r.Name)
		both(where+" summary", r.Summary)
		if r.Kind != KindJob && r.Kind != KindSystem {
			bad("%s: kind %q", where, r.Kind)
		}
		if r.Kind == KindJob {
			both(where+" scope", r.Scope)
			both(where+" responsibility", r.Responsibility)
			both(where+" authority", r.Authority)
			both(where+" focus", r.Focus)
		}
		for _, a := range r.TaskAreas {
			if a.Key == "" || keys[a.Key] {
				bad("%s: task area %q empty or duplicate", where, a.Key)
			}
			keys[a.Key] = true
			both(where+" area "+a.Key, a.Name)
			for _, t := range a.Tasks {
				if t.Key == "" || keys[t.Key] {
					bad("%s: task %q empty or duplicate", where, t.Key)
				}
				keys[t.Key] = true
				both("task "+t.Key+" name", t.Name)
				both("task "+t.Key+" description", t.Description)
				if t.Module != "" && !modules[t.Module] {
					bad("task %s: unknown module %q", t.Key, t.Module)
				}
			}
		}
		for _, x := range r.Competencies {
			both(where+" competency "+x.Key, x.Name)
			both(where+" competency "+x.Key+" description", x.Description)
		}
		for i, x := range r.DailyTasks {
			both(fmt.Sprintf("%s daily task %d", where, i), x)
		}
		for i, x := range r.SoftSkills {
			both(fmt.Sprintf("%s soft skill %d", where, i), x)
		}
		for i, x := range r.DigitalSkills {
			both(fmt.Sprintf("%s digital skill %d", where, i), x)
		}
		for i, x := range r.Education {
			both(fmt.Sprintf("%s education %d", where, i), x)
		}
		for _, x := range r.Traits {
			both(where+" trait "+x.Key, x.Name)
		}
		for i, x := range r.CareerPaths {
			both(fmt.Sprintf("%s career path %d", where, i), x.Name)
		}
		if s := r.Salary; s != nil {
			if s.Min <= 0 || s.Min > s.Average || s.Average > s.Max || s.Currency == "" || s.AsOf == "" {
				bad("%s: salary %+v does not hold together", where, *s)
			}
			both(where+" salary source", s.Source)
		}
	}
	for _, r := range c.Roles {
		for _, p := range r.CareerPaths {
			if p.RoleKey != "" && !keys[p.RoleKey] {
				bad("role %s: career path to unknown role %q", r.Key, p.RoleKey)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("role catalog: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Role returns the role with key k.
func (c *Catalog) Role(k string) (*Role, bool) {
	for i := range c.Roles {
		if c.Roles[i].Key == k {
			return &c.Roles[i], true
		}
	}
	return nil, false
}

// Module returns the module with key k.
func (c *Catalog) Module(k string) (*Module, bool) {
	for i := range c.Modules {
		if c.Modules[i].Key == k {
			return &c.Modules[i], true
		}
	}
	return nil, false
}

// Jobs returns the roles of kind job, in catalog order.
func (c *Catalog) Jobs() []*Role {
	var out []*Role
	for i := range c.Roles {
		if c.Roles[i].Kind == KindJob {
			out = append(out, &c.Roles[i])
		}
	}
	return out
}

// TaskAreas returns every task area of every role, in catalog order, with
// the key of the role it belongs to.
func (c *Catalog) TaskAreas() []RoleArea {
	var out []RoleArea
	for i := range c.Roles {
		for j := range c.Roles[i].TaskAreas {
			out = append(out, RoleArea{RoleKey: c.Roles[i].Key, Area: &c.Roles[i].TaskAreas[j]})
		}
	}
	return out
}

// RoleArea is a task area with the role it belongs to.
type RoleArea struct {
	RoleKey string
	Area    *TaskArea
}
