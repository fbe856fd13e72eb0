package web

import (
	"errors"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/i18n"
)

// catalogRoutes are the role catalog's pages: a landing page for the role
// knowledge and the comparison of the two job roles. Both are public: the
// catalog holds no organization data.
func (s *Server) catalogRoutes() []Route {
	return []Route{
		{http.MethodGet, "/roles", authz.Public, s.rolesLanding},
		{http.MethodGet, "/roles/compare", authz.Public, s.rolesCompare},
	}
}

// RolesLandingPage is the data of /roles.
type RolesLandingPage struct {
	Nav        SubNav
	Shared     string
	Jobs       []RolesLandingJob
	Links      []RolesLandingLink
	Version    string
	Source     string
	LangSwitch *CatalogLangSwitch
}

// RolesLandingJob is one job role in brief.
type RolesLandingJob struct {
	Key, Name, Summary, Focus string
}

// RolesLandingLink is one of the role pages, with what it is for.
type RolesLandingLink struct {
	Href, Label, Text string
}

// ComparePage is the data of /roles/compare: the article's comparison table,
// one column per job role in catalog order.
type ComparePage struct {
	Nav          SubNav
	Lead         string
	Roles        []CompareRole
	Shared       string
	Competencies []CompareCompetency
	Version      string
	Source       string
	LangSwitch   *CatalogLangSwitch
}

// CompareRole is one job role as the comparison shows it, in the page's
// language.
type CompareRole struct {
	Key, Name, Scope, Responsibility, Authority, Focus string
	Daily                                              []string // the article's table row
	Areas                                              []CompareArea
	SoftSkills, DigitalSkills, Education, Traits       []string
	Salary                                             *CompareSalary
	CareerPaths                                        []string
	Examples                                           []CompareExample
}

// CompareArea is a task area; Context names where it applies ("" always).
type CompareArea struct {
	Key, Name, Context string
	Tasks              []CompareTask
}

// Task statuses on the comparison page: the module's status, or
// taskUnsupported when no module supports the task.
const taskUnsupported = "none"

// CompareTask is a task with the spil module that supports it. Href is set
// when the module can be opened (available or partial).
type CompareTask struct {
	Key, Name, Description string
	Module, Href, Status   string
}

// CompareSalary is a salary formatted for the page.
type CompareSalary struct {
	Average, Min, Max, AsOf, Source string
}

// CompareExample is one of the article's examples.
type CompareExample struct {
	Setting, Text string
	Tasks         []string
}

// CompareCompetency is one core competency with its description per role
// (in the order of ComparePage.Roles; "" when a role lacks it).
type CompareCompetency struct {
	Key, Name    string
	Descriptions []string
}

// CatalogLangSwitch links the page in the other language, for visitors who
// are not logged in (logged-in people get their own preference).
type CatalogLangSwitch struct {
	Lang, Label, Href string
}

// roleCatalog returns the catalog the actor may read: with the
// organization's own salaries and roles for its people, without them for a
// visitor who is not logged in.
func (s *Server) roleCatalog(a *authz.Actor) (*catalog.Catalog, error) {
	if s.Catalog == nil {
		return nil, errors.New("web: no role catalog configured")
	}
	return s.Catalog.For(a != nil), nil
}

// catalogPage builds the layout data for a role page. A visitor who is not
// logged in may choose the language with ?lang=nl|en; a logged-in person
// gets their preference. It also returns the query to keep on links within
// the role pages ("?lang=en", or "").
func (s *Server) catalogPage(r *http.Request, actor *authz.Actor, title string) (*Page, string, *CatalogLangSwitch) {
	p := s.page(r, actor, "roles")
	if actor != nil {
		p.Title = p.P.T(title)
		return p, "", nil
	}
	keep := ""
	if l := i18n.Supported(r.URL.Query().Get("lang")); l != "" {
		p.P = s.I18n.Printer(l, p.P.Loc)
		keep = "?lang=" + l
	}
	p.Title = p.P.T(title)
	other := "en"
	if p.P.Lang == "en" {
		other = "nl"
	}
	// The label names the other language in that language ("English").
	sw := &CatalogLangSwitch{Lang: other, Label: s.I18n.Printer(other, nil).T("catalog.this_language"),
		Href: r.URL.Path + "?lang=" + other}
	return p, keep, sw
}

