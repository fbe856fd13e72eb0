package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Restore puts the backup src into dataDir as its database (spil.db), for a
// server that is not running. It only restores into a data folder that is
// missing (it is created) or empty, so it can never replace live data;
// anything else is refused with an error wrapping ErrNotEmpty that names the
// folder and what is in it.
//
// src is copied into the folder under a temporary name and checked there
// before it gets its final name: it must be a SQLite database (else
// ErrNotSpil), pass PRAGMA integrity_check, and hold spil's tables (at least
// "people" and "organization"; else ErrNotSpil). On any failure nothing is
// left in dataDir (a folder Restore created is removed again).
//
// The restored schema may be older than the binary's; the server migrates it
// on start.
func Restore(ctx context.Context, src string, dataDir string) (err error) {
	if dataDir == "" {
		return errors.New("restore: no data folder given")
	}
	if err := checkHeader(src); err != nil {
		return err
	}
	created, err := prepareDataDir(dataDir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil && created {
			os.RemoveAll(dataDir)
		}
	}()

	tmp := filepath.Join(dataDir, ".restore-"+DBFile)
	if err := copyFile(src, tmp); err != nil {
		return fmt.Errorf("restore: copy %s: %w", src, err)
	}
	defer func() {
		if err != nil {
			removeDB(tmp)
		}
	}()
	if err := checkDatabase(ctx, src, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dataDir, DBFile)); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	syncDir(dataDir)
	return nil
}

// checkHeader reports an error wrapping ErrNotSpil unless the file src starts
// like a SQLite database.
func checkHeader(src string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return fmt.Errorf("restore: %w", err)
	} else if st.IsDir() {
		return fmt.Errorf("restore: %s is a folder; name the backup file: %w", src, ErrNotSpil)
	}
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return fmt.Errorf("restore: %s is not a SQLite database: %w", src, ErrNotSpil)
	}
	return nil
}

// prepareDataDir creates dataDir when missing (reporting so) and refuses one
// that holds anything.
func prepareDataDir(dataDir string) (created bool, err error) {
	entries, err := os.ReadDir(dataDir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return false, fmt.Errorf("restore: create data folder: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("restore: %w", err)
	case len(entries) > 0:
		names := make([]string, 0, 3)
		for _, e := range entries[:min(3, len(entries))] {
			names = append(names, e.Name())
		}
		more := ""
		if len(entries) > 3 {
			more = fmt.Sprintf(" and %d more", len(entries)-3)
		}
		return false, fmt.Errorf("restore: %w: %s holds %s%s; restore only into a new or empty data folder, so no live data is replaced",
			ErrNotEmpty, dataDir, strings.Join(names, ", "), more)
	}
	return false, nil
}

// checkDatabase opens the copy at path (of src, named in messages) and
// checks that it is intact and spil's.
func checkDatabase(ctx context.Context, src, path string) error {
	conn, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return fmt.Errorf("restore: open %s: %w", src, err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)

	rows, err := conn.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("restore: %s cannot be read as a SQLite database (%v): %w", src, err, ErrNotSpil)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return fmt.Errorf("restore: check %s: %w", src, err)
		}
		problems = append(problems, s)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return fmt.Errorf("restore: %s cannot be read as a SQLite database (%v): %w", src, err, ErrNotSpil)
	}
	rows.Close()
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("restore: %s is damaged (integrity check: %s): %w", src, strings.Join(problems, "; "), ErrNotSpil)
	}
	for _, table := range []string{"organization", "people"} {
		var n int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil {
			return fmt.Errorf("restore: check %s: %w", src, err)
		}
		if n == 0 {
			return fmt.Errorf("restore: %s is a SQLite database but not spil's (no table %q): %w", src, table, ErrNotSpil)
		}
	}
	return nil
}

// removeDB removes a database file and the journal files SQLite may have
// left next to it.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}
