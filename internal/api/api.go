// Package api is spil's JSON API under /api/v1: a thin adapter over the same
// services the web UI uses, described by an OpenAPI 3.1 document generated
// from the Go types (huma v2 on the standard ServeMux).
//
// Every operation is registered through one helper (register) that declares
// the access it needs; Routes lists them for the authorization matrix test.
// Callers authenticate with a personal API token (Authorization: Bearer) or
// the web UI's session cookie. Every error is an RFC 9457 problem
// (application/problem+json).
package api

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"spil/internal/agenda"
	"spil/internal/budget"
	"spil/internal/invoices"
	"spil/internal/meetings"
	"spil/internal/minutes"
	"spil/internal/payments"
	"spil/internal/rooms"
	"spil/internal/suppliers"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
	"spil/internal/coverage"
	"spil/internal/identity"
	"spil/internal/mandate"
	"spil/internal/org"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// Deps are the services the API adapts.
type Deps struct {
	Org         *org.Service
	Identity    *identity.Service
	Mandates    *mandate.Service
	Audit       *audit.Log
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
	Logger      *slog.Logger
}

// API is the registered JSON API.
type API struct {
	Deps
	huma   huma.API
	routes []Route
	// csrf refuses cross-origin unsafe requests that authenticate with the
	// session cookie (a browser sends it on its own; a token it does not).
	csrf *http.CrossOriginProtection
}

// Route is one API operation and the access it needs.
type Route struct {
	Method      string
	Path        string
	Access      authz.Access
	OperationID string
}

// Security scheme names in the OpenAPI document.
const (
	schemeBearer = "bearer"
	schemeCookie = "session"
)

// New registers every operation under /api/v1 on mux, with the OpenAPI
// document at GET /api/v1/openapi.json (and .yaml, -3.0.json, -3.0.yaml) and
// the JSON Schemas at GET /api/v1/schemas/{name}.json. There is no docs page:
// huma's loads scripts from a CDN, and spil must work offline.
func New(d Deps, mux *http.ServeMux) *API {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	cfg := huma.DefaultConfig("spil API", "1")
	cfg.OpenAPIPath = Prefix + "/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = Prefix + "/schemas"
	// No `$schema` field and Link header in responses: bodies stay exactly
	// the documented types (the schemas are still served under SchemasPath).
	cfg.CreateHooks = nil
	cfg.Info.Description = "The JSON API of spil, the workspace for Office Managers and Management Assistants. " +
		"Authenticate with a personal API token (`Authorization: Bearer spil_…`, made under your profile or with create-token). " +
		"Every error is an RFC 9457 problem document (`application/problem+json`); validation errors list one entry " +
		"per field in `errors`, with `location` such as `body.email`."
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		schemeBearer: {Type: "http", Scheme: "bearer", Description: "A personal API token (spil_…)."},
		schemeCookie: {Type: "apiKey", In: "cookie", Name: sessionCookie,
			Description: "The web UI's session cookie; unsafe requests must come from the same origin."},
	}
	a := &API{Deps: d, csrf: http.NewCrossOriginProtection()}
	a.huma = humago.New(mux, cfg)

	a.registerMe()
	a.registerPeople()
	a.registerImport()
	a.registerDepartments()
	a.registerLocations()
	a.registerRoles()
	a.registerMandates()
	a.registerAudit()
	a.registerTokens()
	a.registerOrganization()
	a.registerCatalog()
	a.registerAdvisor()
	a.registerSelfAssessment()
	a.registerCoverage()
	a.registerCatalogEdit()
	a.registerAgenda()
	a.registerRooms()
	a.registerMeetings()
	a.registerMinutes()
	a.registerSuppliers()
	a.registerBudget()
	a.registerInvoices()
	a.registerPayments()
	return a
}

// Routes returns every operation with the access it needs, in registration
// order.
func (a *API) Routes() []Route { return slices.Clone(a.routes) }

