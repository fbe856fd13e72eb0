package catalog

import (
	"fmt"
	"slices"
	"sync/atomic"
)

// Book holds the catalog in force — the embedded one with the
// organization's own changes — and lets it be replaced while requests read it.
type Book struct {
	base *Catalog
	cur  atomic.Pointer[Catalog]
}

// NewBook returns a book holding c, which is also the default the
// organization's changes are made over.
func NewBook(c *Catalog) *Book {
	b := &Book{base: c}
	b.cur.Store(c)
	return b
}

// Current returns the catalog in force. Callers must not change it.
func (b *Book) Current() *Catalog { return b.cur.Load() }

// For returns what a reader may see: the catalog in force for someone of
// the organization, the default — without the organization's own salaries
// and roles — for a visitor who is not logged in.
func (b *Book) For(member bool) *Catalog {
	if member {
		return b.Current()
	}
	return b.base
}

// Set replaces the catalog in force.
func (b *Book) Set(c *Catalog) { b.cur.Store(c) }

// Change is one of the organization's changes to the catalog: a salary
// range of its own for a role, or a role of its own (an Executive Assistant,
// a Facility Manager) based on an existing one.
type Change struct {
	Key    string  `json:"key"`              // the role
	Salary *Salary `json:"salary,omitempty"` // replaces the role's salary
	Role   *Role   `json:"role,omitempty"`   // a role the catalog does not have
}

// Merge returns base with the changes applied, checked; base is not
// changed. A change of salary for an unknown role, or an added role whose
// key the catalog already has, is an error.
func Merge(base *Catalog, changes []Change) (*Catalog, error) {
	c := *base
	c.Roles = slices.Clone(base.Roles)
	for _, ch := range changes {
		if ch.Role != nil {
			if _, exists := c.Role(ch.Key); exists {
				return nil, fmt.Errorf("role catalog: role %q exists already", ch.Key)
			}
			r := *ch.Role
			r.Key = ch.Key
			c.Roles = append(c.Roles, r)
		}
	}
	for _, ch := range changes {
		if ch.Salary == nil {
			continue
		}
		i := slices.IndexFunc(c.Roles, func(r Role) bool { return r.Key == ch.Key })
		if i < 0 {
			return nil, fmt.Errorf("role catalog: salary for unknown role %q", ch.Key)
		}
		s := *ch.Salary
		c.Roles[i].Salary = &s
	}
	if err := c.Check(); err != nil {
		return nil, err
	}
	return &c, nil
}
