package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/selfassess"
)

// SelfAssessmentInput is a person's answers.
type SelfAssessmentInput struct {
	Answers map[string]int `json:"answers" required:"true" doc:"The answers by question ID (see list-self-assessment-questions): 1–5 for a Likert statement (1 helemaal oneens / strongly disagree … 5 helemaal eens / strongly agree), 1 or 2 for a choice. Leave out questions not answered; at least 8 are needed." example:"{\"strengths\":2,\"workstyle\":2,\"career\":2,\"precise\":5,\"leadership\":2,\"decisions\":2,\"focus\":2,\"independent\":4}"`
}

// SelfAssessmentResult is the outcome of a self-assessment.
type SelfAssessmentResult struct {
	Fits        []SelfAssessmentFit        `json:"fits" nullable:"false" doc:"The fit per role: the Office Manager's, then the Management Assistant's."`
	Best        []string                   `json:"best" nullable:"false" doc:"The best-fitting role; both roles, the better first, when their fits lie within 10 points." example:"[\"management_assistant\"]"`
	Both        bool                       `json:"both" doc:"Whether both roles fit (fits within 10 points of each other)."`
	Note        *LocalizedText             `json:"note,omitempty" doc:"When both roles fit: what the article says about that (in small organizations one person often does both)."`
	CareerPaths []SelfAssessmentCareerPath `json:"career_paths" nullable:"false" doc:"The catalog's career paths of the best-fitting role(s)."`
	Answered    int                        `json:"answered" doc:"How many questions were answered."`
	ShareCode   string                     `json:"share_code" doc:"The answers in compact form: version \"1.\", then one digit per question in the order of list-self-assessment-questions, 0 for not answered." example:"1.225225252252252"`
	SharePath   string                     `json:"share_path" doc:"The web page that recomputes this result from the share code; it holds the answers themselves, so sharing stores nothing." example:"/roles/self-assessment/result?a=1.225225252252252"`
}

// SelfAssessmentFit is how well the answers fit one role.
type SelfAssessmentFit struct {
	Role      string                 `json:"role" doc:"The role's key." example:"management_assistant"`
	Name      LocalizedText          `json:"name" doc:"The role's name."`
	Percent   int                    `json:"percent" minimum:"0" maximum:"100" doc:"The fit: round(100 × points / max_points)."`
	Points    int                    `json:"points" doc:"The points the answers gave the role, in quarter points."`
	MaxPoints int                    `json:"max_points" doc:"The most the answered questions could give the role, in quarter points: 4 × weight per choice and per Likert statement towards the role."`
	Best      bool                   `json:"best" doc:"Whether the role is (one of) the best fit."`
	Reasons   []SelfAssessmentReason `json:"reasons" nullable:"false" doc:"The answers that counted most towards the role, strongest first, at most 3: chosen statements, and Likert statements towards the role answered 4 or 5."`
}

// SelfAssessmentReason is one answer that spoke for a role.
type SelfAssessmentReason struct {
	Question  string         `json:"question" doc:"The question's ID." example:"workstyle"`
	Step      int            `json:"step" doc:"The article's step the question belongs to: 1 strengths, 2 work style, 3 career path."`
	Answer    int            `json:"answer" doc:"The answer given."`
	Statement LocalizedText  `json:"statement" doc:"What the person agreed with: the Likert statement or the chosen option."`
	Rating    *LocalizedText `json:"rating,omitempty" doc:"The Likert answer in words; absent for a choice."`
	Basis     LocalizedText  `json:"basis" doc:"Where in the article the question comes from, for this role: the step, a character trait, a core competency, the authority or focus row of the comparison, or a task."`
	Points    int            `json:"points" doc:"The quarter points the answer gave the role."`
}

// SelfAssessmentCareerPath is a career path of a best-fitting role.
type SelfAssessmentCareerPath struct {
	FromRole string        `json:"from_role" doc:"The role whose career path it is." example:"management_assistant"`
	Name     LocalizedText `json:"name" doc:"The role one can grow into."`
	RoleKey  string        `json:"role_key,omitempty" doc:"The catalog role it leads to, when the catalog describes it." example:"office_manager"`
}

