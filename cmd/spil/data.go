package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"spil/internal/authz"
	"spil/internal/backup"
)

func cmdPeople(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		return errors.New("usage: spil people import FILE [--valid-only]")
	}
	var validOnly bool
	cfg, fs, err := parseConfig("people import", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&validOnly, "valid-only", false, "import the valid rows even when other rows have errors")
	})
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give one CSV file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	a, err := openServices(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.Org.ImportPeople(ctx, authz.System("spil people import"), f, validOnly)
	if err != nil {
		return err
	}
	for _, e := range rep.Errors {
		col := ""
		if e.Column != "" {
			col = ", column " + e.Column
		}
		fmt.Fprintf(stdout, "%s:%d%s: %s\n", fs.Arg(0), e.Line, col, e.Message)
	}
	fmt.Fprintf(stdout, "%d rows read, %d people imported\n", rep.Rows, rep.Imported)
	if len(rep.Errors) > 0 && rep.Imported == 0 {
		return fmt.Errorf("nothing imported: %d rows have errors (use --valid-only to import the others)", len(rep.Errors))
	}
	return nil
}

func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("backup", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		return errors.New("backup copies the embedded SQLite database; for PostgreSQL use pg_dump")
	}
	if fs.NArg() != 1 {
		return errors.New("usage: spil backup FILE")
	}
	if err := backup.Backup(ctx, cfg.DataDir, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", fs.Arg(0))
	return nil
}

func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("restore", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		return errors.New("restore fills an embedded SQLite data folder; for PostgreSQL use pg_restore")
	}
	if fs.NArg() != 1 {
		return errors.New("usage: spil restore FILE")
	}
	if err := backup.Restore(ctx, fs.Arg(0), cfg.DataDir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", fs.Arg(0), cfg.DataDir)
	return nil
}
