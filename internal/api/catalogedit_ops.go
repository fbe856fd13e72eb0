package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
)

// CatalogChange is one of the organization's changes to the role catalog:
// a salary range of its own for a role, or a role of its own.
type CatalogChange struct {
	Key       string             `json:"key" doc:"The role's key." example:"management_assistant"`
	Custom    bool               `json:"custom" doc:"True when the role is the organization's own (see role); false for a salary range of its own for one of spil's roles."`
	Salary    *RoleCatalogSalary `json:"salary,omitempty" doc:"The organization's salary range for the role, replacing the catalog's; absent when it did not set one."`
	Role      *RoleCatalogRole   `json:"role,omitempty" doc:"The role of the organization's own, as it was added; present when custom is true."`
	UpdatedAt time.Time          `json:"updated_at" doc:"When the change was last made."`
	UpdatedBy string             `json:"updated_by,omitempty" doc:"The name of who made it; absent when spil itself did."`
}

// CatalogSalaryInput is a salary range of the organization's own, gross per
// month, in cents of whole euros.
type CatalogSalaryInput struct {
	MinCents     int64  `json:"min_cents" multipleOf:"100" doc:"Low end of the range, gross per month, in cents (whole euros: a multiple of 100); above zero." example:"380000"`
	AverageCents int64  `json:"average_cents" multipleOf:"100" doc:"Average gross salary per month, in cents; between min_cents and max_cents." example:"410000"`
	MaxCents     int64  `json:"max_cents" multipleOf:"100" doc:"High end of the range, gross per month, in cents; below 10,000,000 (€ 100.000)." example:"450000"`
	AsOf         string `json:"as_of" doc:"The date of the figures, YYYY-MM-DD." example:"2026-07-01"`
	Source       string `json:"source" maxLength:"200" doc:"Where the figures come from." example:"CAO 2026"`
}

func (in CatalogSalaryInput) toService() catalogedit.SalaryInput {
	return catalogedit.SalaryInput{Min: euros(in.MinCents), Average: euros(in.AverageCents), Max: euros(in.MaxCents),
		AsOf: in.AsOf, Source: in.Source}
}

// euros converts cents to whole euros; amounts beyond what the service
// accepts stay beyond it.
func euros(cents int64) int {
	const limit = 1 << 30
	e := cents / 100
	switch {
	case e > limit:
		return limit
	case e < -limit:
		return -limit
	}
	return int(e)
}

// CatalogTextInput is a text in Dutch and English; one left out is taken
// from the other.
type CatalogTextInput struct {
	NL string `json:"nl,omitempty" doc:"Dutch."`
	EN string `json:"en,omitempty" doc:"English."`
}

func (t *CatalogTextInput) toCatalog() catalog.Text {
	if t == nil {
		return catalog.Text{}
	}
	return catalog.Text{NL: t.NL, EN: t.EN}
}

// CatalogRoleInput is a role of the organization's own.
type CatalogRoleInput struct {
	Key       string              `json:"key" doc:"The role's key: 3 to 40 lower-case letters, digits and underscores, starting with a letter; not in use by another role." example:"executive_assistant"`
	Name      CatalogTextInput    `json:"name" doc:"The role's name (at most 80 characters)."`
	Summary   CatalogTextInput    `json:"summary" doc:"What the role is for, in one sentence (at most 400 characters)."`
	BasedOn   string              `json:"based_on" doc:"The key of the role it starts from: the new role gets its permissions, and its description where this input leaves texts out. Basing a role on the administrator needs roles.assign." example:"management_assistant"`
	Scope     *CatalogTextInput   `json:"scope,omitempty" doc:"Role / position; absent: the base role's."`
	Authority *CatalogTextInput   `json:"authority,omitempty" doc:"What the role may decide; absent: the base role's."`
	Salary    *CatalogSalaryInput `json:"salary,omitempty" doc:"A salary range for the role; absent: none."`
}

// PathRoleKey is the input of operations on one role of the catalog.
type PathRoleKey struct {
	Key string `path:"key" minLength:"1" doc:"The role's key." example:"management_assistant"`
}

// salaryFieldNames are the input's names for the service's salary fields.
var salaryFieldNames = map[string]string{"min": "min_cents", "average": "average_cents", "max": "max_cents"}

// catalogEditErr renames the salary fields of an Invalid error to the
// input's (min → min_cents; salary.min → salary.min_cents).
func catalogEditErr(err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || len(ae.Fields) == 0 {
		return err
	}
	out := &apperr.Error{Kind: ae.Kind, Message: ae.Message, Err: ae.Err, Fields: map[string]string{}}
	for k, v := range ae.Fields {
		prefix, field, nested := strings.Cut(k, ".")
		if !nested {
			prefix, field = "", k
		} else {
			prefix += "."
		}
		if n, ok := salaryFieldNames[field]; ok {
			k = prefix + n
		}
		out.Fields[k] = v
	}
	return out
}

// catalogRole returns role key of the catalog in force in its API form.
func (a *API) catalogRole(key string) (*body[RoleCatalogRole], error) {
	r, ok := a.Catalog.Current().Role(key)
	if !ok {
		return nil, apperr.NotFoundf("no role %q in the catalog", key)
	}
	return bodyOf(roleCatalogRoleOf(*r)), nil
}

