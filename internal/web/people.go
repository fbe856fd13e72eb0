package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"spil/internal/authz"
	"spil/internal/org"
)

// peoplePerPage is the page size of the directory.
const peoplePerPage = 50

// PeopleQuery is the directory's search and filters, read from the URL.
type PeopleQuery struct {
	Q          string
	Department string
	Location   string
	Role       string
	Inactive   bool // also show deactivated people
	Page       int  // 1-based
}

func readPeopleQuery(v url.Values) PeopleQuery {
	q := PeopleQuery{
		Q:          strings.TrimSpace(v.Get("q")),
		Department: v.Get("department"),
		Location:   v.Get("location"),
		Role:       v.Get("role"),
		Inactive:   v.Get("inactive") == "1",
	}
	q.Page, _ = strconv.Atoi(v.Get("page"))
	if q.Page < 1 {
		q.Page = 1
	}
	return q
}

// URL returns the directory address for q on page n.
func (q PeopleQuery) URL(n int) string {
	v := url.Values{}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Department != "" {
		v.Set("department", q.Department)
	}
	if q.Location != "" {
		v.Set("location", q.Location)
	}
	if q.Role != "" {
		v.Set("role", q.Role)
	}
	if q.Inactive {
		v.Set("inactive", "1")
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/people"
	}
	return "/people?" + v.Encode()
}

// Filtered reports whether any filter narrows the list.
func (q PeopleQuery) Filtered() bool {
	return q.Q != "" || q.Department != "" || q.Location != "" || q.Role != "" || q.Inactive
}

// PersonRow is one person in a list, with role names in the reader's language.
type PersonRow struct {
	org.Person
	RoleNames []string
}

// PeoplePage is the data of the staff directory.
type PeoplePage struct {
	Query       PeopleQuery
	People      []PersonRow
	Total       int
	From, To    int
	PrevURL     string
	NextURL     string
	Departments []Option
	Locations   []Option
	Roles       []Option
	CanManage   bool
	CanImport   bool
}

func (s *Server) people(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	ctx := r.Context()
	q := readPeopleQuery(r.URL.Query())
	p := s.pageFor(r, a, "people")
	f := org.PeopleFilter{Query: q.Q, DepartmentID: q.Department, LocationID: q.Location, Role: q.Role,
		ActiveOnly: !q.Inactive, Limit: peoplePerPage, Offset: (q.Page - 1) * peoplePerPage}
	list, total, err := s.Org.ListPeople(ctx, a, f)
	if err != nil {
		return err
	}
	d := PeoplePage{Query: q, Total: total, CanManage: a.Can(authz.PeopleManage), CanImport: a.Can(authz.PeopleImport)}
	for _, pe := range list {
		d.People = append(d.People, s.personRow(p.P.Lang, pe))
	}
	if len(list) > 0 {
		d.From = f.Offset + 1
		d.To = f.Offset + len(list)
	}
	if q.Page > 1 {
		d.PrevURL = q.URL(q.Page - 1)
	}
	if f.Offset+len(list) < total {
		d.NextURL = q.URL(q.Page + 1)
	}
	deps, err := s.Org.Departments(ctx, a)
	if err != nil {
		return err
	}
	for _, dep := range deps {
		d.Departments = append(d.Departments, Option{Value: dep.ID, Label: dep.Name, Checked: dep.ID == q.Department})
	}
	locs, err := s.Org.Locations(ctx, a)
	if err != nil {
		return err
	}
	for _, l := range locs {
		d.Locations = append(d.Locations, Option{Value: l.ID, Label: l.Name, Checked: l.ID == q.Location})
	}
	d.Roles = s.roleOptions(p.P.Lang, []string{q.Role})
	s.render(w, r, http.StatusOK, "people", p, d)
	return nil
}

func (s *Server) personRow(lang string, pe org.Person) PersonRow {
	row := PersonRow{Person: pe}
	for _, k := range pe.Roles {
		row.RoleNames = append(row.RoleNames, s.roleName(lang, k))
	}
	return row
}

// PersonPage is the data of one person's page.
type PersonPage struct {
	Person         PersonRow
	Reports        []org.Person
	IsSelf         bool
	CanManage      bool
	CanSetPassword bool
	PasswordErrors FieldErrors
}

func (s *Server) person(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderPerson(w, r, a, http.StatusOK, nil)
}

func (s *Server) renderPerson(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, pwErrs FieldErrors) error {
	ctx := r.Context()
	pe, err := s.Org.Person(ctx, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	reports, _, err := s.Org.ListPeople(ctx, a, org.PeopleFilter{ManagerID: pe.ID, Limit: 500})
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "people")
	p.Title = pe.Name
	self := pe.ID == a.PersonID
	d := PersonPage{
		Person: s.personRow(p.P.Lang, pe), Reports: reports, IsSelf: self,
		CanManage:      a.Can(authz.PeopleManage),
		CanSetPassword: a.Can(authz.PeopleManage) && !self && (a.Can(authz.RolesAssign) || !hasRole(pe.Roles, authz.RoleAdmin)),
		PasswordErrors: pwErrs,
	}
	s.render(w, r, status, "person", p, d)
	return nil
}

func hasRole(roles []string, role string) bool {
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}

// setPassword is an administrator or Office Manager setting someone's password.
func (s *Server) setPassword(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.Identity.SetPassword(r.Context(), a, id, r.PostFormValue("password")); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderPerson(w, r, a, statusFor(err), errs)
		}
		return err
	}
	s.done(w, r, "/people/"+id, "password_set")
	return nil
}
