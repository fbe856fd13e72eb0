// Package testutil builds what tests need: databases made by running the real
// migrations, on SQLite always and on PostgreSQL when SPIL_TEST_POSTGRES holds
// a server URL.
package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"spil/internal/db"
)

// Engines runs fn once per available engine as a subtest named after it:
// "sqlite" always, "postgres" when SPIL_TEST_POSTGRES is set. Each run gets a
// fresh, migrated database.
func Engines(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, NewSQLite(t)) })
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, NewPostgres(t)) })
	}
}

// NewSQLite returns a migrated SQLite database in a temporary folder.
func NewSQLite(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// PostgresURL returns a URL for a fresh, empty schema on the server named by
// SPIL_TEST_POSTGRES, dropped when the test ends; the test is skipped when
// the variable is unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("SPIL_TEST_POSTGRES")
	if base == "" {
		t.Skip("SPIL_TEST_POSTGRES not set")
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema on %s: %v", base, err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// NewPostgres returns a migrated database in a fresh PostgreSQL schema.
func NewPostgres(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Options{DatabaseURL: PostgresURL(t), MaxConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}
