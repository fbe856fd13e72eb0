package selfassess

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/catalog"
)

func defaultCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// profile answers every question as someone who leans towards role: the
// statement of role in every choice, "helemaal eens" with role's
// statements and "oneens" with the other's.
func profile(role string) map[string]int {
	a := map[string]int{}
	for _, q := range Questions() {
		switch {
		case q.Kind == Choice && q.Options[0].Role == role:
			a[q.ID] = 1
		case q.Kind == Choice:
			a[q.ID] = 2
		case q.Role == role:
			a[q.ID] = 5
		default:
			a[q.ID] = 2
		}
	}
	return a
}

func fitOf(t *testing.T, r Result, role string) Fit {
	t.Helper()
	for _, f := range r.Fits {
		if f.Role == role {
			return f
		}
	}
	t.Fatalf("no fit for %s in %+v", role, r.Fits)
	return Fit{}
}

func pathNames(r Result) []string {
	var out []string
	for _, p := range r.CareerPaths {
		out = append(out, p.Name.NL)
	}
	return out
}

func TestTheArticlesOfficeManagerProfileFitsTheOfficeManager(t *testing.T) {
	c := defaultCatalog(t)
	// A born leader with organizing talent, who makes decisions, would
	// rather lead a team and be responsible for broader processes, and
	// wants to grow into project or facility manager.
	r, err := Score(c, profile(OfficeManager))
	if err != nil {
		t.Fatal(err)
	}
	om, ma := fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant)
	if om.Percent < ma.Percent+50 {
		t.Errorf("Office Manager fit %d%%, Management Assistant %d%%: want the Office Manager clearly higher", om.Percent, ma.Percent)
	}
	if r.Both || !reflect.DeepEqual(r.Best, []string{OfficeManager}) || !om.Best || ma.Best {
		t.Errorf("best %v (both %v), want the Office Manager alone", r.Best, r.Both)
	}
	paths := strings.Join(pathNames(r), ", ")
	if paths != "Projectmanager, Facility Manager, Operations Manager, Directiesecretaresse" {
		t.Errorf("career paths %q, want the Office Manager's", paths)
	}
	for _, p := range r.CareerPaths {
		if p.From != OfficeManager || p.FromName.NL != "Office Manager" {
			t.Errorf("career path %+v comes from another role", p)
		}
	}
	// The strongest reasons are the steps' own choices (weight 3), in the
	// order of the questions, each naming where in the article it comes from.
	if len(om.Reasons) != MaxReasons {
		t.Fatalf("%d reasons, want %d", len(om.Reasons), MaxReasons)
	}
	var ids []string
	for _, rs := range om.Reasons {
		ids = append(ids, rs.Question)
	}
	if got := strings.Join(ids, ","); got != "strengths,workstyle,decisions" {
		t.Errorf("reasons %s", got)
	}
	if rs := om.Reasons[0]; rs.Basis.NL != "Stap 1: Reflecteer op uw sterke punten" || rs.Basis.EN != "Step 1: Reflect on your strengths" ||
		!strings.Contains(rs.Statement.NL, "geboren leider") || rs.Rating != (catalog.Text{}) {
		t.Errorf("first reason %+v", rs)
	}
	if rs := om.Reasons[2]; !strings.Contains(rs.Basis.NL, "Bevoegdheden (Office Manager): Beslissingsbevoegdheid") {
		t.Errorf("the decision reason's basis %q", rs.Basis.NL)
	}
	// No reason counts for a role that got nothing from the answer.
	for _, rs := range ma.Reasons {
		if rs.Points <= 0 {
			t.Errorf("reason %+v gave nothing", rs)
		}
	}
}

