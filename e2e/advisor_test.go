package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// field selects the advisor's input by name (the hours inputs have dots in
// their ids, which "#…" would read as classes).
func field(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }

func TestStaffingAdvisor(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)() // a visitor without an account
	do(t, ctx, chromedp.Navigate(s.URL+"/roles/advisor"), chromedp.WaitVisible(chromedp.ID("headcount")))

	// The article's small organization: the Office Manager takes over agenda
	// and correspondence for the one principal.
	do(t, ctx,
		chromedp.SendKeys(field("headcount"), "15"),
		chromedp.SendKeys(field("principals"), "1"),
		chromedp.SendKeys(field("hours.om.office_processes"), "12"),
		chromedp.SendKeys(field("hours.om.team"), "4"),
		chromedp.SendKeys(field("hours.om.cost_control"), "4"),
		chromedp.SendKeys(field("hours.ma.agenda_mail"), "8"),
	)
	submit(t, ctx, `form[action^="/roles/advisor"] button[type=submit]`)
	if got := text(t, ctx, "#advice-setup"); !strings.Contains(got, "Office Manager die ook één leidinggevende ondersteunt") {
		t.Fatalf("set-up %q, want the Office Manager who also supports one principal", got)
	}
	if got := text(t, ctx, "#advice-fte"); got != "0,78" {
		t.Errorf("FTE %q, want 0,78", got)
	}
	if got := text(t, ctx, "#advice-reasons"); !strings.Contains(got, "agendabeheer en correspondentie") {
		t.Errorf("reasons do not give the article's rule: %s", got)
	}
	screenshot(t, ctx, "advisor-small-organization")

	// More principals than people: the message stands at that field, and
	// what was typed stays.
	do(t, ctx, chromedp.Clear(field("principals")), chromedp.SendKeys(field("principals"), "20"))
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action^="/roles/advisor"] button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 422 {
		t.Errorf("status %d, want 422", res.Status)
	}
	if got := text(t, ctx, `[id="principals-error"]`); got != "meer leidinggevenden dan mensen in de organisatie" {
		t.Errorf("principals message %q", got)
	}
	if got, _ := chromedp.Run(ctx, chromedp.AttributeValue(field("principals"), "aria-invalid")); got.Value != "true" {
		t.Errorf("principals field not marked invalid: %+v", got)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Value(field("hours.ma.agenda_mail"))); got != "8" {
		t.Errorf("hours lost after a refused form: %q", got)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#advice").length`)); n != 0 {
		t.Error("an advice is shown for impossible input")
	}
	screenshot(t, ctx, "advisor-impossible")
}
