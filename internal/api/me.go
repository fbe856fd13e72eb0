package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
	"spil/internal/org"
)

// Me is the caller: their record, roles, permissions and the principals they
// assist.
type Me struct {
	Person      org.Person         `json:"person" doc:"The caller's own record."`
	Via         string             `json:"via" enum:"session,token" doc:"How the caller authenticated."`
	Roles       []string           `json:"roles" nullable:"false" doc:"Role keys the caller holds (see list-roles)."`
	Permissions []authz.Permission `json:"permissions" nullable:"false" doc:"Everything the caller's roles allow."`
	Principals  []authz.Mandate    `json:"principals" nullable:"false" doc:"The principals the caller assists as Management Assistant, with the scopes each granted."`
}

func (a *API) registerMe() {
	register(a, op{
		ID: "get-me", Method: http.MethodGet, Path: "/me", Tag: "Me",
		Summary:     "Get the caller",
		Description: "Returns the person the token or session belongs to, their roles and permissions, and the principals they assist with the scopes of each mandate.",
		Access:      authz.Authenticated,
	}, func(ctx context.Context, _ *struct{}) (*body[Me], error) {
		actor := actorFrom(ctx)
		p, err := a.Org.Person(ctx, actor, actor.PersonID)
		if err != nil {
			return nil, err
		}
		me := Me{Person: p, Via: string(actor.Via), Roles: actor.Roles, Permissions: []authz.Permission{}, Principals: actor.Principals()}
		if me.Roles == nil {
			me.Roles = []string{}
		}
		for _, perm := range authz.AllPermissions {
			if actor.Can(perm) {
				me.Permissions = append(me.Permissions, perm)
			}
		}
		return bodyOf(me), nil
	})
}
