package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/authz"
	"spil/internal/mandate"
)

// ScopeName is one mandate scope.
type ScopeName string

// Schema documents the scopes spil knows as an enum.
func (ScopeName) Schema(huma.Registry) *huma.Schema {
	s := &huma.Schema{Type: huma.TypeString, Description: "A mandate scope; implied scopes (agenda.see for agenda.edit, …) are added."}
	for _, sc := range authz.AllScopes() {
		s.Enum = append(s.Enum, string(sc))
	}
	return s
}

// MandateInput grants or changes a mandate.
type MandateInput struct {
	PrincipalID string      `json:"principal_id" minLength:"1" doc:"The principal (a person holding the principal role) who gives the mandate."`
	AssistantID string      `json:"assistant_id" minLength:"1" doc:"The Management Assistant who receives it."`
	Scopes      []ScopeName `json:"scopes" nullable:"false" minItems:"1" doc:"What the assistant may do on the principal's behalf."`
}

type listMandatesInput struct {
	PrincipalID string `query:"principal_id" doc:"Only mandates given by this principal."`
	AssistantID string `query:"assistant_id" doc:"Only mandates given to this assistant."`
}

func (a *API) registerMandates() {
	const tag = "Mandates"
	register(a, op{
		ID: "list-mandates", Method: http.MethodGet, Path: "/mandates", Tag: tag,
		Summary: "List mandates",
		Description: "Lists the mandates the caller may see: those they gave as principal or received as assistant; " +
			"every mandate for holders of mandates.manage_any.",
		Access: authz.Authenticated,
	}, func(ctx context.Context, in *listMandatesInput) (*body[List[authz.Mandate]], error) {
		ms, err := a.Mandates.List(ctx, actorFrom(ctx), mandate.Filter{PrincipalID: in.PrincipalID, AssistantID: in.AssistantID})
		if err != nil {
			return nil, err
		}
		return listOf(ms), nil
	})

	register(a, op{
		ID: "get-mandate", Method: http.MethodGet, Path: "/mandates/{id}", Tag: tag,
		Summary:     "Get a mandate",
		Description: "Returns one mandate. A mandate the caller may not see answers 404, like a missing one.",
		Access:      authz.Authenticated,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[authz.Mandate], error) {
		m, err := a.Mandates.Get(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(m), nil
	})

	register(a, op{
		ID: "grant-mandate", Method: http.MethodPut, Path: "/mandates", Tag: tag,
		Summary: "Grant or change a mandate",
		Description: "Gives the assistant a mandate for the principal with these scopes, replacing the scopes of an existing mandate " +
			"between the two. A principal grants their own mandates (mandates.grant); holders of mandates.manage_any may set one " +
			"for any principal, which is recorded as such. Audited.",
		Access: authz.Need(authz.MandatesGrant, authz.MandatesManageAny),
		Errors: []int{http.StatusForbidden, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body MandateInput }) (*body[authz.Mandate], error) {
		scopes := make(authz.Scopes, len(in.Body.Scopes))
		for i, s := range in.Body.Scopes {
			scopes[i] = authz.Scope(s)
		}
		m, err := a.Mandates.Grant(ctx, actorFrom(ctx), in.Body.PrincipalID, in.Body.AssistantID, scopes)
		if err != nil {
			return nil, err
		}
		return bodyOf(m), nil
	})

	register(a, op{
		ID: "revoke-mandate", Method: http.MethodDelete, Path: "/mandates/{id}", Tag: tag,
		Summary: "Revoke a mandate",
		Description: "Ends a mandate; the assistant loses it on their next request. The principal may revoke it, the assistant may give it back, " +
			"and holders of mandates.manage_any may revoke any; for anyone else it answers 404. Audited.",
		Access: authz.Authenticated,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Mandates.Revoke(ctx, actorFrom(ctx), in.ID)
	})
}