// SelfAssessmentQuestions is everything a client needs to ask the
// questions.
type SelfAssessmentQuestions struct {
	MinAnswers  int                         `json:"min_answers" doc:"How many questions must be answered for a result." example:"8"`
	Steps       []SelfAssessmentStep        `json:"steps" nullable:"false" doc:"The article's three steps of \"Hoe maak je de beste keuze?\", with its advice."`
	LikertScale []SelfAssessmentScalePoint  `json:"likert_scale" nullable:"false" doc:"The answers to a Likert statement, 1 to 5."`
	Questions   []SelfAssessmentQuestionDoc `json:"questions" nullable:"false" doc:"The questions in the order to ask them (also the order of the share code)."`
}

// SelfAssessmentStep is one of the article's steps.
type SelfAssessmentStep struct {
	Step   int           `json:"step" doc:"1 strengths, 2 work style, 3 career path."`
	Title  LocalizedText `json:"title" doc:"The step."`
	Advice LocalizedText `json:"advice" doc:"The article's advice for the step."`
}

// SelfAssessmentScalePoint is one answer of a Likert statement.
type SelfAssessmentScalePoint struct {
	Value int           `json:"value" minimum:"1" maximum:"5" doc:"The answer."`
	Label LocalizedText `json:"label" doc:"The answer in words."`
}

// SelfAssessmentQuestionDoc is one question.
type SelfAssessmentQuestionDoc struct {
	ID      string                 `json:"id" doc:"The question's ID, the key of its answer." example:"strengths"`
	Kind    string                 `json:"kind" enum:"likert,choice" doc:"likert: a statement answered 1–5; choice: two statements, answered 1 or 2."`
	Step    int                    `json:"step" doc:"The article's step the question belongs to."`
	Source  SelfAssessmentSource   `json:"source" doc:"Where in the article the question comes from."`
	Text    LocalizedText          `json:"text" doc:"The statement (likert) or the question (choice)."`
	Role    string                 `json:"role,omitempty" doc:"For a likert statement: the role agreeing counts towards."`
	Weight  int                    `json:"weight" minimum:"1" maximum:"3" doc:"How much the question counts."`
	Options []SelfAssessmentOption `json:"options,omitempty" doc:"For a choice: its two statements, one per role."`
}

// SelfAssessmentSource is where in the article a question comes from.
type SelfAssessmentSource struct {
	Kind string `json:"kind" enum:"step,trait,competency,authority,focus,task" doc:"step: the step's own question; trait: a character trait of role; competency: a core competency; authority and focus: rows of the comparison table; task: a task of role."`
	Key  string `json:"key,omitempty" doc:"The trait, competency or task key in the role catalog." example:"leadership"`
	Role string `json:"role,omitempty" doc:"The role the trait or task belongs to." example:"office_manager"`
}

// SelfAssessmentOption is one statement of a choice.
type SelfAssessmentOption struct {
	Value int           `json:"value" minimum:"1" maximum:"2" doc:"The answer that picks it."`
	Role  string        `json:"role" doc:"The role it counts towards."`
	Text  LocalizedText `json:"text" doc:"The statement."`
}

