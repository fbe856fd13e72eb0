package authz

import (
	"fmt"
	"slices"
	"sync"

	"spil/internal/catalog"
)

// Role keys, as stored in role assignments.
const (
	RoleAdmin               = "admin"
	RoleOfficeManager       = "office_manager"
	RoleManagementAssistant = "management_assistant"
	RolePrincipal           = "principal"
	RoleEmployee            = "employee"
	RoleSupportStaff        = "support_staff"
)

// Text is a text in each of spil's languages.
type Text = catalog.Text

// Role is one role a person can hold, with the permissions it grants.
type Role struct {
	Key         string       `json:"key"`
	Name        Text         `json:"name"`
	Summary     Text         `json:"summary"`
	Permissions []Permission `json:"permissions"`
}

// Roles is the set of role definitions, made from the role catalog: the one
// place where roles and their default permissions are defined. When the
// organization changes its catalog the set is replaced in place (Replace),
// so every service holding it sees the change; it is safe for concurrent use.
type Roles struct {
	mu  sync.RWMutex
	set roleSet
}

type roleSet struct {
	version string
	list    []Role
	byKey   map[string]*Role
}

// DefaultRoles returns the role definitions of the catalog embedded in spil.
func DefaultRoles() (*Roles, error) {
	c, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	return FromCatalog(c)
}

// FromCatalog makes the role definitions of a catalog. It refuses a catalog
// that names an unknown permission, or a task that needs an unknown mandate
// scope.
func FromCatalog(c *catalog.Catalog) (*Roles, error) {
	list := make([]Role, 0, len(c.Roles))
	for _, r := range c.Roles {
		perms := make([]Permission, len(r.Permissions))
		for i, p := range r.Permissions {
			perms[i] = Permission(p)
		}
		list = append(list, Role{Key: r.Key, Name: r.Name, Summary: r.Summary, Permissions: perms})
		for _, a := range r.TaskAreas {
			for _, t := range a.Tasks {
				if t.Scope != "" && !slices.Contains(AllScopes(), Scope(t.Scope)) {
					return nil, fmt.Errorf("role catalog: task %s needs unknown mandate scope %q", t.Key, t.Scope)
				}
			}
		}
	}
	return NewRoles(c.Version, list)
}

// NewRoles checks role definitions — every key unique, every permission
// known — and indexes them.
func NewRoles(version string, list []Role) (*Roles, error) {
	set, err := newRoleSet(version, list)
	if err != nil {
		return nil, err
	}
	return &Roles{set: set}, nil
}

// Replace puts the role definitions of catalog c in force, after the same
// checks as FromCatalog; on error the roles in force stay as they were.
func (rs *Roles) Replace(c *catalog.Catalog) error {
	next, err := FromCatalog(c)
	if err != nil {
		return err
	}
	rs.mu.Lock()
	rs.set = next.set
	rs.mu.Unlock()
	return nil
}

func newRoleSet(version string, list []Role) (roleSet, error) {
	rs := roleSet{version: version, list: list, byKey: make(map[string]*Role, len(list))}
	for i := range rs.list {
		r := &rs.list[i]
		if r.Key == "" {
			return rs, fmt.Errorf("role definitions: role %d has no key", i)
		}
		if _, dup := rs.byKey[r.Key]; dup {
			return rs, fmt.Errorf("role definitions: role %q defined twice", r.Key)
		}
		for _, p := range r.Permissions {
			if !slices.Contains(AllPermissions, p) {
				return rs, fmt.Errorf("role definitions: role %q names unknown permission %q", r.Key, p)
			}
		}
		rs.byKey[r.Key] = r
	}
	return rs, nil
}

func (rs *Roles) current() roleSet {
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	return rs.set
}

// Version is the version of the catalog the roles come from.
func (rs *Roles) Version() string { return rs.current().version }

// All returns every role in definition order.
func (rs *Roles) All() []Role { return slices.Clone(rs.current().list) }

// Get returns the role with key k.
func (rs *Roles) Get(k string) (Role, bool) {
	r, ok := rs.current().byKey[k]
	if !ok {
		return Role{}, false
	}
	return *r, true
}

// Keys returns all role keys in definition order.
func (rs *Roles) Keys() []string {
	set := rs.current()
	keys := make([]string, len(set.list))
	for i, r := range set.list {
		keys[i] = r.Key
	}
	return keys
}

// Permissions returns the union of the permissions the given roles grant;
// unknown role keys grant nothing.
func (rs *Roles) Permissions(roles []string) map[Permission]bool {
	set := rs.current()
	out := map[Permission]bool{}
	for _, k := range roles {
		if r, ok := set.byKey[k]; ok {
			for _, p := range r.Permissions {
				out[p] = true
			}
		}
	}
	return out
}
