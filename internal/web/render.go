package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/org"
)

//go:embed templates
var templateFS embed.FS

// pages holds every page template, each joined with the layout, parsed once.
type pages struct {
	byName map[string]*template.Template
}

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"join": strings.Join,
		"has": func(list []string, s string) bool {
			for _, x := range list {
				if x == s {
					return true
				}
			}
			return false
		},
		"hasScope":  func(s authz.Scopes, sc string) bool { return s.Has(authz.Scope(sc)) },
		"field":     func(f map[string]string, k string) string { return f[k] },
		"auditText": auditText,
	}
}

func parsePages() (*pages, error) {
	layout, err := template.New("layout").Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// Page is what the layout needs on every page; Data is the page's own typed
// data.
type Page struct {
	P          *i18n.Printer
	Actor      *authz.Actor
	Org        org.Organization
	Title      string
	Nav        []NavItem
	Active     string // key of the current navigation item
	Principals []authz.Mandate
	Principal  string // the principal an assistant is working for, by ID
	Path       string
	Now        time.Time
	Flash      string
	Data       any
}

// NavItem is one entry of the navigation.
type NavItem struct {
	Key   string
	Label string
	Href  string
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Status  int
	Message string
}

func contextWithActor(ctx context.Context, a *authz.Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// page builds the layout data for the request: language from the person's
// preference, else the organization's; time zone from the organization.
func (s *Server) page(r *http.Request, actor *authz.Actor, active string) *Page {
	o := s.organization(r.Context())
	lang := o.Language
	if actor != nil && actor.Language != "" {
		lang = actor.Language
	}
	if lang == "" {
		lang = langFromHeader(r.Header.Get("Accept-Language"))
	}
	loc, err := time.LoadLocation(o.TimeZone)
	if err != nil || o.TimeZone == "" {
		loc, _ = time.LoadLocation("Europe/Amsterdam")
	}
	p := &Page{P: s.I18n.Printer(lang, loc), Actor: actor, Org: o, Active: active, Path: r.URL.Path, Now: s.Clock.Now()}
	if actor != nil {
		p.Nav = navFor(p.P, actor)
		p.Principals = actor.Principals()
		if c, err := r.Cookie("spil_principal"); err == nil {
			if _, ok := actor.Mandate(c.Value); ok {
				p.Principal = c.Value
			}
		}
		if p.Principal == "" && len(p.Principals) > 0 {
			p.Principal = p.Principals[0].PrincipalID
		}
	}
	return p
}

// langFromHeader picks nl or en from an Accept-Language header, nl by default.
func langFromHeader(h string) string {
	for _, part := range strings.Split(h, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if l := i18n.Supported(strings.SplitN(tag, "-", 2)[0]); l != "" {
			return l
		}
	}
	return "nl"
}

// navFor returns the navigation that fits the actor's roles.
func navFor(p *i18n.Printer, a *authz.Actor) []NavItem {
	nav := []NavItem{{"dashboard", p.T("nav.dashboard"), "/"}, {"agenda", p.T("nav.agenda"), "/agenda"},
		{"meetings", p.T("nav.meetings"), "/meetings"}}
	if costs := costsSubNav(p, a, ""); len(costs.Items) > 0 {
		nav = append(nav, NavItem{"costs", p.T("nav.costs"), costs.Items[0].Href})
	}
	if a.Can(authz.PeopleRead) {
		nav = append(nav, NavItem{"people", p.T("nav.people"), "/people"})
	}
	if a.Can(authz.PeopleRead) || a.Can(authz.DepartmentsManage) || a.Can(authz.LocationsManage) {
		nav = append(nav, NavItem{"organization", p.T("nav.organization"), "/departments"})
	}
	if a.Can(authz.MandatesGrant) || a.Can(authz.PrincipalsAssist) || a.Can(authz.MandatesManageAny) {
		nav = append(nav, NavItem{"mandates", p.T("nav.mandates"), "/mandates"})
	}
	nav = append(nav, NavItem{"audit", p.T("nav.audit"), "/audit"})
	nav = append(nav, NavItem{"roles", p.T("nav.roles"), "/roles"})
	if a.Can(authz.OrgManage) {
		nav = append(nav, NavItem{"admin", p.T("nav.admin"), "/admin/organization"})
	}
	nav = append(nav, NavItem{"settings", p.T("nav.settings"), "/settings"})
	return nav
}

// render writes a full page, or only its "content" block for htmx requests
// that target the main area.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *Page, data any) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.Logger.Error("unknown template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	p.Data = data
	if p.Title == "" {
		p.Title = p.P.T("title." + name)
	}
	block := "layout"
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Target") == "main" {
		block = "content"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, p); err != nil {
		s.Logger.Error("render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", "HX-Request")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// secure reports whether the request reached spil over TLS, directly or
// through a trusted proxy.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || (s.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: -1})
}

// auditText puts an audit entry in words in the printer's language, from
// its message key ("audit.mandate.revoke") and label; entries whose message
// the catalog does not know show their English summary.
func auditText(p *i18n.Printer, e audit.Entry) string {
	if key := "audit." + e.Message; e.Message != "" && p.Has(key) {
		return p.T(key, p.Msg(e.Label)) // a label such as "confidential meeting" has a "msg." text
	}
	return e.Summary
}