// roleCatalogRoleOf converts one role as get-role-catalog does.
func roleCatalogRoleOf(r catalog.Role) RoleCatalogRole {
	return roleCatalogOf(&catalog.Catalog{Roles: []catalog.Role{r}}).Roles[0]
}

func (a *API) registerCatalogEdit() {
	const tag = "Roles"
	need := authz.Need(authz.CatalogEdit)
	register(a, op{
		ID: "list-catalog-changes", Method: http.MethodGet, Path: "/roles/catalog/changes", Tag: tag,
		Summary: "List the organization's changes to the role catalog",
		Description: "Lists the organization's own adjustments to the role catalog, oldest first: salary ranges of its own " +
			"for spil's roles, and roles of its own. get-role-catalog returns the catalog with these changes applied; " +
			"spil's own catalog stays as it is, so every change can be undone.",
		Access: need,
	}, func(ctx context.Context, _ *struct{}) (*body[List[CatalogChange]], error) {
		changes, err := a.CatalogEdit.Changes(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		out := make([]CatalogChange, 0, len(changes))
		for _, c := range changes {
			cc := CatalogChange{Key: c.Key, Custom: c.Custom, UpdatedAt: c.UpdatedAt, UpdatedBy: c.UpdatedBy}
			if s := c.Salary; s != nil {
				cc.Salary = &RoleCatalogSalary{Currency: s.Currency, AverageCents: int64(s.Average) * 100,
					MinCents: int64(s.Min) * 100, MaxCents: int64(s.Max) * 100, AsOf: s.AsOf, Source: roleCatalogText(s.Source)}
			}
			if c.Role != nil {
				r := *c.Role
				r.Key = c.Key
				rr := roleCatalogRoleOf(r)
				cc.Role = &rr
			}
			out = append(out, cc)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "set-role-salary", Method: http.MethodPut, Path: "/roles/catalog/roles/{key}/salary", Tag: tag,
		Summary: "Set a salary range of the organization's own for a role",
		Description: "Replaces the salary range of a role — one of spil's or one of the organization's own — by the organization's " +
			"own figures, with their date and source. The comparison, the staffing advisor and get-role-catalog use them " +
			"from then on; reset-role-salary goes back. Returns the role as it now is.",
		Access: need,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathRoleKey
		Body CatalogSalaryInput
	}) (*body[RoleCatalogRole], error) {
		if err := a.CatalogEdit.SetSalary(ctx, actorFrom(ctx), in.Key, in.Body.toService()); err != nil {
			return nil, catalogEditErr(err)
		}
		return a.catalogRole(in.Key)
	})

	register(a, op{
		ID: "reset-role-salary", Method: http.MethodDelete, Path: "/roles/catalog/roles/{key}/salary", Tag: tag,
		Summary: "Go back to the catalog's salary range for a role",
		Description: "Drops the organization's salary range for a role, so the catalog's own figures apply again (for a role of the " +
			"organization's own: the figures it was added with, if any). Returns the role as it now is. 404 when the role has " +
			"no salary range of the organization's own.",
		Access: need,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathRoleKey) (*body[RoleCatalogRole], error) {
		if err := a.CatalogEdit.ResetSalary(ctx, actorFrom(ctx), in.Key); err != nil {
			return nil, err
		}
		return a.catalogRole(in.Key)
	})

	register(a, op{
		ID: "add-catalog-role", Method: http.MethodPost, Path: "/roles/catalog/roles", Tag: tag,
		Summary: "Add a role of the organization's own",
		Description: "Adds a role the catalog does not have, such as an Executive Assistant or a Facility Manager. It is based on " +
			"an existing role and starts with that role's permissions, kind and description (where texts are left out). " +
			"From then on it can be given to people (set-person-roles) and appears in list-roles and get-role-catalog.",
		Access: need,
		Status: http.StatusCreated,
		Errors: []int{http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body CatalogRoleInput }) (*body[RoleCatalogRole], error) {
		b := in.Body
		ri := catalogedit.RoleInput{Key: b.Key, Name: b.Name.toCatalog(), Summary: b.Summary.toCatalog(), BasedOn: b.BasedOn,
			Scope: b.Scope.toCatalog(), Authority: b.Authority.toCatalog()}
		if b.Salary != nil {
			s := b.Salary.toService()
			ri.Salary = &s
		}
		r, err := a.CatalogEdit.AddRole(ctx, actorFrom(ctx), ri)
		if err != nil {
			return nil, catalogEditErr(err)
		}
		return bodyOf(roleCatalogRoleOf(r)), nil
	})

	register(a, op{
		ID: "delete-catalog-role", Method: http.MethodDelete, Path: "/roles/catalog/roles/{key}", Tag: tag,
		Summary: "Delete a role of the organization's own",
		Description: "Deletes a role the organization added. It is refused (409, naming them) while people hold the role: " +
			"take it from them first. spil's own roles cannot be deleted (409); 404 for a key that is no role of the organization's own.",
		Access: need,
		Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PathRoleKey) (*struct{}, error) {
		return nil, a.CatalogEdit.DeleteRole(ctx, actorFrom(ctx), in.Key)
	})
}
