package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// quietSunday is a Sunday about ten weeks ahead, in Amsterdam: far enough
// that the demo agendas leave it empty.
func quietSunday() time.Time {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	d := time.Now().In(loc).AddDate(0, 0, 70)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// setValue fills an input whatever its type (date and time inputs do not
// take typed keys the same way in every locale).
func setValue(t *testing.T, ctx context.Context, css, value string) {
	t.Helper()
	do(t, ctx, chromedp.SetValue(chromedp.CSS(css), value))
}

// The managing partner adds an appointment through the form, then moves it
// a quarter of an hour later and a day earlier with the keyboard alone: the
// view redraws in place, keeps the focus on the button and says where the
// item went.
func TestAgendaCreateAndMoveByKeyboard(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	login(t, ctx, s.URL, "director@demo.example")
	day := quietSunday()
	iso := day.Format("2006-01-02")

	do(t, ctx, chromedp.Navigate(s.URL+"/agenda/new?date="+iso), chromedp.WaitVisible("#title"))
	if got := text(t, ctx, "h1"); got != "Nieuwe afspraak" {
		t.Fatalf("h1 %q", got)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.ID("title"), "Voorbereiding jaarrekening"))
	setValue(t, ctx, "#start_time", "10:00")
	setValue(t, ctx, "#end_time", "11:00")
	do(t, ctx, chromedp.SetAttributeValue(chromedp.CSS(`#priority option[value="2"]`), "selected", "selected"))
	// A colleague outside the short list is found by job title; the form
	// comes back with what was typed and the match added to the choices.
	do(t, ctx, chromedp.SendKeys(chromedp.ID("attendees-q"), "archief"))
	submit(t, ctx, "#attendees-find")
	if got := text(t, ctx, "#attendees-status"); got != "1 collega gevonden en aan de lijst toegevoegd." {
		t.Errorf("search status %q", got)
	}
	if got := eval[string](t, ctx, `document.getElementById('title').value`); got != "Voorbereiding jaarrekening" {
		t.Errorf("after the search the title is %q", got)
	}
	eval[bool](t, ctx, `(() => {
		const o = Array.from(document.querySelectorAll('#attendees option')).find(o => o.textContent.startsWith('Ria van Leeuwen'));
		o.selected = true;
		return true;
	})()`)
	submit(t, ctx, "#save-item")
	if got := text(t, ctx, "main"); !strings.Contains(got, "De afspraak is opgeslagen.") || !strings.Contains(got, "Voorbereiding jaarrekening") {
		t.Fatalf("after saving:\n%s", got)
	}
	item := `article[aria-label^="Voorbereiding jaarrekening"]`
	if got := text(t, ctx, item+" .ev-time"); got != "10:00–11:00" {
		t.Fatalf("saved at %q", got)
	}
	if got := text(t, ctx, item+" .prio"); !strings.HasPrefix(got, "P2") {
		t.Errorf("priority badge %q", got)
	}
	screenshot(t, ctx, "agenda-week")

	// A quarter of an hour later, by keyboard.
	later := item + ` button[value="15"]`
	do(t, ctx, chromedp.Focus(later), chromedp.KeyEvent(kb.Enter))
	do(t, ctx, chromedp.WaitVisible(`#agenda-status:not(:empty)`))
	waitText(t, ctx, item+" .ev-time", "10:15–11:15")
	if got := text(t, ctx, "#agenda-status"); !strings.Contains(got, "Voorbereiding jaarrekening staat nu op zondag") {
		t.Errorf("status %q", got)
	}
	focused := eval[string](t, ctx, `document.activeElement ? document.activeElement.getAttribute("aria-label") : ""`)
	if !strings.Contains(focused, "een kwartier later") {
		t.Errorf("focus after the move is on %q", focused)
	}
	// A day earlier: Saturday.
	do(t, ctx, chromedp.Focus(item+` button[name="days"][value="-1"]`), chromedp.KeyEvent(kb.Enter))
	waitText(t, ctx, "#agenda-status", "zaterdag")
	col := eval[string](t, ctx, `document.querySelector('`+item+`').closest('.dcol').getAttribute('data-date')`)
	if want := day.AddDate(0, 0, -1).Format("2006-01-02"); col != want {
		t.Errorf("after a day earlier the item is in column %s, want %s", col, want)
	}
	// Without JavaScript's help the item page moves it too.
	href := eval[string](t, ctx, `document.querySelector('`+item+` a.ev-title').href`)
	do(t, ctx, chromedp.Navigate(href), chromedp.WaitVisible("#move-date"))
	if got := text(t, ctx, "main"); !strings.Contains(got, "Ria van Leeuwen") {
		t.Errorf("the item page does not list the colleague found:\n%s", got)
	}
	screenshot(t, ctx, "agenda-item")
	setValue(t, ctx, "#move-date", iso)
	submit(t, ctx, `form[action$="/move"] button[type=submit]`)
	if got := text(t, ctx, "main"); !strings.Contains(got, "De afspraak is verplaatst.") {
		t.Errorf("after moving from the item page:\n%s", got)
	}
	col = eval[string](t, ctx, `document.querySelector('`+item+`').closest('.dcol').getAttribute('data-date')`)
	if col != iso {
		t.Errorf("moved to %s, want %s", col, iso)
	}

	// With a mouse: dragged onto 14:00 of the same day.
	eval[bool](t, ctx, `(() => {
		const ev = document.querySelector('`+item+`');
		const col = document.querySelector('.dcol[data-date="`+iso+`"]');
		const grid = col.closest('[data-from]');
		const from = +grid.dataset.from, rows = +grid.dataset.rows;
		const rect = col.getBoundingClientRect();
		const y = rect.top + ((14 * 60 - from) / 15 + 0.5) * rect.height / rows;
		const dt = new DataTransfer();
		const at = {bubbles: true, cancelable: true, dataTransfer: dt, clientX: rect.left + 5, clientY: y};
		ev.dispatchEvent(new DragEvent('dragstart', at));
		col.dispatchEvent(new DragEvent('dragover', at));
		col.dispatchEvent(new DragEvent('drop', at));
		return true;
	})()`)
	waitText(t, ctx, item+" .ev-time", "14:00–15:00")
}

