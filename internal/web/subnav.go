package web

import (
	"spil/internal/authz"
	"spil/internal/i18n"
)

// SubNav is the navigation within one section (Organization, Administration).
type SubNav struct {
	Label  string
	Items  []NavItem
	Active string
}

// orgSubNav links the departments and locations pages.
func orgSubNav(p *i18n.Printer, active string) SubNav {
	return SubNav{Label: p.T("org.subnav"), Active: active, Items: []NavItem{
		{"departments", p.T("title.departments"), "/departments"},
		{"locations", p.T("title.locations"), "/locations"},
	}}
}

// adminSubNav links the administration pages the actor may open.
func adminSubNav(p *i18n.Printer, a *authz.Actor, active string) SubNav {
	n := SubNav{Label: p.T("admin.subnav"), Active: active}
	if a.Can(authz.OrgManage) {
		n.Items = append(n.Items, NavItem{"organization", p.T("title.admin_organization"), "/admin/organization"})
	}
	if a.Can(authz.RolesAssign) {
		n.Items = append(n.Items, NavItem{"roles", p.T("title.admin_roles"), "/admin/roles"})
	}
	if a.Can(authz.PeopleImport) {
		n.Items = append(n.Items, NavItem{"import", p.T("title.people_import"), "/people/import"})
	}
	return n
}
