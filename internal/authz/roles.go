package authz

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
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
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// In returns the text in lang ("nl" or "en"), falling back to Dutch.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.NL
}

// Role is one role a person can hold, with the permissions it grants.
type Role struct {
	Key         string       `json:"key"`
	Name        Text         `json:"name"`
	Summary     Text         `json:"summary"`
	Permissions []Permission `json:"permissions"`
}

// Roles is the set of role definitions: the one place where roles and their
// default permissions are defined.
type Roles struct {
	Version int    `json:"version"`
	List    []Role `json:"roles"`
	byKey   map[string]*Role
}

//go:embed roles.json
var defaultRoles []byte

// DefaultRoles returns the role definitions embedded in spil.
func DefaultRoles() (*Roles, error) { return ParseRoles(defaultRoles) }

// ParseRoles reads role definitions and checks that every permission is known
// and every key unique.
func ParseRoles(data []byte) (*Roles, error) {
	var rs Roles
	if err := json.Unmarshal(data, &rs); err != nil {
		return nil, fmt.Errorf("role definitions: %w", err)
	}
	rs.byKey = make(map[string]*Role, len(rs.List))
	for i := range rs.List {
		r := &rs.List[i]
		if r.Key == "" {
			return nil, fmt.Errorf("role definitions: role %d has no key", i)
		}
		if _, dup := rs.byKey[r.Key]; dup {
			return nil, fmt.Errorf("role definitions: role %q defined twice", r.Key)
		}
		for _, p := range r.Permissions {
			if !slices.Contains(AllPermissions, p) {
				return nil, fmt.Errorf("role definitions: role %q names unknown permission %q", r.Key, p)
			}
		}
		rs.byKey[r.Key] = r
	}
	return &rs, nil
}

// Get returns the role with key k.
func (rs *Roles) Get(k string) (*Role, bool) {
	r, ok := rs.byKey[k]
	return r, ok
}

// Keys returns all role keys in definition order.
func (rs *Roles) Keys() []string {
	keys := make([]string, len(rs.List))
	for i, r := range rs.List {
		keys[i] = r.Key
	}
	return keys
}

// Permissions returns the union of the permissions the given roles grant;
// unknown role keys grant nothing.
func (rs *Roles) Permissions(roles []string) map[Permission]bool {
	out := map[Permission]bool{}
	for _, k := range roles {
		if r, ok := rs.byKey[k]; ok {
			for _, p := range r.Permissions {
				out[p] = true
			}
		}
	}
	return out
}
