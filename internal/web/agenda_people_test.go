package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"spil/internal/agenda"
	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/db"
	"spil/internal/org"
	"spil/internal/testutil"
)

// crowd adds n active colleagues whose names sort before everyone else's,
// and Zora, who sorts after them all: beyond the first 500 of the directory.
func (f *agendaFixture) crowd(t *testing.T, n int) (zora string) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		if _, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: fmt.Sprintf("Aart %04d", i), Email: fmt.Sprintf("aart%04d@example.nl", i)}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := f.org.CreatePerson(ctx, f.admin, org.PersonInput{Name: "Zora Zoeklicht", Email: "z.licht@example.nl", JobTitle: "Notulist"})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// options are the values of the options in the select with id, and those
// selected.
func options(t *testing.T, body, id string) (all, selected []string) {
	t.Helper()
	i := strings.Index(body, `<select id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no select %s in:\n%s", id, excerpt(body))
	}
	sel := body[i : i+strings.Index(body[i:], "</select>")]
	for _, part := range strings.Split(sel, "<option ")[1:] {
		v := regexpFind(t, part, `value="([^"]*)"`)
		all = append(all, v)
		if strings.Contains(part, " selected>") {
			selected = append(selected, v)
		}
	}
	return all, selected
}

// A colleague far down a large directory is found by name, e-mail or job
// title and chosen as an attendee; the search keeps what was typed and
// chosen, saves nothing, and a refused form keeps the choice too.
func TestAgendaFormFindsColleaguesInALargeDirectory(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		zora := f.crowd(t, 510)
		tom, err := f.org.CreatePerson(t.Context(), f.admin, org.PersonInput{Name: "Tom Teamlid", Email: "tom@example.nl", ManagerID: f.pia})
		if err != nil {
			t.Fatal(err)
		}

		// The form offers a short list: Pia, her team; not the directory.
		res := f.get(t, f.piaTok, "/agenda/new?date=2026-03-12")
		wantStatus(t, res, http.StatusOK)
		all, _ := options(t, res.Body, "attendees")
		if len(all) > 30 || !slices.Contains(all, f.pia) || !slices.Contains(all, tom.ID) || slices.Contains(all, zora) {
			t.Errorf("the form offers %d people (Pia %v, her report %v, Zora %v)", len(all), slices.Contains(all, f.pia), slices.Contains(all, tom.ID), slices.Contains(all, zora))
		}
		wantContains(t, res, `<label for="attendees-q">Collega zoeken</label>`, `name="colleague_search"`)
		checkPage(t, f.srv.I18n, "form with search", "nl", res.Body)

		for _, q := range []string{"zoeklicht", "Z.LICHT@example", "notulist"} {
			form := itemForm("Stuurgroep", "2026-03-12", "10:00", "11:00")
			form.Set("notes", "Jaarplan bespreken")
			form.Add("attendees", f.eva)
			form.Set("colleague_q", q)
			form.Set("colleague_search", "1")
			res = f.post(t, f.piaTok, "/agenda/items", form)
			wantStatus(t, res, http.StatusOK)
			all, sel := options(t, res.Body, "attendees")
			if !slices.Contains(all, zora) || !slices.Equal(sel, []string{f.eva}) {
				t.Errorf("search %q: options %d (Zora %v), selected %v", q, len(all), slices.Contains(all, zora), sel)
			}
			wantContains(t, res, "Zora Zoeklicht — Notulist", "1 collega gevonden en aan de lijst toegevoegd.",
				`value="Stuurgroep"`, "Jaarplan bespreken", `value="`+q+`"`)
			checkPage(t, f.srv.I18n, "search "+q, "nl", res.Body)
		}
		list, err := f.svc.List(t.Context(), f.actor(t, f.pia), f.pia, ams(2026, 3, 1, 0, 0), ams(2026, 4, 1, 0, 0))
		if err != nil || len(list) != 0 {
			t.Fatalf("a search stored %v, %v", list, err)
		}

		// Many matches: the first 25 join the list, and the page says so.
		form := itemForm("Stuurgroep", "2026-03-12", "10:00", "11:00")
		form.Set("colleague_q", "aart")
		form.Set("colleague_search", "1")
		res = f.post(t, f.piaTok, "/agenda/items", form)
		wantContains(t, res, "510 collega&#39;s gevonden; de eerste 25 staan in de lijst.")
		form.Set("colleague_q", "niemand-heet-zo")
		res = f.post(t, f.piaTok, "/agenda/items", form)
		wantContains(t, res, "Geen collega gevonden voor “niemand-heet-zo”.")

		// A refused form keeps the choice.
		bad := itemForm("", "2026-03-12", "10:00", "11:00")
		bad.Add("attendees", zora)
		bad.Add("attendees", f.eva)
		res = f.post(t, f.piaTok, "/agenda/items", bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if _, sel := options(t, res.Body, "attendees"); !slices.Equal(sel, []string{zora, f.eva}) {
			t.Errorf("after a 422 selected %v", sel)
		}
		wantContains(t, res, "Zora Zoeklicht")

		good := itemForm("Stuurgroep", "2026-03-12", "10:00", "11:00")
		good.Add("attendees", zora)
		res = f.post(t, f.piaTok, "/agenda/items", good)
		wantStatus(t, res, http.StatusSeeOther)
		list, _ = f.svc.List(t.Context(), f.actor(t, f.pia), f.pia, ams(2026, 3, 1, 0, 0), ams(2026, 4, 1, 0, 0))
		if len(list) != 1 || len(list[0].Attendees) != 1 || list[0].Attendees[0].PersonID != zora {
			t.Fatalf("stored %+v", list)
		}

		// Editing shows the chosen colleague; a search there saves nothing either.
		id := list[0].ID
		res = f.get(t, f.piaTok, "/agenda/items/"+id+"/edit")
		if _, sel := options(t, res.Body, "attendees"); !slices.Equal(sel, []string{zora}) {
			t.Errorf("edit form selects %v", sel)
		}
		edit := itemForm("Stuurgroep (gewijzigd)", "2026-03-12", "10:00", "11:00")
		edit.Add("attendees", zora)
		edit.Set("colleague_q", "Eva")
		edit.Set("colleague_search", "1")
		res = f.post(t, f.piaTok, "/agenda/items/"+id, edit)
		wantStatus(t, res, http.StatusOK)
		if all, sel := options(t, res.Body, "attendees"); !slices.Contains(all, f.eva) || !slices.Equal(sel, []string{zora}) {
			t.Errorf("edit search: Eva offered %v, selected %v", slices.Contains(all, f.eva), sel)
		}
		if ap := f.stored(t, f.pia, id); ap.Title != "Stuurgroep" {
			t.Errorf("an edit search saved %q", ap.Title)
		}

		// In English.
		if _, err := f.org.UpdateProfile(t.Context(), f.actor(t, f.pia), "", "en"); err != nil {
			t.Fatal(err)
		}
		res = f.post(t, f.piaTok, "/agenda/items", form)
		wantContains(t, res, "Find a colleague", "No colleague found for “niemand-heet-zo”.")
		checkPage(t, f.srv.I18n, "en search", "en", res.Body)
	})
}

