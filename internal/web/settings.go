package web

import (
	"net/http"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/identity"
	"spil/internal/org"
)

// SettingsPage is the data of the personal settings: profile, password and
// API tokens. A rejected form re-renders the page with its own errors.
type SettingsPage struct {
	Me             org.Person
	Phone          string
	Language       string
	Languages      []Option
	ProfileErrors  FieldErrors
	PasswordErrors FieldErrors
	Tokens         []identity.APIToken
	TokenName      string
	TokenErrors    FieldErrors
}

func (s *Server) settings(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderSettings(w, r, a, http.StatusOK, SettingsPage{}, false)
}

// renderSettings fills in the person and tokens; keepProfile keeps the
// profile fields of d (a rejected profile form).
func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d SettingsPage, keepProfile bool) error {
	ctx := r.Context()
	me, err := s.Org.Person(ctx, a, a.PersonID)
	if err != nil {
		return err
	}
	d.Me = me
	if !keepProfile {
		d.Phone, d.Language = me.Phone, me.Language
	}
	if d.Tokens, err = s.Identity.Tokens(ctx, a); err != nil {
		return err
	}
	p := s.pageFor(r, a, "settings")
	d.Languages = languageOptions(p.P, d.Language, true)
	s.render(w, r, status, "settings", p, d)
	return nil
}

func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	phone, lang := r.PostFormValue("phone"), r.PostFormValue("language")
	if _, err := s.Org.UpdateProfile(r.Context(), a, phone, lang); err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderSettings(w, r, a, statusFor(err), SettingsPage{Phone: phone, Language: lang, ProfileErrors: errs}, true)
		}
		return err
	}
	// The actor is resolved afresh on the next request, so the page after
	// the redirect already speaks the chosen language.
	s.done(w, r, "/settings", "profile_saved")
	return nil
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	keep := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		keep = c.Value
	}
	err := s.Identity.ChangePassword(r.Context(), a, r.PostFormValue("old_password"), r.PostFormValue("new_password"), keep)
	if err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderSettings(w, r, a, statusFor(err), SettingsPage{PasswordErrors: errs}, false)
		}
		if apperr.KindOf(err) == apperr.TooMany {
			return s.renderSettings(w, r, a, http.StatusTooManyRequests, SettingsPage{PasswordErrors: FieldErrors{"": apperr.MessageOf(err)}}, false)
		}
		return err
	}
	s.done(w, r, "/settings", "password_changed")
	return nil
}

// TokenCreatedPage shows a new API token, once.
type TokenCreatedPage struct {
	Token string
	Info  identity.APIToken
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	name := r.PostFormValue("name")
	plain, t, err := s.Identity.CreateToken(r.Context(), a, name)
	if err != nil {
		if errs, ok := invalid(err); ok {
			return s.renderSettings(w, r, a, statusFor(err), SettingsPage{TokenName: name, TokenErrors: errs}, false)
		}
		return err
	}
	// Shown once: never cached, never stored in history.
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "token_created", s.page(r, a, "settings"), TokenCreatedPage{Token: plain, Info: t})
	return nil
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Identity.RevokeToken(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	s.done(w, r, "/settings#tokens", "token_revoked")
	return nil
}
