package selfassess

import (
	"cmp"
	"fmt"
	"slices"

	"spil/internal/apperr"
	"spil/internal/catalog"
)

// MinAnswers is how many questions a person must answer for a result.
const MinAnswers = 8

// CloseFit is the largest difference in fit, in percentage points, at which
// both roles count as fitting.
const CloseFit = 10

// MaxReasons is how many reasons a fit lists at most.
const MaxReasons = 3

// Validation messages, in English; transports translate them.
const (
	MsgUnknownQuestion = "there is no such question"
	MsgLikertRange     = "choose a value from 1 (strongly disagree) to 5 (strongly agree)"
	MsgChoiceRange     = "choose 1 or 2"
	MsgTooFew          = "answer at least 8 questions" // MinAnswers
)

// Result is the outcome of a self-assessment.
type Result struct {
	// Fits holds one fit per role: the Office Manager's, then the
	// Management Assistant's.
	Fits []Fit
	// Best lists the best-fitting role, or both roles (the better first)
	// when their fits lie within CloseFit points of each other.
	Best []string
	// Both is set when both roles fit; Note then says what the article
	// says about that.
	Both bool
	Note catalog.Text
	// CareerPaths are the catalog's career paths of the roles in Best.
	CareerPaths []CareerPath
	// Answered is the number of questions answered.
	Answered int
	// Code is the answers in the compact form of Encode, for a share link.
	Code string
}

// Fit is how well a person fits one role.
type Fit struct {
	Role    string
	Name    catalog.Text
	Percent int // 0–100, see Score
	Points  int // in quarter points
	Max     int // in quarter points
	Best    bool
	// Reasons are the answers that counted most towards this role, at most
	// MaxReasons, strongest first.
	Reasons []Reason
}

// Reason is one answer that spoke for a role: the chosen statement of a
// Choice, or agreement ("eens", "helemaal eens") with a Likert statement
// towards the role. A neutral or disagreeing answer still adds its points
// to the fit but is not named as a reason.
type Reason struct {
	Question string
	Step     int
	Answer   int
	// Statement is what the person agreed with: a Likert statement or the
	// chosen option of a Choice.
	Statement catalog.Text
	// Rating is the Likert answer in words ("Helemaal eens"); zero for a
	// Choice.
	Rating catalog.Text
	// Basis says where in the article the question comes from, for this
	// role: the step, the character trait, or the row of the comparison.
	Basis  catalog.Text
	Points int // quarter points this answer gave the role
}

// CareerPath is a career path of a best-fitting role.
type CareerPath struct {
	From     string // the role whose path it is
	FromName catalog.Text
	Name     catalog.Text
	RoleKey  string // the catalog role it leads to, when the catalog has it
}

