package agenda

import (
	"bytes"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/ical"
	"spil/internal/testutil"
)

func (f *fixture) withResolver() *fixture {
	f.svc.Resolver = &authz.Resolver{DB: f.db, Roles: f.roles}
	return f
}

func (f *fixture) fetch(t *testing.T, token string) ([]byte, ical.Calendar) {
	t.Helper()
	var buf bytes.Buffer
	if err := f.svc.FeedICS(ctx, token, &buf, "nl"); err != nil {
		t.Fatalf("feed: %v", err)
	}
	cal, err := ical.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), cal
}

func TestFeedsShowWhatTheReaderMaySee(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d).withResolver()
		visibilityAgenda(t, f)
		tokens := map[string]string{}
		for _, who := range []string{f.boss, f.ma, f.maSee, f.emp, f.other} {
			feed, token, err := f.svc.CreateFeed(ctx, f.actor(t, who), f.boss, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(token) < 40 || feed.Name != "Agenda Bea Baas" || feed.OwnerName != "Bea Baas" || feed.ReaderID != who {
				t.Fatalf("feed %+v, token %q", feed, token)
			}
			tokens[who] = token
		}
		checkVisibility(t, f, func(who string) ([]byte, ical.Calendar) { return f.fetch(t, tokens[who]) })

		// Only the hash is stored.
		var n int
		d.R.QueryRow(`SELECT COUNT(*) FROM agenda_feeds WHERE token_hash = $1`, tokens[f.ma]).Scan(&n)
		if n != 0 {
			t.Errorf("token stored in plain text")
		}
		// The mandate shrinks: the next fetch shows the private item as busy.
		if _, err := d.W.Exec(`UPDATE mandates SET scopes = 'agenda.see' WHERE assistant_id = $1`, f.ma); err != nil {
			t.Fatal(err)
		}
		if _, cal := f.fetch(t, tokens[f.ma]); summaries(cal)[0] != "Bezet" || summaries(cal)[1] != "Bezet" {
			t.Errorf("after the mandate shrank the assistant reads %v", summaries(cal))
		}
		// A reader who is no longer active gets nothing.
		if _, err := d.W.Exec(`UPDATE people SET active = FALSE WHERE id = $1`, f.other); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.svc.FeedICS(ctx, tokens[f.other], &bytes.Buffer{}, "nl"), apperr.NotFound)
		wantKind(t, f.svc.FeedICS(ctx, "no-such-token", &bytes.Buffer{}, "nl"), apperr.NotFound)
		wantKind(t, f.svc.FeedICS(ctx, "", &bytes.Buffer{}, "nl"), apperr.NotFound)
	})
}

func TestFeedLifecycle(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d).withResolver()
		ma := f.actor(t, f.ma)
		feed, token, err := f.svc.CreateFeed(ctx, ma, f.boss, "  Bea on my phone ")
		if err != nil || feed.Name != "Bea on my phone" {
			t.Fatalf("create: %+v %v", feed, err)
		}
		_, _, err = f.svc.CreateFeed(ctx, ma, f.boss, "bad\x07name")
		wantField(t, err, "name")
		_, _, err = f.svc.CreateFeed(ctx, ma, "no-such-person", "x")
		wantKind(t, err, apperr.NotFound)
		viaToken := f.actor(t, f.ma)
		viaToken.Via = authz.ViaToken
		_, _, err = f.svc.CreateFeed(ctx, viaToken, f.boss, "x")
		wantKind(t, err, apperr.Forbidden)

		used := func() *time.Time {
			list, err := f.svc.ListFeeds(ctx, ma)
			if err != nil || len(list) != 1 || list[0].ID != feed.ID {
				t.Fatalf("list %+v %v", list, err)
			}
			return list[0].LastUsedAt
		}
		if used() != nil {
			t.Errorf("unused feed has a last use")
		}
		f.fetch(t, token)
		first := used()
		if first == nil || !first.Equal(f.clock.Now().UTC()) {
			t.Fatalf("last use %v", first)
		}
		f.clock.Advance(30 * time.Second)
		f.fetch(t, token)
		if got := used(); !got.Equal(*first) {
			t.Errorf("last use written again within a minute: %v", got)
		}
		f.clock.Advance(time.Minute)
		f.fetch(t, token)
		if got := used(); !got.After(*first) {
			t.Errorf("last use not updated after a minute: %v", got)
		}
		// Nobody else sees or revokes it.
		if list, _ := f.svc.ListFeeds(ctx, f.actor(t, f.boss)); len(list) != 0 {
			t.Errorf("the owner lists the assistant's feed %+v", list)
		}
		wantKind(t, f.svc.RevokeFeed(ctx, f.actor(t, f.boss), feed.ID), apperr.NotFound)
		if err := f.svc.RevokeFeed(ctx, ma, feed.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RevokeFeed(ctx, ma, feed.ID); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		wantKind(t, f.svc.FeedICS(ctx, token, &bytes.Buffer{}, "nl"), apperr.NotFound)
		var actions []string
		rows, err := d.R.Query(`SELECT action || ' ' || on_behalf_of FROM audit_log WHERE object_type = 'agenda_feed' ORDER BY at, action`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			actions = append(actions, s)
		}
		rows.Close()
		if len(actions) != 2 || actions[0] != "create "+f.boss || actions[1] != "revoke "+f.boss {
			t.Errorf("audit %q", actions)
		}
	})
}
