// Package app wires spil together: database, services, web and API
// transports, and the HTTP server with its middleware. It starts and stops
// them in order (HTTP → background work → database).
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"spil/internal/agenda"
	"spil/internal/budget"
	"spil/internal/invoices"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/meetings"
	"spil/internal/minutes"
	"spil/internal/payments"
	"spil/internal/rooms"
	"spil/internal/suppliers"
	"strings"
	"sync"
	"time"

	"spil/internal/api"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
	"spil/internal/clock"
	"spil/internal/config"
	"spil/internal/coverage"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/identity"
	"spil/internal/mandate"
	"spil/internal/metrics"
	"spil/internal/org"
	"spil/internal/password"
	"spil/internal/web"
)

// App is a running spil: its database, services and HTTP handler.
type App struct {
	Config      config.Config
	Logger      *slog.Logger
	Clock       clock.Clock
	DB          *db.DB
	Roles       *authz.Roles
	Catalog     *catalog.Book
	Resolver    *authz.Resolver
	Org         *org.Service
	Identity    *identity.Service
	Mandates    *mandate.Service
	Audit       *audit.Log
	Coverage    *coverage.Service
	Agenda      *agenda.Service
	CatalogEdit *catalogedit.Service
	Texts       *i18n.Catalog
	Mail        mail.Sender // the relay of SPIL_SMTP_URL, or mail.NoRelay
	Jobs        *jobs.Queue
	Runner      *jobs.Runner // runs the background work of every module
	Rooms       *rooms.Service
	Meetings    *meetings.Service
	Minutes     *minutes.Service
	Suppliers   *suppliers.Service
	Budget      *budget.Service
	Invoices    *invoices.Service
	Payments    *payments.Service
	Web         *web.Server
	API         *api.API
	Metrics     *metrics.Registry

	handler http.Handler
}

// Options adjust New for tests and the command line.
type Options struct {
	Clock          clock.Clock     // default: the system clock
	PasswordParams password.Params // default: password.DefaultParams()
	SkipHTTP       bool            // services only (command-line tools)
	Mail           mail.Sender     // default: the relay of cfg.SMTPURL, or mail.NoRelay
}

// New opens and migrates the database and builds every service and the HTTP
// handler. The caller must Close the App.
func New(ctx context.Context, cfg config.Config, logger *slog.Logger, opts Options) (*App, error) {
	if opts.Clock == nil {
		opts.Clock = clock.System{}
	}
	if opts.PasswordParams == (password.Params{}) {
		opts.PasswordParams = password.DefaultParams()
	}
	d, err := db.Open(ctx, db.Options{DataDir: cfg.DataDir, DatabaseURL: cfg.DatabaseURL})
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	cat, err := catalog.Default()
	if err != nil {
		d.Close()
		return nil, err
	}
	roles, err := authz.FromCatalog(cat)
	if err != nil {
		d.Close()
		return nil, err
	}
	a := &App{Config: cfg, Logger: logger, Clock: opts.Clock, DB: d, Roles: roles, Catalog: catalog.NewBook(cat)}
	a.Org = &org.Service{DB: d, Clock: opts.Clock, Roles: roles, PasswordParams: opts.PasswordParams}
	a.Resolver = &authz.Resolver{DB: d, Roles: roles}
	a.Identity = &identity.Service{DB: d, Clock: opts.Clock, Resolver: a.Resolver,
		IdleTimeout: cfg.SessionIdle, MaxAge: cfg.SessionMax, Params: opts.PasswordParams}
	a.Mandates = &mandate.Service{DB: d, Clock: opts.Clock}
	a.Audit = &audit.Log{DB: d}
	a.Coverage = &coverage.Service{DB: d, Clock: opts.Clock, Catalog: a.Catalog}
	a.Agenda = &agenda.Service{DB: d, Clock: opts.Clock, Resolver: a.Resolver}
	a.CatalogEdit = &catalogedit.Service{DB: d, Clock: opts.Clock, Base: cat, Book: a.Catalog, Roles: roles}
	if err := a.CatalogEdit.Load(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("load the organization's changes to the role catalog: %w", err)
	}
	texts, err := i18n.Load()
	if err != nil {
		d.Close()
		return nil, err
	}
	a.Texts = texts
	a.Mail = mail.NoRelay{}
	if opts.Mail != nil {
		a.Mail = opts.Mail
	} else if cfg.SMTPURL != "" {
		mc, err := mail.ParseURL(cfg.SMTPURL)
		if err != nil {
			d.Close()
			return nil, err
		}
		a.Mail = mail.NewSMTP(mc)
	}
	base := cfg.PublicURL()
	a.Jobs = &jobs.Queue{DB: d, Clock: opts.Clock, Logger: logger}
	a.Runner = jobs.NewRunner(a.Jobs)
	a.Rooms = &rooms.Service{DB: d, Clock: opts.Clock, Jobs: a.Jobs, Mail: a.Mail, Texts: texts, BaseURL: base}
	a.Meetings = &meetings.Service{DB: d, Clock: opts.Clock, Jobs: a.Jobs, Rooms: a.Rooms, Agenda: a.Agenda, Mail: a.Mail, Texts: texts, BaseURL: base}
	a.Minutes = &minutes.Service{DB: d, Clock: opts.Clock, Jobs: a.Jobs, Meetings: a.Meetings, Mail: a.Mail, Texts: texts, BaseURL: base}
	a.Suppliers = &suppliers.Service{DB: d, Clock: opts.Clock, Jobs: a.Jobs, Mail: a.Mail, Texts: texts, BaseURL: base}
	a.Budget = &budget.Service{DB: d, Clock: opts.Clock}
	a.Invoices = &invoices.Service{DB: d, Clock: opts.Clock, Suppliers: a.Suppliers, Budget: a.Budget}
	a.Payments = &payments.Service{DB: d, Clock: opts.Clock}
	a.registerJobs()
	if opts.SkipHTTP {
		return a, nil
	}
	a.Web, err = web.New(web.Deps{Org: a.Org, Identity: a.Identity, Mandates: a.Mandates, Audit: a.Audit, Clock: opts.Clock,
		Roles: roles, Catalog: a.Catalog, Coverage: a.Coverage, CatalogEdit: a.CatalogEdit, Agenda: a.Agenda,
		Rooms: a.Rooms, Meetings: a.Meetings, Minutes: a.Minutes, Suppliers: a.Suppliers, Budget: a.Budget, Invoices: a.Invoices, Payments: a.Payments,
		I18n: texts, Logger: logger, TrustProxy: cfg.TrustProxy})
	if err != nil {
		d.Close()
		return nil, err
	}
	a.Metrics = metrics.New(time.Now())
	a.Metrics.WatchDB("write", d.W)
	if d.R != d.W {
		a.Metrics.WatchDB("read", d.R)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", a.healthz)
	mux.Handle("GET /metrics", a.monitorOnly(a.Metrics))
	a.API = api.New(api.Deps{Org: a.Org, Identity: a.Identity, Mandates: a.Mandates, Audit: a.Audit, Roles: roles, Catalog: a.Catalog, Coverage: a.Coverage, CatalogEdit: a.CatalogEdit, Agenda: a.Agenda,
		Rooms: a.Rooms, Meetings: a.Meetings, Minutes: a.Minutes, Suppliers: a.Suppliers, Budget: a.Budget, Invoices: a.Invoices, Payments: a.Payments,
		Logger: logger}, mux)
	a.Web.Register(mux)
	a.handler = a.middleware(mux)
	return a, nil
}

// Handler is spil's whole HTTP interface.
func (a *App) Handler() http.Handler { return a.handler }

func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := a.DB.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, `{"status":"unavailable","database":"down"}`)
		return
	}
	fmt.Fprintf(w, "{\"status\":\"ok\",\"database\":%q}\n", a.DB.Dialect)
}

