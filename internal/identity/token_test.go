package identity

import (
	"context"
	"regexp"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestTokens(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		annaID := f.person(t, "Anna", "anna@example.nl", goodPassword, authz.RoleManagementAssistant)
		bobID := f.person(t, "Bob", "bob@example.nl", goodPassword, authz.RoleEmployee)
		anna, bob := f.actor(t, annaID), f.actor(t, bobID)

		_, _, err := f.svc.CreateToken(ctx, anna, "  ")
		wantKind(t, err, apperr.Invalid)
		if apperr.FieldsOf(err)["name"] == "" {
			t.Errorf("no name field: %v", err)
		}
		_, _, err = f.svc.CreateToken(ctx, anna, string(make([]byte, 101)))
		wantKind(t, err, apperr.Invalid)

		plain, tok, err := f.svc.CreateToken(ctx, anna, "Laptop script")
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^spil_[a-z2-7]{52}$`).MatchString(plain) {
			t.Errorf("token %q has the wrong form", plain)
		}
		if tok.Prefix != plain[:12] || tok.Name != "Laptop script" || tok.LastUsedAt != nil || tok.RevokedAt != nil {
			t.Errorf("token record %+v", tok)
		}
		var stored string
		if err := d.R.QueryRow(`SELECT token_hash FROM api_tokens WHERE id = $1`, tok.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored == plain || stored != hashSecret(plain) {
			t.Errorf("stored %q: want the SHA-256 of the token, not the token", stored)
		}

		f.clock.Advance(time.Hour)
		_, tok2, err := f.svc.CreateToken(ctx, anna, "Second")
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Tokens(ctx, anna)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != tok2.ID || list[1].ID != tok.ID {
			t.Errorf("Tokens = %+v, want newest first", list)
		}
		if l, _ := f.svc.Tokens(ctx, bob); len(l) != 0 {
			t.Errorf("Bob sees %d tokens", len(l))
		}

		// Use: actor via token, last_used_at written at most once a minute.
		a, err := f.svc.TokenActor(ctx, plain)
		if err != nil {
			t.Fatal(err)
		}
		if a.PersonID != annaID || a.Via != authz.ViaToken {
			t.Errorf("actor %+v", a)
		}
		used := f.clock.Now()
		f.clock.Advance(30 * time.Second)
		if _, err := f.svc.TokenActor(ctx, plain); err != nil {
			t.Fatal(err)
		}
		list, _ = f.svc.Tokens(ctx, anna)
		if lu := list[1].LastUsedAt; lu == nil || !lu.Equal(used) {
			t.Errorf("last used %v, want %v", lu, used)
		}

		_, err = f.svc.TokenActor(ctx, "spil_notatoken")
		wantKind(t, err, apperr.Unauthorized)
		_, err = f.svc.TokenActor(ctx, hashSecret(plain))
		wantKind(t, err, apperr.Unauthorized)

		// Revoke: only one's own.
		wantKind(t, f.svc.RevokeToken(ctx, bob, tok.ID), apperr.NotFound)
		if err := f.svc.RevokeToken(ctx, anna, tok.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RevokeToken(ctx, anna, tok.ID); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		_, err = f.svc.TokenActor(ctx, plain)
		wantKind(t, err, apperr.Unauthorized)
		list, _ = f.svc.Tokens(ctx, anna)
		if list[1].RevokedAt == nil {
			t.Error("revoked token shows no revoked_at")
		}

		entries, err := (&audit.Log{DB: d}).List(ctx, anna, audit.Filter{ObjectType: "api_token"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 3 || entries[0].Action != "revoke" || entries[2].Summary != `created API token "Laptop script"` {
			t.Errorf("audit %+v", entries)
		}

		// A deactivated owner's tokens stop working.
		plain2, _, err := f.svc.CreateToken(ctx, bob, "bob")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`UPDATE people SET active = FALSE WHERE id = $1`, bobID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.TokenActor(ctx, plain2)
		wantKind(t, err, apperr.Unauthorized)

		_, _, err = f.svc.CreateToken(ctx, authz.System("cli"), "x")
		wantKind(t, err, apperr.Forbidden)
	})
}
