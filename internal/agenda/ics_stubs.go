package agenda

// This file declares the iCalendar side of the agenda (import, export and
// private subscription feeds). Each function moves to its own file when it
// is built.

import (
	"context"
	"io"
	"time"

	"spil/internal/authz"
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

// ExportICS writes ownerID's agenda as actor may see it as iCalendar.
// lang chooses the title of busy blocks ("nl" or "en").
func (s *Service) ExportICS(ctx context.Context, actor *authz.Actor, ownerID string, w io.Writer, lang string) error {
	return errNotBuilt
}

// CreateFeed makes a private subscription URL token for ownerID's agenda,
// read with actor's rights. The token is returned once.
func (s *Service) CreateFeed(ctx context.Context, actor *authz.Actor, ownerID, name string) (Feed, string, error) {
	return Feed{}, "", errNotBuilt
}

// ListFeeds returns the feeds actor made.
func (s *Service) ListFeeds(ctx context.Context, actor *authz.Actor) ([]Feed, error) {
	return nil, errNotBuilt
}

// RevokeFeed ends a feed; its URL answers 404 from then on.
func (s *Service) RevokeFeed(ctx context.Context, actor *authz.Actor, id string) error {
	return errNotBuilt
}

// FeedICS writes the feed of token as iCalendar.
func (s *Service) FeedICS(ctx context.Context, token string, w io.Writer, lang string) error {
	return errNotBuilt
}
