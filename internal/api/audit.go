package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/audit"
	"spil/internal/authz"
)

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID           string    `json:"id"`
	At           time.Time `json:"at" doc:"When the change was made."`
	ActorID      string    `json:"actor_id,omitempty" doc:"Who made it; empty for spil itself or the command line."`
	ActorName    string    `json:"actor_name"`
	OnBehalfOf   string    `json:"on_behalf_of,omitempty" doc:"The principal the actor acted for, if anyone."`
	OnBehalfName string    `json:"on_behalf_of_name,omitempty"`
	Action       string    `json:"action" example:"grant"`
	ObjectType   string    `json:"object_type" example:"mandate"`
	ObjectID     string    `json:"object_id,omitempty"`
	Summary      string    `json:"summary" doc:"What happened, in English."`
	Message      string    `json:"message" example:"mandate.revoke" doc:"What happened, as a key for putting it in words in any language."`
	Label        string    `json:"label,omitempty" doc:"The object's name as people know it."`
	Before       string    `json:"before,omitempty" doc:"JSON snapshot before the change."`
	After        string    `json:"after,omitempty" doc:"JSON snapshot after the change."`
}

type listAuditInput struct {
	OnBehalfOf string    `query:"on_behalf_of" doc:"Only changes made on behalf of this person."`
	PersonID   string    `query:"person_id" doc:"Only changes made by or on behalf of this person."`
	ObjectType string    `query:"object_type" doc:"Only changes to this kind of object, e.g. mandate or person."`
	Since      time.Time `query:"since" doc:"Only changes at or after this time (RFC 3339)."`
	Until      time.Time `query:"until" doc:"Only changes before this time (RFC 3339)."`
	Limit      int       `query:"limit" minimum:"0" maximum:"1000" default:"100" doc:"At most this many, newest first."`
}

func (a *API) registerAudit() {
	register(a, op{
		ID: "list-audit", Method: http.MethodGet, Path: "/audit", Tag: "Audit",
		Summary: "List the audit log",
		Description: "Lists recorded changes, newest first. Holders of audit.read_all see everything; everyone else sees " +
			"their own changes and those made on their behalf (what did my assistant do for me this week).",
		Access: authz.Authenticated,
	}, func(ctx context.Context, in *listAuditInput) (*body[List[AuditEntry]], error) {
		es, err := a.Audit.List(ctx, actorFrom(ctx), audit.Filter{PersonID: in.PersonID, OnBehalfOf: in.OnBehalfOf,
			ObjectType: in.ObjectType, Since: in.Since, Until: in.Until, Limit: in.Limit})
		if err != nil {
			return nil, err
		}
		out := make([]AuditEntry, len(es))
		for i, e := range es {
			out[i] = AuditEntry(e)
		}
		return listOf(out), nil
	})
}