func TestTheArticlesManagementAssistantProfileFitsTheManagementAssistant(t *testing.T) {
	c := defaultCatalog(t)
	r, err := Score(c, profile(ManagementAssistant))
	if err != nil {
		t.Fatal(err)
	}
	om, ma := fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant)
	if ma.Percent < om.Percent+50 {
		t.Errorf("Management Assistant fit %d%%, Office Manager %d%%: want the Management Assistant clearly higher", ma.Percent, om.Percent)
	}
	if r.Both || !reflect.DeepEqual(r.Best, []string{ManagementAssistant}) {
		t.Errorf("best %v (both %v)", r.Best, r.Both)
	}
	paths := pathNames(r)
	if len(paths) == 0 || paths[0] != "Executive Assistant" {
		t.Errorf("career paths %v, want the Management Assistant's, Executive Assistant first", paths)
	}
	last := r.CareerPaths[len(r.CareerPaths)-1]
	if last.Name.NL != "Office Manager" || last.RoleKey != OfficeManager {
		t.Errorf("the path to Office Manager should name the catalog role: %+v", last)
	}
	// A Likert answer of "oneens" is no reason for a role, though it adds
	// its (few) points.
	for _, rs := range om.Reasons {
		if rs.Rating.NL != "" {
			t.Errorf("reason %+v for the Office Manager", rs)
		}
	}
	only := map[string]int{"precise": 5, "independent": 4, "social": 3, "flexible": 3, "discretion": 3, "leadership": 1, "organised": 1, "decisive": 1}
	r, err = Score(c, only)
	if err != nil {
		t.Fatal(err)
	}
	rs := fitOf(t, r, ManagementAssistant).Reasons[0]
	if rs.Question != "precise" || rs.Rating.NL != "Helemaal eens" || rs.Rating.EN != "Strongly agree" ||
		rs.Basis.NL != "Karaktereigenschap Managementassistent: Nauwkeurig en integer" ||
		rs.Basis.EN != "Management Assistant character trait: Precise and trustworthy" {
		t.Errorf("Likert reason %+v", rs)
	}
}

func TestAMixedProfileFitsBothRoles(t *testing.T) {
	c := defaultCatalog(t)
	// Three choices each way, every statement "neutraal".
	a := map[string]int{}
	n := 0
	for _, q := range Questions() {
		if q.Kind == Choice {
			a[q.ID] = 1 + n%2
			n++
		} else {
			a[q.ID] = 3
		}
	}
	r, err := Score(c, a)
	if err != nil {
		t.Fatal(err)
	}
	om, ma := fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant)
	if d := om.Percent - ma.Percent; d > CloseFit || d < -CloseFit {
		t.Fatalf("fits %d%% and %d%% are not within %d points", om.Percent, ma.Percent, CloseFit)
	}
	if !r.Both || len(r.Best) != 2 || !om.Best || !ma.Best {
		t.Errorf("both %v, best %v", r.Both, r.Best)
	}
	if !strings.Contains(r.Note.NL, "in kleine organisaties één persoon vaak beide rollen") ||
		!strings.Contains(r.Note.EN, "in small organizations one person often does both") {
		t.Errorf("note %+v", r.Note)
	}
	// The career paths of both roles.
	from := map[string]int{}
	for _, p := range r.CareerPaths {
		from[p.From]++
	}
	if from[OfficeManager] != 4 || from[ManagementAssistant] != 4 {
		t.Errorf("career paths per role %v", from)
	}

	// At the edge: 10 points apart is both roles, 11 is one.
	edge := map[string]int{"strengths": 1, "leadership": 4, "precise": 3, "communication": 1, "organised": 1, "social": 5, "workstyle": 1,
		"independent": 3, "decisive": 3, "decisions": 2, "flexible": 5, "multitasker": 3, "focus": 1, "discretion": 4, "career": 2}
	r, err = Score(c, edge)
	if err != nil {
		t.Fatal(err)
	}
	om, ma = fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant)
	if om.Percent != 57 || ma.Percent != 47 || !r.Both || !reflect.DeepEqual(r.Best, []string{OfficeManager, ManagementAssistant}) {
		t.Errorf("10 points apart: %d%% and %d%%, both %v, best %v", om.Percent, ma.Percent, r.Both, r.Best)
	}
	edge = map[string]int{"strengths": 1, "leadership": 3, "precise": 4, "communication": 1, "organised": 5, "social": 4, "workstyle": 1,
		"independent": 1, "decisive": 4, "decisions": 2, "flexible": 1, "multitasker": 3, "focus": 2, "discretion": 2, "career": 2}
	r, err = Score(c, edge)
	if err != nil {
		t.Fatal(err)
	}
	om, ma = fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant)
	if om.Percent != 57 || ma.Percent != 46 || r.Both || r.Note != (catalog.Text{}) {
		t.Errorf("11 points apart: %d%% and %d%%, both %v", om.Percent, ma.Percent, r.Both)
	}
}

