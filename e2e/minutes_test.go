package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Lotte records the minutes of the partners' review (held, draft minutes
// in the demo) with a new action item for Hendrik van Dijk, approves them,
// and finds the item among Hendrik's action items, linked to the minutes.
func TestAssistantRecordsAndApprovesMinutes(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	login(t, ctx, s.URL, "assistant@demo.example")

	do(t, ctx, chromedp.Navigate(s.URL+"/meetings"), chromedp.WaitVisible("#h-past"))
	href := eval[string](t, ctx, `(() => { const a = [...document.querySelectorAll('a')].find(a => a.textContent.trim() === 'Kwartaalbespreking partners' && a.closest('section') && a.closest('section').querySelector('#h-past')); return a ? a.getAttribute('href') : '' })()`)
	if href == "" {
		t.Fatal("the held partners' review is not among the past meetings")
	}
	do(t, ctx, chromedp.Navigate(s.URL+href+"/minutes"), chromedp.WaitVisible("#h-write"))
	due := time.Now().AddDate(0, 0, 14).Format("2006-01-02")
	ok := eval[bool](t, ctx, `(() => {
		const row = [...document.querySelectorAll('table.minutes-actions tbody tr')].find(r => r.querySelector('[name=action_title]').value === '');
		if (!row) return false;
		row.querySelector('[name=action_title]').value = 'Strategienotitie 2027 rondsturen';
		const owner = row.querySelector('[name=action_owner]');
		owner.value = [...owner.options].find(o => o.text.startsWith('Hendrik van Dijk')).value;
		row.querySelector('[name=action_due]').value = '`+due+`';
		document.getElementById('decisions').value = 'Strategiesessie in januari';
		return true;
	})()`)
	if !ok {
		t.Fatal("no empty action item row in the minutes form")
	}
	submit(t, ctx, `form[action$="/minutes"] button[type=submit]`)
	if main := text(t, ctx, "main"); !strings.Contains(main, "De notulen zijn opgeslagen.") || !strings.Contains(main, "Versie 2") {
		t.Fatalf("after saving:\n%s", main)
	}
	screenshot(t, ctx, "minutes-draft")

	submit(t, ctx, `form[action$="/minutes/approve"] button[type=submit]`)
	main := text(t, ctx, "main")
	for _, want := range []string{"De notulen zijn goedgekeurd", "Deze notulen zijn definitief", "Strategienotitie 2027 rondsturen", "Besluit: Strategiesessie in januari", "Verzonden aan"} {
		if !strings.Contains(main, want) {
			t.Errorf("approved minutes lack %q:\n%s", want, main)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('form[action$="/minutes"] textarea').length`); n != 0 {
		t.Errorf("approved minutes still offer %d text fields", n)
	}
	screenshot(t, ctx, "minutes-approved")

	// Hendrik's action items, as Lotte chooses them on /actions.
	do(t, ctx, chromedp.Navigate(s.URL+"/actions"), chromedp.WaitVisible("#for"))
	eval[bool](t, ctx, `(() => { const s = document.getElementById('for'); s.value = [...s.options].find(o => o.text === 'Hendrik van Dijk').value; return true })()`)
	submit(t, ctx, `form[action="/actions"] button[type=submit]`)
	row := eval[string](t, ctx, `[...document.querySelectorAll('main table tbody tr')].map(r => r.innerText).find(t => t.includes('Strategienotitie 2027 rondsturen')) || ''`)
	if !strings.Contains(row, "Hendrik van Dijk") || !strings.Contains(row, "Kwartaalbespreking partners") || !strings.Contains(row, "Afronden") {
		t.Fatalf("Hendrik's list lacks the item:\n%s", text(t, ctx, "main"))
	}
	link := eval[string](t, ctx, `[...document.querySelectorAll('main table tbody tr')].find(r => r.innerText.includes('Strategienotitie 2027 rondsturen')).querySelector('a').getAttribute('href')`)
	if link != href+"/minutes" {
		t.Errorf("the item links to %q, want %q", link, href+"/minutes")
	}
	if !strings.Contains(text(t, ctx, "main"), "te laat") {
		t.Error("no overdue item is marked in Hendrik's list")
	}
	screenshot(t, ctx, "actions")

	// Her dashboard counts Hendrik's overdue items and leads to them.
	do(t, ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible("#h-actions"))
	card := eval[string](t, ctx, `document.getElementById('h-actions').closest('section').innerText`)
	if !strings.Contains(card, "Actiepunten") || !strings.Contains(card, "Hendrik van Dijk:") || !strings.Contains(card, "over tijd") {
		t.Fatalf("the action items card:\n%s", card)
	}
	screenshot(t, ctx, "dashboard-actions")
	do(t, ctx, chromedp.Click(`#h-actions ~ ul a[href^="/actions?for="]`), chromedp.WaitVisible("#for"))
	if !strings.Contains(text(t, ctx, "main"), "te laat") {
		t.Errorf("the card's link shows no overdue item:\n%s", text(t, ctx, "main"))
	}
	screenshot(t, ctx, "actions-card")
}
