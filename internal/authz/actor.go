// Package authz decides who may do what. The Actor — who is acting, with which
// roles, and for which principals under which mandate — is resolved once per
// request; services take it and enforce their rules with it. Deny by default.
package authz

import (
	"slices"
)

// Via says how an actor was authenticated.
type Via string

// The ways an actor can be known.
const (
	ViaSession Via = "session"
	ViaToken   Via = "token"
	ViaSystem  Via = "system" // command line and background work
)

// Actor is a person acting in spil, with everything needed to decide what
// they may do. An Actor is immutable once resolved.
type Actor struct {
	PersonID string
	Name     string
	Email    string
	Language string // the person's preference, "" for the organization's
	Roles    []string
	Via      Via

	perms    map[Permission]bool
	mandates map[string]Mandate // by principal ID: mandates granted to this actor
}

// NewActor builds an actor from its person, roles and the mandates granted to
// it. Mandates are only effective for an actor holding the Management
// Assistant role.
func NewActor(personID, name, email string, roles []string, rs *Roles, mandates []Mandate) *Actor {
	a := &Actor{PersonID: personID, Name: name, Email: email, Roles: slices.Clone(roles), perms: rs.Permissions(roles), mandates: map[string]Mandate{}}
	if a.HasRole(RoleManagementAssistant) {
		for _, m := range mandates {
			if m.AssistantID == personID {
				a.mandates[m.PrincipalID] = m
			}
		}
	}
	return a
}

// System returns an actor for work spil does itself or an administrator does
// from the command line; it holds every permission and is audited by name.
func System(name string) *Actor {
	perms := map[Permission]bool{}
	for _, p := range AllPermissions {
		perms[p] = true
	}
	return &Actor{Name: name, Via: ViaSystem, Roles: []string{RoleAdmin}, perms: perms, mandates: map[string]Mandate{}}
}

// Can reports whether the actor's roles grant p.
func (a *Actor) Can(p Permission) bool { return a != nil && a.perms[p] }

// HasRole reports whether the actor holds role key r.
func (a *Actor) HasRole(r string) bool { return a != nil && slices.Contains(a.Roles, r) }

// IsSystem reports whether the actor is spil itself or the command line.
func (a *Actor) IsSystem() bool { return a != nil && a.Via == ViaSystem }

// Mandate returns the mandate principalID granted this actor.
func (a *Actor) Mandate(principalID string) (Mandate, bool) {
	m, ok := a.mandates[principalID]
	return m, ok
}

// Principals returns the mandates granted to this actor, sorted by principal name.
func (a *Actor) Principals() []Mandate {
	out := make([]Mandate, 0, len(a.mandates))
	for _, m := range a.mandates {
		out = append(out, m)
	}
	slices.SortFunc(out, func(x, y Mandate) int {
		if x.PrincipalName != y.PrincipalName {
			if x.PrincipalName < y.PrincipalName {
				return -1
			}
			return 1
		}
		if x.PrincipalID < y.PrincipalID {
			return -1
		}
		return 1
	})
	return out
}

// ActsFor reports whether the actor may use scope s for principalID: always
// for their own affairs, otherwise only under a mandate that grants s.
func (a *Actor) ActsFor(principalID string, s Scope) bool {
	if a == nil {
		return false
	}
	if principalID == a.PersonID && a.PersonID != "" {
		return true
	}
	m, ok := a.mandates[principalID]
	return ok && m.Scopes.Has(s)
}

// OnBehalfOf returns principalID when the actor acts for someone else, else "".
// The audit log records it.
func (a *Actor) OnBehalfOf(principalID string) string {
	if a == nil || principalID == a.PersonID {
		return ""
	}
	return principalID
}
