// Package audit keeps the record of every change in spil: who did it, on
// whose behalf, what, to which object, when, with a short before and after.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
)

// Entry is one recorded change.
type Entry struct {
	ID           string    `json:"id"`
	At           time.Time `json:"at"`
	ActorID      string    `json:"actor_id,omitempty"`
	ActorName    string    `json:"actor_name"`
	OnBehalfOf   string    `json:"on_behalf_of,omitempty"`
	OnBehalfName string    `json:"on_behalf_of_name,omitempty"`
	Action       string    `json:"action"`
	ObjectType   string    `json:"object_type"`
	ObjectID     string    `json:"object_id,omitempty"`
	Summary      string    `json:"summary"`
	Message      string    `json:"message"`         // what happened, as a key: "mandate.revoke"
	Label        string    `json:"label,omitempty"` // the object's name as people know it
	Before       string    `json:"before,omitempty"`
	After        string    `json:"after,omitempty"`
}

// Change describes a change for Record. Before and After are marshalled to
// JSON; leave them nil when there is nothing to show.
type Change struct {
	Action     string // verb: "create", "update", "delete", "grant", "revoke", …
	ObjectType string // "person", "mandate", …
	ObjectID   string
	OnBehalfOf string // principal acted for, "" when acting for oneself or the organization
	// Message names what happened for the interfaces to put in words in
	// each language; "" means ObjectType + "." + Action.
	Message string
	// Label is the object's name as people know it ("Lotte Willems for
	// Hendrik van Dijk"), shown in the sentence Message stands for.
	Label   string
	Summary string // the same in English, for the API and the logs
	Before  any
	After   any
}

// Record writes c to the audit log inside the caller's transaction, so the
// change and its record commit or roll back together.
func Record(ctx context.Context, tx db.Querier, clk clock.Clock, actor *authz.Actor, c Change) error {
	var actorID any
	name := "spil"
	if actor != nil {
		if actor.PersonID != "" {
			actorID = actor.PersonID
		}
		if actor.Name != "" {
			name = actor.Name
		}
	}
	var onBehalf any
	if c.OnBehalfOf != "" {
		onBehalf = c.OnBehalfOf
	}
	msg := c.Message
	if msg == "" {
		msg = c.ObjectType + "." + c.Action
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, actor_name, on_behalf_of, action, object_type, object_id, summary, message, label, before_data, after_data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		uuid.Must(uuid.NewV7()).String(), clk.Now().UTC(), actorID, name, onBehalf, c.Action, c.ObjectType, c.ObjectID,
		c.Summary, msg, c.Label, snapshot(c.Before), snapshot(c.After))
	if err != nil {
		return fmt.Errorf("record audit: %w", err)
	}
	return nil
}

func snapshot(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

// Filter narrows a listing of the log.
type Filter struct {
	PersonID   string    // entries by or on behalf of this person
	OnBehalfOf string    // only entries done on behalf of this person
	ObjectType string    // e.g. "mandate"
	Since      time.Time // inclusive; zero for no bound
	Until      time.Time // exclusive; zero for no bound
	Limit      int       // at most this many, newest first; 0 means 100
}

// Log reads the audit log.
type Log struct {
	DB *db.DB
}

// List returns entries the actor may see, newest first: everything for an
// administrator; otherwise the actor's own actions, everything done on
// their behalf ("what did my assistant do for me this week") and every
// change to their own person record (a password reset, a new e-mail address).
func (l *Log) List(ctx context.Context, actor *authz.Actor, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if !actor.Can(authz.AuditReadAll) {
		p := arg(actor.PersonID)
		where = append(where, "(l.actor_id = "+p+" OR l.on_behalf_of = "+p+" OR (l.object_type = 'person' AND l.object_id = "+p+"))")
	}
	if f.PersonID != "" {
		p := arg(f.PersonID)
		where = append(where, "(l.actor_id = "+p+" OR l.on_behalf_of = "+p+")")
	}
	if f.OnBehalfOf != "" {
		where = append(where, "l.on_behalf_of = "+arg(f.OnBehalfOf))
	}
	if f.ObjectType != "" {
		where = append(where, "l.object_type = "+arg(f.ObjectType))
	}
	if !f.Since.IsZero() {
		where = append(where, "l.at >= "+arg(f.Since.UTC()))
	}
	if !f.Until.IsZero() {
		where = append(where, "l.at < "+arg(f.Until.UTC()))
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	q := `SELECT l.id, l.at, COALESCE(l.actor_id, ''), l.actor_name, COALESCE(l.on_behalf_of, ''), COALESCE(p.name, ''),
			l.action, l.object_type, l.object_id, l.summary, l.message, l.label, l.before_data, l.after_data
		FROM audit_log l LEFT JOIN people p ON p.id = l.on_behalf_of`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(" ORDER BY l.at DESC, l.id DESC LIMIT %d", limit)
	rows, err := l.DB.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.OnBehalfOf, &e.OnBehalfName, &e.Action, &e.ObjectType, &e.ObjectID, &e.Summary, &e.Message, &e.Label, &e.Before, &e.After); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
