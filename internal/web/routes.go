package web

import (
	"net/http"

	"spil/internal/authz"
)

// Routes lists every web route with the access it needs. A route without a
// declared access makes Register panic, and the authorization matrix test
// walks this list.
func (s *Server) Routes() []Route {
	routes := s.coreRoutes()
	routes = append(routes, s.catalogRoutes()...)
	routes = append(routes, s.advisorRoutes()...)
	routes = append(routes, s.selfAssessRoutes()...)
	routes = append(routes, s.coverageRoutes()...)
	routes = append(routes, s.catalogEditRoutes()...)
	routes = append(routes, s.agendaRoutes()...)
	routes = append(routes, s.roomRoutes()...)
	routes = append(routes, s.meetingRoutes()...)
	routes = append(routes, s.minutesRoutes()...)
	routes = append(routes, s.supplierRoutes()...)
	routes = append(routes, s.budgetRoutes()...)
	routes = append(routes, s.invoiceRoutes()...)
	routes = append(routes, s.paymentRoutes()...)
	return routes
}

// coreRoutes are the foundation's pages.
func (s *Server) coreRoutes() []Route {
	pub, auth, need := authz.Public, authz.Authenticated, authz.Need
	return []Route{
		{http.MethodGet, "/setup", pub, s.setupForm},
		{http.MethodPost, "/setup", pub, s.setup},
		{http.MethodGet, "/login", pub, s.loginForm},
		{http.MethodPost, "/login", pub, s.login},
		{http.MethodPost, "/logout", auth, s.logout},
		{http.MethodGet, "/{$}", auth, s.dashboard},
		{http.MethodPost, "/assist", need(authz.PrincipalsAssist), s.assist},

		{http.MethodGet, "/people", need(authz.PeopleRead), s.people},
		{http.MethodGet, "/people/new", need(authz.PeopleManage), s.newPerson},
		{http.MethodPost, "/people", need(authz.PeopleManage), s.createPerson},
		{http.MethodGet, "/people/import", need(authz.PeopleImport), s.importForm},
		{http.MethodPost, "/people/import", need(authz.PeopleImport), s.importPeople},
		{http.MethodGet, "/people/import/example.csv", need(authz.PeopleImport), s.importExample},
		{http.MethodGet, "/people/{id}", need(authz.PeopleRead), s.person},
		{http.MethodGet, "/people/{id}/edit", need(authz.PeopleManage), s.editPerson},
		{http.MethodPost, "/people/{id}", need(authz.PeopleManage), s.updatePerson},
		{http.MethodPost, "/people/{id}/password", need(authz.PeopleManage), s.setPassword},

		{http.MethodGet, "/departments", need(authz.PeopleRead), s.departments},
		{http.MethodPost, "/departments", need(authz.DepartmentsManage), s.createDepartment},
		{http.MethodPost, "/departments/{id}", need(authz.DepartmentsManage), s.updateDepartment},
		{http.MethodPost, "/departments/{id}/delete", need(authz.DepartmentsManage), s.deleteDepartment},
		{http.MethodGet, "/locations", need(authz.PeopleRead), s.locations},
		{http.MethodPost, "/locations", need(authz.LocationsManage), s.createLocation},
		{http.MethodGet, "/locations/{id}/edit", need(authz.LocationsManage), s.editLocation},
		{http.MethodPost, "/locations/{id}", need(authz.LocationsManage), s.updateLocation},
		{http.MethodPost, "/locations/{id}/delete", need(authz.LocationsManage), s.deleteLocation},

		{http.MethodGet, "/mandates", auth, s.mandates},
		{http.MethodPost, "/mandates", need(authz.MandatesGrant, authz.MandatesManageAny), s.grantMandate},
		{http.MethodPost, "/mandates/{id}/revoke", auth, s.revokeMandate},

		{http.MethodGet, "/audit", auth, s.activity},

		{http.MethodGet, "/settings", auth, s.settings},
		{http.MethodPost, "/settings/profile", auth, s.saveProfile},
		{http.MethodPost, "/settings/password", auth, s.changePassword},
		{http.MethodPost, "/settings/tokens", auth, s.createToken},
		{http.MethodPost, "/settings/tokens/{id}/revoke", auth, s.revokeToken},

		{http.MethodGet, "/admin/organization", need(authz.OrgManage), s.adminOrganization},
		{http.MethodPost, "/admin/organization", need(authz.OrgManage), s.saveOrganization},
		{http.MethodGet, "/admin/roles", need(authz.RolesAssign), s.adminRoles},
	}
}
