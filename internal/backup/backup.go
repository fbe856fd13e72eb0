// Package backup copies spil's embedded SQLite database out of a data folder
// while the server runs, and restores such a copy into a fresh data folder.
//
// PostgreSQL installations back up with pg_dump; this package only knows the
// SQLite file.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DBFile is the name of the SQLite database inside a data folder (see
// internal/db).
const DBFile = "spil.db"

// Errors the caller may want to tell apart (test with errors.Is).
var (
	// ErrExists: the backup file named as destination already exists.
	ErrExists = errors.New("backup file already exists")
	// ErrNoDatabase: the data folder holds no spil database.
	ErrNoDatabase = errors.New("no spil database in data folder")
	// ErrNotEmpty: restore refuses a data folder that holds anything.
	ErrNotEmpty = errors.New("data folder is not empty")
	// ErrNotSpil: the file to restore is no (intact) SQLite database of spil.
	ErrNotSpil = errors.New("not a spil backup")
)

// sqliteDSN opens path with a generous busy timeout, so a backup waits for
// the server's writer instead of failing.
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(10000)"
}

// Backup writes a consistent copy of the SQLite database in dataDir to dst,
// also while a server is writing to it: VACUUM INTO on a connection of its
// own reads one snapshot of the database (a read transaction, so writers are
// not blocked in WAL mode) and writes it compacted to a new file. The copy is
// made under a temporary name in dst's folder, synced, and only then given
// its name, so dst is either complete or absent.
//
// Backup never overwrites: it returns an error wrapping ErrExists when dst
// exists (also when it appears while the copy is made), and one wrapping
// ErrNoDatabase when dataDir holds no spil.db. Other errors come from the
// file system or SQLite; nothing is left behind on failure.
func Backup(ctx context.Context, dataDir string, dst string) error {
	src := filepath.Join(dataDir, DBFile)
	if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", dataDir, ErrNoDatabase)
	} else if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if dst == "" {
		return errors.New("backup: no destination file given")
	}
	dst, err := filepath.Abs(dst)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("backup to %s: %w; choose another name or remove it first", dst, ErrExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}

	// VACUUM INTO refuses an existing non-empty file, so it writes into a
	// private folder next to dst (same file system, so the final step is a
	// cheap link or rename).
	tmpDir, err := os.MkdirTemp(filepath.Dir(dst), ".spil-backup-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, DBFile)

	if err := vacuumInto(ctx, src, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := publish(tmp, dst); err != nil {
		return err
	}
	syncDir(filepath.Dir(dst))
	return nil
}

// vacuumInto copies the database at src into the new file dst.
func vacuumInto(ctx context.Context, src, dst string) error {
	conn, err := sql.Open("sqlite", sqliteDSN(src))
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", src, err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("backup: copy %s: %w", src, err)
	}
	return nil
}

// publish gives the finished copy tmp the name dst without ever replacing an
// existing file: a hard link fails when dst exists. Where the file system
// has no hard links, it falls back to a check followed by a rename.
func publish(tmp, dst string) error {
	err := os.Link(tmp, dst)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrExist):
		return fmt.Errorf("backup to %s: %w", dst, ErrExists)
	}
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("backup to %s: %w", dst, ErrExists)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a new directory entry durable; best effort, as some systems
// cannot sync directories.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// copyFile copies src to the new file dst (which must not exist) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
