// Package mandate keeps the mandates principals give Management Assistants:
// which assistant may do what on whose behalf. Actors are resolved per
// request (authz.Resolver), so a granted, changed or revoked mandate takes
// effect on the assistant's next request.
package mandate

import (
	"context"
	"fmt"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
)

// Service is the mandate module. Every method takes the acting person,
// enforces the rules itself and audits each change in the same transaction.
type Service struct {
	DB    *db.DB
	Clock clock.Clock
}

// Filter narrows List; empty fields do not filter.
type Filter struct {
	PrincipalID string
	AssistantID string
}

// List returns the mandates the actor may see, ordered by principal then
// assistant name: all of them for an actor holding authz.MandatesManageAny,
// otherwise those where the actor is the principal or the assistant. Only
// effective mandates are listed (see authz.LoadMandates).
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter) ([]authz.Mandate, error) {
	where, args := visible(actor)
	if f.PrincipalID != "" {
		args = append(args, f.PrincipalID)
		where = append(where, fmt.Sprintf("m.principal_id = $%d", len(args)))
	}
	if f.AssistantID != "" {
		args = append(args, f.AssistantID)
		where = append(where, fmt.Sprintf("m.assistant_id = $%d", len(args)))
	}
	ms, err := authz.LoadMandates(ctx, s.DB.R, strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, err
	}
	if ms == nil {
		ms = []authz.Mandate{}
	}
	return ms, nil
}

// Get returns one mandate.
//
// Errors: NotFound when it does not exist or the actor may not see it.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (authz.Mandate, error) {
	where, args := visible(actor)
	args = append(args, id)
	where = append(where, fmt.Sprintf("m.id = $%d", len(args)))
	ms, err := authz.LoadMandates(ctx, s.DB.R, strings.Join(where, " AND "), args...)
	if err != nil {
		return authz.Mandate{}, err
	}
	if len(ms) == 0 {
		return authz.Mandate{}, apperr.NotFoundf("mandate not found")
	}
	return ms[0], nil
}

// visible is the SQL condition (on alias m) for the mandates actor may see;
// it always returns at least one condition.
func visible(actor *authz.Actor) ([]string, []any) {
	switch {
	case actor.Can(authz.MandatesManageAny):
		return []string{"1 = 1"}, nil
	case actor == nil || actor.PersonID == "":
		return []string{"1 = 0"}, nil
	}
	return []string{"(m.principal_id = $1 OR m.assistant_id = $1)"}, []any{actor.PersonID}
}

func scopeList(sc authz.Scopes) []string {
	out := make([]string, len(sc))
	for i, s := range sc {
		out[i] = string(s)
	}
	return out
}
