package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/testutil"
)

func TestProfileLanguageSwitchesAtOnce(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")
		res := f.get(t, eva, "/settings")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `<html lang="nl">`, "Persoonlijke API-tokens", `<option value="" selected>Standaard van de organisatie</option>`)

		res = f.post(t, eva, "/settings/profile", url.Values{"phone": {strings.Repeat("1", 60)}, "language": {"en"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="phone-error">is te lang</p>`, `<option value="en" selected>`)

		res = f.post(t, eva, "/settings/profile", url.Values{"phone": {"+31 6 1234 5678"}, "language": {"en"}})
		wantStatus(t, res, http.StatusSeeOther)
		page := f.follow(t, eva, res)
		wantContains(t, page, `<html lang="en">`, "Your profile has been saved.", "Personal API tokens", `value="&#43;31 6 1234 5678"`)
	})
}

func TestChangePasswordKeepsThisSession(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")
		other := f.login(t, "eva@example.nl")

		res := f.post(t, eva, "/settings/password", url.Values{"old_password": {"wrong password"}, "new_password": {"kort"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="old_password-error">dit is niet uw huidige wachtwoord</p>`, `id="new_password-error">gebruik minstens 10 tekens</p>`)

		res = f.post(t, eva, "/settings/password", url.Values{"old_password": {testPassword}, "new_password": {"a brand new passphrase"}})
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, f.follow(t, eva, res), "Uw wachtwoord is gewijzigd.")
		// The other session ended.
		res = f.get(t, other, "/settings")
		wantStatus(t, res, http.StatusFound)
		if !strings.HasPrefix(res.Location, "/login") {
			t.Errorf("other session goes to %q", res.Location)
		}
	})
}

var tokenRe = regexp.MustCompile(`<p class="token" id="new-token">(spil_[^<]+)</p>`)

func TestAPITokens(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")
		res := f.get(t, eva, "/settings")
		wantContains(t, res, "U heeft geen API-tokens.")

		res = f.post(t, eva, "/settings/tokens", url.Values{"name": {"  "}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="token_name-error">geef het token een naam</p>`, `aria-describedby="token_name-hint token_name-error" aria-invalid="true"`)

		res = f.post(t, eva, "/settings/tokens", url.Values{"name": {"Rapportage"}})
		wantStatus(t, res, http.StatusOK)
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q", cc)
		}
		m := tokenRe.FindStringSubmatch(res.Body)
		if m == nil {
			t.Fatalf("no token shown:\n%s", excerpt(res.Body))
		}
		wantContains(t, res, `data-copy="new-token"`, "Kopieer het token nu")
		a, err := f.id.TokenActor(context.Background(), m[1])
		if err != nil || a.Email != "eva@example.nl" {
			t.Fatalf("token works as %v, %v", a, err)
		}

		f.clock.Advance(time.Hour)
		res = f.get(t, eva, "/settings")
		wantContains(t, res, "Rapportage", m[1][:12]+"…", "Actief")
		wantNotContains(t, res, m[1])
		toks, _ := f.id.Tokens(context.Background(), f.actor(t, a.PersonID))
		res = f.post(t, eva, "/settings/tokens/"+toks[0].ID+"/revoke", nil)
		wantStatus(t, res, http.StatusSeeOther)
		if !strings.HasSuffix(res.Location, "?done=token_revoked#tokens") {
			t.Errorf("redirect to %q", res.Location)
		}
		wantContains(t, f.follow(t, eva, res), "Het API-token is ingetrokken.", "Ingetrokken ")
		if _, err := f.id.TokenActor(context.Background(), m[1]); err == nil {
			t.Error("the revoked token still works")
		}
		// Someone else's token is not found.
		f.person(t, "Ben", "ben@example.nl")
		wantStatus(t, f.post(t, f.login(t, "ben@example.nl"), "/settings/tokens/"+toks[0].ID+"/revoke", nil), http.StatusNotFound)
	})
}

func TestActivity(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		if _, err := f.org.CreateDepartment(ctx, f.admin, org.DepartmentInput{Name: "Inkoop"}); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(40 * 24 * time.Hour)
		if _, err := f.org.CreateLocation(ctx, f.admin, org.LocationInput{Name: "Utrecht"}); err != nil {
			t.Fatal(err)
		}
		ada := f.login(t, "ada@example.nl")
		res := f.get(t, ada, "/audit")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Afdeling Inkoop aangemaakt", "Locatie Utrecht aangemaakt", "<summary>Wijziging tonen</summary>", "&#34;name&#34;: &#34;Utrecht&#34;")
		res = f.get(t, ada, "/audit?days=30")
		wantContains(t, res, "Locatie Utrecht aangemaakt", `<option value="30" selected>`)
		wantNotContains(t, res, "Afdeling Inkoop aangemaakt")
		res = f.get(t, ada, "/audit?type=department")
		wantContains(t, res, "Afdeling Inkoop aangemaakt")
		wantNotContains(t, res, "Locatie Utrecht aangemaakt")
		res = f.get(t, ada, "/audit?mine=1")
		wantContains(t, res, "Niets voldoet aan dit filter.")

		// An employee sees only their own actions.
		f.person(t, "Eva Employee", "eva@example.nl")
		eva := f.login(t, "eva@example.nl")
		f.post(t, eva, "/settings/profile", url.Values{"phone": {"0612345678"}})
		res = f.get(t, eva, "/audit")
		wantContains(t, res, "Eigen profiel gewijzigd (Eva Employee)", "Wat u heeft gedaan")
		wantNotContains(t, res, "Inkoop", "Utrecht")
	})
}
