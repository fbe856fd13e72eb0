package web

import (
	"net/http"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/org"
)

// DepartmentsPage is the data of the departments page. A failed change
// re-renders the page with its input: New for the create form, or Edit and
// EditID for the row that was being renamed.
type DepartmentsPage struct {
	Nav         SubNav
	Departments []org.Department
	Parents     []Option
	CanManage   bool
	New         org.DepartmentInput
	NewErrors   FieldErrors
	EditID      string
	Edit        org.DepartmentInput
	EditErrors  FieldErrors
	Alert       string // why a deletion failed, in the service's English
}

func (s *Server) departments(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderDepartments(w, r, a, http.StatusOK, DepartmentsPage{})
}

func (s *Server) renderDepartments(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d DepartmentsPage) error {
	deps, err := s.Org.Departments(r.Context(), a)
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "organization")
	d.Nav = orgSubNav(p.P, "departments")
	d.Departments = deps
	d.CanManage = a.Can(authz.DepartmentsManage)
	for _, dep := range deps {
		d.Parents = append(d.Parents, Option{Value: dep.ID, Label: dep.Name, Checked: dep.ID == d.New.ParentID})
	}
	s.render(w, r, status, "departments", p, d)
	return nil
}

func (s *Server) createDepartment(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in := org.DepartmentInput{Name: r.PostFormValue("name"), ParentID: r.PostFormValue("parent_id")}
	if _, err := s.Org.CreateDepartment(r.Context(), a, in); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderDepartments(w, r, a, statusFor(err), DepartmentsPage{New: in, NewErrors: errs})
		}
		return err
	}
	s.done(w, r, "/departments", "department_created")
	return nil
}

// updateDepartment renames a department; its place under a parent stays
// unless the form names another.
func (s *Server) updateDepartment(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	before, err := s.Org.Department(r.Context(), a, id)
	if err != nil {
		return err
	}
	in := org.DepartmentInput{Name: r.PostFormValue("name"), ParentID: before.ParentID}
	if _, ok := r.PostForm["parent_id"]; ok {
		in.ParentID = r.PostFormValue("parent_id")
	}
	if _, err := s.Org.UpdateDepartment(r.Context(), a, id, in); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderDepartments(w, r, a, statusFor(err), DepartmentsPage{EditID: id, Edit: in, EditErrors: errs})
		}
		return err
	}
	s.done(w, r, "/departments", "department_saved")
	return nil
}

func (s *Server) deleteDepartment(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Org.DeleteDepartment(r.Context(), a, r.PathValue("id")); err != nil {
		if _, ok := invalid(err); ok {
			return s.renderDepartments(w, r, a, statusFor(err), DepartmentsPage{Alert: apperr.MessageOf(err)})
		}
		return err
	}
	s.done(w, r, "/departments", "department_deleted")
	return nil
}

// AlertText is Alert in the reader's language.
func (d DepartmentsPage) AlertText(p *i18n.Printer) string { return translate(p, d.Alert) }
