package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
	"spil/internal/org"
)

// OrganizationInput is the editable part of the organization.
type OrganizationInput struct {
	Name     string `json:"name" minLength:"1" doc:"The organization's name."`
	Language string `json:"language,omitempty" doc:"Default language for people without a preference: nl or en (default nl)." example:"nl"`
	TimeZone string `json:"time_zone" minLength:"1" doc:"IANA time zone name." example:"Europe/Amsterdam"`
}

func (a *API) registerOrganization() {
	register(a, op{
		ID: "get-organization", Method: http.MethodGet, Path: "/organization", Tag: "Organization",
		Summary:     "Get the organization",
		Description: "Returns the organization's name, default language and time zone.",
		Access:      authz.Authenticated,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, _ *struct{}) (*body[org.Organization], error) {
		o, err := a.Org.Organization(ctx)
		if err != nil {
			return nil, err
		}
		return bodyOf(o), nil
	})

	register(a, op{
		ID: "update-organization", Method: http.MethodPut, Path: "/organization", Tag: "Organization",
		Summary:     "Change the organization",
		Description: "Replaces the organization's name, default language and time zone. The change is audited.",
		Access:      authz.Need(authz.OrgManage),
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body OrganizationInput }) (*body[org.Organization], error) {
		o, err := a.Org.UpdateOrganization(ctx, actorFrom(ctx), org.Organization{
			Name: in.Body.Name, Language: in.Body.Language, TimeZone: in.Body.TimeZone})
		if err != nil {
			return nil, err
		}
		return bodyOf(o), nil
	})
}
