package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
	"spil/internal/i18n"
)

// catalogEditRoutes are the pages where an organization adjusts the role
// catalog: salary ranges of its own and roles of its own
// (catalogedit.Service).
func (s *Server) catalogEditRoutes() []Route {
	need := authz.Need(authz.CatalogEdit)
	return []Route{
		{http.MethodGet, "/roles/catalog", need, s.catalogEdit},
		{http.MethodPost, "/roles/catalog", need, s.catalogEditAddRole},
		{http.MethodPost, "/roles/catalog/{key}/salary", need, s.catalogEditSetSalary},
		{http.MethodPost, "/roles/catalog/{key}/salary/reset", need, s.catalogEditResetSalary},
		{http.MethodPost, "/roles/catalog/{key}/delete", need, s.catalogEditDeleteRole},
	}
}

// CatalogEditPage is the data of /roles/catalog: spil's roles (jobs first)
// and the organization's own, each with the salary in force and a form for
// a salary range of the organization's own, and the form to add a role.
type CatalogEditPage struct {
	Nav     SubNav
	Alert   string // why a change was refused, translated
	Catalog []CatalogEditRole
	Own     []CatalogEditRole
	Add     CatalogEditAddForm
	Version string
	Source  string
}

// CatalogEditRole is one role with its salary in the page's language.
type CatalogEditRole struct {
	P                  *i18n.Printer
	Key, Name, Summary string
	Own                bool               // a role of the organization's own
	Salary             *CatalogEditSalary // nil when the role has none
	OwnSalary          bool               // the salary is the organization's own, not the catalog's
	CanReset           bool               // a salary range was set over the role's own figures and can be dropped
	Changed            string             // when and by whom the organization last changed the role
	Permissions        []string           // what the role may do, for roles of the organization's own
	Form               CatalogEditSalaryForm
}

// CatalogEditSalary is a salary formatted for the page.
type CatalogEditSalary struct {
	Average, Min, Max, AsOf, Source string
}

// CatalogEditSalaryForm is a salary range form's values and messages.
// Inputs have the id IDPrefix+field and the name NamePrefix+field; the
// service reports its messages under ErrPrefix+field.
type CatalogEditSalaryForm struct {
	P                               *i18n.Printer
	IDPrefix, NamePrefix, ErrPrefix string
	Values                          url.Values
	Errors                          map[string]string // translated, by the service's field key
	Open                            bool              // show the form unfolded
}

// ID is the id of the input for field.
func (f CatalogEditSalaryForm) ID(field string) string { return f.IDPrefix + field }

// Name is the form name of the input for field.
func (f CatalogEditSalaryForm) Name(field string) string { return f.NamePrefix + field }

// V is the value of the input for field.
func (f CatalogEditSalaryForm) V(field string) string { return f.Values.Get(f.NamePrefix + field) }

// E is the message for field, for the "invalid" and "error" templates.
func (f CatalogEditSalaryForm) E(field string) FieldError {
	return FieldError{ID: f.ID(field), Msg: f.Errors[f.ErrPrefix+field]}
}

// CatalogEditAddForm is the form to add a role of the organization's own.
type CatalogEditAddForm struct {
	P       *i18n.Printer
	Values  url.Values
	Errors  map[string]string // translated, by the service's field key
	Alert   string            // a message for the form as a whole, translated
	BasedOn []Option
	Bases   []CatalogEditBase // what each role may do, to choose a base
	Salary  CatalogEditSalaryForm
}

// V is the value of input name.
func (f CatalogEditAddForm) V(name string) string { return f.Values.Get(name) }

// E is the message for the service's field key, shown for the input with
// id "new-"+field (fields in two languages share one message).
func (f CatalogEditAddForm) E(field string) FieldError {
	return FieldError{ID: "new-" + field, Msg: f.Errors[field]}
}

// CatalogEditText is a text in Dutch and English on the add form; its
// inputs are new-<Field>_nl and new-<Field>_en, its message is Error.
type CatalogEditText struct {
	P              *i18n.Printer
	Field, Label   string
	Required, Long bool
	NL, EN         string
	Error          FieldError
}

// Text is the text input pair for field, labelled label; long asks for
// text areas.
func (f CatalogEditAddForm) Text(field, label string, required, long bool) CatalogEditText {
	return CatalogEditText{P: f.P, Field: field, Label: label, Required: required, Long: long,
		NL: f.V(field + "_nl"), EN: f.V(field + "_en"), Error: f.E(field)}
}

