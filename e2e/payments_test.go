package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The Office Manager sees the budget over in catering, chooses an approved
// invoice on the payments page, makes a batch, downloads its SEPA file and
// marks the batch executed.
func TestOfficeManagerPaysABatch(t *testing.T) {
	s := startDemo(t)
	browser := newBrowser(t)
	esther := browser()
	login(t, esther, s.URL, "office@demo.example")

	do(t, esther, chromedp.Navigate(s.URL+"/budget"), chromedp.WaitVisible(chromedp.ID("budget-categories")))
	if got := text(t, esther, "main"); !strings.Contains(got, "Catering: jaarbudget overschreden") {
		t.Errorf("budget page without the catering warning:\n%s", got)
	}
	if n, _ := chromedp.Run(esther, chromedp.Evaluate[int](`document.querySelectorAll('main svg[role=img] rect').length`)); n < 24 {
		t.Errorf("budget charts have %d bars", n)
	}
	screenshot(t, esther, "budget")

	do(t, esther, chromedp.Navigate(s.URL+"/payments"), chromedp.WaitVisible(chromedp.ID("create-batch")))
	n, err := chromedp.Run(esther, chromedp.Evaluate[int](`document.querySelectorAll('input[name=invoice]').length`))
	if err != nil || n == 0 {
		t.Fatalf("no invoice to choose (%v):\n%s", err, text(t, esther, "main"))
	}
	do(t, esther, chromedp.Click(chromedp.CSS(`input[name=invoice]`)))
	screenshot(t, esther, "payments")
	submit(t, esther, "#create-batch")
	got := text(t, esther, "main")
	if !strings.Contains(got, "De betaalbatch is gemaakt") || !strings.Contains(got, "open") {
		t.Fatalf("after making the batch:\n%s", got)
	}
	href, err := chromedp.Run(esther, chromedp.Evaluate[string](`document.getElementById('download').href`))
	if err != nil || href == "" {
		t.Fatalf("no download link: %v", err)
	}
	file, err := chromedp.Run(esther, chromedp.Evaluate[string](`fetch('`+href+`').then(r => r.ok ? r.text() : 'HTTP ' + r.status)`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(file, "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09") || !strings.Contains(file, "<Nm>Van Dijk + De Boer Advocaten</Nm>") {
		t.Fatalf("downloaded file (%v):\n%.600s", err, file)
	}
	do(t, esther, chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("execute")))
	if got := text(t, esther, "#batch-status"); got != "gedownload" {
		t.Errorf("status after download %q", got)
	}
	// Skip the confirmation dialog the page's script would show.
	if _, err := chromedp.Run(esther, chromedp.Evaluate[bool](`document.querySelectorAll('[data-confirm]').forEach(b => b.removeAttribute('data-confirm')) || true`)); err != nil {
		t.Fatal(err)
	}
	submit(t, esther, "#execute")
	if got := text(t, esther, "main"); !strings.Contains(got, "de facturen zijn betaald") {
		t.Fatalf("after executing:\n%s", got)
	}
	screenshot(t, esther, "payment-batch-executed")
}