// monitorOnly lets through requests from someone holding
// authz.SystemMonitor, by API token (what a Prometheus scraper sends as
// bearer token) or browser session; others get 401 or 403.
func (a *App) monitorOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var actor *authz.Actor
		var err error
		if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			actor, err = a.Identity.TokenActor(r.Context(), strings.TrimSpace(token))
		} else if c, cerr := r.Cookie("spil_session"); cerr == nil {
			actor, err = a.Identity.Session(r.Context(), c.Value)
		}
		switch {
		case actor == nil || err != nil:
			w.Header().Set("WWW-Authenticate", `Bearer realm="spil"`)
			http.Error(w, "metrics need an API token of someone allowed to monitor spil", http.StatusUnauthorized)
		case !actor.Can(authz.SystemMonitor):
			http.Error(w, "you may not read the metrics", http.StatusForbidden)
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// Serve answers HTTP on ln until ctx ends, then shuts down gracefully:
// requests in flight finish (up to 30 s), background work stops. It returns
// nil after a graceful stop.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	var wg sync.WaitGroup
	bgCtx, stopBg := context.WithCancel(context.WithoutCancel(ctx))
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.housekeeping(bgCtx)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := a.Runner.Run(bgCtx, jobPoll); err != nil {
			a.Logger.Error("background work stopped", "err", err)
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.Logger.Info("spil is serving", "addr", ln.Addr().String(), "database", string(a.DB.Dialect))
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		a.Logger.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
	}
	stopBg()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// housekeeping removes expired sessions, old login failures and the agenda
// busy cache's old change log now and then, and reloads the role catalog
// every minute so that a change made on another instance takes effect here
// too. It is safe with several instances: each run is a delete or read that
// any instance may repeat, and the busy cache's floor only ever rises (see
// agenda.Service.PruneBusyCache).
func (a *App) housekeeping(ctx context.Context) {
	every(ctx, 15*time.Minute, func() {
		if n, err := a.Identity.PruneSessions(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("prune sessions", "err", err)
		} else if n > 0 {
			a.Logger.Info("pruned sessions", "count", n)
		}
		if n, err := a.Agenda.PruneBusyCache(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("prune busy cache", "err", err)
		} else if n > 0 {
			a.Logger.Info("pruned busy cache", "count", n)
		}
	}, time.Minute, func() {
		if err := a.CatalogEdit.Load(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("reload role catalog", "err", err)
		}
	})
}

// every runs slow at once and then each slowEvery, and fast each fastEvery,
// until ctx ends.
func every(ctx context.Context, slowEvery time.Duration, slow func(), fastEvery time.Duration, fast func()) {
	ts, tf := time.NewTicker(slowEvery), time.NewTicker(fastEvery)
	defer ts.Stop()
	defer tf.Stop()
	slow()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ts.C:
			slow()
		case <-tf.C:
			fast()
		}
	}
}

// jobPoll is how often a serving spil looks for due background work.
const jobPoll = 5 * time.Second

// registerJobs gives the runner every module's background work.
func (a *App) registerJobs() {
	a.Rooms.RegisterJobs(a.Runner)
	a.Suppliers.RegisterJobs(a.Runner)
	a.Meetings.RegisterJobs(a.Runner)
	a.Minutes.RegisterJobs(a.Runner)
}

// Close closes the database.
func (a *App) Close() error { return a.DB.Close() }
