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

// meetingsSubNav links the meeting pages: meetings, rooms and action items
// (every logged-in person), and room management for the Office Manager.
// Its section in the main navigation is "meetings".
func meetingsSubNav(p *i18n.Printer, a *authz.Actor, active string) SubNav {
	return SubNav{Label: p.T("meetings.subnav"), Active: active, Items: []NavItem{
		{"meetings", p.T("meetings.subnav.meetings"), "/meetings"},
		{"actions", p.T("meetings.subnav.actions"), "/actions"},
		{"rooms", p.T("meetings.subnav.rooms"), "/rooms"},
	}}
}

// costsSubNav links the cost-control pages the actor may open: invoices,
// suppliers, contracts, budget and payments. Its section in the main
// navigation is "costs"; an actor with none of them has no such section.
func costsSubNav(p *i18n.Printer, a *authz.Actor, active string) SubNav {
	n := SubNav{Label: p.T("costs.subnav"), Active: active}
	manage := a.Can(authz.OfficeManage)
	if manage || a.Can(authz.InvoicesPrepare) || a.Can(authz.InvoicesApprove) || a.Can(authz.InvoicesCountersign) {
		n.Items = append(n.Items, NavItem{"invoices", p.T("costs.subnav.invoices"), "/invoices"})
	}
	if manage || a.Can(authz.InvoicesPrepare) {
		n.Items = append(n.Items, NavItem{"suppliers", p.T("costs.subnav.suppliers"), "/suppliers"})
	}
	if manage {
		n.Items = append(n.Items,
			NavItem{"contracts", p.T("costs.subnav.contracts"), "/contracts"},
			NavItem{"budget", p.T("costs.subnav.budget"), "/budget"},
			NavItem{"payments", p.T("costs.subnav.payments"), "/payments"})
	}
	return n
}