// catalogSubNav links the pages about the roles; the coverage map only for
// those who may see it. keep is a query added to every link.
func catalogSubNav(p *i18n.Printer, a *authz.Actor, active, keep string) SubNav {
	n := SubNav{Label: p.T("catalog.subnav"), Active: active, Items: []NavItem{
		{"roles", p.T("catalog.subnav.overview"), "/roles" + keep},
		{"compare", p.T("catalog.subnav.compare"), "/roles/compare" + keep},
		{"advisor", p.T("catalog.subnav.advisor"), "/roles/advisor" + keep},
		{"self-assessment", p.T("catalog.subnav.self_assessment"), "/roles/self-assessment" + keep},
	}}
	if a.Can(authz.CoverageRead) {
		n.Items = append(n.Items, NavItem{"coverage", p.T("catalog.subnav.coverage"), "/roles/coverage"})
	}
	if a.Can(authz.CatalogEdit) {
		n.Items = append(n.Items, NavItem{"catalog", p.T("catalogedit.subnav"), "/roles/catalog"})
	}
	return n
}

// catalogSource is the line that says which catalog version a page shows
// and where its knowledge comes from.
func catalogSource(p *i18n.Printer, c *catalog.Catalog) (version, source string) {
	retrieved := c.Source.Retrieved
	if d, err := time.Parse(time.DateOnly, retrieved); err == nil {
		retrieved = p.Date(d)
	}
	return p.T("catalog.version", c.Version), p.T("catalog.source", c.Source.Title.In(p.Lang), retrieved)
}

// rolesLanding is GET /roles: the two job roles in brief and the pages
// about them.
func (s *Server) rolesLanding(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	c, err := s.roleCatalog(a)
	if err != nil {
		return err
	}
	p, keep, sw := s.catalogPage(r, a, "title.catalog_roles")
	lang := p.P.Lang
	d := RolesLandingPage{Nav: catalogSubNav(p.P, a, "roles", keep), Shared: c.Shared.In(lang), LangSwitch: sw}
	for _, j := range c.Jobs() {
		d.Jobs = append(d.Jobs, RolesLandingJob{Key: j.Key, Name: j.Name.In(lang), Summary: j.Summary.In(lang), Focus: j.Focus.In(lang)})
	}
	d.Links = []RolesLandingLink{
		{"/roles/compare" + keep, p.P.T("catalog.subnav.compare"), p.P.T("catalog.landing.compare")},
		{"/roles/advisor" + keep, p.P.T("catalog.subnav.advisor"), p.P.T("catalog.landing.advisor")},
		{"/roles/self-assessment" + keep, p.P.T("catalog.subnav.self_assessment"), p.P.T("catalog.landing.self_assessment")},
	}
	if a.Can(authz.CoverageRead) {
		d.Links = append(d.Links, RolesLandingLink{"/roles/coverage", p.P.T("catalog.subnav.coverage"), p.P.T("catalog.landing.coverage")})
	}
	d.Version, d.Source = catalogSource(p.P, c)
	s.render(w, r, http.StatusOK, "catalog_roles", p, d)
	return nil
}

// rolesCompare is GET /roles/compare: the article's comparison table.
func (s *Server) rolesCompare(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	c, err := s.roleCatalog(a)
	if err != nil {
		return err
	}
	p, keep, sw := s.catalogPage(r, a, "title.catalog_compare")
	d := compareData(p.P, c)
	d.Nav = catalogSubNav(p.P, a, "compare", keep)
	d.LangSwitch = sw
	s.render(w, r, http.StatusOK, "catalog_compare", p, d)
	return nil
}

