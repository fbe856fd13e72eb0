// Package web is spil's browser interface: server-rendered HTML with htmx.
// Handlers are thin adapters over the module services; every route declares
// the access it needs in routes.go.
package web

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"spil/internal/agenda"
	"spil/internal/budget"
	"spil/internal/invoices"
	"spil/internal/meetings"
	"spil/internal/minutes"
	"spil/internal/payments"
	"spil/internal/rooms"
	"spil/internal/suppliers"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
	"spil/internal/clock"
	"spil/internal/coverage"
	"spil/internal/i18n"
	"spil/internal/identity"
	"spil/internal/mandate"
	"spil/internal/org"
)

//go:embed static
var staticFS embed.FS

// Deps are the services the web interface adapts.
type Deps struct {
	Org         *org.Service
	Identity    *identity.Service
	Mandates    *mandate.Service
	Audit       *audit.Log
	Clock       clock.Clock
	Roles       *authz.Roles
	Catalog     *catalog.Book // the role catalog in force
	Coverage    *coverage.Service
	Agenda      *agenda.Service
	Rooms       *rooms.Service
	Meetings    *meetings.Service
	Minutes     *minutes.Service
	Suppliers   *suppliers.Service
	Budget      *budget.Service
	Invoices    *invoices.Service
	Payments    *payments.Service
	CatalogEdit *catalogedit.Service // the organization's own adjustments to the role catalog
	I18n        *i18n.Catalog
	Logger      *slog.Logger
	TrustProxy  bool // X-Forwarded-Proto from a reverse proxy decides on Secure cookies
}

// Server serves the HTML pages.
type Server struct {
	Deps
	pages *pages
	cache orgCache
}

// New parses the templates once and returns the server.
func New(d Deps) (*Server, error) {
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	return &Server{Deps: d, pages: p}, nil
}

// Register adds every web route to mux, each wrapped so that its declared
// access is checked before the handler runs.
func (s *Server) Register(mux *http.ServeMux) {
	for _, rt := range s.Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
	mux.Handle("/", s.wrap(Route{Pattern: "/", Access: authz.Public, Handler: s.notFound}))
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

type actorKey struct{}

// actorFrom returns the logged-in actor of the request, or nil.
func actorFrom(ctx context.Context) *authz.Actor {
	a, _ := ctx.Value(actorKey{}).(*authz.Actor)
	return a
}