func (a *API) registerSelfAssessment() {
	register(a, op{
		ID: "score-self-assessment", Method: http.MethodPost, Path: "/roles/self-assessment", Tag: "Roles",
		Summary: "Score a self-assessment",
		Description: "Works out which of the article's roles, Office Manager or Management Assistant, fits a person, " +
			"from their answers to the self-assessment's questions (see list-self-assessment-questions). " +
			"Returns the fit per role as a percentage, the answers that counted most with where in the article they come from, " +
			"and the career paths of the best-fitting role (of both, when the fits lie within 10 points). " +
			"Deterministic: the same answers always give the same result. Nothing is stored; no account is needed.\n\n" +
			"Validation errors name the question (`body.answers.<id>`) or, for fewer than 8 answers, `body.answers`. " +
			"A token that is sent must be valid.",
		Access:  authz.Public,
		Errors:  []int{http.StatusUnauthorized, http.StatusUnprocessableEntity},
		MaxBody: 16 << 10,
	}, func(ctx context.Context, in *struct{ Body SelfAssessmentInput }) (*body[SelfAssessmentResult], error) {
		if a.Catalog == nil {
			return nil, errors.New("api: no role catalog configured")
		}
		res, err := selfassess.Score(a.Catalog.For(actorFrom(ctx) != nil), in.Body.Answers)
		if err != nil {
			return nil, err
		}
		return bodyOf(selfAssessmentResultOf(res)), nil
	})

	register(a, op{
		ID: "list-self-assessment-questions", Method: http.MethodGet, Path: "/roles/self-assessment/questions", Tag: "Roles",
		Summary: "List the self-assessment's questions",
		Description: "Lists the self-assessment's questions in Dutch and English, in the order to ask them, with the article's three steps, " +
			"the Likert scale, and each question's kind, weight and source in the article — everything another client needs to ask " +
			"them and send the answers to score-self-assessment. No account is needed; a token that is sent must be valid.",
		Access: authz.Public,
		Errors: []int{http.StatusUnauthorized},
	}, func(ctx context.Context, _ *struct{}) (*body[SelfAssessmentQuestions], error) {
		return bodyOf(selfAssessmentQuestionsDoc()), nil
	})
}

func selfAssessText(t catalog.Text) LocalizedText { return LocalizedText{NL: t.NL, EN: t.EN} }

func selfAssessmentResultOf(r selfassess.Result) SelfAssessmentResult {
	out := SelfAssessmentResult{Best: r.Best, Both: r.Both, Answered: r.Answered, ShareCode: r.Code,
		SharePath:   "/roles/self-assessment/result?a=" + url.QueryEscape(r.Code),
		Fits:        make([]SelfAssessmentFit, 0, len(r.Fits)),
		CareerPaths: make([]SelfAssessmentCareerPath, 0, len(r.CareerPaths))}
	if r.Both {
		n := selfAssessText(r.Note)
		out.Note = &n
	}
	for _, f := range r.Fits {
		sf := SelfAssessmentFit{Role: f.Role, Name: selfAssessText(f.Name), Percent: f.Percent, Points: f.Points, MaxPoints: f.Max,
			Best: f.Best, Reasons: make([]SelfAssessmentReason, 0, len(f.Reasons))}
		for _, rs := range f.Reasons {
			sr := SelfAssessmentReason{Question: rs.Question, Step: rs.Step, Answer: rs.Answer, Statement: selfAssessText(rs.Statement),
				Basis: selfAssessText(rs.Basis), Points: rs.Points}
			if rs.Rating != (catalog.Text{}) {
				rt := selfAssessText(rs.Rating)
				sr.Rating = &rt
			}
			sf.Reasons = append(sf.Reasons, sr)
		}
		out.Fits = append(out.Fits, sf)
	}
	for _, p := range r.CareerPaths {
		out.CareerPaths = append(out.CareerPaths, SelfAssessmentCareerPath{FromRole: p.From, Name: selfAssessText(p.Name), RoleKey: p.RoleKey})
	}
	return out
}

func selfAssessmentQuestionsDoc() SelfAssessmentQuestions {
	out := SelfAssessmentQuestions{MinAnswers: selfassess.MinAnswers}
	for _, s := range selfassess.Steps() {
		out.Steps = append(out.Steps, SelfAssessmentStep{Step: s.N, Title: selfAssessText(s.Title), Advice: selfAssessText(s.Advice)})
	}
	for i, l := range selfassess.LikertLabels() {
		out.LikertScale = append(out.LikertScale, SelfAssessmentScalePoint{Value: selfassess.LikertMin + i, Label: selfAssessText(l)})
	}
	for _, q := range selfassess.Questions() {
		d := SelfAssessmentQuestionDoc{ID: q.ID, Kind: q.Kind, Step: q.Step, Text: selfAssessText(q.Text), Role: q.Role, Weight: q.Weight,
			Source: SelfAssessmentSource{Kind: q.Source.Kind, Key: q.Source.Key, Role: q.Source.Role}}
		for _, o := range q.Options {
			d.Options = append(d.Options, SelfAssessmentOption{Value: o.Value, Role: o.Role, Text: selfAssessText(o.Text)})
		}
		out.Questions = append(out.Questions, d)
	}
	return out
}