// compareData lays the catalog's job roles side by side in the printer's
// language.
func compareData(p *i18n.Printer, c *catalog.Catalog) ComparePage {
	lang := p.Lang
	texts := func(ts []catalog.Text) []string {
		out := make([]string, len(ts))
		for i, t := range ts {
			out[i] = t.In(lang)
		}
		return out
	}
	d := ComparePage{Shared: c.Shared.In(lang)}
	d.Version, d.Source = catalogSource(p, c)
	jobs := c.Jobs()
	var names []any
	competencies := map[string]int{} // key → index in d.Competencies
	for i, j := range jobs {
		names = append(names, j.Name.In(lang))
		cr := CompareRole{Key: j.Key, Name: j.Name.In(lang), Scope: j.Scope.In(lang), Responsibility: j.Responsibility.In(lang),
			Authority: j.Authority.In(lang), Focus: j.Focus.In(lang),
			Daily:      texts(j.DailyTasks),
			SoftSkills: texts(j.SoftSkills), DigitalSkills: texts(j.DigitalSkills), Education: texts(j.Education)}
		for _, area := range j.TaskAreas {
			ca := CompareArea{Key: area.Key, Name: area.Name.In(lang)}
			if area.Context != "" {
				ca.Context = area.Context
				if k := "catalog.context." + area.Context; p.Has(k) {
					ca.Context = p.T(k)
				}
			}
			for _, t := range area.Tasks {
				ca.Tasks = append(ca.Tasks, compareTask(c, lang, t))
			}
			cr.Areas = append(cr.Areas, ca)
		}
		for _, t := range j.Traits {
			cr.Traits = append(cr.Traits, t.Name.In(lang))
		}
		if sal := j.Salary; sal != nil {
			asOf := sal.AsOf
			if t, err := time.Parse(time.DateOnly, sal.AsOf); err == nil {
				asOf = p.Date(t)
			}
			money := func(euros int) string { return p.Money(int64(euros)*100, sal.Currency) }
			cr.Salary = &CompareSalary{Average: money(sal.Average), Min: money(sal.Min), Max: money(sal.Max),
				AsOf: asOf, Source: sal.Source.In(lang)}
		}
		for _, cp := range j.CareerPaths {
			cr.CareerPaths = append(cr.CareerPaths, cp.Name.In(lang))
		}
		for _, ex := range j.Examples {
			cr.Examples = append(cr.Examples, CompareExample{Setting: ex.Setting.In(lang), Text: ex.Text.In(lang), Tasks: texts(ex.Tasks)})
		}
		for _, comp := range j.Competencies {
			k, ok := competencies[comp.Key]
			if !ok {
				k = len(d.Competencies)
				competencies[comp.Key] = k
				d.Competencies = append(d.Competencies, CompareCompetency{Key: comp.Key, Name: comp.Name.In(lang),
					Descriptions: make([]string, len(jobs))})
			}
			d.Competencies[k].Descriptions[i] = comp.Description.In(lang)
		}
		d.Roles = append(d.Roles, cr)
	}
	if len(names) == 2 {
		d.Lead = p.T("catalog.compare.lead", names...)
	} else {
		d.Lead = p.T("catalog.compare.lead_any")
	}
	return d
}

// compareTask resolves a task's module: a link when it can be opened, its
// name and status when planned, taskUnsupported when no module supports it.
func compareTask(c *catalog.Catalog, lang string, t catalog.Task) CompareTask {
	ct := CompareTask{Key: t.Key, Name: t.Name.In(lang), Description: t.Description.In(lang), Status: taskUnsupported}
	m, ok := c.Module(t.Module)
	if !ok {
		return ct
	}
	ct.Module, ct.Status = m.Name.In(lang), m.Status
	if m.Status == catalog.ModuleAvailable || m.Status == catalog.ModulePartial {
		ct.Href = m.Path
	}
	return ct
}
