package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/selfassess"
)

// selfAssessRoutes are the self-assessment's pages. All are public: a person
// needs no account, and nothing they answer is stored. The result is shown
// in answer to the form (POST) or recomputed from a share link that holds
// the answers themselves (GET …/result?a=<code>).
func (s *Server) selfAssessRoutes() []Route {
	return []Route{
		{http.MethodGet, "/roles/self-assessment", authz.Public, s.selfAssessForm},
		{http.MethodPost, "/roles/self-assessment", authz.Public, s.selfAssess},
		{http.MethodGet, "/roles/self-assessment/result", authz.Public, s.selfAssessShared},
	}
}

const selfAssessPath = "/roles/self-assessment"

// SelfAssessPage is the data of the questionnaire.
type SelfAssessPage struct {
	Nav        SubNav
	LangSwitch *CatalogLangSwitch
	Action     string // where the form posts, keeping a chosen language
	Steps      []SelfAssessStep
	Total, Min int
	FormError  string // translated; too few answers, a bad share link
	HasErrors  bool
	// Problems links each question with a message, for the summary above
	// the form.
	Problems []SelfAssessQuestion
}

// SelfAssessStep is one of the article's three steps with its questions.
type SelfAssessStep struct {
	N         int
	Title     string
	Advice    string
	Questions []SelfAssessQuestion
}

// SelfAssessQuestion is one question as the form shows it: a fieldset with
// a radio group.
type SelfAssessQuestion struct {
	ID      string
	N       int
	Likert  bool
	Text    string
	Options []Option // Value is the answer; Checked when given
	Error   string   // translated
}

// SelfAssessResultPage is the data of the result.
type SelfAssessResultPage struct {
	Nav         SubNav
	LangSwitch  *CatalogLangSwitch
	Fits        []SelfAssessFit
	Best        string // the best-fitting role(s) in words
	Both        bool
	Note        string
	CareerPaths []SelfAssessPath
	Answered    int
	Total       int
	ShareHref   string // the share link, relative
	ShareURL    string // the same, absolute, to copy
	EditHref    string // the questionnaire with these answers filled in
	StartHref   string // the empty questionnaire
	Steps       []SelfAssessStep
}

// SelfAssessFit is the fit with one role.
type SelfAssessFit struct {
	Role    string
	Name    string
	Percent int
	Best    bool
	Reasons []SelfAssessReason
}

// SelfAssessReason is an answer that spoke for a role.
type SelfAssessReason struct {
	Statement, Rating, Basis string
}

// SelfAssessPath is a career path; Href links the role when the catalog
// describes it.
type SelfAssessPath struct {
	Name, From, Href string
}

// selfAssessMsg translates a message of the selfassess package.
func selfAssessMsg(p *i18n.Printer, msg string) string {
	key := ""
	switch msg {
	case selfassess.MsgUnknownQuestion:
		key = "selfassess.msg.unknown_question"
	case selfassess.MsgLikertRange:
		key = "selfassess.msg.likert_range"
	case selfassess.MsgChoiceRange:
		key = "selfassess.msg.choice_range"
	case selfassess.MsgTooFew:
		key = "selfassess.msg.too_few"
	case selfassess.MsgNoCode:
		key = "selfassess.msg.no_code"
	case selfassess.MsgOtherVersion:
		key = "selfassess.msg.other_version"
	case selfassess.MsgDamaged:
		key = "selfassess.msg.damaged"
	default:
		return translate(p, msg)
	}
	return p.T(key)
}

// selfAssessForm shows the questionnaire, filled in from ?a=<code> when
// the person comes back from a result to change their answers.
func (s *Server) selfAssessForm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	code := r.URL.Query().Get("a")
	if code == "" {
		return s.renderSelfAssessForm(w, r, a, http.StatusOK, nil, nil)
	}
	selfAssessNoStore(w)
	answers, err := selfassess.Decode(code)
	if err != nil {
		return s.selfAssessInvalid(w, r, a, nil, err)
	}
	return s.renderSelfAssessForm(w, r, a, http.StatusOK, answers, nil)
}

// selfAssess scores the posted answers and shows the result; invalid or
// too few answers show the form again, answers kept, with 422.
func (s *Server) selfAssess(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	selfAssessNoStore(w)
	answers := map[string]int{}
	for _, q := range selfassess.Questions() {
		v := strings.TrimSpace(r.PostForm.Get("q_" + q.ID))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			n = 0 // out of range: Score says so at the question
		}
		answers[q.ID] = n
	}
	return s.showSelfAssessResult(w, r, a, answers)
}

// selfAssessShared recomputes a result from a share link.
func (s *Server) selfAssessShared(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	code := r.URL.Query().Get("a")
	if strings.TrimSpace(code) == "" {
		s.redirect(w, r, selfAssessPath+selfAssessLang(r, "?"))
		return nil
	}
	selfAssessNoStore(w)
	answers, err := selfassess.Decode(code)
	if err != nil {
		return s.selfAssessInvalid(w, r, a, nil, err)
	}
	return s.showSelfAssessResult(w, r, a, answers)
}