// Any reports whether the form has messages.
func (f CatalogEditAddForm) Any() bool { return len(f.Errors) > 0 || f.Alert != "" }

// CatalogEditBase is a role a new role can start from, with its
// permissions in words.
type CatalogEditBase struct {
	Name        string
	Permissions []string
}

// catalogEditState is what a refused change puts back on the page: the
// role whose salary form failed, or the add form, with the input and the
// service's messages (in English), or a message for the page as a whole.
type catalogEditState struct {
	alert      string
	salaryKey  string
	salary     url.Values
	salaryErrs map[string]string
	add        url.Values
	addErrs    map[string]string
	addAlert   string
}

// catalogEdit is GET /roles/catalog.
func (s *Server) catalogEdit(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderCatalogEdit(w, r, a, http.StatusOK, catalogEditState{})
}

func (s *Server) renderCatalogEdit(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, st catalogEditState) error {
	changes, err := s.CatalogEdit.Changes(r.Context(), a)
	if err != nil {
		return err
	}
	c, err := s.roleCatalog(a)
	if err != nil {
		return err
	}
	p := s.page(r, a, "roles")
	p.Title = p.P.T("title.catalog_edit")
	if k := r.URL.Query().Get("done"); flashKey.MatchString(k) && p.P.Has("catalogedit.flash."+k) {
		p.Flash = p.P.T("catalogedit.flash." + k)
	}
	byKey := map[string]catalogedit.Change{}
	for _, ch := range changes {
		byKey[ch.Key] = ch
	}
	d := CatalogEditPage{Nav: catalogSubNav(p.P, a, "catalog", ""), Alert: catalogEditMsg(p.P, c, st.alert)}
	d.Version, d.Source = catalogSource(p.P, c)
	today := s.Clock.Now().In(p.P.Loc).Format(time.DateOnly)
	var jobs, system []CatalogEditRole
	for i := range c.Roles {
		role := &c.Roles[i]
		ch, changed := byKey[role.Key]
		er := catalogEditRole(p.P, role, ch, changed, today)
		if role.Key == st.salaryKey {
			er.Form.Values, er.Form.Errors, er.Form.Open = st.salary, catalogEditMsgs(p.P, c, st.salaryErrs), true
		}
		switch {
		case er.Own:
			er.Permissions = permissionNames(p.P, role.Permissions)
			d.Own = append(d.Own, er)
		case role.Kind == catalog.KindJob:
			jobs = append(jobs, er)
		default:
			system = append(system, er)
		}
	}
	d.Catalog = append(jobs, system...)
	d.Add = CatalogEditAddForm{P: p.P, Values: st.add, Errors: catalogEditMsgs(p.P, c, st.addErrs), Alert: catalogEditMsg(p.P, c, st.addAlert),
		Salary: CatalogEditSalaryForm{P: p.P, IDPrefix: "new-salary_", NamePrefix: "salary_", ErrPrefix: "salary.", Values: st.add}}
	d.Add.Salary.Errors = d.Add.Errors
	if d.Add.Values == nil {
		d.Add.Values = url.Values{}
	}
	for _, role := range c.Roles {
		if role.Key == authz.RoleAdmin && !a.Can(authz.RolesAssign) {
			continue // only an administrator may make a role with the administrator's permissions
		}
		name := role.Name.In(p.P.Lang)
		d.Add.BasedOn = append(d.Add.BasedOn, Option{Value: role.Key, Label: name, Checked: role.Key == d.Add.V("based_on")})
		d.Add.Bases = append(d.Add.Bases, CatalogEditBase{Name: name, Permissions: permissionNames(p.P, role.Permissions)})
	}
	s.render(w, r, status, "catalog_edit", p, d)
	return nil
}

