package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/catalogedit"
	"spil/internal/db"
	"spil/internal/testutil"
)

// catalogEditFixture is a fixture whose server can adjust the role
// catalog: the service works on the server's own catalog book and role
// definitions, so a change shows on every page at once.
func catalogEditFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := newFixture(t, d)
	if f.srv.CatalogEdit == nil {
		base, err := catalog.Default()
		if err != nil {
			t.Fatal(err)
		}
		f.srv.Catalog = catalog.NewBook(base)
		f.srv.CatalogEdit = &catalogedit.Service{DB: d, Clock: f.clock, Base: base, Book: f.srv.Catalog, Roles: f.srv.Roles}
	}
	return f
}

// salaryForm is a salary range as the form sends it.
func salaryForm(min, average, max, asOf, source string) url.Values {
	return url.Values{"min": {min}, "average": {average}, "max": {max}, "as_of": {asOf}, "source": {source}}
}

// TestOfficeManagerAdjustsTheRoleCatalog walks the page as the Office
// Manager: a salary range of the organization's own that the comparison
// shows and that can be undone, a role of the organization's own based on
// the Management Assistant, and a deletion refused while someone holds
// that role.
func TestOfficeManagerAdjustsTheRoleCatalog(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := catalogEditFixture(t, d)
		ctx := context.Background()
		f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		erik := f.person(t, "Erik Exec", "erik@example.nl")
		f.person(t, "Eva Employee", "eva@example.nl")
		olga, eva := f.login(t, "olga@example.nl"), f.login(t, "eva@example.nl")

		// An employee may not open the page nor change anything.
		wantStatus(t, f.get(t, eva, "/roles/catalog"), http.StatusForbidden)
		wantStatus(t, f.post(t, eva, "/roles/catalog/management_assistant/salary",
			salaryForm("4000", "4200", "4500", "2026-03-01", "CAO 2026")), http.StatusForbidden)
		wantStatus(t, f.post(t, eva, "/roles/catalog", url.Values{"key": {"sneaky_role"}}), http.StatusForbidden)
		landing := f.get(t, eva, "/roles")
		wantNotContains(t, landing, `href="/roles/catalog"`)

		// The Office Manager finds the page from the roles' landing page.
		landing = f.get(t, olga, "/roles")
		wantContains(t, landing, `href="/roles/catalog"`, "Catalogus aanpassen")
		res := f.get(t, olga, "/roles/catalog")
		wantStatus(t, res, http.StatusOK)
		checkPage(t, f.srv.I18n, "catalog edit nl", "nl", res.Body)
		wantContains(t, res, `aria-current="page">Catalogus aanpassen`, `id="role-management_assistant"`,
			"Salaris uit de catalogus", "Gemiddeld € 3.889,00, van € 3.499,00 tot € 4.200,00 bruto per maand",
			"Uw organisatie heeft nog geen eigen rollen.")
		if strings.Index(res.Body, `id="role-management_assistant"`) > strings.Index(res.Body, `id="role-admin"`) {
			t.Error("the job roles do not come first")
		}

		// A range that does not hold together is refused at its fields,
		// with the input kept.
		res = f.post(t, olga, "/roles/catalog/management_assistant/salary", salaryForm("5000", "4000", "", "1-3-2026", ""))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		checkPage(t, f.srv.I18n, "salary errors", "nl", res.Body)
		wantContains(t, res, "De salarisschaal is niet opgeslagen.",
			`id="salary-management_assistant-average" name="average" value="4000" min="1" step="1" inputmode="numeric" aria-invalid="true" aria-describedby="salary-management_assistant-average-error"`,
			`<p class="field-error" id="salary-management_assistant-average-error">moet tussen het laagste en het hoogste bedrag liggen</p>`,
			`<p class="field-error" id="salary-management_assistant-max-error">is verplicht</p>`,
			`<p class="field-error" id="salary-management_assistant-as_of-error">vul de peildatum van de cijfers in als JJJJ-MM-DD</p>`,
			`<p class="field-error" id="salary-management_assistant-source-error">vermeld waar de cijfers vandaan komen</p>`,
			`value="5000"`, `value="1-3-2026"`)
		res = f.post(t, olga, "/roles/catalog/management_assistant/salary", salaryForm("5000", "4500", "4000", "2026-03-01", "CAO 2026"))
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="salary-management_assistant-average-error">moet tussen het laagste en het hoogste bedrag liggen`)
		wantStatus(t, f.post(t, olga, "/roles/catalog/no_such_role/salary", salaryForm("1", "2", "3", "2026-03-01", "x")), http.StatusNotFound)

		// A salary range of the organization's own, shown on the comparison.
		res = f.post(t, olga, "/roles/catalog/management_assistant/salary", salaryForm("4.000", "4200", "4500", "2026-03-01", "CAO 2026"))
		wantStatus(t, res, http.StatusSeeOther)
		if !strings.HasSuffix(res.Location, "#role-management_assistant") {
			t.Errorf("redirect to %q", res.Location)
		}
		res = f.follow(t, olga, res)
		wantContains(t, res, "De salarisschaal is opgeslagen.", "Eigen salarisschaal",
			"Gemiddeld € 4.200,00, van € 4.000,00 tot € 4.500,00 bruto per maand", "Peildatum 1 maart 2026 · bron: CAO 2026",
			"Aangepast op 10 maart 2026 door Olga Office", "Terug naar het salaris uit de catalogus")
		cmp := f.get(t, olga, "/roles/compare")
		wantContains(t, cmp, "€ 4.200,00 bruto per maand", "€ 4.000,00 – € 4.500,00 per maand", "CAO 2026")
		wantNotContains(t, cmp, "€ 3.889,00")

		// Back to the article's figures.
		res = f.post(t, olga, "/roles/catalog/management_assistant/salary/reset", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, olga, res), "Het salaris uit de catalogus geldt weer.")
		wantContains(t, f.get(t, olga, "/roles/compare"), "€ 3.889,00 bruto per maand", "€ 3.499,00 – € 4.200,00 per maand")
		wantStatus(t, f.post(t, olga, "/roles/catalog/management_assistant/salary/reset", nil), http.StatusNotFound)

		// A role of the organization's own: bad input first.
		res = f.post(t, olga, "/roles/catalog", url.Values{"key": {"Executive Assistant"}, "name_nl": {"Executive Assistant"},
			"summary_en": {""}, "based_on": {""}, "salary_min": {"9000"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		checkPage(t, f.srv.I18n, "add role errors", "nl", res.Body)
		wantContains(t, res, "De rol is niet toegevoegd.",
			`id="new-key-error">gebruik 3 tot 40 kleine letters, cijfers en liggende streepjes, beginnend met een letter`,
			`id="new-summary-error">is verplicht`, `id="new-based_on-error">kies de rol waarop deze rol voortbouwt`,
			`id="new-salary_max-error">is verplicht`, `value="Executive Assistant"`, `value="9000"`)

		add := url.Values{"key": {"executive_assistant"}, "name_nl": {"Executive Assistant"}, "name_en": {""},
			"summary_nl": {"Ondersteunt de directie op het hoogste niveau."}, "summary_en": {"Supports the board at the highest level."},
			"based_on": {authz.RoleManagementAssistant}, "scope_nl": {""}, "scope_en": {""}, "authority_nl": {""}, "authority_en": {""},
			"salary_min": {""}, "salary_average": {""}, "salary_max": {""}, "salary_as_of": {""}, "salary_source": {""}}
		res = f.post(t, olga, "/roles/catalog", add)
		wantStatus(t, res, http.StatusSeeOther)
		res = f.follow(t, olga, res)
		checkPage(t, f.srv.I18n, "catalog edit with own role", "nl", res.Body)
		wantContains(t, res, "De rol is toegevoegd.", `id="role-executive_assistant"`, "Executive Assistant <span class=\"badge\">Eigen rol</span>",
			"Ondersteunt de directie op het hoogste niveau.", "Voor deze rol is geen salaris bekend.", "Rol verwijderen",
			`data-confirm="De rol Executive Assistant verwijderen?"`)
		res = f.post(t, olga, "/roles/catalog", add)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="new-key-error">is al in gebruik`)

		// An administrator gives the role to Erik; it cannot be deleted now.
		if _, err := f.org.SetRoles(ctx, f.admin, erik, []string{"executive_assistant"}); err != nil {
			t.Fatal(err)
		}
		res = f.post(t, olga, "/roles/catalog/executive_assistant/delete", nil)
		wantStatus(t, res, http.StatusConflict)
		checkPage(t, f.srv.I18n, "delete refused", "nl", res.Body)
		wantContains(t, res, `<p class="alert" role="alert">De rol Executive Assistant kan niet worden verwijderd, want deze is toegekend aan Erik Exec. Neem de rol eerst bij hen weg.</p>`)
		wantStatus(t, f.post(t, olga, "/roles/catalog/management_assistant/delete", nil), http.StatusConflict)

		// Taken away again, the role can go.
		if _, err := f.org.SetRoles(ctx, f.admin, erik, []string{authz.RoleEmployee}); err != nil {
			t.Fatal(err)
		}
		res = f.post(t, olga, "/roles/catalog/executive_assistant/delete", nil)
		wantStatus(t, res, http.StatusSeeOther)
		res = f.follow(t, olga, res)
		wantContains(t, res, "De rol is verwijderd.", "Uw organisatie heeft nog geen eigen rollen.")
		wantNotContains(t, res, `id="role-executive_assistant"`)
		wantStatus(t, f.post(t, olga, "/roles/catalog/executive_assistant/delete", nil), http.StatusNotFound)
	})
}