// Score validates the answers (question ID → value) and returns the fit per
// role. It uses the catalog for the roles' names, traits, descriptions and
// career paths.
//
// The fit of a role R is the share of the points R could get from the
// answered questions that it did get, in whole percent (halves round up):
//
//	fit(R) = round(100 × points(R) / max(R))
//
// counted in quarter points per answered question of weight w:
//   - a Likert statement towards R answered v (1–5) gives R w×(v−1) of a
//     possible 4w: "helemaal eens" gives all, "neutraal" half, "helemaal
//     oneens" nothing; a statement towards the other role does not count
//     for R at all (disagreeing with "I like leading a team" says nothing
//     about fitting the Management Assistant role);
//   - a Choice gives the role of the chosen statement 4w of 4w, the other
//     role 0 of 4w.
//
// The best fit is the higher; when the two lie within CloseFit points both
// roles fit, as the article notes for small organizations.
//
// Errors: Invalid with fields "answers.<id>" for an unknown question
// (MsgUnknownQuestion) or an answer out of range (MsgLikertRange,
// MsgChoiceRange), and "answers" (MsgTooFew) when fewer than MinAnswers
// questions have a valid answer. An error without a kind when the catalog
// lacks a role, trait, competency or task a question names (see Check).
func Score(c *catalog.Catalog, answers map[string]int) (Result, error) {
	qs := Questions()
	byID := map[string]Question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	var bad apperr.Fields
	answered := 0
	for id, v := range answers {
		q, ok := byID[id]
		switch {
		case !ok:
			bad.Add("answers."+id, MsgUnknownQuestion)
		case !q.valid(v) && q.Kind == Choice:
			bad.Add("answers."+id, MsgChoiceRange)
		case !q.valid(v):
			bad.Add("answers."+id, MsgLikertRange)
		default:
			answered++
		}
	}
	if answered < MinAnswers {
		bad.Add("answers", MsgTooFew)
	}
	if err := bad.Err(); err != nil {
		return Result{}, err
	}
	if err := Check(c); err != nil {
		return Result{}, err
	}

	res := Result{Answered: answered, Code: Encode(answers)}
	for _, role := range []string{OfficeManager, ManagementAssistant} {
		r, _ := c.Role(role)
		f := Fit{Role: role, Name: r.Name}
		var reasons []Reason
		for _, q := range qs {
			v, ok := answers[q.ID]
			if !ok {
				continue
			}
			pts, most, statement := weigh(q, v, role)
			f.Points += pts
			f.Max += most
			if 2*pts > most { // a chosen statement, or "eens" / "helemaal eens"
				rs := Reason{Question: q.ID, Step: q.Step, Answer: v, Statement: statement, Points: pts, Basis: basis(c, q, role)}
				if q.Kind == Likert {
					rs.Rating = LikertLabels()[v-1]
				}
				reasons = append(reasons, rs)
			}
		}
		if f.Max > 0 {
			f.Percent = (200*f.Points + f.Max) / (2 * f.Max)
		}
		// Strongest first; among equals, the order of the questions.
		slices.SortStableFunc(reasons, func(a, b Reason) int { return cmp.Compare(b.Points, a.Points) })
		if len(reasons) > MaxReasons {
			reasons = reasons[:MaxReasons]
		}
		f.Reasons = reasons
		res.Fits = append(res.Fits, f)
	}

	// The better first; on a tie, the Office Manager first.
	order := []int{0, 1}
	if res.Fits[1].Percent > res.Fits[0].Percent {
		order = []int{1, 0}
	}
	diff := res.Fits[order[0]].Percent - res.Fits[order[1]].Percent
	res.Best = []string{res.Fits[order[0]].Role}
	res.Fits[order[0]].Best = true
	if diff <= CloseFit {
		res.Both = true
		res.Best = append(res.Best, res.Fits[order[1]].Role)
		res.Fits[order[1]].Best = true
		res.Note = t("Beide rollen passen bij u. Het artikel merkt op dat in kleine organisaties één persoon vaak beide rollen vervult: de Office Manager neemt dan ook agendabeheer en correspondentie over.",
			"Both roles fit you. The article notes that in small organizations one person often does both: the Office Manager then also takes on agenda management and correspondence.")
	}
	for _, key := range res.Best {
		r, _ := c.Role(key)
		for _, p := range r.CareerPaths {
			res.CareerPaths = append(res.CareerPaths, CareerPath{From: key, FromName: r.Name, Name: p.Name, RoleKey: p.RoleKey})
		}
	}
	return res, nil
}

// weigh returns the quarter points answer v to q gives role, the most it
// could give, and the statement the person agreed with.
func weigh(q Question, v int, role string) (pts, most int, statement catalog.Text) {
	switch q.Kind {
	case Likert:
		if q.Role != role {
			return 0, 0, catalog.Text{}
		}
		return q.Weight * (v - LikertMin), q.Weight * (LikertMax - LikertMin), q.Text
	default:
		o := q.Options[v-1]
		if o.Role == role {
			return 4 * q.Weight, 4 * q.Weight, o.Text
		}
		return 0, 4 * q.Weight, catalog.Text{}
	}
}