// catalogEditRole lays out one role with the salary in force and its
// salary form, filled with that salary (a new range of the organization's
// own is dated today).
func catalogEditRole(p *i18n.Printer, role *catalog.Role, ch catalogedit.Change, changed bool, today string) CatalogEditRole {
	lang := p.Lang
	er := CatalogEditRole{P: p, Key: role.Key, Name: role.Name.In(lang), Summary: role.Summary.In(lang),
		Own: changed && ch.Custom, CanReset: changed && ch.Salary != nil,
		Form: CatalogEditSalaryForm{P: p, IDPrefix: "salary-" + role.Key + "-", Values: url.Values{}}}
	if changed {
		er.Changed = p.T("catalogedit.changed", p.Date(ch.UpdatedAt))
		if ch.UpdatedBy != "" {
			er.Changed = p.T("catalogedit.changed_by", p.Date(ch.UpdatedAt), ch.UpdatedBy)
		}
	}
	// A role of the organization's own has no figures of the catalog's.
	er.OwnSalary = er.CanReset || (er.Own && role.Salary != nil)
	if sal := role.Salary; sal != nil {
		asOf := sal.AsOf
		if t, err := time.Parse(time.DateOnly, sal.AsOf); err == nil {
			asOf = p.Date(t)
		}
		money := func(euros int) string { return p.Money(int64(euros)*100, sal.Currency) }
		er.Salary = &CatalogEditSalary{Average: money(sal.Average), Min: money(sal.Min), Max: money(sal.Max), AsOf: asOf, Source: sal.Source.In(lang)}
		er.Form.Values.Set("min", strconv.Itoa(sal.Min))
		er.Form.Values.Set("average", strconv.Itoa(sal.Average))
		er.Form.Values.Set("max", strconv.Itoa(sal.Max))
		if er.OwnSalary {
			er.Form.Values.Set("as_of", sal.AsOf)
			er.Form.Values.Set("source", sal.Source.In(lang))
		}
	}
	if !er.OwnSalary {
		er.Form.Values.Set("as_of", today)
	}
	return er
}

// permissionNames puts permissions in words.
func permissionNames(p *i18n.Printer, perms []string) []string {
	out := make([]string, 0, len(perms))
	for _, perm := range perms {
		if k := "permission." + perm; p.Has(k) {
			out = append(out, p.T(k))
		}
	}
	return out
}

// catalogEditSetSalary is POST /roles/catalog/{key}/salary.
func (s *Server) catalogEditSetSalary(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	key := r.PathValue("key")
	in, bad := salaryFromForm(r.PostForm, "")
	if err := s.CatalogEdit.SetSalary(r.Context(), a, key, in); err != nil {
		if fields, ok := catalogEditInvalid(err, bad); ok {
			return s.renderCatalogEdit(w, r, a, statusFor(err), catalogEditState{salaryKey: key, salary: r.PostForm, salaryErrs: fields})
		}
		return err
	}
	s.done(w, r, "/roles/catalog#role-"+url.PathEscape(key), "salary_saved")
	return nil
}

// catalogEditResetSalary is POST /roles/catalog/{key}/salary/reset.
func (s *Server) catalogEditResetSalary(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	key := r.PathValue("key")
	if err := s.CatalogEdit.ResetSalary(r.Context(), a, key); err != nil {
		return err
	}
	s.done(w, r, "/roles/catalog#role-"+url.PathEscape(key), "salary_reset")
	return nil
}

// catalogEditDeleteRole is POST /roles/catalog/{key}/delete. A refusal —
// people hold the role — shows its reason on the page.
func (s *Server) catalogEditDeleteRole(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.CatalogEdit.DeleteRole(r.Context(), a, r.PathValue("key")); err != nil {
		if apperr.KindOf(err) == apperr.Conflict {
			return s.renderCatalogEdit(w, r, a, http.StatusConflict, catalogEditState{alert: apperr.MessageOf(err)})
		}
		return err
	}
	s.done(w, r, "/roles/catalog", "role_deleted")
	return nil
}

// catalogEditAddRole is POST /roles/catalog: a role of the organization's
// own. The salary is optional: it counts as given when any of its fields
// is filled in.
func (s *Server) catalogEditAddRole(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	text := func(name string) catalog.Text { return catalog.Text{NL: f.Get(name + "_nl"), EN: f.Get(name + "_en")} }
	in := catalogedit.RoleInput{Key: f.Get("key"), Name: text("name"), Summary: text("summary"), BasedOn: f.Get("based_on"),
		Scope: text("scope"), Authority: text("authority")}
	var bad map[string]string
	for _, k := range []string{"min", "average", "max", "as_of", "source"} {
		if strings.TrimSpace(f.Get("salary_"+k)) != "" {
			sal, b := salaryFromForm(f, "salary_")
			in.Salary, bad = &sal, map[string]string{}
			for field, msg := range b {
				bad["salary."+field] = msg
			}
			break
		}
	}
	role, err := s.CatalogEdit.AddRole(r.Context(), a, in)
	if err != nil {
		if apperr.KindOf(err) == apperr.Conflict {
			return s.renderCatalogEdit(w, r, a, http.StatusConflict, catalogEditState{add: f, addAlert: apperr.MessageOf(err)})
		}
		if fields, ok := catalogEditInvalid(err, bad); ok {
			return s.renderCatalogEdit(w, r, a, statusFor(err), catalogEditState{add: f, addErrs: fields})
		}
		return err
	}
	s.done(w, r, "/roles/catalog#role-"+url.PathEscape(role.Key), "role_added")
	return nil
}

