package db_test

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"spil/internal/db"
	"spil/internal/testutil"
)

// columns returns "table.column" for every column of spil's tables.
func columns(t *testing.T, d *db.DB) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	if d.Dialect == db.SQLite {
		rows, err := d.R.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var tb, col string
			if err := rows.Scan(&tb, &col); err != nil {
				t.Fatal(err)
			}
			out = append(out, tb+"."+col)
		}
	} else {
		rows, err := d.R.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var tb, col string
			if err := rows.Scan(&tb, &col); err != nil {
				t.Fatal(err)
			}
			out = append(out, tb+"."+col)
		}
	}
	sort.Strings(out)
	return out
}

func TestMigrationsEndAtTheSameSchemaOnBothEngines(t *testing.T) {
	pgURL := testutil.PostgresURL(t) // skips without SPIL_TEST_POSTGRES
	lite := testutil.NewSQLite(t)
	pg, err := db.Open(context.Background(), db.Options{DatabaseURL: pgURL})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if err := pg.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(columns(t, lite), columns(t, pg)); diff != "" {
		t.Errorf("schemas differ (-sqlite +postgres):\n%s", diff)
	}
	lv, _ := lite.SchemaVersion(context.Background())
	pv, _ := pg.SchemaVersion(context.Background())
	if lv != pv || lv == 0 {
		t.Errorf("schema versions: sqlite %d, postgres %d", lv, pv)
	}
}

func TestMigrateTwiceIsHarmlessAndConcurrentStartsAgree(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		errs := make(chan error, 3)
		for range 3 {
			go func() { errs <- d.Migrate(ctx) }()
		}
		for range 3 {
			if err := <-errs; err != nil {
				t.Fatalf("second migration run failed: %v", err)
			}
		}
		if _, err := d.W.ExecContext(ctx, `INSERT INTO organization (id, name, created_at) VALUES (1, 'x', $1)`, "2026-01-01T00:00:00Z"); err != nil {
			t.Fatalf("schema not usable after repeated migration: %v", err)
		}
	})
}

func TestUniqueViolationIsAConflict(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ins := `INSERT INTO locations (id, name, created_at, updated_at) VALUES ($1, 'HQ', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`
		if _, err := d.W.ExecContext(ctx, ins, "a"); err != nil {
			t.Fatal(err)
		}
		_, err := d.W.ExecContext(ctx, ins, "b")
		if !db.IsUniqueViolation(err, "name") {
			t.Fatalf("want unique violation on name, got %v", err)
		}
		if got := db.Translate(err); got == nil || got.Error() == err.Error() {
			t.Fatalf("Translate did not classify %v", err)
		}
	})
}
