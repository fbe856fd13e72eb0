package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/mandate"
	"spil/internal/testutil"
)

func TestPrincipalGrantsMandate(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		f.person(t, "Eva Employee", "eva@example.nl")
		piaTok := f.login(t, "pia@example.nl")

		res := f.get(t, piaTok, "/mandates")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "U heeft nog niemand een mandaat gegeven.",
			`<input type="hidden" name="principal_id" value="`+pia+`">`,
			`<option value="`+mia+`">Mia Assistent</option>`,
			`name="scopes" value="agenda.see"`, "Agenda inzien", "De agenda inzien, zonder de inhoud van privé-afspraken.",
			`name="scopes" value="approvals.prepare"`, "Goedkeuringen: alleen voorbereiden.")
		wantNotContains(t, res, "Eva Employee", `name="principal_id" id=`, "Alle mandaten")

		// Without a scope the service's message shows at the scopes.
		res = f.post(t, piaTok, "/mandates", url.Values{"principal_id": {pia}, "assistant_id": {mia}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="scopes-error">kies ten minste één ding dat de assistent mag doen</p>`, `<option value="`+mia+`" selected>`)
		// Someone who is no assistant.
		res = f.post(t, piaTok, "/mandates", url.Values{"assistant_id": {f.adminID}, "scopes": {"agenda.see"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="assistant_id-error">kies een actieve persoon met de rol managementassistent</p>`,
			`name="scopes" value="agenda.see" aria-describedby="scope-agenda.see-hint" checked`)

		res = f.post(t, piaTok, "/mandates", url.Values{"principal_id": {pia}, "assistant_id": {mia}, "scopes": {"agenda.edit", "travel.book"}})
		wantStatus(t, res, http.StatusSeeOther)
		page := f.follow(t, piaTok, res)
		wantContains(t, page, "Het mandaat is opgeslagen.", "Mia Assistent", "Agenda bewerken", "Agenda inzien", "Reizen boeken")
		ms, err := f.man.List(context.Background(), f.admin, mandate.Filter{PrincipalID: pia})
		if err != nil || len(ms) != 1 {
			t.Fatal(ms, err)
		}
		m := ms[0]
		if !m.Scopes.Has(authz.AgendaSee) || !m.Scopes.Has(authz.TravelBook) {
			t.Errorf("scopes %v", m.Scopes)
		}

		// Changing it starts from the stored scopes.
		res = f.get(t, piaTok, "/mandates?principal="+pia+"&assistant="+mia)
		wantContains(t, res, "Mandaat wijzigen", `name="scopes" value="travel.book" aria-describedby="scope-travel.book-hint" checked`)
		wantContains(t, res, `data-confirm="Het mandaat van Mia Assistent intrekken? Het vervalt direct."`)

		// The assistant sees it read-only, and may give it back.
		miaTok := f.login(t, "mia@example.nl")
		res = f.get(t, miaTok, "/mandates")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Mandaten die ik heb gekregen", "Pia Principaal", "Reizen boeken", `action="/mandates/`+m.ID+`/revoke"`)
		wantNotContains(t, res, `action="/mandates" `, `name="scopes"`)
		// Not someone else's mandate for herself.
		wantStatus(t, f.post(t, miaTok, "/mandates", url.Values{"principal_id": {pia}, "assistant_id": {mia}, "scopes": {"mail.read"}}), http.StatusForbidden)

		// An employee sees nothing and may revoke nothing.
		eva := f.login(t, "eva@example.nl")
		res = f.get(t, eva, "/mandates")
		wantStatus(t, res, http.StatusOK)
		wantNotContains(t, res, "Pia Principaal", "<form")
		wantStatus(t, f.post(t, eva, "/mandates/"+m.ID+"/revoke", nil), http.StatusNotFound)

		res = f.post(t, miaTok, "/mandates/"+m.ID+"/revoke", nil)
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, miaTok, res), "U heeft het mandaat teruggegeven.", "U heeft nog van niemand een mandaat gekregen.")
	})
}

func TestAdministratorSetsMandateForAnyPrincipal(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		ada := f.login(t, "ada@example.nl")
		res := f.get(t, ada, "/mandates")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Alle mandaten", `<select id="principal_id" name="principal_id"`, `<option value="`+pia+`">Pia Principaal</option>`)
		wantNotContains(t, res, "Mandaten die ik heb gegeven")

		res = f.post(t, ada, "/mandates", url.Values{"assistant_id": {mia}, "scopes": {"mail.read"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="principal_id-error">kies een actieve persoon met de rol manager / directeur</p>`)

		res = f.post(t, ada, "/mandates", url.Values{"principal_id": {pia}, "assistant_id": {mia}, "scopes": {"mail.read"}})
		wantStatus(t, res, http.StatusSeeOther)
		page := f.follow(t, ada, res)
		wantContains(t, page, "Pia Principaal", "Mia Assistent", "Mail lezen")

		// The principal sees what the administrator did on her behalf.
		piaTok := f.login(t, "pia@example.nl")
		res = f.get(t, piaTok, "/audit?mine=1")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Ada Admin", "Mandaat gegeven: Pia Principaal → Mia Assistent")
		if !strings.Contains(res.Body, "<td>Pia Principaal</td>") {
			t.Errorf("on behalf of is not shown:\n%s", excerpt(res.Body))
		}
	})
}
