package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
	"spil/internal/org"
)

// LocationInput is the editable part of a location.
type LocationInput struct {
	Name      string   `json:"name" minLength:"1" doc:"The location's name." example:"Head office"`
	Address   string   `json:"address,omitempty" doc:"Street and number." example:"Keizersgracht 1"`
	Postcode  string   `json:"postcode,omitempty" example:"1015 CC"`
	City      string   `json:"city,omitempty" example:"Amsterdam"`
	Country   string   `json:"country,omitempty" doc:"ISO 3166-1 alpha-2 code; default NL." example:"NL"`
	Latitude  *float64 `json:"latitude,omitempty" minimum:"-90" maximum:"90" doc:"For travel times; give both coordinates or neither."`
	Longitude *float64 `json:"longitude,omitempty" minimum:"-180" maximum:"180" doc:"For travel times; give both coordinates or neither."`
}

func (in LocationInput) toOrg() org.LocationInput {
	return org.LocationInput{Name: in.Name, Address: in.Address, Postcode: in.Postcode, City: in.City,
		Country: in.Country, Latitude: in.Latitude, Longitude: in.Longitude}
}

func (a *API) registerLocations() {
	const tag = "Locations"
	register(a, op{
		ID: "list-locations", Method: http.MethodGet, Path: "/locations", Tag: tag,
		Summary:     "List locations",
		Description: "Lists every location: offices and other places people work or meet.",
		Access:      authz.Need(authz.PeopleRead),
	}, func(ctx context.Context, _ *struct{}) (*body[List[org.Location]], error) {
		ls, err := a.Org.Locations(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		return listOf(ls), nil
	})

	register(a, op{
		ID: "get-location", Method: http.MethodGet, Path: "/locations/{id}", Tag: tag,
		Summary:     "Get a location",
		Description: "Returns one location.",
		Access:      authz.Need(authz.PeopleRead),
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[org.Location], error) {
		l, err := a.Org.Location(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(l), nil
	})

	register(a, op{
		ID: "create-location", Method: http.MethodPost, Path: "/locations", Tag: tag,
		Summary:     "Add a location",
		Description: "Adds a location.",
		Access:      authz.Need(authz.LocationsManage),
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body LocationInput }) (*body[org.Location], error) {
		l, err := a.Org.CreateLocation(ctx, actorFrom(ctx), in.Body.toOrg())
		if err != nil {
			return nil, err
		}
		return bodyOf(l), nil
	})

	register(a, op{
		ID: "update-location", Method: http.MethodPut, Path: "/locations/{id}", Tag: tag,
		Summary:     "Change a location",
		Description: "Replaces the fields of a location; omitted optional fields are cleared.",
		Access:      authz.Need(authz.LocationsManage),
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body LocationInput
	}) (*body[org.Location], error) {
		l, err := a.Org.UpdateLocation(ctx, actorFrom(ctx), in.ID, in.Body.toOrg())
		if err != nil {
			return nil, err
		}
		return bodyOf(l), nil
	})

	register(a, op{
		ID: "delete-location", Method: http.MethodDelete, Path: "/locations/{id}", Tag: tag,
		Summary:     "Delete a location",
		Description: "Deletes a location. People who worked there keep working without a location.",
		Access:      authz.Need(authz.LocationsManage),
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Org.DeleteLocation(ctx, actorFrom(ctx), in.ID)
	})
}
