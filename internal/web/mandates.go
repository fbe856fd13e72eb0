package web

import (
	"net/http"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/mandate"
	"spil/internal/org"
)

// MandateForm is the grant form as entered.
type MandateForm struct {
	PrincipalID string
	AssistantID string
	Scopes      authz.Scopes
}

// MandatesPage is the data of the mandates page. What it shows depends on
// the actor: the mandates they gave (principals), the mandates they received
// (Management Assistants), and all mandates (administrators).
type MandatesPage struct {
	Given        []authz.Mandate
	Received     []authz.Mandate
	All          []authz.Mandate
	CanGrant     bool // a principal granting their own mandates
	CanManageAny bool // an administrator setting mandates for anyone
	IsAssistant  bool
	Form         MandateForm
	Editing      bool // the form changes an existing mandate
	Errors       FieldErrors
	Principals   []Option
	Assistants   []Option
	Scopes       []Option
	Me           string
}

// ShowForm reports whether the actor may grant any mandate.
func (d MandatesPage) ShowForm() bool { return d.CanGrant || d.CanManageAny }

// scopeOptions lists every scope with its label and help, those in checked
// ticked.
func scopeOptions(p *i18n.Printer, checked authz.Scopes) []Option {
	out := make([]Option, 0, len(authz.AllScopes()))
	for _, sc := range authz.AllScopes() {
		out = append(out, Option{Value: string(sc), Label: p.T("scope." + string(sc)),
			Help: p.T("scope_help." + string(sc)), Checked: checked.Has(sc)})
	}
	return out
}

func (s *Server) mandates(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	q := r.URL.Query()
	f := MandateForm{PrincipalID: q.Get("principal"), AssistantID: q.Get("assistant")}
	if f.PrincipalID == "" && a.Can(authz.MandatesGrant) {
		f.PrincipalID = a.PersonID
	}
	return s.renderMandates(w, r, a, http.StatusOK, f, nil, true)
}

func (s *Server) renderMandates(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, f MandateForm, errs FieldErrors, prefill bool) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "mandates")
	d := MandatesPage{
		CanGrant:     a.Can(authz.MandatesGrant) && a.HasRole(authz.RolePrincipal),
		CanManageAny: a.Can(authz.MandatesManageAny),
		IsAssistant:  a.HasRole(authz.RoleManagementAssistant),
		Form:         f,
		Errors:       errs,
		Me:           a.PersonID,
	}
	all, err := s.Mandates.List(ctx, a, mandate.Filter{})
	if err != nil {
		return err
	}
	for _, m := range all {
		if m.PrincipalID == a.PersonID {
			d.Given = append(d.Given, m)
		}
		if m.AssistantID == a.PersonID {
			d.Received = append(d.Received, m)
		}
		if prefill && m.PrincipalID == f.PrincipalID && m.AssistantID == f.AssistantID {
			d.Form.Scopes = m.Scopes
			d.Editing = true
		}
	}
	if d.CanManageAny {
		d.All = all
	}
	if d.ShowForm() {
		if d.Assistants, err = s.peopleWithRole(r, a, authz.RoleManagementAssistant, f.AssistantID, a.PersonID); err != nil {
			return err
		}
		if d.CanManageAny {
			if d.Principals, err = s.peopleWithRole(r, a, authz.RolePrincipal, f.PrincipalID, ""); err != nil {
				return err
			}
		}
		d.Scopes = scopeOptions(p.P, d.Form.Scopes)
	}
	s.render(w, r, status, "mandates", p, d)
	return nil
}

// peopleWithRole lists the active people holding role as choices, selected
// ticked, without skip.
func (s *Server) peopleWithRole(r *http.Request, a *authz.Actor, role, selected, skip string) ([]Option, error) {
	if !a.Can(authz.PeopleRead) {
		return nil, nil
	}
	list, _, err := s.Org.ListPeople(r.Context(), a, org.PeopleFilter{Role: role, ActiveOnly: true, Limit: 500})
	if err != nil {
		return nil, err
	}
	var out []Option
	for _, pe := range list {
		if pe.ID != skip {
			out = append(out, Option{Value: pe.ID, Label: pe.Name, Help: pe.JobTitle, Checked: pe.ID == selected})
		}
	}
	return out, nil
}

func (s *Server) grantMandate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := MandateForm{PrincipalID: r.PostFormValue("principal_id"), AssistantID: r.PostFormValue("assistant_id")}
	if f.PrincipalID == "" && !a.Can(authz.MandatesManageAny) {
		f.PrincipalID = a.PersonID
	}
	for _, v := range r.PostForm["scopes"] {
		f.Scopes = append(f.Scopes, authz.Scope(v))
	}
	if _, err := s.Mandates.Grant(r.Context(), a, f.PrincipalID, f.AssistantID, f.Scopes); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderMandates(w, r, a, statusFor(err), f, errs, false)
		}
		return err
	}
	s.done(w, r, "/mandates", "mandate_saved")
	return nil
}

func (s *Server) revokeMandate(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	id := r.PathValue("id")
	m, err := s.Mandates.Get(r.Context(), a, id)
	if err != nil {
		return err
	}
	if err := s.Mandates.Revoke(r.Context(), a, id); err != nil {
		return err
	}
	key := "mandate_revoked"
	if m.AssistantID == a.PersonID && m.PrincipalID != a.PersonID {
		key = "mandate_returned"
	}
	s.done(w, r, "/mandates", key)
	return nil
}
