package agenda

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/secret"
)

// Feed is a private subscription URL to an agenda. It shows the agenda as
// its reader may see it at the moment it is fetched.
type Feed struct {
	ID         string     `json:"id"`
	OwnerID    string     `json:"owner_id"`
	OwnerName  string     `json:"owner_name"`
	ReaderID   string     `json:"reader_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// MaxFeedName is the longest feed name, in characters.
const MaxFeedName = 100

// feedTouchInterval is how often last_used_at is written at most: calendar
// programs poll every few minutes, and each write costs.
const feedTouchInterval = time.Minute

// CreateFeed makes a private subscription URL token for ownerID's agenda,
// read with actor's rights: whoever may see only free/busy gets busy
// blocks, an assistant what their mandate shows — at the moment of each
// fetch. The token (43 URL-safe characters) is returned once; spil keeps
// only its SHA-256 hash. An empty name becomes "Agenda <owner>". The
// creation is audited, on the owner's behalf when actor is someone else.
//
// Errors: NotFound when the owner does not exist or actor is nobody;
// Forbidden when actor is signed in with an API token (a leaked token must
// not make a secret that outlives it); Invalid (field "name") for a name
// over MaxFeedName characters or with control characters.
func (s *Service) CreateFeed(ctx context.Context, actor *authz.Actor, ownerID, name string) (Feed, string, error) {
	if actor == nil || actor.PersonID == "" {
		return Feed{}, "", apperr.NotFoundf("agenda not found")
	}
	if actor.Via == authz.ViaToken {
		return Feed{}, "", apperr.Forbiddenf("make subscription links in the web interface, not with an API token")
	}
	name = strings.TrimSpace(name)
	switch {
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return Feed{}, "", feedNameError("use plain text")
	case utf8.RuneCountInString(name) > MaxFeedName:
		return Feed{}, "", feedNameError(fmt.Sprintf("use at most %d characters", MaxFeedName))
	}
	token := secret.New()
	f := Feed{ID: newID(), OwnerID: ownerID, ReaderID: actor.PersonID, Name: name, CreatedAt: s.Clock.Now().UTC().Truncate(time.Second)}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM people WHERE id = $1`, ownerID).Scan(&f.OwnerName); err != nil {
			return notFoundIfNoRows(err, "agenda")
		}
		if f.Name == "" {
			f.Name = clipText("Agenda "+f.OwnerName, MaxFeedName)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_feeds (id, owner_id, reader_id, token_hash, name, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, f.ID, f.OwnerID, f.ReaderID, secret.Hash(token), f.Name, f.CreatedAt); err != nil {
			return fmt.Errorf("create feed: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "create", ObjectType: "agenda_feed", ObjectID: f.ID, Label: f.Name,
			OnBehalfOf: actor.OnBehalfOf(ownerID),
			Summary:    fmt.Sprintf("made subscription link %q", f.Name),
			After:      map[string]string{"name": f.Name, "owner_id": ownerID},
		})
	})
	if err != nil {
		return Feed{}, "", err
	}
	return f, token, nil
}

func feedNameError(msg string) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: "invalid feed name", Fields: map[string]string{"name": msg}}
}

// ListFeeds returns the feeds actor made, revoked ones included, newest
// first.
func (s *Service) ListFeeds(ctx context.Context, actor *authz.Actor) ([]Feed, error) {
	out := []Feed{}
	if actor == nil || actor.PersonID == "" {
		return out, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT f.id, f.owner_id, p.name, f.reader_id, f.name, f.created_at, f.last_used_at, f.revoked_at
		FROM agenda_feeds f JOIN people p ON p.id = f.owner_id
		WHERE f.reader_id = $1 ORDER BY f.created_at DESC, f.id DESC`, actor.PersonID)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f Feed
		var used, revoked sql.NullTime
		if err := rows.Scan(&f.ID, &f.OwnerID, &f.OwnerName, &f.ReaderID, &f.Name, &f.CreatedAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		f.CreatedAt = f.CreatedAt.UTC()
		f.LastUsedAt, f.RevokedAt = utcPtr(used), utcPtr(revoked)
		out = append(out, f)
	}
	return out, rows.Err()
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

// RevokeFeed ends one of actor's own feeds; its URL answers 404 from then
// on. Revoking a revoked feed changes nothing. It is audited, on the
// owner's behalf when the agenda is someone else's.
//
// Errors: NotFound when the feed does not exist or someone else made it.
func (s *Service) RevokeFeed(ctx context.Context, actor *authz.Actor, id string) error {
	if actor == nil || actor.PersonID == "" {
		return apperr.NotFoundf("feed not found")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var name, owner string
		var revoked sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT name, owner_id, revoked_at FROM agenda_feeds WHERE id = $1 AND reader_id = $2`,
			id, actor.PersonID).Scan(&name, &owner, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("feed not found")
		}
		if err != nil {
			return fmt.Errorf("revoke feed: %w", err)
		}
		if revoked.Valid {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_feeds SET revoked_at = $1 WHERE id = $2`, s.Clock.Now().UTC(), id); err != nil {
			return fmt.Errorf("revoke feed: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "revoke", ObjectType: "agenda_feed", ObjectID: id, Label: name,
			OnBehalfOf: actor.OnBehalfOf(owner),
			Summary:    fmt.Sprintf("revoked subscription link %q", name),
			Before:     map[string]string{"name": name, "owner_id": owner},
		})
	})
}

// FeedICS writes the feed of token as iCalendar: the agenda as its reader
// may see it now, resolved with the reader's current roles and mandates (a
// mandate that ended or shrank shows fewer details from the next fetch).
// last_used_at is written at most once a minute.
//
// Errors: NotFound for an unknown or revoked token, or a reader who is no
// longer active; errors of w as they are.
func (s *Service) FeedICS(ctx context.Context, token string, w io.Writer, lang string) error {
	notFound := apperr.NotFoundf("feed not found")
	if token == "" || len(token) > 200 {
		return notFound
	}
	var id, owner, reader string
	var used, revoked sql.NullTime
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, owner_id, reader_id, last_used_at, revoked_at FROM agenda_feeds WHERE token_hash = $1`,
		secret.Hash(token)).Scan(&id, &owner, &reader, &used, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
		return notFound
	}
	if err != nil {
		return fmt.Errorf("load feed: %w", err)
	}
	if s.Resolver == nil {
		return errors.New("agenda: feeds need a Resolver")
	}
	actor, err := s.Resolver.Resolve(ctx, reader, authz.ViaToken)
	if apperr.KindOf(err) == apperr.Unauthorized {
		return notFound
	}
	if err != nil {
		return err
	}
	now := s.Clock.Now().UTC()
	if !used.Valid || now.Sub(used.Time) >= feedTouchInterval {
		if _, err := s.DB.W.ExecContext(ctx, `UPDATE agenda_feeds SET last_used_at = $1 WHERE id = $2`, now, id); err != nil {
			return fmt.Errorf("touch feed: %w", err)
		}
	}
	return s.ExportICS(ctx, actor, owner, w, lang)
}