// The management assistant opens the side-by-side view: one column per
// principal she works for, each with that principal's day, and a week as a
// table of people and days.
func TestAgendaAssistantSeesPrincipalsSideBySide(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	login(t, ctx, s.URL, "assistant@demo.example")
	// The dashboard shows today in her own agenda and in her principals'.
	do(t, ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible("#h-agenda"))
	today := eval[string](t, ctx, `document.getElementById('h-agenda').closest('section').textContent.replace(/\s+/g, ' ')`)
	for _, want := range []string{"Vandaag", "Mijn agenda", "Hendrik van Dijk", "Naast elkaar bekijken"} {
		if !strings.Contains(today, want) {
			t.Errorf("the dashboard's today lacks %q: %s", want, today)
		}
	}
	screenshot(t, ctx, "dashboard-assistant")
	day := quietSunday()
	iso := day.Format("2006-01-02")

	// Something in each principal's agenda on that day, through the form.
	do(t, ctx, chromedp.Navigate(s.URL+"/agenda"), chromedp.WaitVisible("#who"))
	owners := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#who option')).map(o => o.value + '|' + o.textContent)`)
	var principals []string
	names := map[string]string{}
	for _, o := range owners[1:] { // the first is her own agenda
		id, name, _ := strings.Cut(o, "|")
		principals = append(principals, id)
		names[id] = name
	}
	if len(principals) < 2 {
		t.Fatalf("the assistant works for %v, want two principals", owners)
	}
	for i, id := range principals[:2] {
		do(t, ctx, chromedp.Navigate(s.URL+"/agenda/new?who="+id+"&date="+iso), chromedp.WaitVisible("#title"))
		do(t, ctx, chromedp.SendKeys(chromedp.ID("title"), "Afspraak voor "+names[id]))
		setValue(t, ctx, "#start_time", []string{"09:00", "13:00"}[i])
		setValue(t, ctx, "#end_time", []string{"10:30", "14:00"}[i])
		submit(t, ctx, "#save-item")
		if got := text(t, ctx, "main"); !strings.Contains(got, "Agenda van "+names[id]) {
			t.Fatalf("after saving for %s:\n%s", names[id], got)
		}
	}

	do(t, ctx, chromedp.Navigate(s.URL+"/agenda/side?date="+iso), chromedp.WaitVisible(".tgrid"))
	if got := text(t, ctx, "h1"); got != "Agenda's naast elkaar" {
		t.Fatalf("h1 %q", got)
	}
	heads := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.tg-head .tg-title')).map(e => e.textContent.trim())`)
	for _, id := range principals[:2] {
		if !contains(heads, names[id]) {
			t.Errorf("columns %v lack %s", heads, names[id])
		}
	}
	cols := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.dcol')).map(c => c.getAttribute('aria-label') + ': ' + c.textContent.replace(/\s+/g, ' '))`)
	for _, id := range principals[:2] {
		found := false
		for _, c := range cols {
			if strings.HasPrefix(c, names[id]+":") && strings.Contains(c, "Afspraak voor "+names[id]) {
				found = true
			}
		}
		if !found {
			t.Errorf("no column of %s with her appointment: %v", names[id], cols)
		}
	}
	screenshot(t, ctx, "agenda-side-day")

	// The week: a row per principal.
	do(t, ctx, chromedp.Click(`.view-switch a[href*="view=week"]`), chromedp.WaitVisible("table.side-week"))
	week := text(t, ctx, "table.side-week")
	for _, id := range principals[:2] {
		if !strings.Contains(week, names[id]) || !strings.Contains(week, "Afspraak voor "+names[id]) {
			t.Errorf("week table lacks %s:\n%s", names[id], week)
		}
	}
	screenshot(t, ctx, "agenda-side-week")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// waitText waits until the element's text contains want.
func waitText(t *testing.T, ctx context.Context, css, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css), chromedp.AtLeast(0)))
		if err == nil && strings.Contains(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s says %q, want %q", css, got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// eval runs a JavaScript expression in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}