// TestTheFormula checks one result by hand.
func TestTheFormula(t *testing.T) {
	c := defaultCatalog(t)
	a := map[string]int{
		"strengths":   1, // choice w3: OM 12/12, MA 0/12
		"career":      2, // choice w3: MA 12/12, OM 0/12
		"focus":       1, // choice w2: OM 8/8, MA 0/8
		"leadership":  4, // OM Likert w2: 6/8
		"organised":   2, // OM Likert w2: 2/8
		"multitasker": 5, // OM Likert w1: 4/4
		"precise":     3, // MA Likert w2: 4/8
		"social":      1, // MA Likert w1: 0/4
	}
	r, err := Score(c, a)
	if err != nil {
		t.Fatal(err)
	}
	om, ma := fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant)
	// OM: (12+0+8+6+2+4) / (12+12+8+8+8+4) = 32/52 = 61.5 → 62.
	if om.Points != 32 || om.Max != 52 || om.Percent != 62 {
		t.Errorf("Office Manager %d/%d = %d%%, want 32/52 = 62%%", om.Points, om.Max, om.Percent)
	}
	// MA: (0+12+0+4+0) / (12+12+8+8+4) = 16/44 = 36.4 → 36.
	if ma.Points != 16 || ma.Max != 44 || ma.Percent != 36 {
		t.Errorf("Management Assistant %d/%d = %d%%, want 16/44 = 36%%", ma.Points, ma.Max, ma.Percent)
	}
	if r.Answered != 8 || r.Code != Encode(a) {
		t.Errorf("answered %d, code %q", r.Answered, r.Code)
	}

	// Agreeing with every statement favours neither role.
	all := map[string]int{}
	for _, q := range Questions() {
		if q.Kind == Likert {
			all[q.ID] = 5
		}
	}
	r, err = Score(c, all)
	if err != nil {
		t.Fatal(err)
	}
	if om, ma := fitOf(t, r, OfficeManager), fitOf(t, r, ManagementAssistant); om.Percent != ma.Percent || om.Max != ma.Max || !r.Both {
		t.Errorf("all agreed: %d/%d against %d/%d", om.Points, om.Max, ma.Points, ma.Max)
	}
}

