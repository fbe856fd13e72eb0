package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/db"
	"spil/internal/selfassess"
	"spil/internal/testutil"
)

// withRoleCatalog gives the fixture's API the embedded role catalog.
func withRoleCatalog(t *testing.T, f *fixture) {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.api.Catalog = catalog.NewBook(c)
}

// answersLeaning answers every question as someone who leans towards role.
func answersLeaning(role string) map[string]int {
	a := map[string]int{}
	for _, q := range selfassess.Questions() {
		v := 2
		switch {
		case q.Kind == selfassess.Choice && q.Options[0].Role == role:
			v = 1
		case q.Kind == selfassess.Likert && q.Role == role:
			v = 5
		}
		a[q.ID] = v
	}
	return a
}

func TestSelfAssessmentQuestionsForOtherClients(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	withRoleCatalog(t, f)
	r := f.get(t, "/api/v1/roles/self-assessment/questions", "") // no account needed
	wantStatus(t, r, http.StatusOK)
	var doc SelfAssessmentQuestions
	r.decode(t, &doc)
	if doc.MinAnswers != selfassess.MinAnswers || len(doc.Steps) != 3 || len(doc.LikertScale) != 5 || len(doc.Questions) != len(selfassess.Questions()) {
		t.Fatalf("min %d, %d steps, %d scale points, %d questions", doc.MinAnswers, len(doc.Steps), len(doc.LikertScale), len(doc.Questions))
	}
	if s := doc.LikertScale[0]; s.Value != 1 || s.Label.NL != "Helemaal oneens" || s.Label.EN != "Strongly disagree" {
		t.Errorf("scale starts with %+v", s)
	}
	if s := doc.Steps[1]; s.Title.NL != "Overweeg uw werkstijl" || !strings.Contains(s.Advice.EN, "lead a team") {
		t.Errorf("step 2 %+v", s)
	}
	q := doc.Questions[0]
	if q.ID != "strengths" || q.Kind != "choice" || q.Source.Kind != "step" || len(q.Options) != 2 ||
		q.Options[0].Role != "office_manager" || !strings.Contains(q.Options[0].Text.NL, "geboren leider") || q.Options[1].Text.EN == "" {
		t.Errorf("first question %+v", q)
	}
	for _, q := range doc.Questions {
		if q.Kind == "likert" && (q.Role == "" || len(q.Options) != 0 || q.Text.NL == "" || q.Text.EN == "") {
			t.Errorf("Likert question %+v", q)
		}
		if q.Source.Kind == "trait" && (q.Source.Key == "" || q.Source.Role == "") {
			t.Errorf("question %s names no trait", q.ID)
		}
	}

	// No account is needed, but a token that is sent must be valid.
	wantStatus(t, f.get(t, "/api/v1/roles/self-assessment/questions", "spil_not-a-token"), http.StatusUnauthorized)
	// The document says both.
	var openapi struct {
		Paths map[string]map[string]struct {
			OperationID string                `json:"operationId"`
			Security    []map[string][]string `json:"security"`
		} `json:"paths"`
	}
	f.get(t, "/api/v1/openapi.json", "").decode(t, &openapi)
	for path, method := range map[string]string{"/api/v1/roles/self-assessment": "post", "/api/v1/roles/self-assessment/questions": "get"} {
		o := openapi.Paths[path][method]
		if o.OperationID == "" || len(o.Security) != 3 || len(o.Security[0]) != 0 {
			t.Errorf("%s %s: %+v", method, path, o)
		}
	}
}

