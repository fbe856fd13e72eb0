package web

import (
	"net/http"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/org"
)

// PersonFormPage is the data of the form that adds or changes a person.
type PersonFormPage struct {
	ID             string // "" for a new person
	Name           string // the stored name, for the heading of an edit
	In             org.PersonInput
	Active         bool
	Errors         FieldErrors
	Departments    []Option
	Locations      []Option
	Managers       []Option
	Languages      []Option
	Roles          []Option
	CanAssignRoles bool
}

// Action is where the form posts.
func (d PersonFormPage) Action() string {
	if d.ID == "" {
		return "/people"
	}
	return "/people/" + d.ID
}

// readPersonForm reads the form. Roles are only read when the actor may
// assign them (the form then always sends roles_shown), so an Office
// Manager's edit leaves roles alone.
func readPersonForm(r *http.Request, a *authz.Actor) (org.PersonInput, bool) {
	active := r.PostFormValue("active") == "1"
	in := org.PersonInput{
		Name:         r.PostFormValue("name"),
		Email:        r.PostFormValue("email"),
		Phone:        r.PostFormValue("phone"),
		JobTitle:     r.PostFormValue("job_title"),
		DepartmentID: r.PostFormValue("department_id"),
		LocationID:   r.PostFormValue("location_id"),
		ManagerID:    r.PostFormValue("manager_id"),
		Language:     r.PostFormValue("language"),
		Active:       &active,
	}
	if a.Can(authz.RolesAssign) && r.PostFormValue("roles_shown") == "1" {
		in.Roles = append([]string{}, r.PostForm["roles"]...)
	}
	return in, active
}

func (s *Server) newPerson(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderPersonForm(w, r, a, http.StatusOK, PersonFormPage{
		In: org.PersonInput{Roles: []string{authz.RoleEmployee}}, Active: true})
}

func (s *Server) createPerson(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in, active := readPersonForm(r, a)
	pe, err := s.Org.CreatePerson(r.Context(), a, in)
	if err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderPersonForm(w, r, a, statusFor(err), PersonFormPage{In: in, Active: active, Errors: errs})
		}
		return err
	}
	s.done(w, r, "/people/"+pe.ID, "person_created")
	return nil
}

func (s *Server) editPerson(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	pe, err := s.Org.Person(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	in := org.PersonInput{Name: pe.Name, Email: pe.Email, Phone: pe.Phone, JobTitle: pe.JobTitle,
		DepartmentID: pe.DepartmentID, LocationID: pe.LocationID, ManagerID: pe.ManagerID,
		Language: pe.Language, Roles: pe.Roles}
	return s.renderPersonForm(w, r, a, http.StatusOK, PersonFormPage{ID: pe.ID, Name: pe.Name, In: in, Active: pe.Active})
}

func (s *Server) updatePerson(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	before, err := s.Org.Person(r.Context(), a, id)
	if err != nil {
		return err
	}
	in, active := readPersonForm(r, a)
	if _, err := s.Org.UpdatePerson(r.Context(), a, id, in); err != nil {
		errs, ok := invalid(err)
		if !ok && apperr.KindOf(err) == apperr.Forbidden {
			// Someone who may change people, but not this change (an
			// administrator's e-mail address or active state, or roles):
			// say so on the form.
			errs, ok = FieldErrors{"": apperr.MessageOf(err)}, true
		}
		if ok {
			status := statusFor(err)
			if apperr.KindOf(err) == apperr.Forbidden {
				status = http.StatusForbidden
			}
			if in.Roles == nil {
				in.Roles = before.Roles
			}
			return s.renderPersonForm(w, r, a, status, PersonFormPage{ID: id, Name: before.Name, In: in, Active: active, Errors: errs})
		}
		return err
	}
	s.done(w, r, "/people/"+id, "person_saved")
	return nil
}

// renderPersonForm fills in the choices and renders the person form.
func (s *Server) renderPersonForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d PersonFormPage) error {
	ctx := r.Context()
	p := s.page(r, a, "people")
	if d.ID == "" {
		p.Title = p.P.T("title.person_new")
	} else {
		p.Title = p.P.T("person.edit_title", d.Name)
	}
	deps, err := s.Org.Departments(ctx, a)
	if err != nil {
		return err
	}
	for _, dep := range deps {
		d.Departments = append(d.Departments, Option{Value: dep.ID, Label: dep.Name, Checked: dep.ID == d.In.DepartmentID})
	}
	locs, err := s.Org.Locations(ctx, a)
	if err != nil {
		return err
	}
	for _, l := range locs {
		d.Locations = append(d.Locations, Option{Value: l.ID, Label: l.Name, Checked: l.ID == d.In.LocationID})
	}
	managers, _, err := s.Org.ListPeople(ctx, a, org.PeopleFilter{ActiveOnly: true, Limit: 500})
	if err != nil {
		return err
	}
	found := d.In.ManagerID == ""
	for _, m := range managers {
		if m.ID != d.ID {
			d.Managers = append(d.Managers, Option{Value: m.ID, Label: m.Name, Help: m.JobTitle, Checked: m.ID == d.In.ManagerID})
			found = found || m.ID == d.In.ManagerID
		}
	}
	if !found { // an inactive manager, or one beyond the first 500: keep them selectable
		if m, err := s.Org.Person(ctx, a, d.In.ManagerID); err == nil {
			d.Managers = append([]Option{{Value: m.ID, Label: m.Name, Help: m.JobTitle, Checked: true}}, d.Managers...)
		}
	}
	d.Languages = languageOptions(p.P, d.In.Language, true)
	d.CanAssignRoles = a.Can(authz.RolesAssign)
	if d.CanAssignRoles {
		d.Roles = s.roleOptions(p.P.Lang, d.In.Roles)
	}
	s.render(w, r, status, "person_form", p, d)
	return nil
}
