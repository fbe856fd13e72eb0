package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// soonWorkday is a working day about a week and a half ahead, in
// Amsterdam: within the dashboard's two-week checklist.
func soonWorkday() time.Time {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	d := time.Now().In(loc).AddDate(0, 0, 10)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// Lotte plans a meeting for Hendrik van Dijk with a room, asks the slot
// finder for times when everyone and the room are free, adds an agenda
// item, and finds the meeting on her dashboard's preparation checklist with
// the room booked, the invitations still to send and the agenda complete.
func TestMeetingWithRoomOnTheAssistantsChecklist(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	login(t, ctx, s.URL, "assistant@demo.example")
	iso := soonWorkday().Format("2006-01-02")

	do(t, ctx, chromedp.Navigate(s.URL+"/meetings/new"), chromedp.WaitVisible("#title"))
	do(t, ctx, chromedp.SendKeys(chromedp.ID("title"), "Strategiesessie kantoor Zuidas"))
	eval[bool](t, ctx, `(() => {
		const pick = (id, label) => { const s = document.getElementById(id); const o = [...s.options].find(o => o.text.startsWith(label)); s.value = o.value; return true; };
		return pick('organizer', 'Hendrik van Dijk') && pick('room_id', 'Projectruimte');
	})()`)
	setValue(t, ctx, "#date", iso)
	setValue(t, ctx, "#start_time", "17:00")
	setValue(t, ctx, "#end_time", "18:00")
	setValue(t, ctx, "#slot_from", iso)
	do(t, ctx, chromedp.SendKeys(chromedp.ID("ext_name_0"), "Peter Veldhuis"), chromedp.SendKeys(chromedp.ID("ext_email_0"), "p.veldhuis@veldhuisbouw.example"))

	// The slot finder offers times with the chosen room.
	submit(t, ctx, `button[name="suggest"]`)
	if got := text(t, ctx, "#slots"); !strings.Contains(got, "Projectruimte") {
		t.Fatalf("no suggestion with the room:\n%s", got)
	}
	if got := eval[string](t, ctx, `document.getElementById('title').value`); got != "Strategiesessie kantoor Zuidas" {
		t.Fatalf("the title was lost by the slot finder: %q", got)
	}
	// Back to 17:00, then plan it.
	setValue(t, ctx, "#start_time", "17:00")
	setValue(t, ctx, "#end_time", "18:00")
	setValue(t, ctx, "#date", iso)
	submit(t, ctx, `form[action="/meetings"] .actions button[type=submit]`)
	main := text(t, ctx, "main")
	if !strings.Contains(main, "De vergadering is gepland.") || !strings.Contains(main, "Projectruimte") || !strings.Contains(main, "Peter Veldhuis") {
		t.Fatalf("after planning:\n%s", main)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.ID("topic"), "Huisvesting na 2027"))
	setValue(t, ctx, "#planned_minutes", "45")
	eval[bool](t, ctx, `(() => { document.querySelector('form[action$="/items"]').requestSubmit(); return true })()`)
	waitText(t, ctx, "#items ol", "Huisvesting na 2027")
	screenshot(t, ctx, "meeting-planned")

	do(t, ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible("#h-meeting-checklist"))
	var item string
	item = eval[string](t, ctx, `[...document.querySelectorAll('.meeting-checklist .checklist > li')].map(li => li.innerText).find(t => t.includes('Strategiesessie kantoor Zuidas')) || ''`)
	for _, want := range []string{"Hendrik van Dijk", "Ruimte geboekt: Projectruimte", "Uitnodigingen nog niet verstuurd", "Agenda compleet: 1 punt", "Nog geen documenten"} {
		if !strings.Contains(item, want) {
			t.Errorf("checklist entry lacks %q:\n%s", want, item)
		}
	}
	screenshot(t, ctx, "meeting-checklist")
}
