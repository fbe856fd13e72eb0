package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// FieldErrors are the validation messages of a form by field key, in the
// English the services wrote them; templates translate them with .P.Msg
// through For. The key "" holds a message for the form as a whole.
type FieldErrors map[string]string

// FieldError is one field's message as a template shows it: ID names the
// input (the message gets the id ID+"-error"), Msg is already translated.
type FieldError struct {
	ID  string
	Msg string
}

// For returns the translated message of field key, shown for the input
// whose id is key.
func (e FieldErrors) For(p *i18n.Printer, key string) FieldError {
	return FieldError{ID: key, Msg: translate(p, e[key])}
}

// ForID is For for an input whose id differs from the field key (forms that
// occur more than once on a page).
func (e FieldErrors) ForID(p *i18n.Printer, key, id string) FieldError {
	return FieldError{ID: id, Msg: translate(p, e[key])}
}

// Form returns the translated message for the form as a whole, or "".
func (e FieldErrors) Form(p *i18n.Printer) string { return translate(p, e[""]) }

// msgPatterns translate service messages that carry a value (a line number,
// a name): the catalog key "msgf.<name>" gets the captured values as
// arguments.
var msgPatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^already used on line (\d+)$`), "msgf.email_on_line"},
	{regexp.MustCompile(`^there is no location named "(.*)"$`), "msgf.no_location"},
	{regexp.MustCompile(`^unknown role "(.*)"$`), "msgf.unknown_role"},
	{regexp.MustCompile(`^unknown scope "(.*)"$`), "msgf.unknown_scope"},
	{regexp.MustCompile(`^nobody in spil or in this file has e-mail address (.*)$`), "msgf.no_manager"},
	{regexp.MustCompile(`^the managers on lines (.*) form a loop$`), "msgf.manager_loop"},
	{regexp.MustCompile(`^the manager on line (\d+) cannot be imported$`), "msgf.manager_bad"},
	{regexp.MustCompile(`^column "(.*)" appears twice$`), "msgf.column_twice"},
	{regexp.MustCompile(`^missing required column\(s\): (.*)$`), "msgf.missing_columns"},
	{regexp.MustCompile(`^the file cannot be read here: (.*)$`), "msgf.csv_error"},
	{regexp.MustCompile(`^the file cannot be read: (.*)$`), "msgf.csv_error"},
	{regexp.MustCompile(`^(.*) is the last active administrator; make someone else administrator first$`), "msgf.last_admin"},
	{regexp.MustCompile(`^character (".*"|'.*') at position (\d+) is not allowed: an IBAN has only letters and digits$`), "msgf.iban_char"},
	{regexp.MustCompile(`^accounts in ([A-Z]{2}) have IBANs beginning with ([A-Z]{2})$`), "msgf.iban_territory"},
	{regexp.MustCompile(`^unknown country code (".*"): it is not in the IBAN registry$`), "msgf.iban_country"},
	{regexp.MustCompile(`^IBANs from ([A-Z]{2}) have (\d+) characters; this one has (\d+)$`), "msgf.iban_length"},
	{regexp.MustCompile(`^characters 3 and 4 must be the check digits, two digits, not (".*")$`), "msgf.iban_check_digits"},
	{regexp.MustCompile(`^character (".*") at position (\d+) must be a digit \(([A-Z]{2}) IBANs have .* after the check digits\)$`), "msgf.iban_want_digit"},
	{regexp.MustCompile(`^character (".*") at position (\d+) must be a letter \(([A-Z]{2}) IBANs have .* after the check digits\)$`), "msgf.iban_want_letter"},
	{regexp.MustCompile(`^character (".*") at position (\d+) must be a letter or a digit \(([A-Z]{2}) IBANs have .* after the check digits\)$`), "msgf.iban_want_alnum"},
	{regexp.MustCompile(`^character (".*") at position (\d+) is not allowed: a BIC has only letters and digits$`), "msgf.bic_char"},
	{regexp.MustCompile(`^a BIC has 8 or 11 characters; this one has (\d+)$`), "msgf.bic_length"},
	{regexp.MustCompile(`^character (".*") at position (\d+) must be a letter \(a BIC begins with four letters for the bank\)$`), "msgf.bic_bank"},
	{regexp.MustCompile(`^unknown country code (".*") at positions 5 and 6$`), "msgf.bic_country"},
	{regexp.MustCompile(`^character (".*") at position 7 cannot begin the location code: BICs use a letter or 2–9 there$`), "msgf.bic_location"},
	{regexp.MustCompile(`^character (".*"|'.*') is not allowed in an amount$`), "msgf.amount_char"},
	{regexp.MustCompile(`^use at most (\d+) decimals$`), "msgf.amount_decimals"},
	{regexp.MustCompile(`^is in another currency than ([A-Z]{3})$`), "msgf.amount_currency"},
	{regexp.MustCompile(`^unknown currency (".*")$`), "msgf.unknown_currency"},
	{regexp.MustCompile(`^character (".*"|'.*') at position (\d+) is not allowed in a number$`), "msgf.number_char"},
	{regexp.MustCompile(`^has more than (\d+) digits$`), "msgf.number_digits"},
	{regexp.MustCompile(`^invoice number (.*) of this supplier is registered more than once: reject the copy before approving$`), "msgf.invoice_copy"},
}

// translate returns a service's English message in the printer's
// language: through the catalog's "msg." keys (p.Msg), else through
// msgPatterns, else unchanged. A message made of several joined by "; "
// is translated part by part.
func translate(p *i18n.Printer, msg string) string {
	if msg == "" {
		return ""
	}
	if t := p.Msg(msg); t != msg {
		return t
	}
	for _, mp := range msgPatterns {
		if m := mp.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i, v := range m[1:] {
				args[i] = v
			}
			return p.T(mp.key, args...)
		}
	}
	if parts := strings.Split(msg, "; "); len(parts) > 1 {
		for i, part := range parts {
			parts[i] = translate(p, part)
		}
		return strings.Join(parts, "; ")
	}
	return msg
}

// Any reports whether there is any message.
func (e FieldErrors) Any() bool { return len(e) > 0 }

// invalid returns the messages of an Invalid or Conflict error (a Conflict,
// or an Invalid error without fields, lands on the form as a whole) and true;
// any other error returns false, for the caller to pass on.
func invalid(err error) (FieldErrors, bool) {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return nil, false
	}
	switch ae.Kind {
	case apperr.Invalid:
		f := FieldErrors{}
		for k, v := range ae.Fields {
			f[k] = v
		}
		if len(f) == 0 {
			f[""] = ae.Message
		}
		return f, true
	case apperr.Conflict:
		return FieldErrors{"": ae.Message}, true
	}
	return nil, false
}

// statusFor is the status of a page re-rendered for err: 409 for a
// conflict, otherwise 422.
func statusFor(err error) int {
	if apperr.KindOf(err) == apperr.Conflict {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// parseForm reads a url-encoded form body.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "unreadable form")
	}
	return nil
}

var flashKey = regexp.MustCompile(`^[a-z_]+$`)

// pageFor is s.page plus the flash message a redirect after a successful
// change asked for with ?done=<key> (catalog key "flash.<key>"; unknown keys
// show nothing).
func (s *Server) pageFor(r *http.Request, a *authz.Actor, active string) *Page {
	p := s.page(r, a, active)
	if k := r.URL.Query().Get("done"); flashKey.MatchString(k) && s.I18n.Has(p.P.Lang, "flash."+k) {
		p.Flash = p.P.T("flash." + k)
	}
	return p
}

// done redirects to target (a local path, perhaps with a query and a
// fragment) with the flash message key.
func (s *Server) done(w http.ResponseWriter, r *http.Request, target, key string) {
	path, frag, hasFrag := strings.Cut(target, "#")
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	path += sep + "done=" + url.QueryEscape(key)
	if hasFrag {
		path += "#" + frag
	}
	s.redirect(w, r, path)
}

// flashKeys lists every flash message handlers ask for; a test checks the
// catalogs have them.
var flashKeys = []string{
	"person_created", "person_saved", "password_set", "department_created", "department_saved",
	"department_deleted", "location_created", "location_saved", "location_deleted", "mandate_saved",
	"mandate_revoked", "mandate_returned", "profile_saved", "password_changed", "token_revoked",
	"organization_saved",
}

// Option is one choice of a select or a group of checkboxes.
type Option struct {
	Value   string
	Label   string
	Help    string
	Checked bool
}

// roleName is the name of role key in lang, the key itself when unknown.
func (s *Server) roleName(lang, key string) string {
	if r, ok := s.Roles.Get(key); ok {
		return r.Name.In(lang)
	}
	return key
}

// roleOptions lists every role, those in checked ticked.
func (s *Server) roleOptions(lang string, checked []string) []Option {
	out := make([]Option, 0, len(s.Roles.All()))
	for _, r := range s.Roles.All() {
		o := Option{Value: r.Key, Label: r.Name.In(lang), Help: r.Summary.In(lang)}
		for _, c := range checked {
			if c == r.Key {
				o.Checked = true
			}
		}
		out = append(out, o)
	}
	return out
}

// languageOptions lists the languages a person may prefer; withDefault adds
// "" for the organization's language first.
func languageOptions(p *i18n.Printer, selected string, withDefault bool) []Option {
	var out []Option
	if withDefault {
		out = append(out, Option{Value: "", Label: p.T("language.default"), Checked: selected == ""})
	}
	for _, l := range i18n.Languages() {
		out = append(out, Option{Value: l, Label: p.T("language." + l), Checked: selected == l})
	}
	return out
}
