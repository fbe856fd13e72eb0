package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"spil/internal/catalog"
	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/selfassess"
	"spil/internal/testutil"
)

// selfAssessFixture is a fixture whose server has the role catalog.
func selfAssessFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := newFixture(t, d)
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Catalog = catalog.NewBook(cat)
	return f
}

// leaning answers the questionnaire as a person who leans towards role,
// as the form posts it: every choice for role, "helemaal eens" with the
// role's statements and "oneens" with the other's.
func leaning(role string) url.Values {
	form := url.Values{}
	for _, q := range selfassess.Questions() {
		v := 2
		switch {
		case q.Kind == selfassess.Choice && q.Options[0].Role == role:
			v = 1
		case q.Kind == selfassess.Likert && q.Role == role:
			v = 5
		}
		form.Set("q_"+q.ID, strconv.Itoa(v))
	}
	return form
}

var fitRe = regexp.MustCompile(`id="fit-([a-z_]+)">(\d+)%<`)

// fits reads the percentage per role from a result page.
func fits(t *testing.T, res response) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, m := range fitRe.FindAllStringSubmatch(res.Body, -1) {
		n, _ := strconv.Atoi(m[2])
		out[m[1]] = n
	}
	if len(out) != 2 {
		t.Fatalf("fits %v on the page:\n%s", out, excerpt(res.Body))
	}
	return out
}

var shareRe = regexp.MustCompile(`id="share-link" href="([^"]+)"`)

func shareLink(t *testing.T, res response) string {
	t.Helper()
	m := shareRe.FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no share link:\n%s", excerpt(res.Body))
	}
	return html.UnescapeString(m[1])
}

// careerPaths returns the text of the career path list.
func careerPaths(t *testing.T, res response) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<ul id="career-paths">(.*?)</ul>`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no career paths:\n%s", excerpt(res.Body))
	}
	return m[1]
}

// rowCounts counts the rows of every table, to show nothing was stored.
func rowCounts(t *testing.T, d *db.DB) map[string]int {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if d.Dialect == db.Postgres {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	}
	rows, err := d.R.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string]int{}
	for _, tb := range tables {
		var n int
		if err := d.R.QueryRowContext(context.Background(), `SELECT count(*) FROM "`+tb+`"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	if len(out) == 0 {
		t.Fatal("no tables found")
	}
	return out
}

var leftoverKeyRe = regexp.MustCompile(`(selfassess|title)\.[a-z_.]+|%!`)

// wantNoLeftovers checks the page as every page is checked (checkPage:
// no catalog keys or printing errors, labelled controls, unique ids,
// headings in order), in whatever language it has.
func wantNoLeftovers(t *testing.T, f *fixture, res response) {
	t.Helper()
	checkPage(t, f.srv.I18n, "self-assessment", "", res.Body)
	if m := leftoverKeyRe.FindString(excerpt(res.Body)); m != "" {
		t.Errorf("page shows %q", m)
	}
}