func TestScoreSelfAssessment(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		withRoleCatalog(t, f)
		post := func(token string, body any) *response {
			return f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/self-assessment", token: token, body: body})
		}

		// Anyone may score, without an account.
		r := post("", map[string]any{"answers": answersLeaning(selfassess.ManagementAssistant)})
		wantStatus(t, r, http.StatusOK)
		var res SelfAssessmentResult
		r.decode(t, &res)
		if len(res.Fits) != 2 || res.Fits[0].Role != "office_manager" || res.Fits[1].Role != "management_assistant" {
			t.Fatalf("fits %+v", res.Fits)
		}
		om, ma := res.Fits[0], res.Fits[1]
		if ma.Percent <= om.Percent+50 || !ma.Best || om.Best || res.Both || !slices.Equal(res.Best, []string{"management_assistant"}) || res.Note != nil {
			t.Errorf("Management Assistant profile: %d%% against %d%%, best %v", ma.Percent, om.Percent, res.Best)
		}
		if ma.Name.NL != "Managementassistent" || ma.Name.EN != "Management Assistant" || ma.MaxPoints == 0 || len(ma.Reasons) == 0 {
			t.Errorf("fit %+v", ma)
		}
		if rs := ma.Reasons[0]; rs.Question != "strengths" || rs.Basis.EN != "Step 1: Reflect on your strengths" || rs.Rating != nil ||
			!strings.Contains(rs.Statement.EN, "supporting others") {
			t.Errorf("first reason %+v", rs)
		}
		var names []string
		for _, p := range res.CareerPaths {
			names = append(names, p.Name.NL+"/"+p.Name.EN)
			if p.FromRole != "management_assistant" {
				t.Errorf("career path %+v", p)
			}
		}
		if !slices.Contains(names, "Executive Assistant/Executive Assistant") {
			t.Errorf("career paths %v", names)
		}
		if last := res.CareerPaths[len(res.CareerPaths)-1]; last.RoleKey != "office_manager" {
			t.Errorf("the path to Office Manager names no role: %+v", last)
		}
		if !strings.HasPrefix(res.ShareCode, "1.") || res.SharePath != "/roles/self-assessment/result?a="+res.ShareCode || res.Answered != len(selfassess.Questions()) {
			t.Errorf("share %q %q, answered %d", res.ShareCode, res.SharePath, res.Answered)
		}

		// The same answers give the same result, also for someone logged in.
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		again := post(f.token(t, pia.ID), map[string]any{"answers": answersLeaning(selfassess.ManagementAssistant)})
		wantStatus(t, again, http.StatusOK)
		if string(again.raw) != string(r.raw) {
			t.Errorf("same answers, another result:\n%s\n%s", r.raw, again.raw)
		}

		// A mixed profile: both roles fit, with the article's note.
		mixed := map[string]int{}
		n := 0
		for _, q := range selfassess.Questions() {
			mixed[q.ID] = 3
			if q.Kind == selfassess.Choice {
				mixed[q.ID] = 1 + n%2
				n++
			}
		}
		r = post("", map[string]any{"answers": mixed})
		wantStatus(t, r, http.StatusOK)
		res = SelfAssessmentResult{}
		r.decode(t, &res)
		if !res.Both || len(res.Best) != 2 || res.Note == nil || !strings.Contains(res.Note.EN, "one person often does both") {
			t.Errorf("mixed profile: both %v, best %v, note %v", res.Both, res.Best, res.Note)
		}
	})
}

func TestScoreSelfAssessmentRefusesBadAnswers(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	withRoleCatalog(t, f)
	post := func(body any) *response {
		return f.do(t, request{method: http.MethodPost, path: "/api/v1/roles/self-assessment", body: body})
	}
	locations := func(r *response) map[string]string {
		t.Helper()
		wantStatus(t, r, http.StatusUnprocessableEntity)
		out := map[string]string{}
		for _, e := range r.problem(t).Errors {
			out[e.Location] = e.Message
		}
		return out
	}

	bad := answersLeaning(selfassess.OfficeManager)
	bad["salary"] = 3
	bad["leadership"] = 6
	bad["career"] = 0
	got := locations(post(map[string]any{"answers": bad}))
	want := map[string]string{
		"body.answers.salary":     "there is no such question",
		"body.answers.leadership": "choose a value from 1 (strongly disagree) to 5 (strongly agree)",
		"body.answers.career":     "choose 1 or 2",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}

	got = locations(post(map[string]any{"answers": map[string]int{"strengths": 1, "career": 1}}))
	if got["body.answers"] != "answer at least 8 questions" {
		t.Errorf("too few: %v", got)
	}
	// Not a number, or no answers at all: refused by the schema.
	locations(post(`{"answers": {"strengths": "one"}}`))
	locations(post(`{}`))
	locations(post(`{"answers": {}, "name": "x"}`))
}