func TestAnswersAreValidated(t *testing.T) {
	c := defaultCatalog(t)
	base := profile(OfficeManager)
	with := func(changes map[string]int, drop ...string) map[string]int {
		a := map[string]int{}
		for k, v := range base {
			a[k] = v
		}
		for k, v := range changes {
			a[k] = v
		}
		for _, k := range drop {
			delete(a, k)
		}
		return a
	}
	firstEight := func() map[string]int {
		a := map[string]int{}
		for _, q := range Questions()[:MinAnswers] {
			a[q.ID] = base[q.ID]
		}
		return a
	}
	sevenOnly := firstEight()
	delete(sevenOnly, Questions()[0].ID)
	cases := []struct {
		name    string
		answers map[string]int
		fields  map[string]string
	}{
		{"unknown question", with(map[string]int{"salary": 3}), map[string]string{"answers.salary": MsgUnknownQuestion}},
		{"Likert above 5", with(map[string]int{"leadership": 6}), map[string]string{"answers.leadership": MsgLikertRange}},
		{"Likert 0", with(map[string]int{"precise": 0}), map[string]string{"answers.precise": MsgLikertRange}},
		{"choice 3", with(map[string]int{"career": 3}), map[string]string{"answers.career": MsgChoiceRange}},
		{"choice negative", with(map[string]int{"strengths": -1}), map[string]string{"answers.strengths": MsgChoiceRange}},
		{"seven answers", sevenOnly, map[string]string{"answers": MsgTooFew}},
		{"nothing", nil, map[string]string{"answers": MsgTooFew}},
		{"eight answers, one out of range", with(map[string]int{"career": 9}, "strengths", "leadership", "precise", "communication", "organised", "social", "workstyle"),
			map[string]string{"answers.career": MsgChoiceRange, "answers": MsgTooFew}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Score(c, tc.answers)
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("error %v, want Invalid", err)
			}
			if got := apperr.FieldsOf(err); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
		})
	}
	if _, err := Score(c, firstEight()); err != nil {
		t.Errorf("eight answers: %v", err)
	}
	if !strings.Contains(MsgTooFew, strconv.Itoa(MinAnswers)) {
		t.Errorf("MsgTooFew %q does not name MinAnswers %d", MsgTooFew, MinAnswers)
	}
}

func TestScoringIsDeterministic(t *testing.T) {
	c := defaultCatalog(t)
	a := profile(ManagementAssistant)
	a["leadership"], a["career"] = 4, 1
	first, err := Score(c, a)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		// A fresh map each time: Go randomizes map order.
		b := map[string]int{}
		for k, v := range a {
			b[k] = v
		}
		again, err := Score(c, b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("same answers, another result:\n%+v\n%+v", first, again)
		}
	}
}

func TestTheShareCodeRoundTrips(t *testing.T) {
	c := defaultCatalog(t)
	partial := profile(ManagementAssistant)
	delete(partial, "social")
	delete(partial, "career")
	for name, a := range map[string]map[string]int{
		"office manager": profile(OfficeManager), "management assistant": profile(ManagementAssistant), "partial": partial,
	} {
		code := Encode(a)
		if !strings.HasPrefix(code, "1.") || len(code) != 2+len(Questions()) {
			t.Errorf("%s: code %q", name, code)
		}
		back, err := Decode(code)
		if err != nil {
			t.Fatalf("%s: decode %q: %v", name, code, err)
		}
		if !reflect.DeepEqual(back, a) {
			t.Errorf("%s: %v came back as %v", name, a, back)
		}
		r1, err1 := Score(c, a)
		r2, err2 := Score(c, back)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(r1, r2) || r1.Code != code {
			t.Errorf("%s: the shared result differs", name)
		}
	}
	if got := Encode(map[string]int{"strengths": 2, "career": 1}); got != "1.200000000000001" {
		t.Errorf("code %q", got)
	}
}

func TestDecodeRefusesGarbageClearly(t *testing.T) {
	n := len(Questions())
	for _, tc := range []struct{ code, msg string }{
		{"", MsgNoCode},
		{"   ", MsgNoCode},
		{"hello", MsgDamaged},
		{"1.", MsgDamaged},
		{"1." + strings.Repeat("3", n-1), MsgDamaged},
		{"1." + strings.Repeat("3", n+1), MsgDamaged},
		{"1." + strings.Repeat("x", n), MsgDamaged},
		{"1.6" + strings.Repeat("3", n-1), MsgDamaged}, // strengths is a choice: 6 is no answer
		{"1.19" + strings.Repeat("3", n-2), MsgDamaged},
		{"2." + strings.Repeat("1", n), MsgOtherVersion},
		{"a." + strings.Repeat("1", n), MsgDamaged},
		{"1.-" + strings.Repeat("1", n-1), MsgDamaged},
		{"1.１" + strings.Repeat("1", n-1), MsgDamaged},
	} {
		_, err := Decode(tc.code)
		if apperr.KindOf(err) != apperr.Invalid || apperr.MessageOf(err) != tc.msg {
			t.Errorf("Decode(%q) = %v, want Invalid %q", tc.code, err, tc.msg)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(profile(OfficeManager)))
	f.Add("1.000000000000000")
	f.Add("2.1")
	f.Add("")
	f.Fuzz(func(t *testing.T, code string) {
		a, err := Decode(code)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("Decode(%q): %v is not Invalid", code, err)
			}
			return
		}
		// Whatever decodes is valid input and encodes back the same.
		if got := Encode(a); got != strings.TrimSpace(code) {
			t.Fatalf("Decode(%q) re-encodes as %q", code, got)
		}
		for id, v := range a {
			ok := false
			for _, q := range Questions() {
				if q.ID == id && q.valid(v) {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("Decode(%q) gave %s=%d", code, id, v)
			}
		}
	})
}

