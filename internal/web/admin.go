package web

import (
	"net/http"

	"spil/internal/authz"
	"spil/internal/org"
)

// commonTimeZones are offered as suggestions; any IANA name is accepted.
var commonTimeZones = []string{
	"Europe/Amsterdam", "Europe/Brussels", "Europe/London", "Europe/Berlin", "Europe/Paris",
	"Europe/Madrid", "Europe/Lisbon", "America/Curacao", "America/Aruba", "America/Paramaribo",
	"America/New_York", "Asia/Singapore", "UTC",
}

// AdminOrgPage is the data of the organization settings form.
type AdminOrgPage struct {
	Nav       SubNav
	In        org.Organization
	Errors    FieldErrors
	Languages []Option
	TimeZones []string
}

func (s *Server) adminOrganization(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	o, err := s.Org.Organization(r.Context())
	if err != nil {
		return err
	}
	return s.renderAdminOrg(w, r, a, http.StatusOK, AdminOrgPage{In: o})
}

func (s *Server) renderAdminOrg(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d AdminOrgPage) error {
	p := s.pageFor(r, a, "admin")
	d.Nav = adminSubNav(p.P, a, "organization")
	d.Languages = languageOptions(p.P, d.In.Language, false)
	d.TimeZones = commonTimeZones
	s.render(w, r, status, "admin_organization", p, d)
	return nil
}

func (s *Server) saveOrganization(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in := org.Organization{Name: r.PostFormValue("name"), Language: r.PostFormValue("language"), TimeZone: r.PostFormValue("time_zone")}
	if _, err := s.Org.UpdateOrganization(r.Context(), a, in); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderAdminOrg(w, r, a, statusFor(err), AdminOrgPage{In: in, Errors: errs})
		}
		return err
	}
	s.forgetOrganization()
	s.done(w, r, "/admin/organization", "organization_saved")
	return nil
}

// RoleInfo is one role on the roles overview.
type RoleInfo struct {
	Key         string
	Name        string
	Summary     string
	Permissions []Option // Value: the permission, Label: what it allows
	Count       int      // active people holding the role
}

// RolesPage is the data of the roles overview.
type RolesPage struct {
	Nav   SubNav
	Roles []RoleInfo
}

func (s *Server) adminRoles(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.pageFor(r, a, "admin")
	d := RolesPage{Nav: adminSubNav(p.P, a, "roles")}
	for _, role := range s.Roles.All() {
		_, n, err := s.Org.ListPeople(r.Context(), a, org.PeopleFilter{Role: role.Key, ActiveOnly: true, Limit: 1})
		if err != nil {
			return err
		}
		info := RoleInfo{Key: role.Key, Name: role.Name.In(p.P.Lang), Summary: role.Summary.In(p.P.Lang), Count: n}
		for _, perm := range role.Permissions {
			info.Permissions = append(info.Permissions, Option{Value: string(perm), Label: p.P.T("permission." + string(perm))})
		}
		d.Roles = append(d.Roles, info)
	}
	s.render(w, r, http.StatusOK, "admin_roles", p, d)
	return nil
}