// basis says where q comes from in the article, as it applies to role.
// The catalog has been checked, so every lookup succeeds.
func basis(c *catalog.Catalog, q Question, role string) catalog.Text {
	r, _ := c.Role(role)
	switch q.Source.Kind {
	case FromTrait:
		owner, _ := c.Role(q.Source.Role)
		tr, _ := trait(owner, q.Source.Key)
		return catalog.Text{
			NL: fmt.Sprintf("Karaktereigenschap %s: %s", owner.Name.NL, tr.Name.NL),
			EN: fmt.Sprintf("%s character trait: %s", owner.Name.EN, tr.Name.EN),
		}
	case FromCompetency:
		co, _ := competency(r, q.Source.Key)
		return catalog.Text{
			NL: fmt.Sprintf("Kerncompetentie %s (%s): %s", co.Name.NL, r.Name.NL, co.Description.NL),
			EN: fmt.Sprintf("Core competency %s (%s): %s", co.Name.EN, r.Name.EN, co.Description.EN),
		}
	case FromAuthority:
		return catalog.Text{
			NL: fmt.Sprintf("Bevoegdheden (%s): %s", r.Name.NL, r.Authority.NL),
			EN: fmt.Sprintf("Authority (%s): %s", r.Name.EN, r.Authority.EN),
		}
	case FromFocus:
		return catalog.Text{
			NL: fmt.Sprintf("Focus (%s): %s", r.Name.NL, r.Focus.NL),
			EN: fmt.Sprintf("Focus (%s): %s", r.Name.EN, r.Focus.EN),
		}
	case FromTask:
		owner, _ := c.Role(q.Source.Role)
		tk, _ := task(owner, q.Source.Key)
		return catalog.Text{
			NL: fmt.Sprintf("Taak %s: %s — %s", owner.Name.NL, tk.Name.NL, tk.Description.NL),
			EN: fmt.Sprintf("%s task: %s — %s", owner.Name.EN, tk.Name.EN, tk.Description.EN),
		}
	default: // FromStep
		st := Steps()[q.Step-1]
		return catalog.Text{
			NL: fmt.Sprintf("Stap %d: %s", st.N, st.Title.NL),
			EN: fmt.Sprintf("Step %d: %s", st.N, st.Title.EN),
		}
	}
}

// Check reports whether the catalog has everything the questions name: both
// job roles with career paths, and each trait, competency and task a
// question comes from, with a step for every question.
func Check(c *catalog.Catalog) error {
	if c == nil {
		return fmt.Errorf("self-assessment: no role catalog")
	}
	for _, k := range []string{OfficeManager, ManagementAssistant} {
		r, ok := c.Role(k)
		if !ok || r.Kind != catalog.KindJob {
			return fmt.Errorf("self-assessment: the catalog has no job role %q", k)
		}
		if _, ok := competency(r, "communication"); !ok {
			return fmt.Errorf("self-assessment: role %s lacks the communication competency", k)
		}
	}
	for _, q := range Questions() {
		if q.Step < 1 || q.Step > len(Steps()) {
			return fmt.Errorf("self-assessment: question %s: step %d", q.ID, q.Step)
		}
		switch q.Source.Kind {
		case FromTrait:
			r, ok := c.Role(q.Source.Role)
			if !ok {
				return fmt.Errorf("self-assessment: question %s: no role %q", q.ID, q.Source.Role)
			}
			if _, ok := trait(r, q.Source.Key); !ok {
				return fmt.Errorf("self-assessment: question %s: role %s has no trait %q", q.ID, r.Key, q.Source.Key)
			}
		case FromCompetency:
			for _, k := range []string{OfficeManager, ManagementAssistant} {
				r, _ := c.Role(k)
				if _, ok := competency(r, q.Source.Key); !ok {
					return fmt.Errorf("self-assessment: question %s: role %s has no competency %q", q.ID, k, q.Source.Key)
				}
			}
		case FromTask:
			r, ok := c.Role(q.Source.Role)
			if !ok {
				return fmt.Errorf("self-assessment: question %s: no role %q", q.ID, q.Source.Role)
			}
			if _, ok := task(r, q.Source.Key); !ok {
				return fmt.Errorf("self-assessment: question %s: role %s has no task %q", q.ID, r.Key, q.Source.Key)
			}
		}
	}
	return nil
}

func trait(r *catalog.Role, key string) (catalog.Trait, bool) {
	for _, x := range r.Traits {
		if x.Key == key {
			return x, true
		}
	}
	return catalog.Trait{}, false
}

func competency(r *catalog.Role, key string) (catalog.Competency, bool) {
	for _, x := range r.Competencies {
		if x.Key == key {
			return x, true
		}
	}
	return catalog.Competency{}, false
}

func task(r *catalog.Role, key string) (catalog.Task, bool) {
	for _, a := range r.TaskAreas {
		for _, x := range a.Tasks {
			if x.Key == key {
				return x, true
			}
		}
	}
	return catalog.Task{}, false
}
