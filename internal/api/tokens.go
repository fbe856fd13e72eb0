package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
	"spil/internal/identity"
)

// TokenInput names a new API token.
type TokenInput struct {
	Name string `json:"name" minLength:"1" doc:"What the token is for, to recognise it later." example:"backup script"`
}

// NewToken is a token just made: the only time its secret is shown.
type NewToken struct {
	Token    string            `json:"token" doc:"The token itself; send it as Authorization: Bearer <token>. Shown once, never again." example:"spil_…"`
	APIToken identity.APIToken `json:"api_token" doc:"The token's record, as list-tokens shows it."`
}

func (a *API) registerTokens() {
	const tag = "Tokens"
	register(a, op{
		ID: "list-tokens", Method: http.MethodGet, Path: "/tokens", Tag: tag,
		Summary:     "List your API tokens",
		Description: "Lists the caller's own personal API tokens (never their secrets).",
		Access:      authz.Authenticated,
	}, func(ctx context.Context, _ *struct{}) (*body[List[identity.APIToken]], error) {
		ts, err := a.Identity.Tokens(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		return listOf(ts), nil
	})

	register(a, op{
		ID: "create-token", Method: http.MethodPost, Path: "/tokens", Tag: tag,
		Summary:     "Make an API token",
		Description: "Makes a personal API token for the caller, who then acts through it with their own roles and mandates. The response holds the token itself, shown only this once.",
		Access:      authz.Authenticated,
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body TokenInput }) (*body[NewToken], error) {
		plain, t, err := a.Identity.CreateToken(ctx, actorFrom(ctx), in.Body.Name)
		if err != nil {
			return nil, err
		}
		return bodyOf(NewToken{Token: plain, APIToken: t}), nil
	})

	register(a, op{
		ID: "revoke-token", Method: http.MethodDelete, Path: "/tokens/{id}", Tag: tag,
		Summary:     "Revoke an API token",
		Description: "Revokes one of the caller's own API tokens; it stops working at once. Another person's token answers 404.",
		Access:      authz.Authenticated,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Identity.RevokeToken(ctx, actorFrom(ctx), in.ID)
	})
}
