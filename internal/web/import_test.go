package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/testutil"
)

func TestImportReportsBadLine(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ada := f.login(t, "ada@example.nl")
		form := f.get(t, ada, "/people/import")
		wantStatus(t, form, http.StatusOK)
		wantContains(t, form, `enctype="multipart/form-data"`, `name="valid_only"`, `href="/people/import/example.csv"`, "<code>leidinggevende</code>", "<code>manager_email</code>")

		csv := "naam;e-mail;afdeling\nAnna Goed;anna@example.nl;Verkoop\nBert Fout;geen-adres;Verkoop\n"
		res := f.upload(t, ada, "/people/import", "file", "mensen.csv", []byte(csv), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "Er is niets geïmporteerd.", "Het bestand bevat 1 probleem.",
			"<td>3</td><td>e-mail</td><td>is geen geldig e-mailadres</td>")
		if _, n, _ := f.org.ListPeople(context.Background(), f.admin, org.PeopleFilter{Query: "anna"}); n != 0 {
			t.Errorf("%d people imported from a file with errors", n)
		}

		// Valid rows only: Anna comes in, Bert is reported.
		res = f.upload(t, ada, "/people/import", "file", "mensen.csv", []byte(csv), url.Values{"valid_only": {"1"}})
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "1 persoon is geïmporteerd.", "1 probleem is overgeslagen", "Anna Goed", "Nieuwe afdelingen:", "Verkoop",
			"<td>3</td>")
		wantNotContains(t, res, "Er is niets geïmporteerd.")
	})
}

func TestImportFileProblems(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ada := f.login(t, "ada@example.nl")
		// No file at all.
		res := f.upload(t, ada, "/people/import", "", "", nil, url.Values{"valid_only": {"1"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="file-error">kies een CSV-bestand</p>`, `aria-invalid="true"`)
		// Not UTF-8.
		res = f.upload(t, ada, "/people/import", "file", "x.csv", []byte("naam;e-mail\nJos\xe9;j@example.nl\n"), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "het bestand is geen UTF-8-tekst")
		// A header without the required columns names them.
		res = f.upload(t, ada, "/people/import", "file", "x.csv", []byte("voornaam,achternaam\nJos,Jansen\n"), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "Er is niets geïmporteerd.", "verplichte kolom(men) ontbreken: name, email")
		// Too big.
		big := strings.Repeat("x", 5<<20+10)
		res = f.upload(t, ada, "/people/import", "file", "x.csv", []byte(big), nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, "het bestand is groter dan 5 MB")
	})
}

func TestImportExampleImports(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ada := f.login(t, "ada@example.nl")
		for _, lang := range []string{"nl", "en"} {
			if _, err := f.org.UpdateProfile(context.Background(), f.admin, "", lang); err != nil {
				t.Fatal(err)
			}
			res := f.get(t, ada, "/people/import/example.csv")
			wantStatus(t, res, http.StatusOK)
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
				t.Errorf("%s: content type %q", lang, ct)
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
				t.Errorf("%s: disposition %q", lang, cd)
			}
			if lang == "nl" && !strings.Contains(res.Body, "naam;e-mail;") {
				t.Errorf("Dutch example:\n%s", res.Body)
			}
			if lang == "en" && !strings.Contains(res.Body, "name,email,") {
				t.Errorf("English example:\n%s", res.Body)
			}
		}
		// The example is a file spil accepts as it is.
		res := f.get(t, ada, "/people/import/example.csv")
		body := strings.NewReplacer("example.nl", "voorbeeld.nl").Replace(res.Body)
		res = f.upload(t, ada, "/people/import", "file", "example.csv", []byte(body), nil)
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "3 people have been imported.")
	})
}
