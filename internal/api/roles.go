package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
)

// RoleInfo is one role a person can hold.
type RoleInfo struct {
	Key         string             `json:"key" doc:"The role's key, as used in a person's roles." example:"management_assistant"`
	Name        LocalizedText      `json:"name" doc:"The role's name."`
	Summary     LocalizedText      `json:"summary" doc:"What the role is for."`
	Permissions []authz.Permission `json:"permissions" nullable:"false" doc:"The permissions the role grants."`
}

// LocalizedText is a text in each of spil's languages.
type LocalizedText struct {
	NL string `json:"nl" doc:"Dutch."`
	EN string `json:"en" doc:"English."`
}

func (a *API) registerRoles() {
	register(a, op{
		ID: "list-roles", Method: http.MethodGet, Path: "/roles", Tag: "Roles",
		Summary:     "List roles",
		Description: "Lists the roles a person can hold, in Dutch and English, with the permissions each grants.",
		Access:      authz.Authenticated,
	}, func(ctx context.Context, _ *struct{}) (*body[List[RoleInfo]], error) {
		out := make([]RoleInfo, 0, len(a.Roles.All()))
		for _, r := range a.Roles.All() {
			perms := r.Permissions
			if perms == nil {
				perms = []authz.Permission{}
			}
			out = append(out, RoleInfo{Key: r.Key, Name: LocalizedText{NL: r.Name.NL, EN: r.Name.EN},
				Summary: LocalizedText{NL: r.Summary.NL, EN: r.Summary.EN}, Permissions: perms})
		}
		return listOf(out), nil
	})
}
