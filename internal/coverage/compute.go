package coverage

import (
	"slices"

	"spil/internal/authz"
	"spil/internal/catalog"
)

// support is one assistant's effective mandate from a principal.
type support struct {
	assistant Person
	scopes    authz.Scopes
}

// compute builds the map from the catalog, the role holders and the
// effective mandates, by the rules of the package doc. It is pure: the same
// input gives the same map, in catalog order with people in name order.
func compute(c *catalog.Catalog, h holders, mandates []authz.Mandate) Map {
	m := Map{CatalogVersion: c.Version, Roles: []RoleCoverage{}}

	principals := h.byRole[authz.RolePrincipal]
	isPrincipal := map[string]bool{}
	for _, p := range principals {
		isPrincipal[p.ID] = true
	}
	assistants := h.byRole[authz.RoleManagementAssistant]
	isAssistant := map[string]bool{}
	for _, p := range assistants {
		isAssistant[p.ID] = true
	}

	// Who supports each principal. Mandates only work for holders of the
	// Management Assistant role (authz.NewActor); a principal cannot be
	// their own assistant.
	supportOf := map[string][]support{}
	hasMandate := map[string]bool{}
	for _, md := range mandates {
		if !isAssistant[md.AssistantID] || !isPrincipal[md.PrincipalID] || md.AssistantID == md.PrincipalID {
			continue
		}
		supportOf[md.PrincipalID] = append(supportOf[md.PrincipalID], support{
			assistant: Person{ID: md.AssistantID, Name: md.AssistantName}, scopes: md.Scopes.Normalize()})
		hasMandate[md.AssistantID] = true
	}
	for id := range supportOf {
		slices.SortFunc(supportOf[id], func(a, b support) int { return h.rank[a.assistant.ID] - h.rank[b.assistant.ID] })
	}

	s := &m.Summary
	s.OfficeManagers = orEmpty(h.byRole[authz.RoleOfficeManager])
	s.Assistants = orEmpty(assistants)
	s.AssistantsWithoutMandate = []Person{}
	for _, p := range assistants {
		if !hasMandate[p.ID] {
			s.AssistantsWithoutMandate = append(s.AssistantsWithoutMandate, p)
		}
	}
	s.Principals = len(principals)
	s.PrincipalsWithoutAssistant = []Person{}
	for _, p := range principals {
		if len(supportOf[p.ID]) == 0 {
			s.PrincipalsWithoutAssistant = append(s.PrincipalsWithoutAssistant, p)
		}
	}

	for _, job := range c.Jobs() {
		rc := RoleCoverage{Key: job.Key, Name: job.Name, ForPrincipals: job.Key == authz.RoleManagementAssistant, Areas: []AreaCoverage{}}
		for _, area := range job.TaskAreas {
			ac := AreaCoverage{Key: area.Key, Name: area.Name, Context: area.Context, Tasks: []TaskCoverage{}}
			for _, task := range area.Tasks {
				var tc TaskCoverage
				if rc.ForPrincipals {
					tc = forPrincipals(task, principals, supportOf, h.rank)
				} else {
					tc = byHolders(h.byRole[job.Key])
				}
				tc.Key, tc.Name, tc.Description, tc.Scope = task.Key, task.Name, task.Description, task.Scope
				tc.Module = moduleOf(c, task.Module)
				tc.Problem = tc.Status != Covered || len(tc.UncoveredFor) > 0
				if area.Context == "" {
					s.General.add(tc)
				} else {
					s.InContext.add(tc)
				}
				ac.Tasks = append(ac.Tasks, tc)
			}
			rc.Areas = append(rc.Areas, ac)
		}
		m.Roles = append(m.Roles, rc)
	}
	return m
}

// byHolders covers a task that is not done for principals: everyone holding
// the role does it.
func byHolders(people []Person) TaskCoverage {
	return TaskCoverage{People: orEmpty(people), Status: statusOf(len(people)),
		CoveredFor: []PrincipalCoverage{}, UncoveredFor: []Person{}}
}

// forPrincipals covers a Management Assistant task: per principal, the
// assistants whose mandate from that principal includes the task's scope
// (any mandate when the task has none).
func forPrincipals(task catalog.Task, principals []Person, supportOf map[string][]support, rank map[string]int) TaskCoverage {
	tc := TaskCoverage{People: []Person{}, CoveredFor: []PrincipalCoverage{}, UncoveredFor: []Person{}}
	seen := map[string]bool{}
	worst := Covered
	for _, p := range principals {
		var as []Person
		for _, sp := range supportOf[p.ID] {
			if task.Scope == "" || sp.scopes.Has(authz.Scope(task.Scope)) {
				as = append(as, sp.assistant)
				if !seen[sp.assistant.ID] {
					seen[sp.assistant.ID] = true
					tc.People = append(tc.People, sp.assistant)
				}
			}
		}
		if len(as) == 0 {
			tc.UncoveredFor = append(tc.UncoveredFor, p)
			continue
		}
		st := statusOf(len(as))
		if st == Single {
			worst = Single
		}
		tc.CoveredFor = append(tc.CoveredFor, PrincipalCoverage{Principal: p, Assistants: as, Status: st})
	}
	slices.SortFunc(tc.People, func(a, b Person) int { return rank[a.ID] - rank[b.ID] })
	tc.Status = worst
	if len(tc.CoveredFor) == 0 {
		tc.Status = Uncovered
	}
	return tc
}

// moduleOf describes the module with key k; a task without one is not
// supported.
func moduleOf(c *catalog.Catalog, k string) Module {
	mod, ok := c.Module(k)
	if k == "" || !ok {
		return Module{Status: ModuleNone}
	}
	out := Module{Key: mod.Key, Name: mod.Name, Status: mod.Status}
	if mod.Status != catalog.ModulePlanned {
		out.Path = mod.Path
	}
	return out
}

func orEmpty(ps []Person) []Person {
	if ps == nil {
		return []Person{}
	}
	return slices.Clone(ps)
}
