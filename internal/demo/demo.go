// Package demo fills an empty spil database with a demonstration
// organization: "Van Dijk & De Boer Advocaten", a Dutch law firm with offices
// on the Amsterdam Zuidas and in Utrecht, modelled on the law-firm example of
// the article spil is built on. It has partners who are principals,
// Management Assistants with full and partial mandates, an Office Manager who
// leads the administrative and facility staff, lawyers, and an administrator.
//
// The firm itself is built through the real services (org.Service,
// mandate.Service), so it obeys every rule they enforce and the audit log
// reads like a real first few weeks: the administrator sets the firm up,
// each principal grants their own mandates. Extra generated people for load
// testing (Options.Scale) are written with direct SQL in one transaction.
package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/mandate"
	"spil/internal/org"
	"spil/internal/password"
)

// Deps are the services Seed builds the organization with.
type Deps struct {
	Org      *org.Service
	Mandates *mandate.Service
	DB       *db.DB
	Clock    clock.Clock // nil means clock.System
}

// Options shape the demo organization.
type Options struct {
	// Password is given to each of the six demo logins (see Result); it
	// must pass password.Check.
	Password string
	// Scale, when larger than the firm's own size (BaseSize), adds
	// generated people until the organization has Scale people: Dutch
	// names, spread over the departments and both offices, about eight
	// reports per manager, ~5% principals, and generated Management
	// Assistants with mandates from two in three of them.
	Scale int
	// Lang is the organization's language, "nl" (the default when empty)
	// or "en"; the role descriptions in Result follow it.
	Lang string
}

// Login is one account a visitor of the demo can log in with.
type Login struct {
	Email string
	Name  string
	Role  string // a short description in Options.Lang, e.g. "Office Manager"
}

// Result tells what Seed made.
type Result struct {
	// Logins are the six demo accounts, in this order: director@,
	// assistant@, manager@, office@, employee@ and admin@demo.example.
	Logins []Login
	// People is the number of people in the organization.
	People int
}

// BaseSize returns the number of people in the demo firm before any
// generated ones are added.
func BaseSize() int { return len(firmPeople) }

// Seed sets spil up as the demo organization in d.DB, which must be migrated
// and empty (never set up). The six logins of Result get opts.Password;
// nobody else can log in. With opts.Scale > BaseSize it adds generated people
// up to opts.Scale in total (see Options.Scale); those are written with
// direct SQL in one transaction and one audit entry, which keeps 2000 people
// well under a second on SQLite. The same options always give the
// same organization, apart from IDs and timestamps; the history is dated in
// the four weeks before the clock's now.
//
// Errors: Invalid (fields "password", "lang", "scale") for bad options,
// Conflict when spil is already set up; any other error means a service
// refused part of the firm, which is a bug in this package. A failure may
// leave a partly built organization behind: seed a fresh database.
func Seed(ctx context.Context, d Deps, opts Options) (Result, error) {
	if d.Org == nil || d.Mandates == nil || d.DB == nil {
		return Result{}, errors.New("demo: Org, Mandates and DB are required")
	}
	lang, err := checkOptions(opts)
	if err != nil {
		return Result{}, err
	}
	now := time.Now().UTC()
	if d.Clock != nil {
		now = d.Clock.Now().UTC()
	}
	// The services run on a clock of their own that starts four weeks ago
	// and is moved forward step by step, so created_at and the audit log
	// tell a plausible story instead of a hundred changes in one second.
	history := clock.NewManual(now.Add(-28 * 24 * time.Hour))
	orgSvc := *d.Org
	orgSvc.Clock = history
	mandates := *d.Mandates
	mandates.Clock = history

	s := &seeder{db: d.DB, org: &orgSvc, mandates: &mandates, clock: history, lang: lang,
		resolver: &authz.Resolver{DB: d.DB, Roles: d.Org.Roles}, ids: map[string]string{}}
	s.workday(0, 9, 0)
	if err := s.firm(ctx, opts.Password); err != nil {
		return Result{}, err
	}
	if extra := opts.Scale - BaseSize(); extra > 0 {
		if err := s.generate(ctx, extra); err != nil {
			return Result{}, fmt.Errorf("demo: generate people: %w", err)
		}
	}
	s.recentWorkday(now)
	if err := s.agendas(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: agendas: %w", err)
	}
	if err := s.seedRooms(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: rooms: %w", err)
	}
	if err := s.seedMeetings(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: meetings: %w", err)
	}
	if err := s.seedMinutes(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: minutes: %w", err)
	}
	if err := s.seedSuppliers(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: suppliers: %w", err)
	}
	if err := s.seedBudget(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: budget: %w", err)
	}
	if err := s.seedInvoices(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: invoices: %w", err)
	}
	if err := s.seedPayments(ctx, now); err != nil {
		return Result{}, fmt.Errorf("demo: payments: %w", err)
	}
	var res Result
	if err := d.DB.R.QueryRowContext(ctx, `SELECT count(*) FROM people`).Scan(&res.People); err != nil {
		return Result{}, fmt.Errorf("demo: count people: %w", err)
	}
	res.Logins = s.logins()
	return res, nil
}

// checkOptions validates opts and returns the organization's language.
func checkOptions(opts Options) (string, error) {
	var f apperr.Fields
	if m := password.Check(opts.Password); m != "" {
		f.Add("password", m)
	}
	lang := strings.ToLower(strings.TrimSpace(opts.Lang))
	switch lang {
	case "":
		lang = "nl"
	case "nl", "en":
	default:
		f.Add("lang", "use nl or en")
	}
	if opts.Scale < 0 || opts.Scale > 1_000_000 {
		f.Add("scale", "use a number of people between 0 and 1000000")
	}
	return lang, f.Err()
}

// seeder carries the state of one Seed run.
type seeder struct {
	db       *db.DB
	org      *org.Service
	mandates *mandate.Service
	clock    *clock.Manual
	resolver *authz.Resolver
	lang     string

	ids         map[string]string // firm keys (person, department, location) → IDs
	departments []string          // department keys in creation order
	generated   []genPerson       // people added by generate
	assistantOf map[string]string // generated principal → their generated assistant
}

// workday moves the history clock to hour:minute, office time in
// Amsterdam, on the first working day at least days after the current one.
func (s *seeder) workday(days, hour, minute int) {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		zone = time.UTC
	}
	now := s.clock.Now().In(zone)
	t := time.Date(now.Year(), now.Month(), now.Day()+days, hour, minute, 0, 0, zone)
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, 1)
	}
	if d := t.Sub(now); d > 0 {
		s.clock.Advance(d)
	}
}

// recentWorkday moves the history clock to 09:30 on the last working day at
// least three days before now, so the agendas are set up "this week" and the
// dashboards' "done on my behalf (7 days)" tell of the assistant's work.
func (s *seeder) recentWorkday(now time.Time) {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		zone = time.UTC
	}
	d := now.In(zone).AddDate(0, 0, -3)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	t := time.Date(d.Year(), d.Month(), d.Day(), 9, 30, 0, 0, zone)
	if gap := t.Sub(s.clock.Now()); gap > 0 {
		s.clock.Advance(gap)
	}
}

// text picks the Dutch or English variant.
func (s *seeder) text(nl, en string) string {
	if s.lang == "en" {
		return en
	}
	return nl
}
