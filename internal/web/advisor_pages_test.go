package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"spil/internal/advisor"
	"spil/internal/catalog"
	"spil/internal/db"
	"spil/internal/testutil"
)

// advisorFixture is a web fixture whose role catalog is set.
func advisorFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := newFixture(t, d)
	if f.srv.Catalog == nil {
		c, err := catalog.Default()
		if err != nil {
			t.Fatal(err)
		}
		f.srv.Catalog = catalog.NewBook(c)
	}
	return f
}

// smallOrganizationForm is the article's small organization: 15 people, one
// principal, 20 hours of office work and 8 of agenda and e-mail.
func smallOrganizationForm() url.Values {
	return url.Values{"headcount": {"15"}, "principals": {"1"}, "employer_cost_factor": {"1,3"}, "hours_per_fte": {"36"},
		"hours.om.office_processes": {"12"}, "hours.om.team": {"4"}, "hours.om.cost_control": {"4"}, "hours.ma.agenda_mail": {"8"}}
}

// fieldError returns the text of the message shown for the input id.
func fieldError(body, id string) string {
	re := regexp.MustCompile(`<p class="field-error" id="` + regexp.QuoteMeta(id) + `-error">([^<]*)</p>`)
	if m := re.FindStringSubmatch(body); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// inputOf returns the opening tag of the input id.
func inputOf(body, id string) string {
	return regexp.MustCompile(`<input[^>]*\bid="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindString(body)
}

func TestAdvisorFormIsOpenToEveryone(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := advisorFixture(t, d)
		res := f.get(t, "", "/roles/advisor")
		wantStatus(t, res, http.StatusOK)
		checkPage(t, f.srv.I18n, "advisor form", "nl", res.Body)
		// One hours field per task area, grouped per role, with its tasks as hint
		// and the areas that only apply in some organizations labelled.
		for _, ra := range f.srv.Catalog.Current().TaskAreas() {
			if ra.RoleKey != "office_manager" && ra.RoleKey != "management_assistant" {
				continue
			}
			if inputOf(res.Body, "hours."+ra.Area.Key) == "" {
				t.Errorf("no hours field for %s", ra.Area.Key)
			}
		}
		wantContains(t, res, `id="areas-office_manager"`, `id="areas-management_assistant"`, "Facilitair beheer",
			"alleen bij een scale-up", "bij een advocatenkantoor", "in een zorginstelling")
		if !strings.Contains(inputOf(res.Body, "employer_cost_factor"), `value="1.3"`) || !strings.Contains(inputOf(res.Body, "hours_per_fte"), `value="36"`) {
			t.Errorf("defaults missing: %s / %s", inputOf(res.Body, "employer_cost_factor"), inputOf(res.Body, "hours_per_fte"))
		}
		wantNotContains(t, res, `id="advice"`)
	})
}

func TestAdvisorGivesTheSmallOrganizationTheCombinedSetUp(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := advisorFixture(t, d)
		res := f.post(t, "", "/roles/advisor", smallOrganizationForm())
		wantStatus(t, res, http.StatusOK)
		checkPage(t, f.srv.I18n, "advice nl", "nl", res.Body)
		wantContains(t, res,
			"Een Office Manager die ook één leidinggevende ondersteunt",
			`id="advice-fte">0,78<`,
			"€ 2.493 – € 2.987", "€ 3.241 – € 3.884",
			"kan een Office Manager taken van een managementassistent overnemen, zoals agendabeheer en correspondentie",
			"beperkte bevoegdheid, voornamelijk uitvoerend en adviserend",
			`href="/roles/compare"`)
		// The values stay in the form.
		if !strings.Contains(inputOf(res.Body, "hours.ma.agenda_mail"), `value="8"`) {
			t.Errorf("hours lost: %s", inputOf(res.Body, "hours.ma.agenda_mail"))
		}
		// The shareable link gives the same advice with a GET.
		m := regexp.MustCompile(`href="([^"]*)" id="advice-link"`).FindStringSubmatch(res.Body)
		if m == nil {
			t.Fatal("no link to the advice")
		}
		link := html.UnescapeString(m[1])
		if !strings.HasPrefix(link, "/roles/advisor?") || !strings.Contains(link, "headcount=15") {
			t.Fatalf("link %q", link)
		}
		shared := f.get(t, "", link)
		wantStatus(t, shared, http.StatusOK)
		wantContains(t, shared, "Een Office Manager die ook één leidinggevende ondersteunt", `id="advice-fte">0,78<`)
	})
}