func TestSelfAssessmentWithoutAnAccountInBothLanguages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := selfAssessFixture(t, d)
		before := rowCounts(t, d)
		for _, lang := range []struct {
			code, query, title, step1, privacy, best, stored, likert, ea, om string
		}{
			{"nl", "", "Zelftest: welke functie past bij u?", "Stap 1: Reflecteer op uw sterke punten", "spil slaat uw antwoorden niet op",
				"De functie van Managementassistent past het best bij u.", "Er is niets opgeslagen", "Helemaal oneens", "Executive Assistant", "Office Manager"},
			{"en", "?lang=en", "Self-assessment: which role suits you?", "Step 1: Reflect on your strengths", "spil does not store your answers",
				"The Management Assistant role suits you best.", "Nothing was stored", "Strongly disagree", "Executive Assistant", "Office Manager"},
		} {
			t.Run(lang.code, func(t *testing.T) {
				// The questionnaire: open to anyone, fieldsets with radio groups.
				res := f.get(t, "", "/roles/self-assessment"+lang.query)
				wantStatus(t, res, http.StatusOK)
				wantContains(t, res, `<html lang="`+lang.code+`">`, lang.title, lang.step1, lang.privacy, lang.likert,
					`<fieldset id="q-strengths" class="checks" role="radiogroup">`,
					`<input type="radio" name="q_strengths" id="q-strengths-1" value="1">`,
					`<input type="radio" name="q_leadership" id="q-leadership-5" value="5">`,
					`action="/roles/self-assessment`+lang.query+`"`)
				wantNoLeftovers(t, f, res)
				if n := strings.Count(res.Body, "<fieldset"); n != len(selfassess.Questions()) {
					t.Errorf("%d fieldsets for %d questions", n, len(selfassess.Questions()))
				}
				if strings.Contains(res.Body, " style=") || strings.Contains(res.Body, "<script>") {
					t.Error("inline style or script")
				}

				// The result of a Management Assistant profile.
				res = f.post(t, "", "/roles/self-assessment"+lang.query, leaning(selfassess.ManagementAssistant))
				wantStatus(t, res, http.StatusOK)
				wantNoLeftovers(t, f, res)
				got := fits(t, res)
				if got[selfassess.ManagementAssistant] <= got[selfassess.OfficeManager]+50 {
					t.Errorf("fits %v: want the Management Assistant clearly higher", got)
				}
				wantContains(t, res, lang.best, lang.stored, "<li>"+lang.ea+"</li>",
					`<meter id="meter-management_assistant" min="0" max="100"`,
					`<a href="/roles/compare`+lang.query+`">`+lang.om+`</a>`)
				if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control %q on a result", cc)
				}
				paths := careerPaths(t, res)
				if strings.Contains(paths, "Facility") {
					t.Errorf("the Office Manager's paths shown for a Management Assistant: %s", paths)
				}

				// The share link recomputes the same result, in the language of
				// whoever opens it.
				link := shareLink(t, res)
				if !strings.HasPrefix(link, "/roles/self-assessment/result?a=1.") || strings.Contains(link, "lang=") {
					t.Fatalf("share link %q", link)
				}
				shared := f.get(t, "", link+strings.Replace(lang.query, "?", "&", 1))
				wantStatus(t, shared, http.StatusOK)
				if again := fits(t, shared); again[selfassess.OfficeManager] != got[selfassess.OfficeManager] ||
					again[selfassess.ManagementAssistant] != got[selfassess.ManagementAssistant] {
					t.Errorf("shared result %v, posted %v", again, got)
				}
				if careerPaths(t, shared) != paths {
					t.Error("shared result shows other career paths")
				}
				wantNoLeftovers(t, f, shared)
				wantContains(t, shared, lang.best, `id="share-url">http://example.com`+html.EscapeString(link)+`<`)
				if c := res.Header.Get("Set-Cookie") + shared.Header.Get("Set-Cookie"); c != "" {
					t.Errorf("a cookie was set: %s", c)
				}
			})
		}
		// Nothing was stored: not one row more or less in any table.
		if after := rowCounts(t, d); !reflect.DeepEqual(after, before) {
			t.Errorf("the self-assessment changed the database:\n%v\n%v", before, after)
		}
	})
}

func TestSelfAssessmentInTheLanguageOfALoggedInPerson(t *testing.T) {
	f := selfAssessFixture(t, testutil.NewSQLite(t))
	p, err := f.org.CreatePerson(context.Background(), f.admin, org.PersonInput{Name: "Erin English", Email: "erin@example.nl", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.id.SetPassword(context.Background(), f.admin, p.ID, testPassword); err != nil {
		t.Fatal(err)
	}
	erin := f.login(t, "erin@example.nl")
	res := f.post(t, erin, "/roles/self-assessment", leaning(selfassess.OfficeManager))
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, `<html lang="en">`, "The Office Manager role suits you best.", "Project Manager", "Facility Manager",
		`aria-current="page">`)
	wantNoLeftovers(t, f, res)
	got := fits(t, res)
	if got[selfassess.OfficeManager] <= got[selfassess.ManagementAssistant]+50 {
		t.Errorf("fits %v", got)
	}
	if strings.Contains(careerPaths(t, res), "Executive Assistant") {
		t.Error("the Management Assistant's paths shown for an Office Manager")
	}
}

func TestSelfAssessmentMixedProfileFitsBoth(t *testing.T) {
	f := selfAssessFixture(t, testutil.NewSQLite(t))
	form := url.Values{}
	n := 0
	for _, q := range selfassess.Questions() {
		v := 3
		if q.Kind == selfassess.Choice {
			v = 1 + n%2
			n++
		}
		form.Set("q_"+q.ID, strconv.Itoa(v))
	}
	res := f.post(t, "", "/roles/self-assessment", form)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, `id="both-note"`, "in kleine organisaties één persoon vaak beide rollen",
		"Zowel Office Manager als Managementassistent past bij u.", "Projectmanager", "Executive Assistant", "vanuit Managementassistent")
}

