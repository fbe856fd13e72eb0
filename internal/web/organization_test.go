package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/testutil"
)

func TestDepartments(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ada := f.login(t, "ada@example.nl")
		res := f.get(t, ada, "/departments")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `<a href="/departments" aria-current="page">`, `href="/locations"`, "Er zijn nog geen afdelingen.")

		res = f.post(t, ada, "/departments", url.Values{"name": {"Juridische zaken"}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, ada, res), "De afdeling is toegevoegd.", "Juridische zaken")

		res = f.post(t, ada, "/departments", url.Values{"name": {"juridische ZAKEN"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="name-error">is al in gebruik</p>`, `value="juridische ZAKEN"`)

		deps, err := f.org.Departments(context.Background(), f.admin)
		if err != nil || len(deps) != 1 {
			t.Fatal(deps, err)
		}
		id := deps[0].ID
		if _, err := f.org.CreatePerson(context.Background(), f.admin, org.PersonInput{Name: "Jurist", Email: "jurist@example.nl", DepartmentID: id}); err != nil {
			t.Fatal(err)
		}
		res = f.get(t, ada, "/departments")
		wantContains(t, res, `<a href="/people?department=`+id+`" aria-label="1 persoon in Juridische zaken">1</a>`)

		// A rejected rename opens that row's form with the message.
		res = f.post(t, ada, "/departments/"+id, url.Values{"name": {""}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "<details open>", `id="name-`+id+`-error">is verplicht</p>`)
		res = f.post(t, ada, "/departments/"+id, url.Values{"name": {"Legal"}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, ada, res), "Legal")

		res = f.post(t, ada, "/departments/"+id+"/delete", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, ada, res), "De afdeling is verwijderd.", "Er zijn nog geen afdelingen.")
		wantStatus(t, f.post(t, ada, "/departments/"+id+"/delete", nil), http.StatusNotFound)

		// Everyone with people.read sees the list, without the forms.
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")
		res = f.get(t, eva, "/departments")
		wantStatus(t, res, http.StatusOK)
		wantNotContains(t, res, `action="/departments"`)
		wantStatus(t, f.post(t, eva, "/departments", url.Values{"name": {"X"}}), http.StatusForbidden)
	})
}

func TestLocations(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		olga := f.login(t, "olga@example.nl")
		res := f.get(t, olga, "/locations")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `<a href="/locations" aria-current="page">`, `name="latitude"`, `value="NL"`)

		// Every message at once: a bad postcode from the service, a coordinate
		// that is no number from the form.
		res = f.post(t, olga, "/locations", url.Values{"name": {"Hoofdkantoor"}, "postcode": {"12345"}, "latitude": {"noord"}, "longitude": {"4.9"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="latitude-error">is geen getal</p>`, `value="noord"`)
		res = f.post(t, olga, "/locations", url.Values{"name": {"Hoofdkantoor"}, "postcode": {"12345"}, "latitude": {"52,37403"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="postcode-error">schrijf als 1234 AB</p>`, `id="longitude-error">vul zowel breedte- als lengtegraad in, of geen van beide</p>`)

		res = f.post(t, olga, "/locations", url.Values{"name": {"Hoofdkantoor"}, "address": {"Herengracht 1"}, "postcode": {"1015ba"},
			"city": {"Amsterdam"}, "latitude": {"52,37403"}, "longitude": {"4.88969"}})
		wantStatus(t, res, http.StatusSeeOther)
		page := f.follow(t, olga, res)
		wantContains(t, page, "De locatie is toegevoegd.", "Herengracht 1", "1015 BA", "Amsterdam", "52.37403, 4.88969")

		locs, _ := f.org.Locations(context.Background(), f.admin)
		id := locs[0].ID
		res = f.get(t, olga, "/locations/"+id+"/edit")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `value="Hoofdkantoor"`, `value="52.37403"`, `action="/locations/`+id+`"`)
		res = f.post(t, olga, "/locations/"+id, url.Values{"name": {"Hoofdkantoor"}, "country": {"Nederland"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="country-error">gebruik een landcode van twee letters, zoals NL</p>`)
		res = f.post(t, olga, "/locations/"+id, url.Values{"name": {"HQ"}, "country": {"nl"}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, olga, res), "De locatie is opgeslagen.", "HQ")
		res = f.post(t, olga, "/locations/"+id+"/delete", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, olga, res), "De locatie is verwijderd.")
	})
}

func TestAdminPages(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		ada := f.login(t, "ada@example.nl")
		res := f.get(t, ada, "/admin/organization")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `value="Kantoor Test"`, `value="Europe/Amsterdam"`, `href="/admin/roles"`)

		res = f.post(t, ada, "/admin/organization", url.Values{"name": {""}, "language": {"nl"}, "time_zone": {"Mars/Olympus"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="name-error">is verplicht</p>`, `id="time_zone-error">is geen bekende tijdzone</p>`, `value="Mars/Olympus"`)

		res = f.post(t, ada, "/admin/organization", url.Values{"name": {"Kantoor Nieuw"}, "language": {"en"}, "time_zone": {"Europe/Brussels"}})
		wantStatus(t, res, http.StatusSeeOther)
		// Ada has no language of her own, so the organization's applies at once.
		wantContains(t, f.follow(t, ada, res), "The organization&#39;s settings have been saved.", `value="Kantoor Nieuw"`)

		res = f.get(t, ada, "/admin/roles")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Management Assistant", "1 active person holds this role", `href="/people?role=management_assistant"`,
			"Set mandates for any principal", "<code class=\"muted\">mandates.manage_any</code>")
	})
}
