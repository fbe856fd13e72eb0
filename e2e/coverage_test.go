package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The Office Manager of the demo firm opens the task coverage map: every
// partner's agenda is kept by one assistant — the head of corporate law's by
// the assistant with a partial mandate —, two partners have nobody for their
// e-mail, and the filter on problems leaves the covered tasks out. An
// employee may not open the map.
func TestOfficeManagerSeesTaskCoverage(t *testing.T) {
	s := startDemo(t)
	fresh := newBrowser(t)

	ctx := fresh()
	login(t, ctx, s.URL, "office@demo.example")
	do(t, ctx, chromedp.Navigate(s.URL+"/roles/coverage"), chromedp.WaitVisible(`[id="task-ma.agenda"]`))
	if got := text(t, ctx, "h1"); got != "Taakdekking" {
		t.Fatalf("h1 %q", got)
	}
	agenda := text(t, ctx, `[id="task-ma.agenda"]`)
	for _, want := range []string{"Agendabeheer", "Eén persoon", "Gedekt voor 5 van de 5 principalen", "Maarten Visser: Fleur de Vries", "Hendrik van Dijk: Lotte Willems"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("agenda row lacks %q:\n%s", want, agenda)
		}
	}
	email := text(t, ctx, `[id="task-ma.email"]`)
	for _, want := range []string{"2 van de 5 principalen hebben niemand voor deze taak", "Marieke de Boer", "Joost Mulder"} {
		if !strings.Contains(email, want) {
			t.Errorf("e-mail row lacks %q:\n%s", want, email)
		}
	}
	if budget := text(t, ctx, `[id="task-om.budget"]`); !strings.Contains(budget, "Esther Koster") || !strings.Contains(budget, "Eén persoon") {
		t.Errorf("budget row:\n%s", budget)
	}
	if needs := text(t, ctx, "#h-needs + p + .stats"); !strings.Contains(needs, "rusten op één persoon") {
		t.Errorf("summary:\n%s", needs)
	}
	screenshot(t, ctx, "coverage-office")

	// Names lead to the person's record.
	do(t, ctx, chromedp.Click(`[id="task-om.budget"] a[href^="/people/"]`), chromedp.WaitVisible("h1"))
	if got := text(t, ctx, "h1"); !strings.Contains(got, "Esther Koster") {
		t.Errorf("the name led to %q", got)
	}

	// Only problems: with one Office Manager every task is one, so all stay;
	// the filter keeps its state in the address.
	do(t, ctx, chromedp.Navigate(s.URL+"/roles/coverage"), chromedp.WaitVisible(`input[name="problems"]`), chromedp.Click(`input[name="problems"]`))
	submit(t, ctx, `form[action="/roles/coverage"] button[type=submit]`)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/roles/coverage?problems=1") {
		t.Errorf("filter went to %s", loc)
	}
	if got := text(t, ctx, `[id="task-ma.external_communication"]`); !strings.Contains(got, "4 van de 5 principalen hebben niemand") {
		t.Errorf("external communication:\n%s", got)
	}

	emp := fresh()
	login(t, emp, s.URL, "employee@demo.example")
	do(t, emp, chromedp.Navigate(s.URL+"/roles/coverage"), chromedp.WaitVisible("h1"))
	if got := text(t, emp, "h1"); strings.Contains(got, "Taakdekking") {
		t.Errorf("an employee sees the coverage map: %q", got)
	}
}
