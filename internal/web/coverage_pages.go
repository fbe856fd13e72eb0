package web

import (
	"net/http"

	"spil/internal/authz"
	"spil/internal/coverage"
)

// coverageRoutes are the task coverage map's pages.
func (s *Server) coverageRoutes() []Route {
	return []Route{
		{http.MethodGet, "/roles/coverage", authz.Need(authz.CoverageRead), s.coverage},
	}
}

// CoveragePage shows which of the catalog's tasks the organization covers,
// and by whom (coverage.Service.Map).
type CoveragePage struct {
	Map          coverage.Map
	OnlyProblems bool // ?problems=1: only tasks that are uncovered, rest on one person or have gaps
	Nav          SubNav
	// LinkPeople makes names links to the people's records (authz.PeopleRead).
	LinkPeople bool
	// CanSetMandates: the actor may set a mandate for any principal
	// (authz.MandatesManageAny), so principals without an assistant link
	// to the mandate form.
	CanSetMandates bool
}

// Names is a list of people to show, with whether to link them.
type Names struct {
	People []coverage.Person
	Link   bool
}

// Names wraps people for the "coverage-names" template.
func (d CoveragePage) Names(ps []coverage.Person) Names { return Names{People: ps, Link: d.LinkPeople} }

// Name wraps one person for the "coverage-names" template.
func (d CoveragePage) Name(p coverage.Person) Names {
	return Names{People: []coverage.Person{p}, Link: d.LinkPeople}
}

// Badge is the class of a status badge; the text says the status too.
func (CoveragePage) Badge(s coverage.Status) string {
	switch s {
	case coverage.Covered:
		return "badge badge-ok coverage-covered"
	case coverage.Single:
		return "badge coverage-single"
	}
	return "badge badge-off coverage-uncovered"
}

// Open reports whether a list of n entries is short enough to show unfolded.
func (CoveragePage) Open(n int) bool { return n <= 6 }

func (s *Server) coverage(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	m, err := s.Coverage.Map(r.Context(), a)
	if err != nil {
		return err
	}
	p := s.page(r, a, "roles")
	d := CoveragePage{OnlyProblems: r.URL.Query().Get("problems") == "1", Nav: catalogSubNav(p.P, a, "coverage", ""),
		LinkPeople: a.Can(authz.PeopleRead), CanSetMandates: a.Can(authz.MandatesManageAny)}
	if d.OnlyProblems {
		m = m.OnlyProblems()
	}
	d.Map = m
	s.render(w, r, http.StatusOK, "coverage", p, d)
	return nil
}
