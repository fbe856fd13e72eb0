package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// quietTuesday is a Tuesday about ten weeks ahead, in Amsterdam, that the
// demo's bookings leave free.
func quietTuesday() time.Time {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	d := time.Now().In(loc).AddDate(0, 0, 70)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// An employee finds a free room with video for an hour, books it from the
// room finder's link, and sees it on the room's week with their name; a
// colleague who tries the same hour is told the room is already booked and
// keeps what they typed.
func TestRoomBookingAndDoubleBooking(t *testing.T) {
	s := startDemo(t)
	browser := newBrowser(t)
	daan := browser()
	login(t, daan, s.URL, "employee@demo.example")
	iso := quietTuesday().Format("2006-01-02")
	do(t, daan, chromedp.Navigate(s.URL+"/rooms?date="+iso+"&from=10:00&until=11:00&capacity=6&equipment=video"),
		chromedp.WaitVisible(chromedp.ID("h-find")))
	href, err := chromedp.Run(daan, chromedp.Evaluate[string](
		`[...document.querySelectorAll('main a')].find(a => a.closest('tr') && a.closest('tr').textContent.includes('Vergaderkamer Rembrandt') && a.href.includes('#book')).href`))
	if err != nil || !strings.Contains(href, "date="+iso) {
		t.Fatalf("no booking link for Rembrandt in the finder (%q, %v):\n%s", href, err, text(t, daan, "main"))
	}
	do(t, daan, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), "Werkoverleg"), chromedp.SendKeys(chromedp.ID("attendees"), "5"))
	submit(t, daan, `form[action$="/bookings"] button[type=submit]`)
	if got := text(t, daan, "main"); !strings.Contains(got, "De ruimte is geboekt.") {
		t.Fatalf("after booking:\n%s", got)
	}
	// The booking stands on Tuesday in the room's week, with the booker.
	if got := tuesday(t, daan); !strings.Contains(got, "10:00–11:00 Werkoverleg — geboekt door Daan de Jong") {
		t.Fatalf("Tuesday in the room's week reads:\n%s", got)
	}
	screenshot(t, daan, "room-booked")

	maarten := browser()
	login(t, maarten, s.URL, "manager@demo.example")
	do(t, maarten, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.ID("title")))
	// The colleague sees who has the room before trying.
	if got := tuesday(t, maarten); !strings.Contains(got, "10:00–11:00 Werkoverleg — geboekt door Daan de Jong") {
		t.Fatalf("the colleague's view of Tuesday:\n%s", got)
	}
	do(t, maarten, chromedp.SendKeys(chromedp.ID("title"), "Sectieoverleg"))
	res, err := chromedp.RunResponse(maarten, chromedp.Click(chromedp.CSS(`form[action$="/bookings"] button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 409 {
		t.Errorf("double booking answered %d, want 409", res.Status)
	}
	if got := text(t, maarten, "#book .alert"); got != "de ruimte is op dat moment al geboekt" {
		t.Errorf("conflict message %q", got)
	}
	if got, _ := chromedp.Run(maarten, chromedp.Value(chromedp.ID("title"))); got != "Sectieoverleg" {
		t.Errorf("title lost after the refusal: %q", got)
	}
	// Nothing was booked: Tuesday still has Daan's booking only.
	if got := tuesday(t, maarten); strings.Contains(got, "Sectieoverleg") || strings.Count(got, "10:00–11:00") != 1 {
		t.Errorf("Tuesday after the refusal:\n%s", got)
	}
	screenshot(t, maarten, "room-double-booking")
}

// tuesday is the text of Tuesday's row in the room's week on the page.
func tuesday(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `(() => {
		const tr = [...document.querySelectorAll('table.room-week tbody tr')].find(tr => tr.querySelector('th').textContent.trim().startsWith('dinsdag'));
		return tr ? tr.querySelector('td').innerText.replace(/\s+/g, ' ').trim() : '';
	})()`)
}
