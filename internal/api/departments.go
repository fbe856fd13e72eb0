package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
	"spil/internal/org"
)

// DepartmentInput is the editable part of a department.
type DepartmentInput struct {
	Name     string `json:"name" minLength:"1" doc:"The department's name." example:"Finance"`
	ParentID string `json:"parent_id,omitempty" doc:"ID of the department it is part of; empty for a top-level department."`
}

func (in DepartmentInput) toOrg() org.DepartmentInput {
	return org.DepartmentInput{Name: in.Name, ParentID: in.ParentID}
}

func (a *API) registerDepartments() {
	const tag = "Departments"
	register(a, op{
		ID: "list-departments", Method: http.MethodGet, Path: "/departments", Tag: tag,
		Summary:     "List departments",
		Description: "Lists every department, ordered by name, with its parent and the number of active people in it.",
		Access:      authz.Need(authz.PeopleRead),
	}, func(ctx context.Context, _ *struct{}) (*body[List[org.Department]], error) {
		ds, err := a.Org.Departments(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		return listOf(ds), nil
	})

	register(a, op{
		ID: "get-department", Method: http.MethodGet, Path: "/departments/{id}", Tag: tag,
		Summary:     "Get a department",
		Description: "Returns one department with its parent and the number of active people in it.",
		Access:      authz.Need(authz.PeopleRead),
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[org.Department], error) {
		d, err := a.Org.Department(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(d), nil
	})

	register(a, op{
		ID: "create-department", Method: http.MethodPost, Path: "/departments", Tag: tag,
		Summary:     "Add a department",
		Description: "Adds a department, optionally as part of another.",
		Access:      authz.Need(authz.DepartmentsManage),
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body DepartmentInput }) (*body[org.Department], error) {
		d, err := a.Org.CreateDepartment(ctx, actorFrom(ctx), in.Body.toOrg())
		if err != nil {
			return nil, err
		}
		return bodyOf(d), nil
	})

	register(a, op{
		ID: "update-department", Method: http.MethodPut, Path: "/departments/{id}", Tag: tag,
		Summary:     "Change a department",
		Description: "Replaces a department's name and parent. A department cannot become part of itself or of one of its parts.",
		Access:      authz.Need(authz.DepartmentsManage),
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body DepartmentInput
	}) (*body[org.Department], error) {
		d, err := a.Org.UpdateDepartment(ctx, actorFrom(ctx), in.ID, in.Body.toOrg())
		if err != nil {
			return nil, err
		}
		return bodyOf(d), nil
	})

	register(a, op{
		ID: "delete-department", Method: http.MethodDelete, Path: "/departments/{id}", Tag: tag,
		Summary:     "Delete a department",
		Description: "Deletes a department. Its people keep working without a department; its sub-departments move to the top level.",
		Access:      authz.Need(authz.DepartmentsManage),
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Org.DeleteDepartment(ctx, actorFrom(ctx), in.ID)
	})
}
