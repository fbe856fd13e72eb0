package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// sessionCookie is the web UI's session cookie (internal/web sets it).
const sessionCookie = "spil_session"

type actorKey struct{}

// actorFrom returns the actor the authentication middleware resolved, nil
// on a public operation called without credentials.
func actorFrom(ctx context.Context) *authz.Actor {
	a, _ := ctx.Value(actorKey{}).(*authz.Actor)
	return a
}

// authenticate returns the middleware of one operation: it resolves the
// actor from an API token (Authorization: Bearer) or, without that header,
// from the session cookie; then enforces access: 401 when nobody is logged
// in, 403 when the actor lacks the permission. The actor is put in the
// context for the handler.
func (a *API) authenticate(access authz.Access) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		actor, err := a.resolve(ctx)
		if err != nil {
			a.writeProblem(ctx, err)
			return
		}
		if !access.Allows(actor) {
			if actor == nil {
				a.writeProblem(ctx, apperr.New(apperr.Unauthorized, "log in or send an API token: Authorization: Bearer <token>"))
				return
			}
			a.writeProblem(ctx, apperr.Forbiddenf("you may not do this (needs permission %s)", access))
			return
		}
		next(huma.WithValue(ctx, actorKey{}, actor))
	}
}

// resolve returns the actor of the request, nil when it carries no
// credentials or only a session cookie that is no longer valid. A bad API
// token is an Unauthorized error: a client that sends one wants to know.
func (a *API) resolve(ctx huma.Context) (*authz.Actor, error) {
	if h := ctx.Header("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(strings.TrimSpace(h), " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return nil, apperr.New(apperr.Unauthorized, "use Authorization: Bearer <token>")
		}
		return a.Identity.TokenActor(ctx.Context(), token)
	}
	r, _ := humago.Unwrap(ctx)
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	actor, err := a.Identity.Session(ctx.Context(), c.Value)
	switch {
	case apperr.KindOf(err) == apperr.Unauthorized:
		return nil, nil // an expired session is the same as none
	case err != nil:
		return nil, err
	}
	// The browser sends the cookie by itself, also on requests another site
	// makes it send; refuse unsafe cross-origin ones.
	if err := a.csrf.Check(r); err != nil {
		return nil, apperr.Forbiddenf("cross-origin request refused")
	}
	return actor, nil
}

// writeProblem writes err as a problem from middleware, where no handler can
// return it.
func (a *API) writeProblem(ctx huma.Context, err error) {
	se := a.problem(ctx.Context(), operationID(ctx), nil, err)
	if se.GetStatus() == http.StatusUnauthorized {
		ctx.SetHeader("WWW-Authenticate", `Bearer realm="spil"`)
	}
	if werr := huma.WriteErr(a.huma, ctx, se.GetStatus(), se.Error(), detailsOf(se)...); werr != nil {
		a.Logger.ErrorContext(ctx.Context(), "api: write problem", "err", werr)
	}
}

func operationID(ctx huma.Context) string {
	if op := ctx.Operation(); op != nil {
		return op.OperationID
	}
	return ""
}