// showSelfAssessResult scores answers and renders the result page, or the
// questionnaire with the messages when the answers do not hold.
func (s *Server) showSelfAssessResult(w http.ResponseWriter, r *http.Request, a *authz.Actor, answers map[string]int) error {
	c, err := s.roleCatalog(a)
	if err != nil {
		return err
	}
	res, err := selfassess.Score(c, answers)
	if err != nil {
		return s.selfAssessInvalid(w, r, a, answers, err)
	}
	p, keep, sw := s.catalogPage(r, a, "title.selfassess_result")
	lang := p.P.Lang
	share := selfAssessPath + "/result?a=" + url.QueryEscape(res.Code)
	if sw != nil {
		// Switching the language keeps the result: the switch goes to the
		// share link in the other language.
		sw.Href = share + "&lang=" + sw.Lang
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	d := SelfAssessResultPage{
		Nav: catalogSubNav(p.P, a, "self-assessment", keep), LangSwitch: sw,
		Both: res.Both, Note: res.Note.In(lang), Answered: res.Answered, Total: len(selfassess.Questions()),
		ShareHref: share, ShareURL: scheme + "://" + r.Host + share,
		EditHref:  selfAssessPath + "?a=" + url.QueryEscape(res.Code) + strings.Replace(keep, "?", "&", 1),
		StartHref: selfAssessPath + keep,
		Steps:     selfAssessSteps(p.P, nil, nil),
	}
	names := map[string]string{}
	for _, f := range res.Fits {
		names[f.Role] = f.Name.In(lang)
		sf := SelfAssessFit{Role: f.Role, Name: f.Name.In(lang), Percent: f.Percent, Best: f.Best}
		for _, rs := range f.Reasons {
			sf.Reasons = append(sf.Reasons, SelfAssessReason{Statement: rs.Statement.In(lang), Rating: rs.Rating.In(lang), Basis: rs.Basis.In(lang)})
		}
		d.Fits = append(d.Fits, sf)
	}
	if res.Both {
		d.Best = p.P.T("selfassess.result.best_both", names[res.Best[0]], names[res.Best[1]])
	} else {
		d.Best = p.P.T("selfassess.result.best_one", names[res.Best[0]])
	}
	for _, cp := range res.CareerPaths {
		sp := SelfAssessPath{Name: cp.Name.In(lang), From: cp.FromName.In(lang)}
		if cp.RoleKey != "" {
			sp.Href = "/roles/compare" + keep
		}
		d.CareerPaths = append(d.CareerPaths, sp)
	}
	s.render(w, r, http.StatusOK, "selfassess_result", p, d)
	return nil
}

// selfAssessInvalid shows the questionnaire again with the messages of err
// (an Invalid error of Score or Decode), the answers kept, with 422; any
// other error passes on.
func (s *Server) selfAssessInvalid(w http.ResponseWriter, r *http.Request, a *authz.Actor, answers map[string]int, err error) error {
	if apperr.KindOf(err) != apperr.Invalid {
		return err
	}
	errs := FieldErrors{}
	for k, v := range apperr.FieldsOf(err) {
		errs[k] = v
	}
	if len(errs) == 0 {
		errs["answers"] = apperr.MessageOf(err)
	}
	return s.renderSelfAssessForm(w, r, a, http.StatusUnprocessableEntity, answers, errs)
}

func (s *Server) renderSelfAssessForm(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, answers map[string]int, errs FieldErrors) error {
	p, keep, sw := s.catalogPage(r, a, "title.selfassess")
	if sw != nil && r.URL.Query().Get("a") != "" {
		sw.Href += "&a=" + url.QueryEscape(r.URL.Query().Get("a"))
	}
	d := SelfAssessPage{
		Nav: catalogSubNav(p.P, a, "self-assessment", keep), LangSwitch: sw,
		Action: selfAssessPath + keep,
		Steps:  selfAssessSteps(p.P, answers, errs),
		Total:  len(selfassess.Questions()), Min: selfassess.MinAnswers,
		HasErrors: len(errs) > 0,
	}
	if msg := errs["answers"]; msg != "" {
		d.FormError = selfAssessMsg(p.P, msg)
	}
	for _, st := range d.Steps {
		for _, q := range st.Questions {
			if q.Error != "" {
				d.Problems = append(d.Problems, q)
			}
		}
	}
	s.render(w, r, status, "selfassess", p, d)
	return nil
}

// selfAssessSteps lays out the questions by step in the printer's language,
// with the given answers checked and the messages of errs at their
// questions.
func selfAssessSteps(p *i18n.Printer, answers map[string]int, errs FieldErrors) []SelfAssessStep {
	lang := p.Lang
	var steps []SelfAssessStep
	for _, st := range selfassess.Steps() {
		steps = append(steps, SelfAssessStep{N: st.N, Title: st.Title.In(lang), Advice: st.Advice.In(lang)})
	}
	labels := selfassess.LikertLabels()
	for i, q := range selfassess.Questions() {
		sq := SelfAssessQuestion{ID: q.ID, N: i + 1, Likert: q.Kind == selfassess.Likert, Text: q.Text.In(lang)}
		given, answered := answers[q.ID]
		for _, v := range q.Values() {
			o := Option{Value: strconv.Itoa(v), Checked: answered && given == v}
			if sq.Likert {
				o.Label = labels[v-1].In(lang)
			} else {
				o.Label = q.Options[v-1].Text.In(lang)
			}
			sq.Options = append(sq.Options, o)
		}
		if msg := errs["answers."+q.ID]; msg != "" {
			sq.Error = selfAssessMsg(p, msg)
		}
		steps[q.Step-1].Questions = append(steps[q.Step-1].Questions, sq)
	}
	return steps
}

// selfAssessLang returns the visitor's chosen language as a query part starting
// with sep ("?" or "&"), or "".
func selfAssessLang(r *http.Request, sep string) string {
	if l := i18n.Supported(r.URL.Query().Get("lang")); l != "" {
		return sep + "lang=" + l
	}
	return ""
}

// selfAssessNoStore keeps a page with someone's answers out of every cache.
func selfAssessNoStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}