// The slot finder finds colleagues the same way: the search shows the
// question again with the matches, and asks nothing until "find a time".
func TestAgendaSlotFinderFindsColleagues(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		zora := f.crowd(t, 505)
		v := url.Values{"p": {f.pia}, "duration": {"30"}, "from": {"2026-03-16"}, "to": {"2026-03-17"},
			"find": {"1"}, "colleague_q": {"notulist"}, "colleague_search": {"1"}}
		res := f.get(t, f.piaTok, "/agenda/slots?"+v.Encode())
		wantStatus(t, res, http.StatusOK)
		all, sel := options(t, res.Body, "people")
		if !slices.Contains(all, zora) || !slices.Equal(sel, []string{f.pia}) {
			t.Errorf("slot search: Zora offered %v, selected %v", slices.Contains(all, zora), sel)
		}
		wantContains(t, res, `<option value="30" selected>`, `value="2026-03-17"`, `value="notulist"`, `formaction="/agenda/slots#people-picker"`)
		wantNotContains(t, res, `id="results"`)
		checkPage(t, f.srv.I18n, "slot search", "nl", res.Body)

		v.Del("colleague_search")
		v.Add("p", zora)
		res = f.get(t, f.piaTok, "/agenda/slots?"+v.Encode())
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, `id="results"`, "Deze tijd boeken")
		if _, sel := options(t, res.Body, "people"); !slices.Equal(sel, []string{f.pia, zora}) {
			t.Errorf("slot finder selects %v", sel)
		}
	})
}

// withoutDirectory takes the right to see the staff directory away from
// employees.
func (f *agendaFixture) withoutDirectory(t *testing.T) {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Roles {
		if c.Roles[i].Key == authz.RoleEmployee {
			c.Roles[i].Permissions = slices.DeleteFunc(c.Roles[i].Permissions, func(p string) bool { return p == string(authz.PeopleRead) })
		}
	}
	if err := f.org.Roles.Replace(c); err != nil {
		t.Fatal(err)
	}
}

// An employee who may not see the directory gets no search, chooses from
// themselves, and keeps the colleagues an item already has, by name.
func TestAgendaFormWithoutDirectory(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		f.withoutDirectory(t)
		res := f.get(t, f.evaTok, "/agenda/new?date=2026-03-12")
		wantStatus(t, res, http.StatusOK)
		wantNotContains(t, res, `name="colleague_q"`)
		wantContains(t, res, "U kunt het personeelsoverzicht niet doorzoeken")
		if all, _ := options(t, res.Body, "attendees"); !slices.Equal(all, []string{f.eva}) {
			t.Errorf("offered %v, want Eva only", all)
		}
		checkPage(t, f.srv.I18n, "no directory", "nl", res.Body)

		// A search sent anyway finds nothing and saves nothing.
		form := itemForm("Overleg", "2026-03-12", "10:00", "11:00")
		form.Set("colleague_q", "Pia")
		form.Set("colleague_search", "1")
		res = f.post(t, f.evaTok, "/agenda/items", form)
		wantStatus(t, res, http.StatusOK)
		wantNotContains(t, res, "Pia Principaal")

		// An item of Eva's with Pia invited keeps Pia, by name.
		ap := f.add(t, f.eva, "Koffie", ams(2026, 3, 12, 10, 0), ams(2026, 3, 12, 10, 30), func(in *agenda.Input) {
			in.Attendees = append(in.Attendees, agenda.Attendee{PersonID: f.pia})
		})
		res = f.get(t, f.evaTok, "/agenda/items/"+ap.ID+"/edit")
		wantStatus(t, res, http.StatusOK)
		if _, sel := options(t, res.Body, "attendees"); !slices.Equal(sel, []string{f.pia}) {
			t.Errorf("edit selects %v", sel)
		}
		wantContains(t, res, "Pia Principaal")
	})
}
