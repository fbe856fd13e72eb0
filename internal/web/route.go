package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// handler serves one route for an actor that passed the route's access check
// (nil on public routes when nobody is logged in).
type handler func(w http.ResponseWriter, r *http.Request, a *authz.Actor) error

// Route is one web route and the access it needs.
type Route struct {
	Method  string
	Pattern string
	Access  authz.Access
	Handler handler
}

const sessionCookie = "spil_session"

// maxFormBody caps a plain form; file uploads (multipart) have their own limits.
const maxFormBody = 64 << 10

// wrap resolves the actor, enforces the route's access, runs the handler and
// maps its error to a page.
func (s *Server) wrap(rt Route) http.Handler {
	if !rt.Access.Declared() {
		panic("web: route " + rt.Method + " " + rt.Pattern + " declares no access")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var actor *authz.Actor
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			a, err := s.Identity.Session(ctx, c.Value)
			switch {
			case err == nil:
				actor = a
			case apperr.KindOf(err) == apperr.Unauthorized:
				s.clearSessionCookie(w, r)
			default:
				s.fail(w, r, nil, err)
				return
			}
		}
		if rt.Pattern != "/setup" {
			ok, err := s.isSetUp(ctx)
			if err != nil {
				s.fail(w, r, actor, err)
				return
			}
			if !ok {
				s.redirect(w, r, "/setup")
				return
			}
		}
		if !rt.Access.Allows(actor) {
			if actor == nil {
				s.redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()))
				return
			}
			s.fail(w, r, actor, apperr.Forbiddenf("you may not open this page"))
			return
		}
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		}
		r = r.WithContext(contextWithActor(ctx, actor))
		if err := rt.Handler(w, r, actor); err != nil {
			s.fail(w, r, actor, err)
		}
	})
}

// redirect sends the browser to target; for htmx requests through HX-Redirect.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	status := http.StatusSeeOther
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		status = http.StatusFound
	}
	http.Redirect(w, r, target, status)
}

// safeNext returns next when it is a path on this site, "/" otherwise. It
// refuses anything a browser could read as another site: a scheme or host,
// "//" or a backslash, and control characters (browsers drop tabs and line
// breaks from URLs, so "/\t/evil.example" would become "//evil.example").
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.ContainsAny(next, "\\") {
		return "/"
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "//") || strings.HasPrefix(next, "//") {
		return "/"
	}
	return next
}

// statusOf maps an error kind to an HTTP status.
func statusOf(err error) int {
	switch apperr.KindOf(err) {
	case apperr.Invalid:
		return http.StatusUnprocessableEntity
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.TooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// fail renders an error page in the user's language. Unclassified errors are
// logged and shown as a generic 500 without internals.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, actor *authz.Actor, err error) {
	status := statusOf(err)
	if status == http.StatusUnauthorized {
		s.clearSessionCookie(w, r)
		s.redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()))
		return
	}
	if status == http.StatusInternalServerError {
		s.Logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var ae *apperr.Error
	msg := ""
	if errors.As(err, &ae) && ae.Kind != apperr.Internal && ae.Kind != apperr.NotFound && ae.Kind != apperr.Forbidden {
		msg = ae.Message
	}
	p := s.page(r, actor, "")
	p.Title = p.P.T(fmt.Sprintf("error.title.%d", status))
	s.render(w, r, status, "error", p, ErrorPage{Status: status, Message: msg})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return apperr.NotFoundf("no page at %s", r.URL.Path)
}