// TestCatalogEditPageInEnglish renders the page, its errors and a refusal
// in English.
func TestCatalogEditPageInEnglish(t *testing.T) {
	f := catalogEditFixture(t, testutil.NewSQLite(t))
	ctx := context.Background()
	if _, err := f.org.UpdateProfile(ctx, f.admin, "", "en"); err != nil {
		t.Fatal(err)
	}
	ada := f.login(t, "ada@example.nl")
	res := f.post(t, ada, "/roles/catalog", url.Values{"key": {"facility_manager"}, "name_en": {"Facility Manager"},
		"summary_en": {"Looks after the building and the facilities."}, "based_on": {authz.RoleOfficeManager},
		"salary_min": {"3200"}, "salary_average": {"3500"}, "salary_max": {"3900"}, "salary_as_of": {"2026-01-01"}, "salary_source": {"Own salary survey"}})
	wantStatus(t, res, http.StatusSeeOther)
	res = f.follow(t, ada, res)
	wantStatus(t, res, http.StatusOK)
	checkPage(t, f.srv.I18n, "catalog edit en", "en", res.Body)
	wantContains(t, res, "The role was added.", "Facility Manager <span class=\"badge\">Own role</span>", "Own salary range",
		"€3,500.00 on average, from €3,200.00 to €3,900.00 gross per month", "As of 1 January 2026 · source: Own salary survey",
		"This role&#39;s permissions", "Add and change departments")
	wantNotContains(t, res, "Undo the salary change")
	res = f.post(t, ada, "/roles/catalog/facility_manager/salary", salaryForm("3300", "3600", "4000", "2026-02-01", "CAO 2026"))
	wantStatus(t, res, http.StatusSeeOther)
	wantContains(t, f.follow(t, ada, res), "€3,600.00 on average", "Undo the salary change")
	res = f.post(t, ada, "/roles/catalog/facility_manager/salary", salaryForm("abc", "3500", "200000", "2026-01-01", "x"))
	wantStatus(t, res, http.StatusUnprocessableEntity)
	checkPage(t, f.srv.I18n, "salary errors en", "en", res.Body)
	wantContains(t, res, `id="salary-facility_manager-min-error">enter an amount in whole euros`,
		`id="salary-facility_manager-max-error">enter a monthly amount below €100,000`)
	p := f.person(t, "Fred Facilities", "fred@example.nl")
	if _, err := f.org.SetRoles(ctx, f.admin, p, []string{"facility_manager"}); err != nil {
		t.Fatal(err)
	}
	res = f.post(t, ada, "/roles/catalog/facility_manager/delete", nil)
	wantStatus(t, res, http.StatusConflict)
	checkPage(t, f.srv.I18n, "delete refused en", "en", res.Body)
	wantContains(t, res, "The role Facility Manager cannot be deleted: it is held by Fred Facilities. Take the role from them first.")
}
