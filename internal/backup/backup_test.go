package backup_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"spil/internal/backup"
	"spil/internal/db"
)

// openData opens (and migrates) the SQLite database in dataDir as the server does.
func openData(t *testing.T, dataDir string) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Options{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

func insertPerson(ctx context.Context, d *db.DB, i int) error {
	now := time.Now().UTC()
	_, err := d.W.ExecContext(ctx, `INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		fmt.Sprintf("p%06d", i), fmt.Sprintf("Person %d", i), fmt.Sprintf("p%d@example.nl", i), now)
	return err
}

func countPeople(t *testing.T, path string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM people`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	var ok string
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check of %s = %q, %v", path, ok, err)
	}
	return n
}

func TestBackupWhileWritingThenRestore(t *testing.T) {
	ctx := context.Background()
	dataDir := filepath.Join(t.TempDir(), "data")
	d := openData(t, dataDir)
	for i := range 100 {
		if err := insertPerson(ctx, d, i); err != nil {
			t.Fatal(err)
		}
	}

	// A writer keeps adding people while backups are taken.
	var written atomic.Int64
	written.Store(100)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Go(func() {
		for i := 100; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := insertPerson(ctx, d, i); err != nil {
				writeErr = err
				return
			}
			written.Store(int64(i + 1))
		}
	})

	out := t.TempDir()
	var files []string
	var before []int64
	for i := range 3 {
		for written.Load() < int64(200+100*i) { // let the writer get ahead a bit
			time.Sleep(time.Millisecond)
		}
		dst := filepath.Join(out, fmt.Sprintf("spil-%d.db", i))
		before = append(before, written.Load())
		if err := backup.Backup(ctx, dataDir, dst); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		files = append(files, dst)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("writer failed during backups: %v", writeErr)
	}
	for i, f := range files {
		n := countPeople(t, f)
		if int64(n) < before[i] {
			t.Errorf("backup %d holds %d people, want at least the %d written before it started", i, n, before[i])
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != len(files) {
		t.Errorf("backup folder holds %d entries, want only the %d backups (no temporary files)", len(entries), len(files))
	}

	// Restore the last backup into a new folder and open it as the server would.
	want := countPeople(t, files[2])
	restored := filepath.Join(t.TempDir(), "restored")
	if err := backup.Restore(ctx, files[2], restored); err != nil {
		t.Fatalf("restore: %v", err)
	}
	entries, err := os.ReadDir(restored)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != backup.DBFile {
		t.Errorf("restored folder holds %v, want only %s", entries, backup.DBFile)
	}
	r := openData(t, restored)
	var n int
	if err := r.R.QueryRow(`SELECT count(*) FROM people`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("restored database holds %d people, want %d", n, want)
	}

	// An existing (empty) folder is fine too.
	empty := t.TempDir()
	if err := backup.Restore(ctx, files[0], empty); err != nil {
		t.Fatalf("restore into empty folder: %v", err)
	}
}

func TestBackupRefusesExistingDestination(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	openData(t, dataDir)
	dst := filepath.Join(t.TempDir(), "spil.db")
	if err := os.WriteFile(dst, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := backup.Backup(ctx, dataDir, dst)
	if !errors.Is(err, backup.ErrExists) {
		t.Fatalf("backup over existing file: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "keep me" {
		t.Errorf("existing file was changed")
	}
	if err := backup.Backup(ctx, t.TempDir(), filepath.Join(t.TempDir(), "x.db")); !errors.Is(err, backup.ErrNoDatabase) {
		t.Errorf("backup of empty folder: %v, want ErrNoDatabase", err)
	}
}

func TestRestoreRefusesNonEmptyFolder(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	openData(t, dataDir)
	dst := filepath.Join(t.TempDir(), "b.db")
	if err := backup.Backup(ctx, dataDir, dst); err != nil {
		t.Fatal(err)
	}
	target := t.TempDir()
	if err := os.WriteFile(filepath.Join(target, "notes.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := backup.Restore(ctx, dst, target)
	if !errors.Is(err, backup.ErrNotEmpty) {
		t.Fatalf("restore into non-empty folder: %v, want ErrNotEmpty", err)
	}
	t.Log(err)
	// The live data folder itself is refused as well.
	if err := backup.Restore(ctx, dst, dataDir); !errors.Is(err, backup.ErrNotEmpty) {
		t.Fatalf("restore over live data: %v, want ErrNotEmpty", err)
	}
	if entries, _ := os.ReadDir(target); len(entries) != 1 {
		t.Errorf("refused restore changed the folder: %v", entries)
	}
}

func TestRestoreRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte("this is not a database, just some text that is long enough"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A SQLite database that is not spil's.
	other := filepath.Join(dir, "other.db")
	conn, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`CREATE TABLE recipes (name TEXT)`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	// A spil database with damaged pages.
	dataDir := t.TempDir()
	openData(t, dataDir)
	good := filepath.Join(dir, "good.db")
	if err := backup.Backup(ctx, dataDir, good); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 + 100; i < len(b); i += 7 {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}

	for _, src := range []string{text, other, damaged, dir} {
		target := filepath.Join(t.TempDir(), "data")
		err := backup.Restore(ctx, src, target)
		if !errors.Is(err, backup.ErrNotSpil) {
			t.Errorf("restore %s: %v, want ErrNotSpil", filepath.Base(src), err)
			continue
		}
		t.Log(err)
		if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("refused restore of %s left %s behind", filepath.Base(src), target)
		}
	}
}