// OpenAPI returns the generated OpenAPI document.
func (a *API) OpenAPI() *huma.OpenAPI { return a.huma.OpenAPI() }

// op describes one operation for register.
type op struct {
	ID          string // operationId, kebab-case
	Method      string
	Path        string // below Prefix, e.g. "/people/{id}"
	Tag         string
	Summary     string
	Description string
	Access      authz.Access
	Status      int   // success status; 0 means 200 (204 when the output has no body)
	Errors      []int // documented error statuses besides those implied by Access
	MaxBody     int64 // 0 means huma's default (1 MiB)
}

// register adds one operation. It panics when the operation declares no
// access, so a route cannot be added without deciding who may call it.
// The handler runs after authentication and the access check; its errors
// are mapped to problems by problem.
func register[I, O any](a *API, o op, h func(ctx context.Context, in *I) (*O, error)) {
	if !o.Access.Declared() {
		panic("api: operation " + o.ID + " (" + o.Method + " " + o.Path + ") declares no access")
	}
	if o.ID == "" || o.Summary == "" || o.Description == "" || o.Tag == "" {
		panic("api: operation " + o.Method + " " + o.Path + " needs an id, tag, summary and description")
	}
	// Every operation may answer 401: a public one when the credentials sent
	// along are bad. A public operation says so with an empty requirement
	// next to the two schemes, as OpenAPI does for optional authentication.
	errs := append(slices.Clone(o.Errors), http.StatusUnauthorized)
	security := []map[string][]string{{schemeBearer: {}}, {schemeCookie: {}}}
	if o.Access.Public {
		security = append([]map[string][]string{{}}, security...)
	}
	if len(o.Access.AnyOf) > 0 {
		errs = append(errs, http.StatusForbidden)
	}
	errs = append(errs, http.StatusInternalServerError)
	slices.Sort(errs)
	errs = slices.Compact(errs)
	desc := o.Description
	switch {
	case len(o.Access.AnyOf) == 1:
		desc += "\n\nRequires the permission `" + o.Access.String() + "`."
	case len(o.Access.AnyOf) > 1:
		desc += "\n\nRequires one of the permissions `" + strings.ReplaceAll(o.Access.String(), " | ", "`, `") + "`."
	case o.Access.Authenticated:
		desc += "\n\nAvailable to every logged-in person."
	case o.Access.Public:
		desc += "\n\nNo login needed; credentials that are sent must be valid."
	}
	hop := huma.Operation{
		OperationID:   o.ID,
		Method:        o.Method,
		Path:          Prefix + o.Path,
		Tags:          []string{o.Tag},
		Summary:       o.Summary,
		Description:   desc,
		DefaultStatus: o.Status,
		Errors:        errs,
		Security:      security,
		MaxBodyBytes:  o.MaxBody,
		Middlewares:   huma.Middlewares{a.authenticate(o.Access)},
		Metadata:      map[string]any{"access": o.Access.String()},
	}
	huma.Register(a.huma, hop, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			return nil, withHeaders(a.problem(ctx, o.ID, in, err))
		}
		return out, nil
	})
	a.routes = append(a.routes, Route{Method: o.Method, Path: Prefix + o.Path, Access: o.Access, OperationID: o.ID})
}

// List is a page of a listing: the items and how many match in all.
type List[T any] struct {
	Items []T `json:"items" nullable:"false" doc:"The items, in the listing's order."`
	Total int `json:"total" doc:"How many items match in all (more than len(items) when paged)."`
}

// listOf returns a listing of all items.
func listOf[T any](items []T) *body[List[T]] {
	if items == nil {
		items = []T{}
	}
	return bodyOf(List[T]{Items: items, Total: len(items)})
}

// body wraps a response body.
type body[T any] struct {
	Body T
}

func bodyOf[T any](v T) *body[T] { return &body[T]{Body: v} }

// PathID is the input of operations on one object (exported: huma only
// reads parameters from exported embedded structs).
type PathID struct {
	ID string `path:"id" minLength:"1" doc:"The object's ID."`
}
