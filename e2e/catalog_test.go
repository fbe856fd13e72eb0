package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestRoleComparisonWithoutLogin: a visitor without an account opens the
// comparison, sees the two roles side by side with each task leading to its
// spil module, and switches the page to English.
func TestRoleComparisonWithoutLogin(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	do(t, ctx, chromedp.Navigate(s.URL+"/roles/compare"), chromedp.WaitVisible(chromedp.ID("compare-roles")))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/roles/compare") {
		t.Fatalf("the comparison sent a visitor to %s", loc)
	}
	columns := func() []string {
		t.Helper()
		cols, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("#compare-roles thead th")].slice(1).map(th => th.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		return cols
	}
	if got := strings.Join(columns(), " | "); got != "Office Manager | Managementassistent" {
		t.Fatalf("role columns %q", got)
	}
	// HR support (onboarding) is a link to the import of people, a planned
	// module is named with its badge, a task without module says so.
	link := `#compare-roles li[data-task="om.hr_support"] a[href="/people/import"]`
	if got := text(t, ctx, link); got != "Onboarding" {
		t.Fatalf("HR support links %q", got)
	}
	if got := text(t, ctx, `#compare-roles li[data-task="ma.email"]`); !strings.Contains(got, "Mail en correspondentie") || !strings.Contains(got, "nog niet beschikbaar in spil") {
		t.Errorf("e-mail management reads %q", got)
	}
	if got := text(t, ctx, `#compare-roles li[data-task="ma.agenda"] a[href="/agenda"]`); got != "Agenda" {
		t.Errorf("agenda management links %q", got)
	}
	if got := text(t, ctx, `#compare-roles li[data-task="om.scalable_processes"]`); !strings.Contains(got, "niet ondersteund") {
		t.Errorf("scalable processes read %q", got)
	}
	if got := text(t, ctx, "#compare-salary tbody tr td"); !strings.Contains(got, "€ 3.513,00") {
		t.Errorf("Office Manager salary %q", got)
	}
	screenshot(t, ctx, "roles-compare-nl")

	// Following the task's link asks the visitor to log in first.
	submit(t, ctx, link)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/login") {
		t.Errorf("the onboarding link led a visitor to %s", loc)
	}
	do(t, ctx, chromedp.Navigate(s.URL+"/roles/compare"), chromedp.WaitVisible(chromedp.ID("compare-roles")))

	// Switch to English.
	submit(t, ctx, `a[hreflang="en"]`)
	if lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "en" {
		t.Fatalf("after switching, language %q", lang)
	}
	if got := strings.Join(columns(), " | "); got != "Office Manager | Management Assistant" {
		t.Fatalf("role columns in English %q", got)
	}
	if got := text(t, ctx, `#compare-roles li[data-task="om.hr_support"]`); !strings.Contains(got, "HR support") {
		t.Errorf("HR support in English reads %q", got)
	}
	if got := text(t, ctx, "h1"); got != "The roles compared" {
		t.Errorf("title %q", got)
	}
	// The sub-navigation keeps the language.
	submit(t, ctx, `nav.subnav a[href="/roles?lang=en"]`)
	if got := text(t, ctx, "h1"); got != "Roles" {
		t.Errorf("overview in English reads %q", got)
	}
	screenshot(t, ctx, "roles-overview-en")
}
