// Command spil is the workspace of an organization's Office Manager and
// Management Assistants: one binary that serves the web interface and the
// JSON API, and offers the administrative subcommands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones without relying on the host
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "spil:", err)
		os.Exit(1)
	}
}

const usage = `spil — the workspace of the Office Manager and the Management Assistant

Usage:
  spil serve    [--addr 127.0.0.1:8080] [--data ./spil-data]   run the web interface and API
  spil demo     [--scale N] [--data DIR] [--addr …]            serve a fresh demo organization
  spil migrate                                                 bring the database schema up to date
  spil user add --email E --name N [--role R …] [--organization NAME]
  spil user reset-password --email E
  spil token create --email E [--name NAME]                    print a new personal API token
  spil people import FILE [--valid-only]                       import people from CSV
  spil backup FILE                                             consistent copy of the SQLite database
  spil restore FILE                                            restore a backup into an empty data folder
  spil version

Every subcommand takes --data and --database-url (or SPIL_DATA, SPIL_DATABASE_URL).
Passwords for 'user' are read from SPIL_PASSWORD or standard input, or generated and printed.
`

// run is spil's whole command line; tests call it like main does.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "user":
		return cmdUser(ctx, rest, getenv, stdin, stdout, stderr)
	case "token":
		return cmdToken(ctx, rest, getenv, stdout, stderr)
	case "people":
		return cmdPeople(ctx, rest, getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, getenv, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, rest, getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "spil", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