func TestSelfAssessmentRefusesBadAnswersAndKeepsThem(t *testing.T) {
	f := selfAssessFixture(t, testutil.NewSQLite(t))

	// Too few answers: 422, the message at the top, the answers kept.
	few := url.Values{"q_strengths": {"2"}, "q_leadership": {"4"}, "q_career": {"2"}}
	res := f.post(t, "", "/roles/self-assessment", few)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `role="alert"`, "Beantwoord ten minste 8 vragen",
		`id="q-strengths-2" value="2" checked>`, `id="q-leadership-4" value="4" checked>`, `id="q-career-2" value="2" checked>`)
	wantNotContains(t, res, `id="q-strengths-1" value="1" checked>`)
	wantNoLeftovers(t, f, res)

	// An answer out of range is shown at its question, linked from the top.
	bad := leaning(selfassess.OfficeManager)
	bad.Set("q_precise", "7")
	bad.Set("q_career", "drie")
	res = f.post(t, "", "/roles/self-assessment?lang=en", bad)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res,
		`<fieldset id="q-precise" class="checks" role="radiogroup" aria-invalid="true" aria-describedby="q-precise-hint q-precise-error">`,
		`<fieldset id="q-career" class="checks" role="radiogroup" aria-invalid="true" aria-describedby="q-career-error">`,
		`<p class="field-error" id="q-precise-error">Choose an answer from ‘strongly disagree’ to ‘strongly agree’.</p>`,
		`<p class="field-error" id="q-career-error">Choose one of the two statements.</p>`,
		`<a href="#q-precise-1">Question 3: Choose an answer`,
		`id="q-strengths-1" value="1" checked>`)
	wantNoLeftovers(t, f, res)

	// A damaged share link says so, in the visitor's language.
	for _, tc := range []struct{ code, msg string }{
		{"garbage", "Deze link is beschadigd of onvolledig"},
		{"1.12", "Deze link is beschadigd of onvolledig"},
		{"9." + strings.Repeat("1", len(selfassess.Questions())), "andere versie van de zelftest"},
	} {
		res := f.get(t, "", "/roles/self-assessment/result?a="+url.QueryEscape(tc.code))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, tc.msg, `<fieldset id="q-strengths"`)
		wantNoLeftovers(t, f, res)
	}
	// A well-formed link with too few answers.
	res = f.get(t, "", "/roles/self-assessment/result?a=1.2"+strings.Repeat("0", len(selfassess.Questions())-1))
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, "Beantwoord ten minste 8 vragen", `id="q-strengths-2" value="2" checked>`)

	// A share link without answers leads to the questionnaire.
	res = f.get(t, "", "/roles/self-assessment/result?lang=en")
	if res.Status != http.StatusFound || res.Location != "/roles/self-assessment?lang=en" {
		t.Errorf("no answers: %d to %q", res.Status, res.Location)
	}
}

func TestSelfAssessmentAnswersCanBeChanged(t *testing.T) {
	f := selfAssessFixture(t, testutil.NewSQLite(t))
	res := f.post(t, "", "/roles/self-assessment?lang=en", leaning(selfassess.ManagementAssistant))
	wantStatus(t, res, http.StatusOK)
	m := regexp.MustCompile(`id="edit-answers" href="([^"]+)"`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatal("no link to change the answers")
	}
	edit := html.UnescapeString(m[1])
	if !strings.HasPrefix(edit, "/roles/self-assessment?a=1.") || !strings.HasSuffix(edit, "&lang=en") {
		t.Fatalf("edit link %q", edit)
	}
	res = f.get(t, "", edit)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, `<html lang="en">`, `id="q-strengths-2" value="2" checked>`, `id="q-precise-5" value="5" checked>`,
		`id="q-leadership-2" value="2" checked>`)
	wantNoLeftovers(t, f, res)
	// The language switch keeps the answers.
	wantContains(t, res, `href="/roles/self-assessment?lang=nl&amp;a=1.`)
}