// salaryFromForm reads a salary range in whole euros from the inputs
// prefix+min, +average, +max, +as_of and +source. An amount that is
// missing or not a whole number becomes -1 and is reported in bad; the
// service refuses such a range always (the lowest amount must be
// positive and lowest ≤ average ≤ highest), so its messages for the other
// fields are shown as well.
func salaryFromForm(f url.Values, prefix string) (catalogedit.SalaryInput, map[string]string) {
	bad := map[string]string{}
	amount := func(field string) int {
		v := f.Get(prefix + field)
		n, ok := wholeEuros(v)
		switch {
		case strings.TrimSpace(v) == "":
			bad[field] = "is required"
			return -1
		case !ok:
			bad[field] = "enter an amount in whole euros"
			return -1
		}
		return n
	}
	in := catalogedit.SalaryInput{Min: amount("min"), Average: amount("average"), Max: amount("max"),
		AsOf: strings.TrimSpace(f.Get(prefix + "as_of")), Source: f.Get(prefix + "source")}
	return in, bad
}

var eurosRe = regexp.MustCompile(`^\d{1,3}(?:[.,\s]\d{3})+$|^\d+$`)

// wholeEuros reads an amount in whole euros: "3889", "3.889", "3,889" or
// "€ 3 889"; a leading euro sign and ",-" or ",00" at the end are allowed.
func wholeEuros(v string) (int, bool) {
	v = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "€"))
	for _, end := range []string{",-", ",00", ".00"} {
		v = strings.TrimSuffix(v, end)
	}
	v = strings.TrimSpace(v)
	if !eurosRe.MatchString(v) {
		return 0, false
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v)
	n, err := strconv.Atoi(digits)
	if err != nil || n > 10_000_000 {
		return 0, false
	}
	return n, true
}

// catalogEditInvalid returns the field messages of an Invalid error, the
// form's own messages (bad) taking the place of the service's for the same
// field; a message without fields goes under "".
func catalogEditInvalid(err error, bad map[string]string) (map[string]string, bool) {
	if apperr.KindOf(err) != apperr.Invalid {
		return nil, false
	}
	out := map[string]string{}
	for k, v := range apperr.FieldsOf(err) {
		out[k] = v
	}
	for k, v := range bad {
		out[k] = v
	}
	if len(out) == 0 {
		out[""] = apperr.MessageOf(err)
	}
	return out, true
}

// catalogEditMsgs translates field messages.
func catalogEditMsgs(p *i18n.Printer, c *catalog.Catalog, m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = catalogEditMsg(p, c, v)
	}
	return out
}

// catalogEditPatterns translate the service's messages that carry a value:
// the catalog key gets the captured values as arguments. A role key is
// shown as the role's name.
var catalogEditPatterns = []struct {
	re    *regexp.Regexp
	key   string
	roles []int // indexes of captured values that are role keys
}{
	{regexp.MustCompile(`^role (\S+) is held by (.+); take the role from them first$`), "catalogedit.msgf.held_by", []int{0}},
	{regexp.MustCompile(`^role (\S+) is part of spil's catalog and cannot be removed; you can change its salary range$`), "catalogedit.msgf.built_in", []int{0}},
	{regexp.MustCompile(`^role "(.*)" exists already$`), "catalogedit.msgf.exists", nil},
	{regexp.MustCompile(`^use at most (\d+) characters of plain text$`), "catalogedit.msgf.max_chars", nil},
}

// catalogEditMsg translates one of the service's English messages: its own
// ("catalogedit.msg.<message>"), those with a value (catalogEditPatterns),
// else as other pages do (translate).
func catalogEditMsg(p *i18n.Printer, c *catalog.Catalog, msg string) string {
	if msg == "" {
		return ""
	}
	if k := "catalogedit.msg." + msg; p.Has(k) {
		return p.T(k)
	}
	for _, cp := range catalogEditPatterns {
		m := cp.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			if slices.Contains(cp.roles, i) {
				if r, ok := c.Role(v); ok {
					v = r.Name.In(p.Lang)
				}
			}
			if cp.key == "catalogedit.msgf.held_by" {
				if names, ok := strings.CutSuffix(v, " and others"); ok {
					v = p.T("catalogedit.and_others", names)
				}
			}
			args[i] = v
		}
		return p.T(cp.key, args...)
	}
	return translate(p, msg)
}
