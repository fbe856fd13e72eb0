package authz

import "strings"

// Permission names something an actor may do. Roles grant permissions (see
// the role catalog, internal/catalog); routes declare the one they need.
type Permission string

// The permissions spil knows. A role that names any other is rejected at start.
const (
	PeopleRead          Permission = "people.read"          // see the staff directory
	PeopleManage        Permission = "people.manage"        // add and change people
	PeopleImport        Permission = "people.import"        // import people from CSV
	OrgManage           Permission = "org.manage"           // change the organization's settings
	DepartmentsManage   Permission = "departments.manage"   // add and change departments
	LocationsManage     Permission = "locations.manage"     // add and change locations
	RolesAssign         Permission = "roles.assign"         // give and take roles
	MandatesGrant       Permission = "mandates.grant"       // give one's own mandates (principals)
	MandatesManageAny   Permission = "mandates.manage_any"  // set mandates for any principal (recorded as such)
	AuditReadAll        Permission = "audit.read_all"       // read the whole audit log
	PrincipalsAssist    Permission = "principals.assist"    // work for principals within mandates
	OfficeManage        Permission = "office.manage"        // the office modules, as the deciding Office Manager
	OfficeSupport       Permission = "office.support"       // support-staff work handed out by the Office Manager
	SystemMonitor       Permission = "system.monitor"       // read /metrics
	CoverageRead        Permission = "coverage.read"        // see who covers which of the catalog's tasks
	CatalogEdit         Permission = "catalog.edit"         // adjust the role catalog: salaries, roles of the organization's own
	InvoicesPrepare     Permission = "invoices.prepare"     // register incoming invoices and prepare them (coding, notes), never approve
	InvoicesApprove     Permission = "invoices.approve"     // approve invoices up to the organization's limit
	InvoicesCountersign Permission = "invoices.countersign" // approve, as a director, invoices above the limit
)

// AllPermissions lists every known permission, in a stable order.
var AllPermissions = []Permission{
	PeopleRead, PeopleManage, PeopleImport, OrgManage, DepartmentsManage,
	LocationsManage, RolesAssign, MandatesGrant, MandatesManageAny, AuditReadAll,
	PrincipalsAssist, OfficeManage, OfficeSupport, SystemMonitor, CoverageRead, CatalogEdit,
	InvoicesPrepare, InvoicesApprove, InvoicesCountersign,
}

// Access is what a route requires: nobody logged in (Public), any logged-in
// person (Authenticated), or any one of a list of permissions.
type Access struct {
	Public        bool
	Authenticated bool
	AnyOf         []Permission
}

// Public is access for everyone, logged in or not.
var Public = Access{Public: true}

// Authenticated is access for every logged-in person.
var Authenticated = Access{Authenticated: true}

// Need is access for actors holding at least one of ps.
func Need(ps ...Permission) Access { return Access{AnyOf: ps} }

// String describes the access for route listings and tests.
func (a Access) String() string {
	switch {
	case a.Public:
		return "public"
	case a.Authenticated:
		return "authenticated"
	case len(a.AnyOf) > 0:
		ws := make([]string, len(a.AnyOf))
		for i, p := range a.AnyOf {
			ws[i] = string(p)
		}
		return strings.Join(ws, " | ")
	}
	return "undeclared"
}

// Declared reports whether a names any access at all; routes without one are refused.
func (a Access) Declared() bool { return a.Public || a.Authenticated || len(a.AnyOf) > 0 }

// Allows reports whether actor (nil when not logged in) passes a.
func (a Access) Allows(actor *Actor) bool {
	switch {
	case a.Public:
		return true
	case actor == nil:
		return false
	case a.Authenticated:
		return true
	}
	for _, p := range a.AnyOf {
		if actor.Can(p) {
			return true
		}
	}
	return false
}
