package web

import (
	"net/http"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/identity"
	"spil/internal/org"
)

// LoginPage is the data of the login form.
type LoginPage struct {
	Email string
	Next  string
	Error string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if a != nil {
		s.redirect(w, r, safeNext(r.URL.Query().Get("next")))
		return nil
	}
	s.render(w, r, http.StatusOK, "login", s.page(r, nil, ""), LoginPage{Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "unreadable form")
	}
	in := identity.LoginInput{
		Email:     r.PostFormValue("email"),
		Password:  r.PostFormValue("password"),
		Address:   clientAddress(r, s.TrustProxy),
		UserAgent: r.UserAgent(),
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		in.PreviousToken = c.Value
	}
	next := safeNext(r.PostFormValue("next"))
	token, _, err := s.Identity.Login(r.Context(), in)
	if err != nil {
		p := s.page(r, nil, "")
		data := LoginPage{Email: in.Email, Next: next}
		status := statusOf(err)
		switch apperr.KindOf(err) {
		case apperr.TooMany:
			data.Error = p.P.T("login.throttled")
		case apperr.Unauthorized, apperr.Invalid:
			data.Error = p.P.T("login.failed")
			status = http.StatusUnauthorized
		default:
			return err
		}
		s.render(w, r, status, "login", p, data)
		return nil
	}
	s.setSessionCookie(w, r, token)
	s.redirect(w, r, next)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.Identity.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w, r)
	s.redirect(w, r, "/login")
	return nil
}

// clientAddress is the caller's IP: behind a trusted proxy the address that
// proxy saw, which is the last X-Forwarded-For entry (the ones before it are
// the client's own word), else the connection's address.
func clientAddress(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if f := r.Header.Values("X-Forwarded-For"); len(f) > 0 {
			hops := strings.Split(f[len(f)-1], ",")
			if last := strings.TrimSpace(hops[len(hops)-1]); last != "" {
				return last
			}
		}
	}
	host := r.RemoteAddr
	if i := strings.LastIndex(host, ":"); i > 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// SetupPage is the data of the first-run form.
type SetupPage struct {
	In        org.SetupInput
	Errors    map[string]string
	Languages []string
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	done, err := s.Org.IsSetUp(r.Context())
	if err != nil {
		return err
	}
	if done {
		s.redirect(w, r, "/")
		return nil
	}
	p := s.page(r, nil, "")
	in := org.SetupInput{Language: p.P.Lang, TimeZone: "Europe/Amsterdam"}
	s.render(w, r, http.StatusOK, "setup", p, SetupPage{In: in, Languages: i18n.Languages()})
	return nil
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "unreadable form")
	}
	in := org.SetupInput{
		OrganizationName: r.PostFormValue("organization_name"),
		Language:         r.PostFormValue("language"),
		TimeZone:         r.PostFormValue("time_zone"),
		AdminName:        r.PostFormValue("admin_name"),
		AdminEmail:       r.PostFormValue("admin_email"),
		AdminPassword:    r.PostFormValue("admin_password"),
	}
	if _, err := s.Org.Setup(r.Context(), in); err != nil {
		if apperr.KindOf(err) != apperr.Invalid {
			return err
		}
		in.AdminPassword = ""
		p := s.page(r, nil, "")
		if l := i18n.Supported(in.Language); l != "" {
			p.P = s.I18n.Printer(l, p.P.Loc)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "setup", p, SetupPage{In: in, Errors: apperr.FieldsOf(err), Languages: i18n.Languages()})
		return nil
	}
	token, _, err := s.Identity.Login(r.Context(), identity.LoginInput{Email: in.AdminEmail, Password: r.PostFormValue("admin_password"),
		Address: clientAddress(r, s.TrustProxy), UserAgent: r.UserAgent()})
	if err != nil {
		s.redirect(w, r, "/login")
		return nil
	}
	s.setSessionCookie(w, r, token)
	s.redirect(w, r, "/")
	return nil
}

// assist switches the principal an assistant is working for.
func (s *Server) assist(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PostFormValue("principal")
	if _, ok := a.Mandate(id); !ok {
		return apperr.NotFoundf("no mandate from this principal")
	}
	http.SetCookie(w, &http.Cookie{Name: "spil_principal", Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	s.redirect(w, r, safeNext(r.PostFormValue("next")))
	return nil
}
