package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"text/tabwriter"

	"spil/internal/app"
	"spil/internal/demo"
	"spil/internal/mail"
)

// cmdDemo fills a fresh data folder (a temporary one unless --data or
// SPIL_DATA is given) with the demo organization, prints its logins and
// serves it. With --seed-only it stops after seeding.
func cmdDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var scale int
	var seedOnly bool
	cfg, fs, err := parseConfig("demo", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&scale, "scale", 0, "grow the organization to about N people (for benchmarks)")
		fs.BoolVar(&seedOnly, "seed-only", false, "seed the demo data and exit without serving")
	})
	if err != nil {
		return err
	}
	if scale < 0 || scale > 200000 {
		return errors.New("--scale must be between 0 and 200000")
	}
	dataGiven := getenv("SPIL_DATA") != ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "data" {
			dataGiven = true
		}
	})
	if cfg.DatabaseURL == "" && !dataGiven {
		dir, err := os.MkdirTemp("", "spil-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DataDir = dir
	}
	pw, printPW := getenv("SPIL_DEMO_PASSWORD"), false
	if pw == "" {
		pw, printPW = randomPassword(), true
	}
	logger := newLogger(cfg, stderr)
	opts := app.Options{SkipHTTP: seedOnly}
	outbox := ""
	if cfg.SMTPURL == "" {
		// The demo's invitations, minutes and reminders go to files
		// instead of nowhere.
		outbox = filepath.Join(cfg.DataDir, "outbox")
		opts.Mail = mail.Outbox{Dir: outbox}
	}
	a, err := app.New(ctx, *cfg, logger, opts)
	if err != nil {
		return err
	}
	defer a.Close()
	if ok, err := a.Org.IsSetUp(ctx); err != nil {
		return err
	} else if ok {
		return errors.New("this database already holds an organization; use 'spil serve', or give 'spil demo' an empty --data folder")
	}
	res, err := demo.Seed(ctx, demo.Deps{Org: a.Org, Mandates: a.Mandates, DB: a.DB, Clock: a.Clock}, demo.Options{Password: pw, Scale: scale})
	if err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	fmt.Fprintln(stdout, "Demo organization ready. Logins:")
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	for _, l := range res.Logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.Email, l.Name, l.Role)
	}
	tw.Flush()
	if printPW {
		fmt.Fprintf(stdout, "Password for all logins: %s\n", pw)
	} else {
		fmt.Fprintln(stdout, "Password for all logins: the value of SPIL_DEMO_PASSWORD")
	}
	if cfg.DatabaseURL == "" {
		fmt.Fprintf(stdout, "Data folder: %s\n", cfg.DataDir)
	}
	if outbox != "" {
		fmt.Fprintf(stdout, "Mail is not sent but written to: %s\n", outbox)
	}
	if seedOnly {
		return nil
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	fmt.Fprintf(stdout, "spil is running at http://%s/\n", ln.Addr())
	return a.Serve(ctx, ln)
}
