package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
	"spil/internal/org"
)

// PersonInput is the editable part of a person.
type PersonInput struct {
	Name         string `json:"name" minLength:"1" doc:"Full name." example:"Anna de Vries"`
	Email        string `json:"email" format:"email" doc:"Work e-mail address; unique in the organization." example:"anna@example.nl"`
	Phone        string `json:"phone,omitempty" doc:"Phone number."`
	JobTitle     string `json:"job_title,omitempty" doc:"Job title."`
	DepartmentID string `json:"department_id,omitempty" doc:"ID of the person's department (see list-departments)."`
	LocationID   string `json:"location_id,omitempty" doc:"ID of the person's usual location (see list-locations)."`
	ManagerID    string `json:"manager_id,omitempty" doc:"ID of the person they report to."`
	Language     string `json:"language,omitempty" doc:"Preferred language, nl or en; empty for the organization's."`
	Active       *bool  `json:"active,omitempty" doc:"Whether the person is active. Omitted: active on create, unchanged on update."`
}

func (in PersonInput) toOrg() org.PersonInput {
	return org.PersonInput{Name: in.Name, Email: in.Email, Phone: in.Phone, JobTitle: in.JobTitle,
		DepartmentID: in.DepartmentID, LocationID: in.LocationID, ManagerID: in.ManagerID,
		Language: in.Language, Active: in.Active}
}

// NewPerson is a person to add, optionally with roles.
type NewPerson struct {
	PersonInput
	Roles []string `json:"roles,omitempty" doc:"Role keys (see list-roles); default [\"employee\"]. Other roles need the permission roles.assign."`
}

// RolesInput is the complete set of roles for a person.
type RolesInput struct {
	Roles []string `json:"roles" nullable:"false" doc:"Role keys (see list-roles); an empty list takes every role away."`
}

type listPeopleInput struct {
	Q            string `query:"q" doc:"Part of the name, e-mail address or job title (any case)."`
	DepartmentID string `query:"department_id" doc:"Only people in this department."`
	LocationID   string `query:"location_id" doc:"Only people at this location."`
	ManagerID    string `query:"manager_id" doc:"Only people reporting to this person."`
	Role         string `query:"role" doc:"Only people holding this role key."`
	ActiveOnly   bool   `query:"active_only" doc:"Leave out deactivated people."`
	Limit        int    `query:"limit" minimum:"0" maximum:"500" default:"50" doc:"Page size (at most 500)."`
	Offset       int    `query:"offset" minimum:"0" doc:"How many matching people to skip."`
}

type personCreated struct {
	Location string `header:"Location" doc:"The new person's URL."`
	Body     org.Person
}

func (a *API) registerPeople() {
	register(a, op{
		ID: "list-people", Method: http.MethodGet, Path: "/people", Tag: "People",
		Summary:     "List people",
		Description: "Lists one page of the staff directory, ordered by name, with the total number of matching people.",
		Access:      authz.Need(authz.PeopleRead),
	}, func(ctx context.Context, in *listPeopleInput) (*body[List[org.Person]], error) {
		people, total, err := a.Org.ListPeople(ctx, actorFrom(ctx), org.PeopleFilter{
			Query: in.Q, DepartmentID: in.DepartmentID, LocationID: in.LocationID, ManagerID: in.ManagerID,
			Role: in.Role, ActiveOnly: in.ActiveOnly, Limit: in.Limit, Offset: in.Offset})
		if err != nil {
			return nil, err
		}
		out := listOf(people)
		out.Body.Total = total
		return out, nil
	})

	register(a, op{
		ID: "get-person", Method: http.MethodGet, Path: "/people/{id}", Tag: "People",
		Summary:     "Get a person",
		Description: "Returns one person with their roles and the names of their department, location and manager.",
		Access:      authz.Need(authz.PeopleRead),
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[org.Person], error) {
		p, err := a.Org.Person(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(p), nil
	})

	register(a, op{
		ID: "create-person", Method: http.MethodPost, Path: "/people", Tag: "People",
		Summary:     "Add a person",
		Description: "Adds a person to the organization. Without roles the person becomes an employee; giving other roles needs the permission roles.assign. The person can log in once they have a password.",
		Access:      authz.Need(authz.PeopleManage),
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body NewPerson }) (*personCreated, error) {
		input := in.Body.toOrg()
		input.Roles = in.Body.Roles
		p, err := a.Org.CreatePerson(ctx, actorFrom(ctx), input)
		if err != nil {
			return nil, err
		}
		return &personCreated{Location: Prefix + "/people/" + p.ID, Body: p}, nil
	})

	register(a, op{
		ID: "update-person", Method: http.MethodPut, Path: "/people/{id}", Tag: "People",
		Summary:     "Change a person",
		Description: "Replaces the editable fields of a person: omitted optional fields are cleared, an omitted active leaves it unchanged. Roles are changed with set-person-roles. Only an administrator may change the e-mail address or active state of an administrator, and the last active administrator cannot be deactivated (409).",
		Access:      authz.Need(authz.PeopleManage),
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body PersonInput
	}) (*body[org.Person], error) {
		p, err := a.Org.UpdatePerson(ctx, actorFrom(ctx), in.ID, in.Body.toOrg())
		if err != nil {
			return nil, err
		}
		return bodyOf(p), nil
	})

	register(a, op{
		ID: "set-person-roles", Method: http.MethodPut, Path: "/people/{id}/roles", Tag: "People",
		Summary:     "Set a person's roles",
		Description: "Replaces the roles of a person. Taking the admin role from the last active administrator is refused (409).",
		Access:      authz.Need(authz.RolesAssign),
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body RolesInput
	}) (*body[org.Person], error) {
		roles := in.Body.Roles
		if roles == nil {
			roles = []string{}
		}
		p, err := a.Org.SetRoles(ctx, actorFrom(ctx), in.ID, roles)
		if err != nil {
			return nil, err
		}
		return bodyOf(p), nil
	})
}
