package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"

	"spil/internal/app"
	"spil/internal/config"
)

// parseConfig registers the shared settings on a new flag set, lets extra add
// command-specific flags, parses args and validates.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(fs *flag.FlagSet)) (*config.Config, *flag.FlagSet, error) {
	fs := config.NewFlagSet("spil "+name, stderr)
	cfg, validate := config.Register(fs, getenv)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if err := validate(); err != nil {
		return nil, nil, err
	}
	return cfg, fs, nil
}

// openServices opens the database and the services without the HTTP side,
// for the administrative subcommands; the caller closes the App.
func openServices(ctx context.Context, cfg *config.Config, stderr io.Writer) (*app.App, error) {
	return app.New(ctx, *cfg, newLogger(cfg, stderr), app.Options{SkipHTTP: true})
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("serve", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	a, err := app.New(ctx, *cfg, logger, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	fmt.Fprintf(stdout, "spil is running at http://%s/\n", ln.Addr())
	return a.Serve(ctx, ln)
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("migrate", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	a, err := openServices(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	v, err := a.DB.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema is at version %d (%s)\n", v, a.DB.Dialect)
	return nil
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