func TestAdvisorSpeaksTheVisitorsLanguage(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := advisorFixture(t, d)
		// A logged-in person who prefers English.
		if _, err := f.org.UpdateProfile(context.Background(), f.admin, "", "en"); err != nil {
			t.Fatal(err)
		}
		token := f.login(t, "ada@example.nl")
		form := url.Values{"headcount": {"400"}, "principals": {"6"}, "budget": {"12000"},
			"hours.om.office_processes": {"20"}, "hours.om.team": {"10"}, "hours.om.cost_control": {"10"},
			"hours.ma.agenda_mail": {"40"}, "hours.ma.meetings": {"30"}, "hours.ma.communication": {"20"}, "hours.ma.support": {"10"}}
		res := f.post(t, token, "/roles/advisor", form)
		wantStatus(t, res, http.StatusOK)
		checkPage(t, f.srv.I18n, "advice en", "en", res.Body)
		wantContains(t, res, "An Office Manager plus 3 Management Assistants.", `id="advice-fte">3.89<`,
			"€13,275 – €15,927", "focus purely on a manager or team",
			"Does not fit the budget", "Variant within the budget", "An Office Manager plus 2 Management Assistants.",
			"Preparing meetings and taking minutes", "no longer fit the budget")
		// A visitor without an account picks English with ?lang=en, and the
		// form and the shared link keep it.
		res = f.post(t, "", "/roles/advisor?lang=en", smallOrganizationForm())
		wantStatus(t, res, http.StatusOK)
		checkPage(t, f.srv.I18n, "advice en anonymous", "en", res.Body)
		wantContains(t, res, "An Office Manager who also supports one manager", `action="/roles/advisor?lang=en"`, "lang=en")
	})
}

func TestAdvisorShowsAMessageAtEachImpossibleField(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := advisorFixture(t, d)
		form := url.Values{"headcount": {"3"}, "principals": {"5"}, "budget": {"-10"}, "employer_cost_factor": {"9"},
			"hours_per_fte": {"36"}, "hours.om.team": {"-4"}, "hours.ma.meetings": {"200"}}
		res := f.post(t, "", "/roles/advisor", form)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		checkPage(t, f.srv.I18n, "advisor errors", "nl", res.Body)
		want := map[string]string{
			"principals":           "meer leidinggevenden dan mensen in de organisatie",
			"hours.om.team":        "mag niet negatief zijn",
			"hours.ma.meetings":    "kan niet meer dan 168 uur per week zijn",
			"budget":               "mag niet negatief zijn",
			"employer_cost_factor": "moet tussen 1 en 3 liggen",
		}
		for id, msg := range want {
			if got := fieldError(res.Body, id); got != msg {
				t.Errorf("%s: message %q, want %q", id, got, msg)
			}
			if in := inputOf(res.Body, id); !strings.Contains(in, `aria-invalid="true"`) || !strings.Contains(in, id+"-error") {
				t.Errorf("%s: input not marked invalid: %s", id, in)
			}
		}
		if got := fieldError(res.Body, "headcount"); got != "" {
			t.Errorf("headcount is fine, yet %q", got)
		}
		if !strings.Contains(inputOf(res.Body, "principals"), `value="5"`) {
			t.Errorf("value lost: %s", inputOf(res.Body, "principals"))
		}
		wantNotContains(t, res, `id="advice"`)

		// Nothing chosen, nothing counted, text that is no number.
		res = f.post(t, "", "/roles/advisor", url.Values{"headcount": {"veel"}, "hours_per_fte": {"NaN"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		for id, msg := range map[string]string{"headcount": "vul een geheel getal in", "hours_per_fte": "vul een getal in"} {
			if got := fieldError(res.Body, id); got != msg {
				t.Errorf("%s: message %q, want %q", id, got, msg)
			}
		}
		wantContains(t, res, `<p class="field-error" id="hours-error">kies minstens één taakgebied`)
		if got := fieldError(res.Body, "principals"); got != "" {
			t.Errorf("principals: %q follows from an unreadable headcount", got)
		}
		// The same through a shared link.
		res = f.get(t, "", "/roles/advisor?headcount=2&principals=3&hours.om.team=4")
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if got := fieldError(res.Body, "principals"); got != "meer leidinggevenden dan mensen in de organisatie" {
			t.Errorf("GET: principals message %q", got)
		}
	})
}

func TestAdvisorTextsExistInBothLanguages(t *testing.T) {
	f := advisorFixture(t, testutil.NewSQLite(t))
	for _, lang := range []string{"nl", "en"} {
		p := f.srv.I18n.Printer(lang, nil)
		for code := range advisor.ReasonCodes {
			if !p.Has("advisor.reason." + code) {
				t.Errorf("%s: no text for reason %s", lang, code)
			}
		}
		if !p.Has("advisor.uncovered." + advisor.UncoveredOverBudget) {
			t.Errorf("%s: no text for uncovered areas", lang)
		}
		for _, msg := range []string{advisor.MsgHeadcount, advisor.MsgNegative, advisor.MsgMorePrincipals, advisor.MsgTooManyHours,
			advisor.MsgUnknownArea, advisor.MsgNotANumber, advisor.MsgNoArea, advisor.MsgFactorRange, advisor.MsgHoursPerFTERange} {
			if !p.Has("advisor.msg." + msg) {
				t.Errorf("%s: message %q untranslated", lang, msg)
			}
		}
		for _, setup := range advisor.Setups() {
			if pl := (advisor.Plan{Setup: setup, Assistants: 2, SupportedPrincipals: 2}); strings.HasPrefix(setupText(p, pl), "advisor.") {
				t.Errorf("%s: no text for set-up %s", lang, setup)
			}
		}
	}
}