func TestTheQuestionsHoldTogether(t *testing.T) {
	if err := Check(defaultCatalog(t)); err != nil {
		t.Fatal(err)
	}
	if err := Check(nil); err == nil {
		t.Error("Check(nil) passed")
	}
	qs := Questions()
	if len(qs) < 10 || len(qs) > 15 {
		t.Errorf("%d questions", len(qs))
	}
	seen := map[string]bool{}
	likert := map[string]int{}
	steps := map[int]int{}
	traits := map[string]bool{}
	for _, q := range qs {
		if q.ID == "" || seen[q.ID] {
			t.Errorf("question %q: empty or duplicate ID", q.ID)
		}
		seen[q.ID] = true
		steps[q.Step]++
		if q.Text.NL == "" || q.Text.EN == "" || q.Weight < 1 || q.Weight > 3 {
			t.Errorf("question %s: text or weight", q.ID)
		}
		switch q.Kind {
		case Likert:
			if q.Role != OfficeManager && q.Role != ManagementAssistant || len(q.Options) != 0 {
				t.Errorf("question %s: a Likert statement needs a role and no options", q.ID)
			}
			likert[q.Role] += q.Weight
		case Choice:
			if len(q.Options) != 2 || q.Options[0].Value != 1 || q.Options[1].Value != 2 || q.Options[0].Role == q.Options[1].Role || q.Role != "" {
				t.Errorf("question %s: a choice needs two options, 1 and 2, one per role", q.ID)
			}
			for _, o := range q.Options {
				if o.Text.NL == "" || o.Text.EN == "" {
					t.Errorf("question %s: option %d lacks a language", q.ID, o.Value)
				}
			}
		default:
			t.Errorf("question %s: kind %q", q.ID, q.Kind)
		}
		if q.Source.Kind == FromTrait {
			traits[q.Source.Role+"."+q.Source.Key] = true
		}
	}
	if likert[OfficeManager] != likert[ManagementAssistant] {
		t.Errorf("Likert weights %v are not balanced", likert)
	}
	if steps[1] == 0 || steps[2] == 0 || steps[3] == 0 || len(steps) != 3 {
		t.Errorf("questions per step %v", steps)
	}
	// Every trait of each role is asked, except the shared "communicative",
	// which the communication contrast asks.
	c := defaultCatalog(t)
	for _, k := range []string{OfficeManager, ManagementAssistant} {
		r, _ := c.Role(k)
		for _, tr := range r.Traits {
			if tr.Key != "communicative" && !traits[k+"."+tr.Key] {
				t.Errorf("trait %s of %s is not asked", tr.Key, k)
			}
		}
	}
	// The steps' own questions are choices weighted most.
	for _, q := range qs {
		if q.Source.Kind == FromStep && (q.Kind != Choice || q.Weight != 3) {
			t.Errorf("step question %s", q.ID)
		}
	}
	if len(Steps()) != 3 || len(LikertLabels()) != LikertMax {
		t.Error("three steps and five Likert labels")
	}
}
